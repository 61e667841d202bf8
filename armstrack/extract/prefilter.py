"""Regular expressions that skip text which cannot match.

Most of the extractor's time goes to cue patterns searched over sentences that hold none of their
words. `compile` reads a pattern once and finds the literal words every match must contain (any
one of a small set: "sign" or "contract" in "sign(?:ed|s)? (?:a )?contract|contract was signed").
A search over text whose folded form holds none of them returns no match without running the
pattern. The answer is always the pattern's own: the check only rules out text that could not
match, so results are identical with and without it.

A case-insensitive pattern also gets a case-sensitive copy of itself that searches the folded
text (Python's engine is several times slower when it ignores case), in ASCII mode where the text
allows; each place the copy finds is matched again by the pattern itself, so every match is the
pattern's own. Patterns with neither needles nor a copy are returned as plain `re.Pattern`s.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Callable, Iterator

# The standard `re` module's own parser (Python 3.11 and later).
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any

# A needle shorter than this is in nearly every sentence: checking it saves nothing.
MIN_NEEDLE = 3
# Long needles are cut to this length: fewer, shorter needles cover an alternation's inflections.
MAX_NEEDLE = 8

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)


def _fold_table() -> dict[str, str]:
    """Every non-ASCII character a case-insensitive pattern matches with an ASCII letter, whose
    lower case is not that letter alone ("ſ" with "s", "İ" with "i"), mapped to the letter, so
    folded text keeps every place a pattern's ASCII words could match."""
    chars = "".join(chr(i) for i in range(0x80, 0x10000) if not 0xD800 <= i <= 0xDFFF)
    table: dict[str, str] = {}
    for letter in string.ascii_lowercase:
        for ch in re.findall(letter, chars, re.I):
            if ch.lower() != letter:
                table[ch] = letter
    return table


_FOLD = tuple(_fold_table().items())


def fold(text: str) -> str:
    """The text as the needles are compared with it: lower case, with the non-ASCII letters a
    case-insensitive pattern equates with ASCII ones written as those."""
    if not text.isascii():
        for ch, letter in _FOLD:
            if ch in text:
                text = text.replace(ch, letter)
    return text.lower()


def _single_literal(op: Any, av: Any) -> int | None:
    """The code of a one-character class ("[s]"), or of a literal."""
    if op is _c.LITERAL:
        return int(av)
    if op is _c.IN and len(av) == 1 and av[0][0] is _c.LITERAL:
        return int(av[0][1])
    return None


def _needles(items: Any) -> set[str] | None:
    """Strings one of which every match of the sequence contains (None: no such set known)."""
    options: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append({"".join(run)})
            run.clear()

    for op, av in items:
        code = _single_literal(op, av)
        if code is not None and code < 128:
            run.append(chr(code).lower())
            continue
        if op is _c.AT:
            continue  # \b, \A: zero-width, the characters either side stay next to each other
        flush()
        sub: set[str] | None = None
        if op is _c.SUBPATTERN:
            sub = _needles(av[-1])
        elif _ATOMIC is not None and op is _ATOMIC:
            sub = _needles(av)
        elif op is _c.BRANCH:
            parts = [_needles(branch) for branch in av[1]]
            if all(part is not None for part in parts):
                sub = set().union(*(part for part in parts if part is not None))
        elif op in _REPEATS and av[0] >= 1:
            sub = _needles(av[2])
        if sub is not None:
            options.append(sub)
    flush()
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _minimal(needles: set[str]) -> tuple[str, ...]:
    """The needles cut to MAX_NEEDLE characters, without any that holds another (a text holding
    the longer one holds the shorter)."""
    cut = {n[:MAX_NEEDLE] for n in needles}
    return tuple(sorted(n for n in cut if not any(o != n and o in n for o in cut)))


def needles_of(
    pattern: str, flags: int = 0, min_needle: int = MIN_NEEDLE
) -> tuple[str, ...] | None:
    """The folded strings one of which every match of `pattern` contains, or None."""
    found = _needles(_sre_parse.parse(pattern, flags))
    if not found or min(map(len, found)) < min_needle:
        return None
    return _minimal(found)


# The parts of a pattern's source that are not literal letters: escapes, group names.
_SOURCE_PART = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|.", re.S)


def lowered_source(pattern: str) -> str | None:
    """A case-insensitive pattern written for folded text: its literal letters in lower case,
    escapes and group names as they were. None where that could change what it matches (a
    character given by its code, inline flags, a non-ASCII letter with a case)."""
    if re.search(r"\\[xuUN0-7]|\(\?[aiLmsux-]+[):]", pattern) or any(
        ch.lower() != ch or ch.upper() != ch for ch in pattern if not ch.isascii()
    ):
        return None
    parts = []
    for part in _SOURCE_PART.findall(pattern):
        parts.append(part.lower() if len(part) == 1 else part)
    return "".join(parts)


_CATEGORY_CLASS = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
    _c.CATEGORY_UNI_DIGIT: r"\d", _c.CATEGORY_UNI_NOT_DIGIT: r"\D",
    _c.CATEGORY_UNI_SPACE: r"\s", _c.CATEGORY_UNI_NOT_SPACE: r"\S",
    _c.CATEGORY_UNI_WORD: r"\w", _c.CATEGORY_UNI_NOT_WORD: r"\W",
}  # fmt: skip


def _class_char(code: int) -> str:
    ch = chr(code)
    return ch if ch.isalnum() or not ch.isascii() else "\\" + ch


def _first_chars(items: Any) -> tuple[list[str], bool] | None:
    """The class items one of which a match of the sequence starts with, and whether the
    sequence can match empty; None where that is not known."""
    parts: list[str] = []
    for op, av in items:
        found = _first_of(op, av)
        if found is None:
            return None
        parts += found[0]
        if not found[1]:
            return parts, False
    return parts, True


def _first_of(op: Any, av: Any) -> tuple[list[str], bool] | None:
    if op is _c.LITERAL:
        return [_class_char(av)], False
    if op is _c.IN:
        parts = []
        for item, value in av:
            if item is _c.LITERAL:
                parts.append(_class_char(value))
            elif item is _c.RANGE:
                parts.append(f"{_class_char(value[0])}-{_class_char(value[1])}")
            elif item is _c.CATEGORY and value in _CATEGORY_CLASS:
                parts.append(_CATEGORY_CLASS[value])
            else:
                return None  # a negated class: nearly every character
        return parts, False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return [], True  # zero-width: the match starts with what follows
    if op is _c.SUBPATTERN:
        if av[1]:
            return None  # flags switched on inside ("(?i:...)"): other characters may start it
        return _first_chars(av[-1])
    if _ATOMIC is not None and op is _ATOMIC:
        return _first_chars(av)
    if op is _c.BRANCH:
        parts, empty = [], False
        for branch in av[1]:
            found = _first_chars(branch)
            if found is None:
                return None
            parts += found[0]
            empty = empty or found[1]
        return parts, empty
    if op in _REPEATS:
        found = _first_chars(av[2])
        return None if found is None else (found[0], found[1] or av[0] == 0)
    return None


def led(pattern: str, flags: int = 0) -> str:
    """The pattern behind a look-ahead for the characters a match can start with.

    The engine tries a pattern at every place of the text; one that opens with optional words
    or look-behinds ("(?:[A-Z]\\w+\\s+){0,3}(?:Minister|...)") enters them all at each place.
    The look-ahead rejects a place in one step. It holds at every place a match starts, so the
    matches are the pattern's own. Unchanged where the first characters are not known or the
    pattern can match empty text."""
    if re.match(r"\(\?[aiLmsux]+\)", pattern):
        return pattern  # global inline flags must stay first
    first = _first_class(pattern, flags)
    return pattern if first is None else f"(?={first})(?:{pattern})"


def _first_class(pattern: str, flags: int = 0) -> str | None:
    """A class of the characters a match of `pattern` can begin with, as source ("[A-Z\\d]");
    None where they are not known or the pattern can match empty text."""
    found = _first_chars(_sre_parse.parse(pattern, flags))
    if found is None or found[1] or not found[0]:
        return None
    return f"[{''.join(dict.fromkeys(found[0]))}]"


class Prefiltered:
    """A compiled pattern that first checks the text for one of its needles, and, when it
    ignores case, looks for its matches in the folded text with a case-sensitive copy of
    itself (several times faster), then reads each match from the text with the pattern
    itself, so every match is the pattern's own. `match` and `fullmatch` try one place only
    and go straight to the pattern.

    Folding keeps every character in its place and equates exactly the characters the pattern
    equates when it ignores case, so the copy finds the same places (tests check both). Text
    that is plain ASCII without the separator characters is read by an ASCII-mode copy, which
    reads such text exactly as the Unicode copy does, only faster."""

    __slots__ = (
        "alternatives",
        "by_first",
        "compiled",
        "flags",
        "fullmatch",
        "groupindex",
        "groups",
        "lowered",
        "lowered_plain",
        "match",
        "needles",
        "pattern",
    )  # fmt: skip

    def __init__(
        self,
        compiled: re.Pattern[str],
        needles: tuple[str, ...],
        lowered: re.Pattern[str] | None = None,
    ) -> None:
        self.compiled = compiled
        self.needles = needles
        self.lowered = lowered
        self.lowered_plain: re.Pattern[str] | None = None
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        self.groups = compiled.groups
        self.groupindex = compiled.groupindex
        self.match: Callable[..., re.Match[str] | None] = compiled.match
        self.fullmatch: Callable[..., re.Match[str] | None] = compiled.fullmatch
        # For a pattern written as one alternation (`alternation`): its prefix, and each
        # alternative with a class its first character is in (None: any character).
        self.alternatives: tuple[str, tuple[tuple[str, re.Pattern[str] | None], ...]] | None = None
        # The lowered copies of the alternatives a character can begin, by (character, plain).
        self.by_first: dict[tuple[str, bool], re.Pattern[str]] = {}

    def __repr__(self) -> str:
        return f"Prefiltered({self.compiled!r}, needles={self.needles!r})"

    def _plain_copy(self) -> re.Pattern[str]:
        """The ASCII-mode copy, compiled when first needed (most patterns never see plain text
        that gets past their needles)."""
        assert self.lowered is not None
        flags = (self.lowered.flags & ~re.U) | re.A
        self.lowered_plain = re.compile(self.lowered.pattern, flags)
        return self.lowered_plain

    def may_match(self, text: str) -> bool:
        if not self.needles:
            return True
        last = _last
        if text is not last[0]:
            last = _fold_last(text)
        folded = last[1]
        for needle in self.needles:  # noqa: SIM110 - a plain loop is faster than any()
            if needle in folded:
                return True
        return False

    # search and finditer repeat may_match's lines: a call fewer on the hottest path.
    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        last = _last
        if text is not last[0]:
            last = _fold_last(text)
        folded = last[1]
        if self.needles:
            for needle in self.needles:
                if needle in folded:
                    break
            else:
                return None
        if self.lowered is None:
            return self.compiled.search(text, pos, endpos)
        copy = (self.lowered_plain or self._plain_copy()) if last[2] else self.lowered
        found = copy.search(folded, pos, endpos)
        return None if found is None else self.compiled.match(text, found.start(), endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        last = _last
        if text is not last[0]:
            last = _fold_last(text)
        folded = last[1]
        if self.needles:
            for needle in self.needles:
                if needle in folded:
                    break
            else:
                return iter(())
        if self.lowered is None:
            return self.compiled.finditer(text, pos, endpos)
        copy = (self.lowered_plain or self._plain_copy()) if last[2] else self.lowered
        return self._read_back(text, copy.finditer(folded, pos, endpos), endpos)

    def starts(self, text: str) -> list[int]:
        """Where `finditer`'s matches start, without reading each match back from the text."""
        if not self.may_match(text):
            return []
        if self.lowered is None:
            return [found.start() for found in self.compiled.finditer(text)]
        last = _last if text is _last[0] else _fold_last(text)
        copy = (self.lowered_plain or self._plain_copy()) if last[2] else self.lowered
        return [found.start() for found in copy.finditer(last[1])]

    def match_folded(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """`match`, tried first by the case-sensitive copy on the folded text when `text` was
        the last text folded: faster where most places tried do not match (a date pattern tried
        at every word that can begin a date in the sentence a search has just read). For an
        alternation, the copy holds only the alternatives the character there can begin."""
        last = _last
        if text is last[0] and self.lowered is not None:
            if self.alternatives is not None:
                first = last[1][pos : pos + 1]
                copy = self.by_first.get((first, last[2])) or self._first_copy(first, last[2])
            else:
                copy = (self.lowered_plain or self._plain_copy()) if last[2] else self.lowered
            if copy.match(last[1], pos) is None:
                return None
        return self.compiled.match(text, pos)

    def _first_copy(self, first: str, plain: bool) -> re.Pattern[str]:
        """The lowered copy of the alternatives `first` (a folded character) can begin, in their
        order: a match of the whole alternation there is a match of one of them. Compiled when
        first needed."""
        assert self.alternatives is not None and self.lowered is not None
        prefix, alternatives = self.alternatives
        source = None
        if len(first) == 1 and first.isascii():
            kept = [alt for alt, starts in alternatives if starts is None or starts.match(first)]
            source = lowered_source(f"{prefix}(?:{'|'.join(kept) or '(?!)'})")
        if source is None:
            copy = (self.lowered_plain or self._plain_copy()) if plain else self.lowered
        else:
            flags = self.lowered.flags
            copy = re.compile(source, (flags & ~re.U) | re.A if plain else flags)
        self.by_first[(first, plain)] = copy
        return copy

    def _read_back(
        self, text: str, found: Iterator[re.Match[str]], endpos: int
    ) -> Iterator[re.Match[str]]:
        match = self.compiled.match
        for place in found:
            hit = match(text, place.start(), endpos)
            if hit is not None:  # always: the copy and the pattern match at the same places
                yield hit

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if not self.may_match(text):
            return []
        return self.compiled.findall(text, pos, endpos)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        if not self.may_match(text):
            return text
        return self.compiled.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        if not self.may_match(text):
            return [text]
        return self.compiled.split(text, maxsplit)


Pattern = re.Pattern[str] | Prefiltered

# Characters ASCII-mode `\s` does not take for space though Unicode does (the only ASCII
# characters the two modes read differently). Each is looked for on its own: four scans for one
# character are several times faster than reading every character's class.
_SEPARATORS = ("\x1c", "\x1d", "\x1e", "\x1f")


def _plain(folded: str) -> bool:
    """Whether folded text reads the same to a pattern in ASCII mode (faster) as in Unicode."""
    return folded.isascii() and not any(sep in folded for sep in _SEPARATORS)


# The last text folded, with its folded form and whether it is plain (one tuple, so threads
# never see part of it): a sentence is searched by many patterns in a row. The one before it is
# kept too: a sentence's searches are broken by searches of short stretches of it.
_last: tuple[str, str, bool] = ("", "", False)
_before_last: tuple[str, str, bool] = ("", "", False)


def _fold_last(text: str) -> tuple[str, str, bool]:
    global _last, _before_last
    last = _before_last
    if text is not last[0]:
        if text.isascii():  # fold() and _plain() written out for the commonest case
            folded = text.lower()
            plain = (
                "\x1c" not in folded
                and "\x1d" not in folded
                and "\x1e" not in folded
                and "\x1f" not in folded
            )
        else:
            folded = fold(text)
            plain = _plain(folded)
        last = (text, folded, plain)
    _before_last = _last
    _last = last
    return last


def starts(pattern: Pattern, text: str) -> list[int]:
    """Where `pattern.finditer(text)`'s matches start."""
    if isinstance(pattern, Prefiltered):
        return pattern.starts(text)
    return [found.start() for found in pattern.finditer(text)]


def match_folded(pattern: Pattern, text: str, pos: int = 0) -> re.Match[str] | None:
    """`pattern.match(text, pos)`, ruled out first on the folded text where it can be
    (`Prefiltered.match_folded`)."""
    if isinstance(pattern, Prefiltered):
        return pattern.match_folded(text, pos)
    return pattern.match(text, pos)


_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
# Every alternation set up for per-character copies, for `warm_up`.
_ALTERNATIONS: list[Prefiltered] = []


def warm_up() -> None:
    """Compile now every copy of an alternation a letter or digit can begin (in both modes),
    which are otherwise compiled as first needed: forked workers share them, and a measure of
    reading counts no compiling."""
    for pattern in _ALTERNATIONS:
        for first in string.ascii_lowercase + string.digits:
            for plain in (True, False):
                if (first, plain) not in pattern.by_first:
                    pattern._first_copy(first, plain)


def alternation(alternatives: list[str], flags: int = 0, prefix: str = "") -> Pattern:
    """`prefix(?:alternative|alternative|...)` compiled, and, when it ignores case, set up so
    that `match_folded` tries at each place only the alternatives that can begin with the
    character there (a long alternation of dates tried at every word that can begin one).
    The prefix must match no characters of its own (`\\b`, a look-behind): the character at
    the place is then an alternative's first; otherwise every place tries the whole copy."""
    pattern = compile(f"{prefix}(?:{'|'.join(alternatives)})", flags)
    zero_width = all(op in _ZERO_WIDTH for op, _ in _sre_parse.parse(prefix, flags))
    if isinstance(pattern, Prefiltered) and pattern.lowered is not None and zero_width:
        pattern.alternatives = (
            prefix,
            tuple(
                (alt, _compiled_or_none(_first_class(alt, flags), flags)) for alt in alternatives
            ),
        )
        _ALTERNATIONS.append(pattern)
    return pattern


def _compiled_or_none(source: str | None, flags: int) -> re.Pattern[str] | None:
    return None if source is None else re.compile(source, flags)


def compile(
    pattern: str, flags: int = 0, lead: bool = False, min_needle: int = MIN_NEEDLE
) -> Pattern:
    """The pattern compiled, with a needle check in front when it has needles, and a
    case-sensitive copy for folded text when it ignores case. With `lead`, behind a look-ahead
    for its first characters (`led`): worth it where the engine's try at each place is long.
    A lower `min_needle` keeps the check for a pattern whose run costs more than checking even
    common short needles ("MP" among the titles before a name)."""
    if lead:
        pattern = led(pattern, flags)
    compiled = re.compile(pattern, flags)
    needles = needles_of(pattern, flags, min_needle) or ()
    lowered = None
    if flags & re.I:
        source = lowered_source(pattern)
        if source is not None:
            lowered = re.compile(source, flags & ~re.I)
    if not needles and lowered is None:
        return compiled
    return Prefiltered(compiled, needles, lowered)
