"""Analysts' corrections on a real DuckDB store: they stick through re-extraction and re-ingest."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from armstrack import queries, store
from armstrack.cli import main
from armstrack.export import export
from armstrack.ingest import article_files, ingest_files, reextract
from armstrack.store.corrections import CorrectionError, parse_day, write_annotations

ROOT = Path(__file__).resolve().parent.parent
MERGE = ROOT / "tests" / "fixtures" / "merge"
K9 = queries.Filters(systems=("K9",))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "review.duckdb"
    with store.connect(path) as con:
        ingest_files(con, article_files([MERGE]))
    return path


def _k9(con: store.connect) -> pd.Series:  # type: ignore[valid-type]
    frame = queries.deals(con, K9)
    assert len(frame) == 1
    return frame.iloc[0]


def test_a_new_store_reads_every_deal_as_machine_read(db: Path) -> None:
    with store.connect(db) as con:
        deals = queries.deals(con)
        assert len(deals) > 0 and set(deals["review"]) == {"machine-read"}
        assert store.correction_table(con).empty


def test_corrected_status_survives_reextract(db: Path) -> None:
    with store.connect(db) as con:
        deal = _k9(con)
        assert deal["status"] == "delivering"
        store.review_deal(
            con, deal["id"], "correct", {"status": "delivered"}, note="all 28 in service",
            reviewer="Ana",
        )  # fmt: skip
        after = _k9(con)
        assert (after["status"], after["review"]) == ("delivered", "corrected")
        assert reextract(con) == 3
        again = _k9(con)
        assert (again["status"], again["review"]) == ("delivered", "corrected")
        table = store.correction_table(con)
        assert len(table) == 3  # one per report of the deal
        assert set(table["reviewer"]) == {"Ana"} and set(table["note"]) == {"all 28 in service"}
        assert table["changed"].str.contains("status: .* → delivered").all()
        assert not table["orphaned"].any()
        # The facts as read are untouched: the correction is applied over them.
        read = con.execute("SELECT DISTINCT status FROM deal_sources").fetchall()
        assert ("delivered",) not in read


def test_rejected_deal_leaves_views_and_downloads_but_stays_in_corrections(
    db: Path, tmp_path: Path
) -> None:
    with store.connect(db) as con:
        deal = _k9(con)
        store.review_deal(con, deal["id"], "reject", note="not a deal", reviewer="Ben")
        assert queries.deals(con, K9).empty
        assert queries.deal_sources(con, deal["id"]).empty
        assert queries.count(con, "deals", K9) == 0
        files = export(con, tmp_path / "out", queries.Filters())
        deals_csv = pd.read_csv(tmp_path / "out" / "deals.csv", encoding="utf-8-sig")
        assert "K9" not in set(deals_csv["system"])
        kept = store.correction_table(con)
        assert set(kept["action"]) == {"reject"} and len(kept) == 3
        assert tmp_path / "out" / "corrections.csv" in files
        shared = pd.read_csv(tmp_path / "out" / "corrections.csv", encoding="utf-8-sig")
        assert set(shared["action"]) == {"reject"}
        # Still rejected after the articles are read again.
        reextract(con)
        assert queries.deals(con, K9).empty
        # A facts table still holds what was read, for the record.
        assert con.execute("SELECT count(*) FROM deal_sources WHERE system = 'K9'").fetchone() == (
            3,
        )


def test_merged_row_respects_a_correction_of_one_source(db: Path) -> None:
    with store.connect(db) as con:
        deal = _k9(con)
        assert deal["conflict"] and "quantity" in deal["conflict_fields"]
        sources = queries.deal_sources(con, deal["id"])
        odd = sources[sources["quantity"] == 28].iloc[0]
        store.review_fact(con, odd["deal_id"], odd["article_id"], "correct", {"quantity": 24})
        after = _k9(con)
        assert "quantity" not in (after["conflict_fields"] or "")
        assert after["review"] == "corrected"
        reviewed = queries.deal_sources(con, deal["id"])
        assert set(reviewed["quantity"]) == {24}
        assert sorted(reviewed["review"]) == ["corrected", "machine-read", "machine-read"]


def test_corrected_supplier_moves_the_deal(db: Path) -> None:
    with store.connect(db) as con:
        deal = _k9(con)
        store.review_deal(con, deal["id"], "correct", {"supplier": "deu"})
        moved = _k9(con)
        assert (moved["supplier"], moved["recipient"]) == ("DEU", "NOR")
        assert queries.deals(con, queries.Filters(countries=("KOR",), systems=("K9",))).empty
        reextract(con)
        assert _k9(con)["supplier"] == "DEU"


def test_confirming_a_candidate_makes_it_a_deal(tmp_path: Path) -> None:
    path = tmp_path / "c.duckdb"
    with store.connect(path) as con:
        ingest_files(con, article_files([ROOT / "tests" / "articles"]))
        queue = queries.review_candidates(con)
        assert not queue.empty
        first = queue.iloc[0]
        before = queries.count(con, "deals")
        store.review_fact(con, first["deal_id"], first["article_id"], "confirm", reviewer="Ana")
        assert queries.count(con, "deals") == before + 1
        assert len(queries.review_candidates(con)) == len(queue) - 1
        reviewed = queries.deals(con, queries.Filters(review="reviewed"))
        assert list(reviewed["review"]) == ["confirmed"]
        assert reviewed.iloc[0]["system"] == first["system"]


def test_review_filters_and_queue_order(db: Path) -> None:
    with store.connect(db) as con:
        deal = _k9(con)
        store.review_deal(con, deal["id"], "confirm")
        reviewed = queries.deals(con, queries.Filters(review="reviewed"))
        needs = queries.deals(con, queries.Filters(review="needs"))
        assert list(reviewed["id"]) == [deal["id"]]
        assert deal["id"] not in set(needs["id"])
        assert len(needs) + len(reviewed) == len(queries.deals(con))
        assert needs["confidence"].dropna().is_monotonic_increasing
        assert queries.count(con, "deals", queries.Filters(review="reviewed")) == 1


def test_changed_article_keeps_or_orphans_its_correction(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    story = folder / "signed.md"
    shutil.copy(MERGE / "b_signed.md", story)
    with store.connect(db) as con:
        deal = _k9(con)
        sources = queries.deal_sources(con, deal["id"])
        signed = sources[sources["status"] == "signed"].iloc[0]
        store.review_fact(
            con, signed["deal_id"], signed["article_id"], "correct", {"order_date": "2022-06-17"}
        )
        assert _k9(con)["order_edtf"] == "2022-06-17"
        # The same URL with a sentence added: a new article id, the deal read from the same
        # sentence, so the correction applies again.
        story.write_text(
            story.read_text(encoding="utf-8") + "\nThe guns will be based in the north.\n",
            encoding="utf-8",
        )
        ingest_files(con, article_files([folder]))
        current = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        assert signed["article_id"] not in current
        assert _k9(con)["order_edtf"] == "2022-06-17"
        assert store.orphaned(con).empty
        # Rewritten so that the sentence is gone: the correction is orphaned, not dropped.
        story.write_text(
            story.read_text(encoding="utf-8").replace(
                "Norway signed a contract for 24 K9 howitzers",
                "Norway put its name to a contract for 24 K9 howitzers",
            ),
            encoding="utf-8",
        )
        ingest_files(con, article_files([folder]))
        lost = store.orphaned(con)
        assert len(lost) == 1 and lost.iloc[0]["article_id"] == signed["article_id"]
        assert _k9(con)["order_edtf"] != "2022-06-17"
        assert len(store.correction_table(con)) == 1


def test_bad_corrections_are_refused(db: Path) -> None:
    with store.connect(db) as con:
        deal = _k9(con)
        for changes in ({"status": "bought"}, {"supplier": "Korea"}, {"order_date": "June"}):
            with pytest.raises(CorrectionError):
                store.review_deal(con, deal["id"], "correct", changes)
        with pytest.raises(CorrectionError, match="nothing to correct"):
            store.review_deal(con, deal["id"], "correct", {"supplier": deal["supplier"]})
        with pytest.raises(CorrectionError):
            store.review_deal(con, "no-such-deal", "confirm")
        assert store.correction_table(con).empty


def test_parse_day_precision() -> None:
    assert parse_day("2019").precision == "year"
    month = parse_day("2020-02")
    assert (month.earliest.day, month.latest.day, month.precision) == (1, 29, "month")
    assert parse_day("2021-03-05").edtf == "2021-03-05"
    with pytest.raises(CorrectionError):
        parse_day("2021-13")


def test_store_of_version_four_opens_with_review_column(db: Path) -> None:
    with store.connect(db) as con:
        con.execute("DROP VIEW reviewed_sources")
        con.execute("DROP TABLE corrections")
        con.execute("ALTER TABLE deals DROP COLUMN review")
        con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with store.connect(db) as con:
        assert set(queries.deals(con)["review"]) == {"machine-read"}
        assert store.correction_table(con).empty


def test_cli_corrections_export_import_round_trip(db: Path, tmp_path: Path) -> None:
    with store.connect(db) as con:
        deal = _k9(con)
        store.review_deal(
            con, deal["id"], "correct", {"status": "delivered"}, note="=cmd", reviewer="Ana",
            now=datetime(2026, 12, 1, 9, 30),
        )  # fmt: skip
    shared = tmp_path / "shared.csv"
    assert main(["corrections", "export", str(shared), "--db", str(db)]) == 0
    # A colleague's store: the same articles, no reviews yet.
    other = tmp_path / "other.duckdb"
    with store.connect(other) as con:
        ingest_files(con, article_files([MERGE]))
        assert _k9(con)["status"] == "delivering"
    assert main(["corrections", "import", str(shared), "--db", str(other)]) == 0
    assert main(["corrections", "import", str(shared), "--db", str(other)]) == 0  # no doubles
    with store.connect(other) as con:
        deal = _k9(con)
        assert (deal["status"], deal["review"]) == ("delivered", "corrected")
        table = store.correction_table(con)
        assert len(table) == 3 and set(table["note"]) == {"=cmd"}
        assert set(table["created_at"]) == {pd.Timestamp(2026, 12, 1, 9, 30)}


def test_cli_import_refuses_other_files(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["corrections", "import", str(bad), "--db", str(db)]) == 2
    assert "not a corrections file" in capsys.readouterr().err


def test_reviewed_article_becomes_an_annotated_example_for_train(db: Path, tmp_path: Path) -> None:
    """A fully reviewed article is written in the annotated layout `train` reads; its gold deal
    carries the corrected status, and the extractor's candidate for it is labelled a deal."""
    from armstrack.learn.corpus import load_set
    from armstrack.learn.examples import collect

    out = tmp_path / "annotated"
    with store.connect(db) as con:
        deal = _k9(con)
        sources = queries.deal_sources(con, deal["id"])
        talks = sources[sources["status"] == "negotiating"].iloc[0]
        # Not every deal of the article reviewed yet: nothing to learn from.
        assert write_annotations(con, out) == []
        shown = con.execute(
            """SELECT source_deal_id FROM reviewed_sources
               WHERE article_id = ? AND shown IS NOT FALSE""",
            [talks["article_id"]],
        ).fetchall()
        for (deal_id,) in shown:
            store.review_fact(con, deal_id, talks["article_id"], "correct", {"status": "proposed"})
    assert main(["corrections", "export", "--annotations", str(out), "--db", str(db)]) == 0
    annotated = load_set(out)
    assert [a.name for a in annotated] == [talks["article_id"]]
    k9 = [d for d in annotated[0].deals if d.system == "K9"]
    assert [(d.supplier, d.recipient, d.status) for d in k9] == [("KOR", "NOR", "proposed")]
    assert "NOR" in annotated[0].countries
    examples = collect(annotated)
    labelled = [
        c.system.canonical
        for c, label in zip(examples[0].candidates, examples[0].labels, strict=True)
        if label
    ]
    assert "K9" in labelled


def test_later_reviews_keep_what_earlier_corrections_set(db: Path) -> None:
    with store.connect(db) as con:
        deal = _k9(con)
        store.review_deal(con, deal["id"], "correct", {"status": "delivered"})
        store.review_deal(con, _k9(con)["id"], "correct", {"quantity": 28})
        both = _k9(con)
        assert (both["status"], both["quantity"], both["review"]) == (
            "delivered",
            28,
            "corrected",
        )
        store.review_deal(con, both["id"], "correct", {"supplier": "DEU"})
        store.review_deal(con, _k9(con)["id"], "confirm", reviewer="Ben")
        confirmed = _k9(con)
        assert (confirmed["supplier"], confirmed["status"], confirmed["review"]) == (
            "DEU",
            "delivered",
            "confirmed",
        )
        # A confirmed fact's family is the corrected one: nothing is left under the old one.
        assert queries.deals(con, queries.Filters(countries=("KOR",))).empty
        assert len(store.correction_table(con)) == 12


def test_parquet_dataset_carries_the_corrections(db: Path, tmp_path: Path) -> None:
    from armstrack import dataset

    with store.connect(db) as con:
        store.review_deal(con, _k9(con)["id"], "correct", {"status": "delivered"})
        written = dataset.write(con, tmp_path / "ds")
    assert written["corrections"] == 3
    with store.connect(tmp_path / "ds", read_only=True) as con:
        deal = _k9(con)
        assert (deal["status"], deal["review"]) == ("delivered", "corrected")
        assert len(store.correction_table(con)) == 3
        assert not store.orphaned(con).size
