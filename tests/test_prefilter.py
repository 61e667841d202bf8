"""The needle check in front of the extractor's patterns never changes what they find."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import armstrack.extract
from armstrack.extract import memo, prefilter
from armstrack.extract.patterns import DATE_PATTERN
from armstrack.extract.prefilter import Prefiltered, needles_of
from armstrack.extract.systems import starts_of_sentences
from tests.conftest import ARTICLES


def _extractor_patterns() -> list[prefilter.Pattern]:
    """Every compiled pattern a module of the extractor holds, alone or in a table."""
    found: dict[int, prefilter.Pattern] = {}
    for module in pkgutil.iter_modules(armstrack.extract.__path__):
        values = vars(importlib.import_module(f"armstrack.extract.{module.name}")).values()
        for value in values:
            items = value if isinstance(value, tuple | list) else (value,)
            for item in items:
                for part in item if isinstance(item, tuple) else (item,):
                    if isinstance(part, re.Pattern | Prefiltered):
                        found[id(part)] = part
    return list(found.values())


def _texts() -> list[str]:
    texts = []
    for path in sorted(ARTICLES.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        texts.extend(line for line in text.splitlines() if line.strip())
    # Letters a case-insensitive pattern equates with ASCII ones, and text in other cases.
    texts += [
        "The ſale was SIGNED; Iſrael CANCELLED the Deal.",
        "Poland\x1csigned\x1fa contract to buy\x1e48 K2 tanks;\x1dthe deal was cancelled.",
        "Türkiye's İSTANBUL yard delivered the ship; the contract ıs signed.",
        "SIGNED A CONTRACT FOR 12 F-16S WORTH $1.2 BILLION ON 3 MARCH 2021.",
    ]
    return texts


def test_most_patterns_have_needles() -> None:
    patterns = _extractor_patterns()
    with_needles = [p for p in patterns if isinstance(p, Prefiltered)]
    assert len(patterns) > 200
    assert len(with_needles) > len(patterns) // 2


def test_a_prefiltered_pattern_finds_what_the_pattern_finds() -> None:
    texts = _texts()
    checked = 0
    for pattern in _extractor_patterns():
        if not isinstance(pattern, Prefiltered):
            continue
        raw = pattern.compiled
        for text in texts:
            spans = [m.span() for m in pattern.finditer(text)]
            assert spans == [m.span() for m in raw.finditer(text)], (pattern, text)
            hit, raw_hit = pattern.search(text), raw.search(text)
            assert (hit and (hit.span(), hit.groups())) == (
                raw_hit and (raw_hit.span(), raw_hit.groups())
            ), (pattern, text)
            assert [m.groups() for m in pattern.finditer(text)] == [
                m.groups() for m in raw.finditer(text)
            ]
            assert pattern.sub("#", text) == raw.sub("#", text)
            checked += bool(spans)
    assert checked > 1000  # the texts exercise the patterns, not only their misses


def test_needles_are_words_every_match_holds() -> None:
    assert needles_of(r"\bsign(?:ed|s)?\s+(?:a\s+)?contract|contract\s+was\s+signed") == (
        "contract",
    )
    assert needles_of(r"\b(?:buy|purchas(?:e|ed))\b", re.I) == ("buy", "purchase")
    # An alternative with no literal, an optional word or a short one: no needle to check.
    assert needles_of(r"\d+|tanks") is None
    assert needles_of(r"(?:tanks)?\s+\w+") is None
    assert needles_of(r"\b(?:an?|the)\b") is None


def test_a_case_insensitive_pattern_reads_folded_text_with_a_lowered_copy() -> None:
    source = r"(?P<Verb>Signed|INKED)\s+\W?\b[A-Z]\w+(?P=Verb)?"
    assert prefilter.lowered_source(source) == r"(?P<Verb>signed|inked)\s+\W?\b[a-z]\w+(?P=Verb)?"
    pattern = prefilter.compile(source, re.I)
    assert isinstance(pattern, Prefiltered) and pattern.lowered is not None
    text = "Kyiv SIGNED İt; they Inked Deals and signed ſome."
    assert [m.span() for m in pattern.finditer(text)] == [
        m.span() for m in pattern.compiled.finditer(text)
    ]
    assert [m.group(0) for m in pattern.finditer(text)] == [
        "SIGNED İt",
        "Inked Deals",
        "signed ſome",
    ]
    # A character given by its code or a letter with a case outside ASCII: no lowered copy.
    assert prefilter.lowered_source(r"\x41rms") is None
    assert prefilter.lowered_source(r"Türkiye") is None
    assert prefilter.lowered_source(r"€\s?\d+") == r"€\s?\d+"


def test_text_with_separator_characters_is_not_read_in_ascii_mode() -> None:
    """Unicode `\\s` takes the ASCII separators \\x1c-\\x1f for space; ASCII mode does not."""
    pattern = prefilter.compile(r"\bsigned\s+(?:a\s+)?contract", re.I)
    assert isinstance(pattern, Prefiltered) and pattern.lowered is not None
    for text in ("They Signed\x1ca contract.", "They signed a contract.", "Signed\ncontract"):
        hit, raw = pattern.search(text), pattern.compiled.search(text)
        assert hit is not None and raw is not None and hit.span() == raw.span(), text


def test_a_first_character_look_ahead_keeps_every_match() -> None:
    """`led` over every pattern of the extractor (not only those compiled with it), read by the
    engine both ways over the same texts."""
    texts = _texts()
    led = 0
    for pattern in _extractor_patterns():
        source = prefilter.led(pattern.pattern, pattern.flags)
        if source == pattern.pattern:
            continue
        led += 1
        raw, ahead = re.compile(pattern.pattern, pattern.flags), re.compile(source, pattern.flags)
        for text in texts:
            assert [(m.span(), m.groups()) for m in raw.finditer(text)] == [
                (m.span(), m.groups()) for m in ahead.finditer(text)
            ], (pattern.pattern, text)
    assert led > 100


def _matches_as_the_pattern_does(pattern: Prefiltered, text: str, pos: int) -> bool:
    """`match_folded` at one place gives the pattern's own match there; whether it matched."""
    hit = prefilter.match_folded(pattern, text, pos)
    raw = pattern.compiled.match(text, pos)
    assert (hit and (hit.span(), hit.groups())) == (raw and (raw.span(), raw.groups())), (
        pattern.pattern,
        text,
        pos,
    )
    return hit is not None


def test_a_match_ruled_out_on_folded_text_is_the_patterns_own() -> None:
    """At every place of a text a search has just folded, and of one it has not."""
    texts = _texts()
    texts = texts[:30] + texts[-4:]
    tried = 0
    for pattern in _extractor_patterns():
        if not isinstance(pattern, Prefiltered) or pattern.lowered is None:
            continue
        for text in texts:
            for folded_last in (True, False):
                pattern.search(text if folded_last else "")
                for pos in range(0, len(text), 3):
                    tried += _matches_as_the_pattern_does(pattern, text, pos)
    assert tried > 500


def test_the_look_ahead_is_left_out_where_first_characters_are_unknown() -> None:
    for source in (r"a*", r"(?:x|)", r"[^a]b", r".b", r"(?i:abc)d", r"(?i)abc", r"(a)?\1b"):
        assert prefilter.led(source) == source
    # Characters a class gives a meaning of their own are written so it keeps them literal.
    source = prefilter.led(r"(?<!\w)(?:[\]\-^]x|\\y|-z|\^w)")
    assert source.startswith("(?=[")
    text = "a]x -x ^x \\y -z ^w bx"
    raw = re.compile(r"(?<!\w)(?:[\]\-^]x|\\y|-z|\^w)")
    assert [m.span() for m in re.finditer(source, text)] == [m.span() for m in raw.finditer(text)]
    assert len(raw.findall(text)) == 5
    assert prefilter.compile(r"(?:[A-Z]\w+\s+)?Minister", lead=True).pattern.startswith("(?=[")


def test_case_insensitive_patterns_see_letters_that_fold_to_ascii() -> None:
    pattern = prefilter.compile(r"\bsale\b", re.I)
    assert isinstance(pattern, Prefiltered)
    assert pattern.search("the ſale went ahead") is not None
    assert prefilter.compile(r"\bistanbul\b", re.I).search("in İstanbul today") is not None
    assert prefilter.compile(r"\bsale\b", re.I).search("no such word") is None


def test_the_fold_table_covers_every_character() -> None:
    """Checked over all of Unicode, not only the plane the table is built from."""
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    equated = 0
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for ch in re.findall(letter, every, re.I):
            assert prefilter.fold(ch) == letter, ch
            equated += 1
    assert equated >= 4  # the Kelvin sign, the long s, the dotted and dotless i


def test_folding_keeps_every_characters_place_and_kind() -> None:
    """Folded text splits into words exactly where the text does, so word positions found in
    it are the text's own."""
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    every += string.printable
    folded = prefilter.fold(every)
    assert len(folded) == len(every)
    for kind in (r"\w", r"[\w’'/-]", r"\s", r"\d"):
        assert [m.start() for m in re.finditer(kind, folded)] == [
            m.start() for m in re.finditer(kind, every)
        ], kind


def test_memo_forgets_at_each_article() -> None:
    calls: list[str] = []

    @memo.per_article
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    assert length("abc") == length("abc") == 3
    assert calls == ["abc"]
    memo.new_article()
    assert length("abc") == 3
    assert calls == ["abc", "abc"]


def test_every_cue_of_the_extractor_is_compiled_with_its_needle_check() -> None:
    """A cue added with `re.compile` would run on every sentence: the extractor's modules use
    `prefilter.compile` (which gives plain patterns where no needle helps)."""
    folder = Path(armstrack.extract.__path__[0])
    for module in sorted(folder.glob("*.py")):
        if module.name == "prefilter.py":
            continue
        assert "re.compile(" not in module.read_text(encoding="utf-8"), module.name


@settings(max_examples=500)
@given(st.text(alphabet='.!?:;\n"”’)“‘( \tab', max_size=14) | st.text(max_size=30))
def test_sentence_starts_are_those_of_the_one_pattern_they_were_written_from(text: str) -> None:
    """Written to begin with the stop, so the engine skips to each stop; the places are those
    of the plain pattern that tries every place."""
    plain = re.compile(r"(?:\A|[.!?:;\n][\"”’)]?\s+|\n)[\"“‘(]?")
    assert starts_of_sentences(text) == {m.end() for m in plain.finditer(text)}


def test_an_alternation_tries_only_what_the_character_there_can_begin() -> None:
    """`match_folded` of an alternation, with only the alternatives a place's character can
    begin, gives the pattern's own match at every place: of the date alternation over our
    articles and odd text, and of a small one whose alternatives begin in every way."""
    lines = _texts()
    texts = [*lines[:200], *lines[-4:], "ſpring 2020, İn 3 weeks; Q3 FY24 — 1990s", "", "ÄÖ 2020s"]
    small = prefilter.alternation(
        [
            r"(?P<a>sale)s?",
            r"\d+\s+jets",
            r"(?<!\w)x\w",
            r"(?:the\s+)?deal",
            r"(?:k|)z",
            r"[^\W\d]b",
        ],
        re.I,
        prefix=r"\b",
    )
    assert isinstance(small, Prefiltered) and small.alternatives is not None
    kept = {}
    for pattern, least in ((DATE_PATTERN, 100), (small, 7)):
        assert isinstance(pattern, Prefiltered)
        hits = 0
        for text in [*texts, "Sales of 12 jets, THE deal, xy and ab, z or kz."]:
            pattern.search(text)  # folds the text, as a search over the sentence would
            for pos in range(len(text) + 1):
                hits += _matches_as_the_pattern_does(pattern, text, pos)
        assert hits >= least  # every alternative of the small one matches in the last text
        kept[pattern.pattern] = {
            first: copy.pattern.count("|") for (first, _), copy in pattern.by_first.items()
        }
    # The copies for a character are shorter than the whole alternation.
    date_copies = kept[DATE_PATTERN.pattern]
    assert date_copies["t"] < DATE_PATTERN.pattern.count("|") / 2


def test_where_matches_start_is_read_without_the_matches() -> None:
    texts = _texts()
    texts = texts[:60] + texts[-4:]
    found = 0
    for pattern in _extractor_patterns():
        for text in texts:
            raw = pattern.compiled if isinstance(pattern, Prefiltered) else pattern
            expected = [m.start() for m in raw.finditer(text)]
            assert prefilter.starts(pattern, text) == expected, (pattern.pattern, text)
            found += len(expected)
    assert found > 1000


def test_warming_up_compiles_every_copy_a_letter_or_digit_can_need() -> None:
    prefilter.warm_up()
    wanted = {(c, plain) for c in string.ascii_lowercase + string.digits for plain in (True, False)}
    assert isinstance(DATE_PATTERN, Prefiltered)
    assert wanted <= set(DATE_PATTERN.by_first)


def test_an_alternation_after_a_prefix_of_its_own_characters_tries_the_whole_copy() -> None:
    """A prefix that takes characters ("on ") puts another character at the place than the
    alternatives' first: no copies by character, and matches stay the pattern's own."""
    pattern = prefilter.alternation([r"monday", r"(?P<n>\d+)\s+may"], re.I, prefix=r"on\s+")
    assert isinstance(pattern, Prefiltered) and pattern.alternatives is None
    text = "Signed on Monday, on 3 May and ON MONDAY."
    pattern.search(text)
    hits = sum(_matches_as_the_pattern_does(pattern, text, pos) for pos in range(len(text) + 1))
    assert hits == 3
    look_behind = prefilter.alternation([r"monday", r"tuesday"], re.I, prefix=r"(?<=on\s)\b")
    assert isinstance(look_behind, Prefiltered) and look_behind.alternatives is not None
