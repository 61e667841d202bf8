"""The words of trade around a country or a system in one sentence, read shallowly.

For a span of the sentence: the preposition right before it and the word of trade governing that
preposition ("sale of jets *to* X" -> via to/sell), the word of trade it is the subject of
("X *offered*" -> subj offer, "X was *sold*" -> subj sell, passive), and the word it is the object
of ("*supply* X with" -> obj supply). Meanings come from `patterns.TRADE_WORDS`; the features are
named by meaning, so the fitted scorer learns what each construction says of a party's role.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from armstrack.extract import prefilter
from armstrack.extract.patterns import FRAME_PREPOSITIONS, TRADE_LEMMA

_WORD = r"[A-Za-z][\w'’-]*|[;:()—–]|,"
# The sentence split at its words, the words kept: [gap, word, gap, word, ..., gap].
_PIECES = prefilter.compile(f"({_WORD})")
_SKIP = frozenset("the a an its their his her this that these those new more further".split())
_AUX = frozenset(
    """has have had is are was were be been being will would could can may might shall should
    also not never already reportedly recently earlier later now still then just finally to
    formally officially jointly""".split()
)
_BE = frozenset("is are was were be been being".split())
_CLAUSE_END = frozenset(";:()—–")


class Frames:
    """A sentence tokenised once, read for any span."""

    def __init__(self, text: str) -> None:
        # One pass of the engine; each word's place is the running sum of the pieces' lengths.
        pieces = _PIECES.split(text)
        offsets = list(accumulate(map(len, pieces), initial=0))
        self.starts = offsets[1:-1:2]
        self.ends = offsets[2::2]
        lowered = map(str.lower, pieces[1::2])
        self.words = list(zip(self.starts, self.ends, lowered, strict=True))

    def _index_before(self, start: int) -> int:
        """Index of the last word ending at or before `start`."""
        return bisect_right(self.ends, start) - 1

    def _index_after(self, end: int) -> int:
        """Index of the first word starting at or after `end`."""
        return bisect_left(self.starts, end)

    def read(self, start: int, end: int, stops: list[tuple[int, int]]) -> dict[str, str]:
        """`prep`, `via` (prep + governing meaning), `subj`, `obj` for the span [start, end);
        `stops` are other parties' spans, which end a search."""
        out: dict[str, str] = {}
        words = self.words
        i = self._index_before(start)
        while i >= 0 and words[i][2] in _SKIP:
            i -= 1
        prep = words[i][2] if i >= 0 and words[i][2] in FRAME_PREPOSITIONS else ""
        if prep:
            out["prep"] = prep
            for k in range(i - 1, max(-1, i - 7), -1):
                w = words[k][2]
                if w in _CLAUSE_END:
                    break
                lemma = TRADE_LEMMA.get(w)
                if lemma:
                    out["via"] = f"{prep}_{lemma}"
                    break
        elif i >= 0:
            for k in range(i, max(-1, i - 2), -1):
                lemma = TRADE_LEMMA.get(words[k][2])
                if lemma:
                    out["obj"] = lemma
                    break
                if words[k][2] not in _AUX:
                    break
        if not prep:
            j = self._index_after(end)
            passive = False
            for k in range(j, min(len(words), j + 8)):
                w = words[k][2]
                if w in _CLAUSE_END or any(s <= words[k][0] < e for s, e in stops):
                    break
                if w in _BE:
                    passive = True
                lemma = TRADE_LEMMA.get(w)
                if lemma:
                    out["subj"] = (
                        f"{lemma}_passive"
                        if passive and w.endswith(("ed", "en", "ld", "nt", "ght"))
                        else lemma
                    )
                    break
                if w == "," and k > j:
                    break
        return out
