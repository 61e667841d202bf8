"""The status ladder in one module: the extractor, the merge and the queries rank statuses
alike, and the SQL ranking is the Python one."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from armstrack import status
from armstrack.records import DEAL_STATUSES


def test_ladder_order_and_both_rankings() -> None:
    assert (*status.STAGES, "cancelled") == DEAL_STATUSES
    assert [status.stage_rank(s) for s in status.STAGES] == list(range(7))
    assert status.stage_rank("cancelled") == -1 and status.stage_rank(None) == -1
    # Within one article a stated cancellation outweighs every stage.
    assert status.furthest_reported(["delivered", "cancelled", "signed"]) == "cancelled"
    assert status.furthest_reported(["negotiating", "signed", "proposed"]) == "signed"


def test_deliveries_under_way_beat_a_completed_part() -> None:
    assert status.without_finished_delivery(["delivered", "delivering", "signed"]) == [
        "delivering",
        "signed",
    ]
    assert status.without_finished_delivery(["delivered", "signed"]) == ["delivered", "signed"]


Report = tuple[str, bool, date]


def _decide(reports: list[Report]) -> tuple[str, Report]:
    return status.lifecycle_status(
        reports,
        status=lambda r: r[0],
        stated=lambda r: r[1],
        published=lambda r: r[2],
        order=lambda r: r[2],
    )


@pytest.mark.parametrize(
    ("reports", "expected", "setter"),
    [
        # The furthest stated stage, set by its earliest report.
        ([("negotiating", True, date(2018, 1, 1)), ("signed", True, date(2019, 1, 1)),
          ("signed", True, date(2020, 1, 1))], "signed", date(2019, 1, 1)),
        # A passing mention of a further stage does not count beside stated ones.
        ([("agreed", True, date(2018, 1, 1)), ("delivered", False, date(2019, 1, 1))],
         "agreed", date(2018, 1, 1)),
        # Only passing mentions: they decide.
        ([("proposed", False, date(2018, 1, 1)), ("negotiating", False, date(2019, 1, 1))],
         "negotiating", date(2019, 1, 1)),
        # A later cancellation ends it, set by the last cancelling report.
        ([("signed", True, date(2018, 1, 1)), ("cancelled", True, date(2019, 1, 1)),
          ("cancelled", True, date(2019, 6, 1))], "cancelled", date(2019, 6, 1)),
        # Talks after a cancellation do not revive it; a signing does.
        ([("cancelled", True, date(2018, 1, 1)), ("negotiating", True, date(2019, 1, 1))],
         "cancelled", date(2018, 1, 1)),
        ([("delivered", True, date(2017, 1, 1)), ("cancelled", True, date(2018, 1, 1)),
          ("agreed", True, date(2019, 1, 1))], "agreed", date(2019, 1, 1)),
    ],
)  # fmt: skip
def test_lifecycle_status(reports: list[Report], expected: str, setter: date) -> None:
    decided, report = _decide(reports)
    assert decided == expected and report[2] == setter


def test_sql_ranking_is_the_python_ranking() -> None:
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT status, {status.stage_rank_sql('status')} FROM (SELECT unnest(?) AS status)",
        [list(DEAL_STATUSES)],
    ).fetchall()
    assert dict(rows) == {s: status.stage_rank(s) for s in DEAL_STATUSES}
    furthest = con.execute(
        f"SELECT arg_max(status, {status.stage_rank_sql()}) FROM (SELECT unnest(?) AS status)",
        [["cancelled", "agreed", "negotiating"]],
    ).fetchone()
    assert furthest == ("agreed",)


def test_every_stage_has_its_words_and_the_funnel_follows_the_ladder() -> None:
    from armstrack import register

    assert set(status.STAGE_WORDS) == set(status.STAGES)
    funnel = ("proposed", "negotiating", "agreed", "signed", "delivering", "delivered")
    assert funnel == register.FUNNEL
    assert [register.FUNNEL_LABELS[s] for s in register.FUNNEL][:2] == ["offered", "talks"]
    assert set(register.FUNNEL) | set(register.APART) == set(DEAL_STATUSES)
