"""What extraction knows about one sentence: its mentions, dates, speaker and hedges."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from armstrack.records import DateInterval, Evidence, Mention, Sentence

# Words showing a sentence is about arms (for triggers that are common words elsewhere).
_ARMS_WORDS = (
    "arms", "weapon", "missile", "jet", "fighter", "aircraft", "tank", "howitzer", "drone",
    "submarine", "frigate", "corvette", "helicopter", "system", "batter", "defen", "military",
    "contract", "deal", "sale", "purchase", "order", "deliver", "launcher", "radar", "vessel",
    "warship", "artillery", "rocket", "munition", "ammunition", "armou", "armor", "vehicle",
)  # fmt: skip


@dataclass
class SentenceInfo:
    sentence: Sentence
    mentions: list[Mention]
    dates: list[DateInterval]
    attribution: str
    published: date | None
    # A weapon system named shortly before, for "the system", "the jets", "a contract".
    context_system: Mention | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def start(self) -> int:
        return self.sentence.start

    def evidence(self) -> Evidence:
        """The sentence as evidence, whitespace made single (made once: it is immutable)."""
        made = self.extra.get("evidence")
        if not isinstance(made, Evidence):
            made = Evidence(" ".join(self.text.split()), self.sentence.start, self.sentence.end)
            self.extra["evidence"] = made
        return made

    def local(self, absolute: int) -> int:
        return absolute - self.sentence.start

    def of_kind(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]

    def about_arms(self) -> bool:
        if self.of_kind("weapon_system") or self.context_system is not None:
            return True
        lowered = self.text.lower()
        return any(word in lowered for word in _ARMS_WORDS)

    def nearest_date(self, anchor: int, *, allow_weak: bool = True) -> DateInterval | None:
        """The date closest to a sentence-local position; names' years only if nothing else."""
        strong = [d for d in self.dates if not d.weak]
        pool = strong or (self.dates if allow_weak else [])
        if not pool:
            return None
        return min(pool, key=lambda d: _distance(self.local(d.start), self.local(d.end), anchor))


def _distance(start: int, end: int, anchor: int) -> int:
    if start <= anchor < end:
        return 0
    return min(abs(start - anchor), abs(end - anchor))


def publication_interval(published: date | None) -> DateInterval | None:
    """The date a present-tense report refers to: the article's publication day."""
    if published is None:
        return None
    return DateInterval(
        text="",
        earliest=published,
        latest=published,
        precision="day",
        qualifier="approximate",
        edtf=f"{published.isoformat()}~",
    )


def stable_id(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
