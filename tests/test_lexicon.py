"""The phrase lexicon: one pass that picks the tokens a match can start from finds exactly what a
scan of every token finds."""

from __future__ import annotations

from pathlib import Path

from armstrack import gazetteer
from armstrack.lexicon import Entry, Lexicon, find_each, tokenize

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
    lexicon.add("Rafale", Entry(kind="weapon_system", canonical="Rafale", plural=True))
    assert lexicon.starters() == {"leopard", "leopards", "rafale", "rafales"}
    text = "Three Rafales and two Leopard 2s arrived."
    tokens = tokenize(text)
    assert [m.entry.canonical for m in find_each(text, tokens, [lexicon])] == [
        "Rafale",
        "Leopard 2",
    ]
