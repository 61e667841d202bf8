"""Any text or bytes: either records that hold together, or the documented error. Never a crash."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armstrack.article import ArticleError, parse_article
from armstrack.extract import extract
from armstrack.records import DEAL_STATUSES, EVENT_TYPES

WORDS = [
    "Turkey", "Russia", "Moscow", "signed", "a", "contract", "for", "S-400", "Rafale", "jets",
    "from", "France", "to", "Egypt", "on", "Monday", "in", "May", "2015", "by", "year's", "end",
    "no", "earlier", "than", "2018", "the", "2020s", "delivered", "talks", "with", "said", ",",
    ".", '"', "$2.5", "billion", "four", "batteries", "will", "likely", "cancelled", "Feb", "29",
    "30", "the first quarter of next year", "mid-2020", "Q4", "last week", "Kyiv", "Seoul",
]  # fmt: skip
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)


def _check(text: str | bytes, published: date) -> None:
    try:
        article = parse_article(text, published=published)
    except ArticleError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    result = extract(article)
    for m in result.mentions:
        assert article.text[m.start : m.end] == m.text
    for e in result.events:
        assert e.type in EVENT_TYPES
        assert (
            article.text[e.evidence.start : e.evidence.end].split() == e.evidence.sentence.split()
        )
        if e.date and e.date.earliest and e.date.latest:
            assert e.date.earliest <= e.date.latest
    for d in result.deals:
        assert d.status in DEAL_STATUSES
        assert d.supplier != d.recipient


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=sentences, published=st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_word_salad_never_crashes(text: str, published: date) -> None:
    _check(text, published)


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=400))
def test_any_bytes_never_crash(raw: bytes) -> None:
    _check(raw, date(2020, 1, 1))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_never_crashes(text: str) -> None:
    _check(text, date(2020, 1, 1))
