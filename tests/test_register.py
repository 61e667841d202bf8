"""The country register's rows, summary, funnel, matrix and export, on a real store built from
articles we wrote (tests/fixtures/lifecycle)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from armstrack import queries, register, store
from armstrack.ingest import article_files, ingest_files
from armstrack.register import compact
from components.register import summary_markdown

ROOT = Path(__file__).resolve().parent.parent
LIFECYCLE = ROOT / "tests" / "fixtures" / "lifecycle"
NAMES = {"EGY": "Egypt", "FRA": "France", "RUS": "Russia", "GRC": "Greece"}


@pytest.fixture(scope="module")
def egypt(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("register") / "r.duckdb"
    with store.connect(path) as con:
        ingest_files(con, article_files([LIFECYCLE]))
        return register.deals(con, "EGY", queries.Filters(countries=("NGA",), role="supplier"))


def test_rows_are_the_countrys_deals_whatever_the_country_filter(egypt: pd.DataFrame) -> None:
    assert set(egypt["side"]) == {"recipient"}
    assert sorted(egypt["partner"]) == ["FRA", "FRA", "RUS"]
    assert sorted(egypt["year"].astype(int)) == [2015, 2018, 2021]


def test_funnel_counts_every_stage_a_deal_passed(egypt: pd.DataFrame) -> None:
    reached, apart = register.funnel(egypt)
    assert dict(reached) == {
        "offered": 3, "talks": 3, "agreed": 3, "signed": 3, "delivering": 1, "delivered": 0,
    }  # fmt: skip
    assert apart == {"rumored": 0, "cancelled": 0}


def test_matrix_keeps_the_top_partners_and_sums_the_rest(egypt: pd.DataFrame) -> None:
    table = register.matrix(egypt, NAMES)
    assert list(table.index) == ["France (FRA)", "Russia (RUS)"]
    assert int(table.to_numpy().sum()) == 3
    folded = register.matrix(egypt, NAMES, top=1)
    assert list(folded.index) == ["France (FRA)", "1 other partners"]
    assert int(folded.to_numpy().sum()) == 3


def test_summary_numbers_link_to_their_rows(egypt: pd.DataFrame) -> None:
    sentences = register.summary(egypt, "EGY", NAMES)
    assert len(sentences) == 1  # Egypt only buys here
    words = "".join(p if isinstance(p, str) else p.text for p in sentences[0])
    assert words.startswith("Reported as buyer in 3 deals with 2 suppliers since 2015")
    assert "largest known value: €5.2 bn for Rafale from France" in words
    markdown = summary_markdown(sentences, {"years": "2010-2025"})
    assert "[3 deals](Deals?years=2010-2025&country=EGY&role=recipient)" in markdown


def test_export_layout_and_values(egypt: pd.DataFrame) -> None:
    rows = register.export_rows(egypt, NAMES)
    assert tuple(rows.columns) == register.EXPORT_COLUMNS
    assert set(rows["Review"]) == {"machine-read"}  # nobody reviewed these yet
    su35 = rows[rows["Designation"] == "Su-35"].iloc[0]
    assert (su35["Supplier"], su35["Recipient"], su35["Number ordered"]) == ("Russia", "Egypt", 24)
    assert su35["Order year"] == 2018 and su35["Delivery years"] == "2020"
    assert pd.isna(su35["Number delivered"])  # first deliveries only
    follow_on = rows[rows["Comments"].str.startswith("Follow-on order")]
    assert list(follow_on["Number ordered"]) == [30]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(register.xlsx_bytes(rows))).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == list(register.EXPORT_COLUMNS)
    assert sheet.max_row == len(rows) + 1


def test_values_are_compact() -> None:
    assert compact(2_500_000_000) == "2.5 bn"
    assert compact(5_000_000_000) == "5 bn"
    assert compact(18_000_000) == "18 m"
    assert compact(950_000) == "950,000"
    assert compact(float("nan")) == ""
