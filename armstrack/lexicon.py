"""Tokens with offsets and a phrase lexicon matched over them (longest match first).

Keys ignore case, accents, and the hyphens or spaces between letters and digits, so that
"F-16", "F16" and "F 16" are one key; a trailing plural "s" is tolerated where asked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

# Letters and digits form separate tokens so "Su-30MKI" and "Su30MKI" give the same key.
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")
# What may stand between two tokens of one phrase.
_JOINERS = frozenset(["", " ", "-", "–", "/", ".", ". ", "'", "’", "&", " & ", "‑"])
_SPECIAL_FOLD = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss"}
)


def fold(text: str) -> str:
    """Lowercase without accents: 'Çelik' -> 'celik', 'Scorpène' -> 'scorpene'."""
    text = text.translate(_SPECIAL_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    key: str
    # The characters between the previous token and this one.
    gap: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    tokens: list[Token] = []
    prev_end = start
    for match in _TOKEN.finditer(text, start, stop):
        word = match.group()
        tokens.append(
            Token(match.start(), match.end(), word, fold(word), text[prev_end : match.start()])
        )
        prev_end = match.end()
    return tokens


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


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    entry: Entry
    first_token: int
    last_token: int


@dataclass
class Lexicon:
    entries: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    max_len: int = 1
    # Every proper prefix of a key, so a scan stops as soon as no phrase can continue.
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    # Keys whose last word may carry a plural "s" ("Rafales"), by the key without it.
    plural_stems: set[tuple[str, ...]] = field(default_factory=set)

    def add(self, phrase: str, entry: Entry) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        bucket = self.entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.max_len = max(self.max_len, len(key))
        self.prefixes.update(key[:i] for i in range(1, len(key)))
        if entry.plural:
            self.plural_stems.add(key)

    def add_all(self, phrases: Iterable[str], entry: Entry) -> None:
        for phrase in phrases:
            self.add(phrase, entry)

    def find(self, text: str, tokens: list[Token]) -> Iterator[Match]:
        """Longest non-overlapping matches, left to right."""
        i = 0
        n = len(tokens)
        while i < n:
            found = self._longest_at(text, tokens, i)
            if found is None:
                i += 1
                continue
            yield found
            i = found.last_token + 1

    def _longest_at(self, text: str, tokens: list[Token], i: int) -> Match | None:
        limit = min(self.max_len, len(tokens) - i)
        key: list[str] = []
        candidates: list[tuple[int, Entry, int]] = []
        for length in range(1, limit + 1):
            tok = tokens[i + length - 1]
            if length > 1 and tok.gap not in _JOINERS:
                break
            key.append(tok.key)
            current = tuple(key)
            for entry in self.entries.get(current, ()):
                candidates.append((length, entry, tokens[i + length - 1].end))
            # A plural "s" glued to the last token: "F-16s", "Rafales".
            if tok.key.endswith("s") and len(tok.key) > 3:
                stem = (*key[:-1], tok.key[:-1])
                if stem in self.plural_stems:
                    for entry in self.entries.get(stem, ()):
                        if entry.plural:
                            candidates.append((length, entry, tok.end))
            if current not in self.prefixes:
                break
        if not candidates:
            return None
        for length, entry, end in sorted(candidates, key=lambda c: -c[0]):
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


def _case_ok(tokens: list[Token], rule: str) -> bool:
    if rule == "any":
        return True
    first = tokens[0].text
    if rule == "upper":
        return all(t.text.isupper() or t.text.isdigit() for t in tokens)
    return first[0].isupper() or first[0].isdigit()
