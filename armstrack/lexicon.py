"""Tokens with offsets and a phrase lexicon matched over them (longest match first).

Keys ignore case, accents, and the hyphens or spaces between letters and digits, so that
"F-16", "F16" and "F 16" are one key; a trailing plural "s" is tolerated where asked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from operator import itemgetter
from typing import Any, NamedTuple

# Letters and digits form separate tokens so "Su-30MKI" and "Su30MKI" give the same key.
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")
# What may stand between two tokens of one phrase.
_JOINERS = frozenset(["", " ", "-", "–", "/", ".", ". ", "'", "’", "&", " & ", "‑"])
_SPECIAL_FOLD = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss"}
)


def fold(text: str) -> str:
    """Lowercase without accents: 'Çelik' -> 'celik', 'Scorpène' -> 'scorpene'."""
    if text.isascii():
        return text.lower()
    return _fold_word(text)


@lru_cache(maxsize=65536)
def _fold_word(text: str) -> str:
    text = text.translate(_SPECIAL_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


class Token(NamedTuple):  # a tuple: made for every word of every article, so kept cheap
    start: int
    end: int
    text: str
    key: str
    # The characters between the previous token and this one.
    gap: str


# Tokens are made for every word of every article: built as plain tuples of their type, without
# the keyword handling of the named tuple's constructor.
_new_tuple = tuple.__new__
# The text split at each token, the tokens kept: [gap, token, gap, token, ..., gap], in one pass
# of the engine; the offsets are the running sum of the pieces' lengths.
_SPLIT = re.compile(f"({_TOKEN.pattern})")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    pieces = _SPLIT.split(text[start:end] if start or end is not None else text)
    words = pieces[1::2]
    if not words:
        return []
    offsets = list(accumulate(map(len, pieces), initial=start))
    keys = [word.lower() if word.isascii() else _fold_word(word) for word in words]
    spans = zip(offsets[1:-1:2], offsets[2::2], words, keys, pieces[0:-1:2], strict=True)
    return list(map(_new_tuple, repeat(Token), spans))


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(phrase))


@dataclass(frozen=True)
class Entry:
    """What a phrase stands for."""

    kind: str
    canonical: str
    iso3: str | None = None
    lat: float | None = None
    lon: float | None = None
    form: str = ""
    detail: str = ""
    # "upper": every letter must be upper case in the text (US, UK, NATO);
    # "title": the first letter must be upper case (Poland, Patriot); "any": no constraint.
    case: str = "title"
    plural: bool = False


class Match(NamedTuple):  # a tuple: made for every phrase found, so kept cheap
    start: int
    end: int
    text: str
    entry: Entry
    first_token: int
    last_token: int


_LENGTH = itemgetter(0)
# A trie node: the next token's key -> node; _ENTRIES holds the phrases ending here.
_ENTRIES = ""


@dataclass
class Lexicon:
    entries: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    max_len: int = 1
    # The keys as a trie of dicts, so a scan costs one lookup per token and stops as soon as
    # no phrase can continue.
    trie: dict[str, Any] = field(default_factory=dict)
    # The token keys a match can start with (first words, and those with a plural "s").
    _starters: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def add(self, phrase: str, entry: Entry) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        self._starters = None
        bucket = self.entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.max_len = max(self.max_len, len(key))
        node = self.trie
        for word in key:
            node = node.setdefault(word, {})
        node[_ENTRIES] = bucket

    def add_all(self, phrases: Iterable[str], entry: Entry) -> None:
        for phrase in phrases:
            self.add(phrase, entry)

    def starters(self) -> frozenset[str]:
        """The token keys a match can start with: a phrase's first word, or that word with a
        plural "s" glued to it."""
        if self._starters is None:
            self._starters = frozenset(self.trie) | frozenset(k + "s" for k in self.trie)
        return self._starters

    def find(
        self, text: str, tokens: list[Token], starts: Iterable[int] | None = None
    ) -> Iterator[Match]:
        """Longest non-overlapping matches, left to right. `starts`, when given, are the
        indices of the tokens whose keys are among `starters()` (`find_each` reads them for
        several lexicons in one pass); no match starts at any other token."""
        root = self.trie
        count = len(tokens)
        free = 0
        for i in range(count) if starts is None else starts:
            if i < free:
                continue
            tok = tokens[i]
            key = tok.key
            node = root.get(key)
            if node is None:
                if not (key[-1:] == "s" and key[:-1] in root):
                    continue
            elif _ENTRIES not in node and not (
                key.endswith("s") and len(key) > 3 and key[:-1] in root
            ):
                # No phrase ends here: one can only start here if the next token goes on with it
                # (most starts are words like "the" that no phrase continues).
                if i + 1 >= count:
                    continue
                after = tokens[i + 1]
                following = after.key
                if after.gap not in _JOINERS or (
                    following not in node
                    and not (
                        following.endswith("s") and len(following) > 3 and following[:-1] in node
                    )
                ):
                    continue
            found = self._longest_at(text, tokens, i)
            if found is not None:
                yield found
                free = found.last_token + 1

    def _longest_at(self, text: str, tokens: list[Token], i: int) -> Match | None:
        limit = min(self.max_len, len(tokens) - i)
        candidates: list[tuple[int, Entry, int]] = []
        node: dict[str, Any] | None = self.trie
        for length in range(1, limit + 1):
            tok = tokens[i + length - 1]
            if length > 1 and tok.gap not in _JOINERS:
                break
            assert node is not None
            # A plural "s" glued to the last token: "F-16s", "Rafales".
            if tok.key.endswith("s") and len(tok.key) > 3:
                stem = node.get(tok.key[:-1])
                if stem is not None:
                    for entry in stem.get(_ENTRIES, ()):
                        if entry.plural:
                            candidates.append((length, entry, tok.end))
            node = node.get(tok.key)
            if node is None:
                break
            for entry in node.get(_ENTRIES, ()):
                candidates.append((length, entry, tok.end))
        if not candidates:
            return None
        if len(candidates) > 1:
            candidates.sort(key=_LENGTH, reverse=True)  # longest first; stable, as found
        for length, entry, end in candidates:
            last = i + length - 1
            if not _case_ok(tokens[i : last + 1], entry.case):
                continue
            # Glued suffix on a designation: plural "s" or a variant ("F-16V", "Leopard 2A7").
            if entry.plural:
                glued = 0
                while last + 1 < len(tokens) and tokens[last + 1].gap == "":
                    nxt = tokens[last + 1]
                    glued += len(nxt.text)
                    if glued > 4:
                        break
                    last += 1
                    end = nxt.end
            start = tokens[i].start
            return Match(start, end, text[start:end], entry, i, last)
        return None


def find_each(text: str, tokens: list[Token], lexicons: Iterable[Lexicon]) -> list[Match]:
    """Every lexicon's own longest non-overlapping matches (the same as each one's `find`), the
    tokens that could start a match in any of them picked out in one pass."""
    lexicons = tuple(lexicons)
    owners = _owners(lexicons)
    starts: list[list[int]] = [[] for _ in lexicons]
    get = owners.get
    for i, token in enumerate(tokens):
        which = get(token.key)
        if which is not None:
            for k in which:
                starts[k].append(i)
    out: list[Match] = []
    for lexicon, at in zip(lexicons, starts, strict=True):
        if at:
            out.extend(lexicon.find(text, tokens, at))
    return out


# By the ids of the lexicons' starter sets (held, so the ids stay theirs; a lexicon given a phrase
# gets a new set, so a new index): each starter key's lexicons, by place.
_OWNERS: dict[tuple[int, ...], tuple[tuple[frozenset[str], ...], dict[str, tuple[int, ...]]]] = {}


def _owners(lexicons: tuple[Lexicon, ...]) -> dict[str, tuple[int, ...]]:
    sets = tuple(lexicon.starters() for lexicon in lexicons)
    ids = tuple(map(id, sets))
    known = _OWNERS.get(ids)
    if known is not None:
        return known[1]
    if len(_OWNERS) > 32:
        _OWNERS.clear()
    owners: dict[str, tuple[int, ...]] = {}
    for k, starters in enumerate(sets):
        for key in starters:
            owners[key] = (*owners.get(key, ()), k)
    _OWNERS[ids] = (sets, owners)
    return owners


def _case_ok(tokens: list[Token], rule: str) -> bool:
    if rule == "any":
        return True
    first = tokens[0].text
    if rule == "upper":
        return all(t.text.isupper() or t.text.isdigit() for t in tokens)
    return first[0].isupper() or first[0].isdigit()
