"""The deal lifecycle: the status ladder, its two rankings and the decisions made on it.

The extractor (one article's sentences), the merge (every article's report of a contract) and the
queries (the furthest stage of a country pair, in SQL) all read the ladder from here.

- Within one article, a stated cancellation outweighs every stage (`report_rank`): the article
  says the deal is off.
- Across reports, `cancelled` stands apart from the stages (`stage_rank` is -1): the furthest
  stage reached counts unless a later report cancels it and none after that revives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

STAGES = ("rumored", "proposed", "negotiating", "agreed", "signed", "delivering", "delivered")
CANCELLED = "cancelled"
DEAL_STATUSES = (*STAGES, CANCELLED)

# The stages in the words analysts use for them ("offered", "talks").
STAGE_WORDS = {
    "rumored": "rumoured", "proposed": "offered", "negotiating": "talks", "agreed": "agreed",
    "signed": "signed", "delivering": "delivering", "delivered": "delivered",
}  # fmt: skip

# Talks, offers and rumours have no order date: a date in their sentence is when they were held
# or reported, not when anything was ordered.
NO_ORDER = frozenset({"rumored", "proposed", "negotiating"})
PRE_DELIVERY = frozenset({"proposed", "negotiating", "agreed", "signed"})
CONTRACTED = frozenset({"signed", "delivering", "delivered"})
DELIVERY = frozenset({"delivering", "delivered"})
# A report at this stage or later is firm: it dates an order, its numbers can conflict.
FIRM = "agreed"

_STAGE_RANK = {s: i for i, s in enumerate(STAGES)}
REPORT_RANK = {**_STAGE_RANK, CANCELLED: len(STAGES)}


def stage_rank(status: str | None) -> int:
    """A status's place on the lifecycle ladder; cancelled (and anything unknown) is -1."""
    return _STAGE_RANK.get(status or "", -1)


def report_rank(status: str) -> int:
    """A status's weight within one article: the stages in order, cancelled above them all."""
    return REPORT_RANK[status]


def furthest_reported(statuses: Iterable[str]) -> str:
    """The status one article's statements add up to: the furthest stage, or cancelled."""
    return max(statuses, key=report_rank)


def without_finished_delivery(statuses: Sequence[str]) -> list[str]:
    """Deliveries both under way and completed in one article are under way: the completed
    ones were a part of the order ("the first 38 of 108 were delivered, more are arriving")."""
    if "delivered" in statuses and "delivering" in statuses:
        return [s for s in statuses if s != "delivered"]
    return list(statuses)


Report = TypeVar("Report")


def lifecycle_status(
    reports: Sequence[Report],
    status: Callable[[Report], str],
    stated: Callable[[Report], bool],
    published: Callable[[Report], Any],
    order: Callable[[Report], Any],
) -> tuple[str, Report]:
    """(status, the report that sets it) of one contract's reports: the furthest stage that
    stated reporting reached (passing mentions count only when nothing is stated), unless a
    later report cancels it and no report after that at `FIRM` or beyond revives it. Ties go to
    the earliest report by `order`."""
    said = [r for r in reports if stated(r)] or list(reports)
    stages = [r for r in said if status(r) != CANCELLED]
    cancels = [r for r in said if status(r) == CANCELLED]
    if cancels:
        last = max(cancels, key=order)
        revived = [
            r
            for r in stages
            if published(r) > published(last) and stage_rank(status(r)) >= stage_rank(FIRM)
        ]
        if not revived:
            return CANCELLED, last
        stages = revived
    furthest = max(stage_rank(status(r)) for r in stages)
    setter = min((r for r in stages if stage_rank(status(r)) == furthest), key=order)
    return status(setter), setter


def stage_rank_sql(column: str = "status") -> str:
    """`stage_rank` as a SQL expression over a status column, for ordering in the database."""
    whens = " ".join(f"WHEN '{s}' THEN {stage_rank(s)}" for s in DEAL_STATUSES)
    return f"CASE {column} {whens} END"
