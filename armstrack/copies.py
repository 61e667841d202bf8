"""Copies of one story: the same wire report carried by several sites counts as one report.

An article's fingerprint is the set of hashes of its longer sentences (case, punctuation and
spacing ignored). Two articles whose fingerprints share most of the smaller one are copies; a
group of copies is keyed by its earliest-published member, whatever order they arrive in.
"""

from __future__ import annotations

import hashlib
import re

# A sentence needs this many words to count: datelines, bylines and boilerplate are shorter.
MIN_WORDS = 8
# Share of the smaller fingerprint two copies have in common, and the least count of shared
# sentences (two short pieces quoting one statement are not copies).
SHARED = 0.6
MIN_SHARED = 3

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[^\W_]+")


def fingerprint(text: str) -> list[int]:
    """Distinct 63-bit hashes of the text's sentences of MIN_WORDS words or more."""
    hashes: dict[int, None] = {}
    for sentence in _SENTENCE_END.split(text):
        words = _WORD.findall(sentence.lower())
        if len(words) >= MIN_WORDS:
            digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
            hashes[int.from_bytes(digest, "big") >> 1] = None
    return list(hashes)


def are_copies(shared: int, size_a: int, size_b: int) -> bool:
    return shared >= MIN_SHARED and shared >= SHARED * min(size_a, size_b)
