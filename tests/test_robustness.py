"""Any text or bytes: either records that hold together, or the documented error. Never a crash."""

from __future__ import annotations

from datetime import date

from hypothesis import given
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
    for d in [*result.deals, *result.review]:
        assert d.status in DEAL_STATUSES
        assert d.supplier != d.recipient
        for when in (d.order_date, d.delivery_date):
            if when and when.earliest and when.latest:
                assert when.earliest <= when.latest
        assert d.confidence is None or 0.0 <= d.confidence <= 1.0


@given(text=sentences, published=st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_word_salad_never_crashes(text: str, published: date) -> None:
    _check(text, published)


@given(raw=st.binary(max_size=400))
def test_any_bytes_never_crash(raw: bytes) -> None:
    _check(raw, date(2020, 1, 1))


@given(text=st.text(max_size=300))
def test_any_text_never_crashes(text: str) -> None:
    _check(text, date(2020, 1, 1))


# --- real-style articles, mutated --------------------------------------------------------------

from pathlib import Path  # noqa: E402

from armstrack.tools.scale import extract_many  # noqa: E402

_TRAINING = Path(__file__).resolve().parent.parent / "data" / "training" / "articles"
_BASES = [p.read_text(encoding="utf-8") for p in sorted(_TRAINING.glob("*.txt"))[:40]]
_HOSTILE = [
    "\u202e", "\u200b", "\u2066", "🚀", "e\u0301", "\x00", "\ufeff", "﷽", "𝕊-𝟜𝟘𝟘",
    "the year after 9999-12-31", "since early 2099", "on February 30, 2024", "in the year 0",
    "in 10000 BC", "by 31/31/2031", "999999999999999999999 billion dollars", "10^100 jets",
    "from 2030 to 2010", "no earlier than 9999", "Q9 2024", "the 990s", "-5 F-16s",
]  # fmt: skip


def _front_matter(body: str, published: str) -> str:
    return f"---\ntitle: Fuzzed\npublished: {published}\n---\n\n{body}"


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    text = draw(st.sampled_from(_BASES)).partition("\n\n")[2]
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["cut", "duplicate", "inject", "swap"]))
        at = draw(st.integers(0, max(0, len(text) - 1)))
        if action == "cut":
            text = text[:at]
        elif action == "duplicate":
            text = text[:at] + text[at // 2 : at] + text[at:]
        elif action == "inject":
            text = text[:at] + " " + draw(st.sampled_from(_HOSTILE)) + " " + text[at:]
        else:
            text = text.replace("2019", draw(st.sampled_from(["9999", "0001", "2099", "1066"])))
    published = draw(
        st.sampled_from(["2024-06-01", "2099-13-45", "1900-01-01", "9999-12-31", "0000-00-00", ""])
    )
    return _front_matter(text, published).encode("utf-8", "surrogatepass")


@given(raw=_mutated())
def test_mutated_real_style_articles_never_crash(raw: bytes) -> None:
    """Cut, duplicated, injected and date-swapped articles give records or one error record;
    every interval is ordered."""
    for record in extract_many([("fuzzed.md", raw)]):
        if record["kind"] == "error":
            assert record["evidence"] and "\n" not in str(record["evidence"])
            continue
        earliest, latest = record.get("date_earliest"), record.get("date_latest")
        if earliest and latest:
            assert str(earliest) <= str(latest), record
    _check(raw, date(2024, 6, 1))


from armstrack.ingest import preview  # noqa: E402


@given(raw=_mutated())
def test_mutated_uploads_preview_with_a_reason_never_a_crash(raw: bytes) -> None:
    """The Add article path: a mutated upload previews, or is refused with its own reason; no
    exception reaches the catch-all that keeps the other uploads safe."""
    shown = preview(raw, "fuzzed.md")
    if shown.error:
        assert shown.error.startswith("fuzzed.md") and "could not be extracted" not in shown.error
        return
    assert shown.result is not None
    for interval in shown.result.dates:
        if interval.earliest and interval.latest:
            assert interval.earliest <= interval.latest, interval


# --- the collector's setting while articles are read ------------------------------------------

import gc  # noqa: E402
import threading  # noqa: E402

import pytest  # noqa: E402

from armstrack.extract import pipeline  # noqa: E402


def test_the_collectors_setting_comes_back_after_every_reading() -> None:
    before = gc.get_threshold()
    gc.set_threshold(900, 11, 12)
    try:
        article = parse_article(
            "Chile bought 12 F-16 jets from the United States.", published=date(2024, 6, 1)
        )
        extract(article)
        assert gc.get_threshold() == (900, 11, 12)
        with pytest.raises(ArticleError, match="time budget"):
            extract(article, budget_s=0.0)
        assert gc.get_threshold() == (900, 11, 12)
        # Two readers at once: the setting comes back when the last one is done.
        inside, release = threading.Event(), threading.Event()

        def reader() -> None:
            with pipeline._fewer_collections():
                inside.set()
                release.wait(10)

        other = threading.Thread(target=reader)
        other.start()
        assert inside.wait(10)
        extract(article)
        assert gc.get_threshold() == (pipeline.YOUNG_OBJECTS, 11, 12)
        release.set()
        other.join(10)
        assert gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*before)
