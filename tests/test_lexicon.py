"""The phrase lexicon: one pass that picks the tokens a match can start from finds exactly what a
scan of every token finds."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from armstrack import gazetteer
from armstrack.lexicon import Entry, Lexicon, find_each, fold, tokenize

ARTICLES = Path(__file__).parent / "articles"

ODD = (
    "F-16s and F16V jets, the Su-30MKI, Rafales. the united states, UNITED KINGDOM, Türkiye's "
    "Baykar. S-400s at Ankara; Ministry of Defence of the Argentine Republic; s s ss sss"
)


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.md"))[:12]]
    return [*texts, ODD, "", "s"]


def test_find_each_matches_every_lexicons_full_scan() -> None:
    lexicons = (
        gazetteer.weapon_lexicon(),
        gazetteer.organization_lexicon(),
        gazetteer.country_lexicon(),
        gazetteer.city_lexicon(),
    )
    found = 0
    for text in _texts():
        tokens = tokenize(text)
        expected = [m for lexicon in lexicons for m in lexicon.find(text, tokens)]
        assert find_each(text, tokens, lexicons) == expected
        found += len(expected)
    assert found > 200  # the texts do name things


def test_starters_are_first_words_and_their_plurals_and_follow_additions() -> None:
    lexicon = Lexicon()
    lexicon.add("Leopard 2", Entry(kind="weapon_system", canonical="Leopard 2", plural=True))
    assert lexicon.starters() == {"leopard", "leopards"}
    text = "Three Rafales and two Leopard 2s arrived."
    assert [m.entry.canonical for m in find_each(text, tokenize(text), [lexicon])] == ["Leopard 2"]
    lexicon.add("Rafale", Entry(kind="weapon_system", canonical="Rafale", plural=True))
    assert lexicon.starters() == {"leopard", "leopards", "rafale", "rafales"}
    tokens = tokenize(text)
    assert [m.entry.canonical for m in find_each(text, tokens, [lexicon])] == [
        "Rafale",
        "Leopard 2",
    ]


def _scanned(text: str, start: int = 0, end: int | None = None) -> list[tuple[object, ...]]:
    """Tokens as a scan of the token pattern gives them, one match at a time."""
    out: list[tuple[object, ...]] = []
    before = start
    stop = len(text) if end is None else end
    for match in re.finditer(r"[^\W\d_]+|\d+(?:[.,]\d+)*", text[:stop]):
        if match.start() < start:
            continue
        word = match.group()
        out.append((match.start(), match.end(), word, fold(word), text[before : match.start()]))
        before = match.end()
    return out


@settings(max_examples=300)
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=80)
    | st.from_regex(r"[A-Za-z0-9 ,.\-’é]{0,60}", fullmatch=True),
    cut=st.tuples(st.integers(0, 90), st.integers(0, 90)),
)
def test_tokens_are_those_of_a_scan_match_by_match(text: str, cut: tuple[int, int]) -> None:
    assert [tuple(t) for t in tokenize(text)] == _scanned(text)
    start, end = min(min(cut), len(text)), max(cut)
    if start == 0 or not any(ch.isalnum() for ch in text[start - 1 : start + 1]):
        # a stretch that starts between tokens holds the same tokens as the whole text there
        assert [tuple(t) for t in tokenize(text, start, end)] == _scanned(text, start, end)


def test_tokens_split_letters_from_digits_and_keep_what_lies_between() -> None:
    tokens = tokenize("Su-30MKI jets, 1,200.5 units — Çelik’s F16s", 0)
    assert [(t.text, t.key, t.gap) for t in tokens] == [
        ("Su", "su", ""),
        ("30", "30", "-"),
        ("MKI", "mki", ""),
        ("jets", "jets", " "),
        ("1,200.5", "1,200.5", ", "),
        ("units", "units", " "),
        ("Çelik", "celik", " — "),
        ("s", "s", "’"),
        ("F", "f", " "),
        ("16", "16", ""),
        ("s", "s", ""),
    ]
    assert tokens[4].start == 15 and tokens[4].end == 22
    assert tokenize("abc def ghi", 4, 7)[0][:3] == (4, 7, "def")
    assert tokenize("") == [] and tokenize("  ...  ") == []
