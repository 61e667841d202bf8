"""AppTest: analysts review deals on the Deals page and deal facts on the Sources page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from armstrack import queries, store
from armstrack.ingest import article_files, ensure_store, ingest_files

ROOT = Path(__file__).resolve().parent.parent
K9 = queries.Filters(systems=("K9",))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "review.duckdb"
    ensure_store(path, seeds=tmp_path / "no-seeds")
    with store.connect(path) as con:
        ingest_files(con, article_files([ROOT / "tests" / "fixtures" / "merge"]))
    return path


def _open(page: str, db: Path, monkeypatch: pytest.MonkeyPatch, params: dict[str, str]) -> AppTest:
    monkeypatch.setenv("ARMSTRACK_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _select(at: AppTest, key: str, row: int = 0) -> None:
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()


def _submit(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Save review").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_correct_a_deal_status_on_the_deals_page(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open("pages/1_Deals.py", db, monkeypatch, {"country": "NOR"})
    _select(at, "table_deals")
    at.text_input(key="deal_review_reviewer").set_value("Ana")
    at.radio(key="deal_review_action").set_value("correct")
    status = next(s for s in at.selectbox if s.label == "Status")
    status.set_value("delivered")
    at.text_input(key="deal_review_note").set_value("all delivered by 2025")
    _submit(at)
    assert any("Corrected" in s.value for s in at.success)
    with store.connect(db, read_only=True) as con:
        deal = queries.deals(con, K9).iloc[0]
        table = store.correction_table(con)
    assert (deal["status"], deal["review"]) == ("delivered", "corrected")
    assert set(table["reviewer"]) == {"Ana"} and set(table["note"]) == {"all delivered by 2025"}
    # The name stays for the session: another page's form starts with it.
    at.switch_page("pages/4_Sources.py").run()
    _select(at, "reader_facts")
    assert at.text_input(key="fact_review_reviewer").value == "Ana"


def test_reject_a_fact_on_the_sources_page_and_filter_reviewed(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open("pages/4_Sources.py", db, monkeypatch, {"country": "NOR"})
    _select(at, "reader_facts")
    at.radio(key="fact_review_action").set_value("reject")
    _submit(at)
    with store.connect(db, read_only=True) as con:
        table = store.correction_table(con)
        assert list(table["action"]) == ["reject"]
        sources = con.execute(
            "SELECT count(*) FROM reviewed_sources WHERE review = 'rejected'"
        ).fetchone()
    assert sources == (1,)
    assert "rejected" not in set(_open_facts(at))
    # A rejected report reviews no deal: "reviewed only" shows none, "needs review" all of them.
    deals = _open("pages/1_Deals.py", db, monkeypatch, {"country": "NOR"})
    deals.radio(key="deals_review").set_value("reviewed").run()
    assert not deals.exception
    assert any("No deals match" in i.value and "reviewed only" in i.value for i in deals.info)
    assert not [t for t in deals.dataframe if t.key == "table_deals"]
    deals.radio(key="deals_review").set_value("needs").run()
    table = next(t for t in deals.dataframe if t.key == "table_deals")
    assert list(table.proto.column_order)[-1] == "Review"


def _open_facts(at: AppTest) -> list[str]:
    """The Review column of the Sources page's facts table."""
    table = next(t for t in at.dataframe if t.key == "reader_facts")
    return [str(v) for v in table.value["Review"]]


def test_confirm_a_candidate_from_the_review_queue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "queue.duckdb"
    ensure_store(path, seeds=tmp_path / "no-seeds")
    with store.connect(path) as con:
        ingest_files(con, article_files([ROOT / "tests" / "articles"]))
        queue = queries.review_candidates(con)
        before = queries.count(con, "deals")
    first = queue.iloc[0]
    at = _open("pages/1_Deals.py", path, monkeypatch, {})
    _select(at, "table_review")
    assert any(t.value.startswith("Evidence: “") for t in at.text)
    at.radio(key="candidate_review_action").set_value("confirm")
    _submit(at)
    with store.connect(path, read_only=True) as con:
        assert queries.count(con, "deals") == before + 1
        reviewed = queries.deals(con, queries.Filters(review="reviewed"))
    assert list(reviewed["system"]) == [first["system"]]
    assert list(reviewed["review"]) == ["confirmed"]
