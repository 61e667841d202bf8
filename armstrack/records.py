"""Typed records produced by extraction. Each keeps the raw text beside the parsed value."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from armstrack.status import DEAL_STATUSES as DEAL_STATUSES  # the ladder lives in status

PRECISIONS = ("day", "week", "month", "quarter", "season", "half", "year", "decade")
QUALIFIERS = ("exact", "approximate", "before", "after", "not-before", "deadline")
CERTAINTIES = ("certain", "probable", "possible", "reported")
EVENT_TYPES = (
    "negotiation",
    "offer",
    "approval",
    "contract",
    "delivery",
    "cancellation",
    "sanction",
    "meeting",
    "exhibition",
    "military_incident",
    "statement",
    "test",
    "cooperation",
    "other",
)
MENTION_KINDS = ("country", "place", "organization", "person", "weapon_system")


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: [start, end) character offsets and the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article with its offsets and paragraph index."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateInterval:
    """A temporal expression resolved to an uncertainty interval.

    `earliest`/`latest` are inclusive bounds; None means the interval is open on that side.
    """

    text: str
    earliest: date | None
    latest: date | None
    precision: str
    qualifier: str
    edtf: str
    start: int = -1
    end: int = -1
    # A year that is part of a name ("IDEF 2015"): used for an event only when nothing better.
    weak: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "latest": self.latest.isoformat() if self.latest else None,
            "precision": self.precision,
            "qualifier": self.qualifier,
            "edtf": self.edtf,
        }


@dataclass(frozen=True)
class Mention:
    """One entity mention in the text."""

    kind: str
    text: str
    canonical: str
    start: int
    end: int
    iso3: str | None = None
    lat: float | None = None
    lon: float | None = None
    # For countries: how the country was named (name, demonym, capital, seat, organisation).
    form: str = ""
    # Category for weapon systems, role/title for people, organisation kind for organisations.
    detail: str = ""
    # For a weapon system named by a designation of its own ("Mi-24V", "FC-1"), the family the
    # reference data files it under ("Mi-35", "JF-17"); `canonical` keeps the designation.
    family: str = ""


@dataclass(frozen=True)
class Evidence:
    sentence: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Certainty:
    level: str
    trigger: str = ""


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    summary: str
    actors: tuple[str, ...]
    place: str | None
    date: DateInterval | None
    attribution: str
    certainty: Certainty
    evidence: Evidence
    trigger: str = ""
    systems: tuple[str, ...] = ()
    # The fitted event model's probability that the sentence reports this dated happening.
    confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "confidence": self.confidence,
            "summary": self.summary,
            "actors": list(self.actors),
            "place": self.place,
            "date": self.date.to_json() if self.date else None,
            "attribution": self.attribution,
            "certainty": self.certainty.level,
            "certainty_trigger": self.certainty.trigger,
            "trigger": self.trigger,
            "systems": list(self.systems),
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"amount": self.amount, "currency": self.currency, "text": self.text}


@dataclass(frozen=True)
class Deal:
    id: str
    supplier: str
    recipient: str
    system: str
    category: str
    status: str
    quantity: int | None
    value: Money | None
    order_date: DateInterval | None
    delivery_date: DateInterval | None
    attribution: str
    certainty: Certainty
    evidence: Evidence
    # Every sentence that contributed to this deal, in text order (the first is `evidence`).
    sources: tuple[Evidence, ...] = ()
    # False when no sentence states the stage and it is only implied ("will supply" -> agreed).
    status_stated: bool = True
    # The fitted model's probability that the article reports this deal (not the reporter's
    # hedging, which is `certainty`); None when the deal came from the grammar reading alone.
    confidence: float | None = None
    # The status model's probability for the chosen status.
    status_confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "supplier": self.supplier,
            "recipient": self.recipient,
            "system": self.system,
            "category": self.category,
            "status": self.status,
            "status_stated": self.status_stated,
            "confidence": None if self.confidence is None else round(self.confidence, 3),
            "status_confidence": (
                None if self.status_confidence is None else round(self.status_confidence, 3)
            ),
            "quantity": self.quantity,
            "value": self.value.to_json() if self.value else None,
            "order_date": self.order_date.to_json() if self.order_date else None,
            "delivery_date": self.delivery_date.to_json() if self.delivery_date else None,
            "attribution": self.attribution,
            "certainty": self.certainty.level,
            "certainty_trigger": self.certainty.trigger,
            "evidence": self.evidence.to_json(),
            "sources": [s.to_json() for s in self.sources],
        }


@dataclass(frozen=True)
class ArticleMeta:
    id: str
    title: str
    published: date | None
    source: str
    byline: str
    url: str
    # How the bytes were read: "utf-8", "utf-16", or a guessed encoding ("cp1252").
    encoding: str = "utf-8"
    # How precisely the source dates the article: "day", or "month" / "year" when it gives only
    # those ("date: 2024-07"); `published` is then the first day of that month or year.
    published_precision: str = "day"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return data

    @property
    def reference_day(self) -> date | None:
        """The day the article's own dates are read against: the publication day, or the last
        day of the month or year it was published in when only those are known (a report of
        "July 10" published "2024-07" is of this July, not last year's)."""
        if self.published is None or self.published_precision == "day":
            return self.published
        if self.published_precision == "month":
            following = date(self.published.year + self.published.month // 12,
                             self.published.month % 12 + 1, 1)  # fmt: skip
            return date.fromordinal(following.toordinal() - 1)
        return date(self.published.year, 12, 31)


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: ArticleMeta
    mentions: tuple[Mention, ...]
    dates: tuple[DateInterval, ...]
    events: tuple[Event, ...]
    deals: tuple[Deal, ...]
    country_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Candidate deals the model found too unlikely to report, kept for an analyst to review.
    review: tuple[Deal, ...] = ()
