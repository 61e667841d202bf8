"""Deal rows an analyst can cite: reports of one deal merged by lifecycle, dated from the act,
one row per contract, copies of a wire story counted once. Built from articles we wrote
(tests/fixtures/lifecycle) into a real DuckDB store."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from armstrack import queries, store
from armstrack.ingest import article_files, ingest_files, reextract
from armstrack.merge import DEAL_COLUMNS, Source, contracts, lifecycle_status

ROOT = Path(__file__).resolve().parent.parent
LIFECYCLE = ROOT / "tests" / "fixtures" / "lifecycle"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lifecycle") / "s.duckdb"
    with store.connect(path) as con:
        ingest_files(con, article_files([LIFECYCLE]))
    return path


def _rows(db: Path, recipient: str, system: str) -> pd.DataFrame:
    with store.connect(db, read_only=True) as con:
        frame = queries.deals(con, queries.Filters(countries=(recipient,), systems=(system,)))
    return frame.sort_values("first_reported").reset_index(drop=True)


def test_status_is_the_furthest_stage_and_a_passing_mention_never_sets_it_back(db: Path) -> None:
    """Talks → contract → first delivery → a later passing mention ("agreed to buy")."""
    (row,) = _rows(db, "EGY", "Su-35").itertuples()
    assert (row.supplier, row.recipient, row.status) == ("RUS", "EGY", "delivering")
    steps = row.status_history.split(" → ")
    # The passing mention, "agreed to buy" with no price or contract, reads as agreed
    # (ANNOTATION.md) and still does not set the furthest stage back.
    assert [s.split(" (")[0] for s in steps] == ["negotiating", "signed", "delivering", "agreed"]
    assert "Cairo Defence Monitor, 2018-03-01" in steps[0]
    assert row.sources == 4 and row.reports == 4
    assert "delivering" in row.evidence.lower() or "arrived" in row.evidence


def test_dates_come_from_the_act_not_the_report(db: Path) -> None:
    (row,) = _rows(db, "EGY", "Su-35").itertuples()
    # The signing, not the talks report's publication date (2018-03-01).
    assert row.order_edtf == "2018-12"
    # The first delivery, not the talks report's hope of 2022.
    assert row.delivery_edtf == "2020-07"
    assert row.quantity == 24 and not row.conflict  # five delivered of 24 is no disagreement


def test_a_follow_on_order_is_its_own_row_linked_to_the_first(db: Path) -> None:
    rows = _rows(db, "EGY", "Rafale")
    assert len(rows) == 2
    first, second = rows.iloc[0], rows.iloc[1]
    assert (first["quantity"], first["order_edtf"]) == (24, "2015-02-16")
    assert (second["quantity"], second["order_edtf"]) == (30, "2021-05-04")
    assert second["follows"] == first["id"] and pd.isna(first["follows"])
    assert first["family"] == second["family"] == first["id"]
    assert not first["conflict"] and not second["conflict"]
    with store.connect(db, read_only=True) as con:
        backing = queries.deal_sources(con, str(second["id"]))
    assert "additional 30" in " ".join(backing["evidence"])
    assert not any("24 Rafale" in e for e in backing["evidence"])


def test_copies_of_one_wire_story_count_as_one_report(db: Path) -> None:
    (row,) = _rows(db, "GRC", "Rafale").itertuples()
    assert row.sources == 4  # three sites carrying the wire copy, and one report of its own
    assert row.reports == 2
    assert row.status == "delivering" and row.order_edtf == "2021-01-25"
    with store.connect(db, read_only=True) as con:
        copies = con.execute("SELECT count(*) FROM articles WHERE copy_of IS NOT NULL").fetchone()
    assert copies == (2,)


def test_a_refusal_after_an_agreement_cancels(db: Path) -> None:
    (row,) = _rows(db, "NGA", "AH-1Z").itertuples()
    assert row.status == "cancelled"
    assert row.status_history.split(" → ")[-1].startswith("cancelled (Capitol Defense Report")
    assert "blocked" in row.evidence


def test_conflicts_name_each_value_and_its_source(tmp_path: Path) -> None:
    """Reports of one contract that disagree on the number ordered."""
    head = "---\ntitle: {t}\npublished: {d}\nsource: {s}\nurl: https://example.org/{u}\n---\n\n"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(
        head.format(t="Chile orders", d="2022-03-01", s="Andes Wire", u="a")
        + "Chile signed a contract with Israel in February 2022 for 12 Spyder air defence systems.",
        "utf-8",
    )
    (folder / "b.md").write_text(
        head.format(t="Chile's Spyder", d="2022-04-11", s="Pacific Arms", u="b")
        + "Chile signed a contract with Israel in February 2022 for 16 Spyder air defence systems.",
        "utf-8",
    )
    with store.connect(tmp_path / "c.duckdb") as con:
        ingest_files(con, article_files([folder]))
        (row,) = queries.deals(con, queries.Filters(countries=("CHL",))).itertuples()
    assert row.conflict and row.conflict_fields == "quantity"
    assert "12 (Andes Wire, 2022-03-01)" in row.conflicts
    assert "16 (Pacific Arms, 2022-04-11)" in row.conflicts


def test_reingest_and_reextract_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    shutil.copytree(LIFECYCLE, tmp_path / "in")
    with store.connect(path) as con:
        ingest_files(con, article_files([tmp_path / "in"]))
        before = con.execute("SELECT * FROM deals ORDER BY id").fetchall()
        copies = con.execute("SELECT id, copy_of FROM articles ORDER BY id").fetchall()
        again = ingest_files(con, article_files([tmp_path / "in"]))
        assert not again.new and not again.replaced
        reextract(con)
        assert con.execute("SELECT * FROM deals ORDER BY id").fetchall() == before
        assert con.execute("SELECT id, copy_of FROM articles ORDER BY id").fetchall() == copies


def test_arrival_order_does_not_change_which_copy_is_first(tmp_path: Path) -> None:
    wires = sorted(LIFECYCLE.glob("c_wire_*.md"))
    keys = []
    for order in (wires, wires[::-1]):
        with store.connect(tmp_path / f"{len(keys)}.duckdb") as con:
            for file in order:
                ingest_files(con, [file])
            keys.append(con.execute("SELECT id, copy_of FROM articles ORDER BY id").fetchall())
    assert keys[0] == keys[1]


def _source(status: str, published: date, stated: bool = True, **more: object) -> Source:
    row: dict[str, object] = {
        "status": status, "published": published, "status_stated": stated, "article_id": str(published),
        "char_start": 0, "quantity": None, "evidence": "", "order_earliest": None,
        "order_latest": None, "order_qualifier": None, "delivery_earliest": None,
        "delivery_latest": None, "delivery_qualifier": None,
    }  # fmt: skip
    row.update(more)
    return Source(row, "Outlet", str(published))


def test_a_report_after_a_cancellation_revives_the_deal() -> None:
    talks = _source("negotiating", date(2019, 1, 1))
    dropped = _source("cancelled", date(2020, 1, 1))
    later = _source("signed", date(2021, 1, 1))
    assert lifecycle_status([talks, dropped])[0] == "cancelled"
    assert lifecycle_status([talks, dropped, later])[0] == "signed"
    # Talks reported again after the cancellation do not undo it.
    assert lifecycle_status([dropped, _source("negotiating", date(2021, 1, 1))])[0] == "cancelled"


def test_a_delivery_before_the_only_signing_is_an_earlier_contract() -> None:
    new_order = _source(
        "signed", date(2021, 5, 4), quantity=30, order_earliest=date(2021, 5, 4),
        order_latest=date(2021, 5, 4), order_qualifier="exact",
    )  # fmt: skip
    old = _source(
        "delivered", date(2021, 5, 4), quantity=24, delivery_earliest=date(2015, 1, 1),
        delivery_latest=date(2015, 12, 31), delivery_qualifier="exact",
    )  # fmt: skip
    found = contracts([new_order, old])
    assert [c.sources for c in found] == [[old], [new_order]]


def test_no_placeholders_reach_the_facts() -> None:
    """Events without a country are summarised by who or what they name; a sentence nobody is
    quoted in is attributed to the outlet, or says that the report gave none."""
    from armstrack.article import parse_article
    from armstrack.extract import extract

    text = (
        "---\ntitle: Tests\npublished: 2024-03-08\n---\n\n"
        "Lockheed Martin said on Tuesday it had completed the firing trials of the new missile. "
        "The trials ended on Monday at a range in the desert, engineers said."
    )
    result = extract(parse_article(text.encode(), name="t.md"))
    assert result.events
    for event in result.events:
        assert "unspecified" not in event.summary and event.summary.split(":")[0]
        assert event.attribution not in {"", "the article", "pattern"}
    assert any("The trials ended on Monday" in e.summary for e in result.events)


def test_a_version_three_store_is_merged_again_on_start(tmp_path: Path) -> None:
    """A store from before contracts and copies were kept is brought up to date when the
    dashboard starts (ensure_store), with the same rows a fresh build gives."""
    from armstrack.ingest import ensure_store

    path = tmp_path / "old.duckdb"
    with store.connect(path) as con:
        ingest_files(con, article_files([LIFECYCLE]))
        fresh = con.execute("SELECT * EXCLUDE (confidence) FROM deals ORDER BY id").fetchall()
        con.execute("DELETE FROM fingerprints")
        con.execute("ALTER TABLE articles DROP COLUMN copy_of")
        con.execute("ALTER TABLE deal_sources DROP COLUMN contract")
        for column in ("family", "follows", "reports", "conflicts", "review"):
            con.execute(f"ALTER TABLE deals DROP COLUMN {column}")
        con.execute("DROP VIEW reviewed_sources")
        con.execute("DROP TABLE corrections")
        con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('seeded', '')")
    ensure_store(path, seeds=tmp_path / "no-seeds")
    with store.connect(path, read_only=True) as con:
        assert (
            con.execute("SELECT * EXCLUDE (confidence) FROM deals ORDER BY id").fetchall() == fresh
        )


def test_nested_dates_agree_and_a_delivery_reports_own_date_is_no_order_date() -> None:
    from armstrack.merge import merge_family

    def day(y: int, m: int, d: int) -> date:
        return date(y, m, d)

    first = _source(
        "delivering", day(2020, 12, 18), delivery_earliest=day(2019, 7, 1),
        delivery_latest=day(2019, 7, 31), delivery_qualifier="exact", delivery_edtf="2019-07",
        order_earliest=day(2020, 12, 14), order_latest=day(2020, 12, 14), order_qualifier="exact",
        order_edtf="2020-12-14",
    )  # fmt: skip
    later = _source(
        "delivered", day(2024, 3, 12), delivery_earliest=day(2019, 1, 1),
        delivery_latest=day(2019, 12, 31), delivery_qualifier="exact", delivery_edtf="2019",
    )  # fmt: skip
    for s in (first, later):
        for key in ("supplier", "recipient", "system", "category", "certainty", "attribution",
                    "value_amount", "value_currency", "confidence", "char_end"):  # fmt: skip
            s.row.setdefault(key, None)
        for prefix in ("order", "delivery"):
            for part in ("text", "precision", "edtf", "earliest", "latest", "qualifier"):
                s.row.setdefault(f"{prefix}_{part}", None)
    ((row, _),) = merge_family("f", [first, later])
    deal = dict(zip(DEAL_COLUMNS, row, strict=True))
    assert deal["status"] == "delivered" and not deal["conflict"]
    assert deal["delivery_edtf"] == "2019-07"  # the first delivery, to the month
    assert deal["order_edtf"] is None  # the week of the report, after the delivery: not an order
