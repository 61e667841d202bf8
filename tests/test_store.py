"""The corpus store on real DuckDB files in a temp dir."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from armstrack import queries, store
from armstrack.export import csv_bytes, export
from armstrack.ingest import article_files, ensure_store, ingest_files
from armstrack.records import EVENT_TYPES

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
MERGE = ROOT / "tests" / "fixtures" / "merge"
SEEDS = ROOT / "seeds"


def _checksum(con: duckdb.DuckDBPyConnection) -> str:
    digest = hashlib.sha256()
    for table in (
        "articles",
        "mentions",
        "events",
        "event_actors",
        "deals",
        "deal_sources",
        "countries",
    ):
        rows = con.execute(
            f"SELECT * EXCLUDE (ingested_at) FROM {table}"
            if table == "articles"
            else f"SELECT * FROM {table}"
        ).fetchall()
        digest.update(repr(sorted(map(repr, rows))).encode())
    return digest.hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "corpus.duckdb"


def test_first_run_builds_from_seeds(db: Path) -> None:
    assert ensure_store(db) is True
    assert ensure_store(db) is False
    with store.connect(db, read_only=True) as con:
        assert store.counts(con)["articles"] == len(list(SEEDS.glob("*.txt")))
        assert {"TUR", "RUS", "CHN", "IND", "SYR"} <= set(queries.countries(con)["iso3"])


def test_ingest_twice_changes_nothing(db: Path) -> None:
    with store.connect(db) as con:
        first = ingest_files(con, article_files([ARTICLES]))
        before = (store.counts(con), _checksum(con))
        second = ingest_files(con, article_files([ARTICLES]))
        after = (store.counts(con), _checksum(con))
    assert len(first.new) >= 30 and not first.failed
    assert second.new == [] and len(second.unchanged) == len(first.new)
    assert before == after


def test_bad_files_leave_store_as_before(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (bad / "latin.txt").write_bytes(b"\xff\xfe\x00\xd8" * 3 + b"\x00")
    (bad / "empty.md").write_bytes(b"")
    (bad / "frontmatter.md").write_text("---\ntitle: [broken\n---\nText", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(
        "---\ntitle: Ok\npublished: 2020-01-02\n---\n\nEgypt ordered 30 Rafale jets from France.",
        encoding="utf-8",
    )
    with store.connect(db) as con:
        ingest_files(con, article_files([MERGE]))
        before = (store.counts(con), _checksum(con))
        report = ingest_files(con, article_files([bad]))
        assert (store.counts(con), _checksum(con)) == before
        assert len(report.failed) == 4
        assert all(reason for _, reason in report.failed)
        mixed = ingest_files(con, [*article_files([bad]), good])
        assert mixed.new == [str(good)] and len(mixed.failed) == 4


def test_same_url_replaces_earlier_version(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    head = "---\ntitle: Story\npublished: 2021-05-01\nurl: https://example.org/story\n---\n\n"
    path.write_text(head + "Egypt ordered 30 Rafale jets from France.", encoding="utf-8")
    with store.connect(db) as con:
        ingest_files(con, [path])
        path.write_text(
            head + "Egypt ordered 54 Rafale jets from France on Monday.", encoding="utf-8"
        )
        report = ingest_files(con, [path])
        assert report.replaced == [str(path)]
        assert store.counts(con)["articles"] == 1
        deal = queries.deals(con).iloc[0]
        assert deal["quantity"] == 54 and deal["sources"] == 1


def test_batched_parallel_ingest_equals_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches (one transaction each) and extraction in worker processes store exactly what
    ingesting file by file stores, duplicates and new versions of a URL included."""
    import shutil

    from armstrack import ingest

    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    for path in sorted(ARTICLES.glob("*.md"))[:16]:  # enough for three batches of seven
        shutil.copy(path, folder / "a" / path.name)
    shutil.copytree(MERGE, folder / "m")
    shutil.copy(sorted(ARTICLES.glob("*.md"))[0], folder / "zz_duplicate.md")
    head = "---\ntitle: Story\npublished: 2021-05-01\nurl: https://example.org/story\n---\n\n"
    (folder / "v1.md").write_text(head + "Egypt ordered 30 Rafale jets from France.", "utf-8")
    (folder / "v2.md").write_text(head + "Egypt ordered 54 Rafale jets from France.", "utf-8")
    files = list(article_files([folder]))
    with store.connect(tmp_path / "one.duckdb") as con:
        single = [ingest_files(con, [f], workers=1) for f in files]
        expected = (store.counts(con), _checksum(con))
    monkeypatch.setattr(ingest, "BATCH", 7)
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 2)
    with store.connect(tmp_path / "many.duckdb") as con:
        report = ingest_files(con, files, workers=2)
        assert (store.counts(con), _checksum(con)) == expected
        assert (
            queries.deals(con, queries.Filters(countries=("EGY",), systems=("Rafale",))).iloc[0][
                "quantity"
            ]
            == 54
        )
    assert report.unchanged == [str(folder / "zz_duplicate.md")]
    assert report.replaced == [str(folder / "v2.md")]
    assert len(report.new) == sum(len(r.new) for r in single)


def test_deal_merged_across_three_articles(db: Path) -> None:
    with store.connect(db) as con:
        ingest_files(con, article_files([MERGE]))
        frame = queries.deals(con, queries.Filters(systems=("K9",)))
        assert len(frame) == 1
        deal = frame.iloc[0]
        assert (deal["supplier"], deal["recipient"]) == ("KOR", "NOR")
        assert deal["sources"] == 3
        assert deal["status"] == "delivering"  # the latest report by publication date
        assert deal["status_history"].startswith("negotiating")
        assert deal["conflict"]  # 24 vs 28 guns, June vs May 2022
        assert "quantity" in deal["conflict_fields"]
        sources = queries.deal_sources(con, deal["id"])
        assert list(sources["status"]) == ["negotiating", "signed", "delivering"]
        assert set(sources["quantity"].dropna()) == {24, 28}


def test_delete_article_updates_merged_deal(db: Path) -> None:
    with store.connect(db) as con:
        ingest_files(con, article_files([MERGE]))
        latest = queries.articles(con).iloc[0]["id"]
        assert store.delete_article(con, latest)
        deal = queries.deals(con, queries.Filters(systems=("K9",))).iloc[0]
        assert deal["sources"] == 2 and deal["status"] == "signed"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "c.duckdb"
    with store.connect(path) as con:
        ingest_files(con, article_files([ARTICLES, SEEDS, MERGE]))
    return path


def test_query_filters(corpus: Path) -> None:
    with store.connect(corpus, read_only=True) as con:
        every = queries.deals(con)
        tur = queries.deals(con, queries.Filters(countries=("TUR",)))
        as_supplier = queries.deals(con, queries.Filters(countries=("TUR",), role="supplier"))
        as_recipient = queries.deals(con, queries.Filters(countries=("TUR",), role="recipient"))
        assert len(every) > len(tur) > 0
        assert set(as_supplier["supplier"]) == {"TUR"}
        assert set(as_recipient["recipient"]) == {"TUR"}
        assert len(as_supplier) + len(as_recipient) == len(tur)
        old = queries.deals(con, queries.Filters(year_from=2010, year_to=2016))
        assert 0 < len(old) < len(every)
        signed = queries.deals(con, queries.Filters(statuses=("signed",)))
        assert set(signed["status"]) == {"signed"}
        s400 = queries.deals(con, queries.Filters(systems=("S-400",)))
        assert set(s400["system"]) == {"S-400"}
        incidents = queries.events(con, queries.Filters(event_types=("military_incident",)))
        assert set(incidents["type"]) == {"military_incident"}
        dated = queries.events(con, queries.Filters(year_from=2015, year_to=2015))
        assert len(dated) > 0
        assert all(
            (pd.isna(r.date_latest) or r.date_latest.year >= 2015)
            and (pd.isna(r.date_earliest) or r.date_earliest.year <= 2015)
            for r in dated.itertuples()
        )
        text = queries.deals(con, queries.Filters(text="howitzer"))
        assert len(text) > 0 and all("howitzer" in e.lower() for e in text["evidence"])


def test_page_reads_agree_with_the_tables(corpus: Path) -> None:
    """The reads tuned for the dashboard give what the plain tables say."""
    with store.connect(corpus, read_only=True) as con:
        every = queries.events(con)
        for codes in (("RUS",), ("RUS", "IND", "TUR")):
            picked = queries.events(con, queries.Filters(countries=codes))
            expected = {r.id for r in every.itertuples() if set(codes) & set(r.actors.split(", "))}
            assert set(picked["id"]) == expected and expected
        articles = queries.articles(con)
        counts = con.execute(
            "SELECT a.id, (SELECT count(*) FROM events e WHERE e.article_id = a.id),"
            " (SELECT count(*) FROM deal_sources d WHERE d.article_id = a.id AND d.shown) FROM articles a"
        ).fetchall()
        assert {(r.id, r.events, r.deals) for r in articles.itertuples()} == set(counts)
        view = queries.Filters(countries=("TUR",))
        places = queries.event_places(con, view)
        mentions = queries.places(con)
        located = queries.events(con, view).merge(mentions, on=["article_id", "place"])
        assert len(places) > 0
        assert (
            places["events"].sum() == located.groupby(["place", "lat", "lon"])["id"].nunique().sum()
        )
        narrow = queries.deals(con, view, 5, ("id", "status", "last_reported"))
        assert list(narrow.columns) == ["id", "status", "last_reported"]
        assert narrow["id"].tolist() == queries.deals(con, view, 5)["id"].tolist()
        # The first dated events by date, either way, are the head of all of them in that order
        # (the read finds the last one's date first), ties and a limit past the end included.
        for f in (queries.Filters(), queries.Filters(countries=("TUR",))):
            for newest in (True, False):
                dated = queries.events(con, f, dated=True, newest_first=newest)
                assert len(dated) > 3
                for n in (1, 3, len(dated) // 2, len(dated), len(dated) + 5):
                    first = queries.events(con, f, n, dated=True, newest_first=newest)
                    pd.testing.assert_frame_equal(first, dated.head(n))
        # Each country's events, over every event (counted from event_actors) and in a view
        # (from the events' own lists), are the events that name it.
        named = pd.Series([c for a in every["actors"] for c in a.split(", ") if c]).value_counts()
        for f in (queries.Filters(), queries.Filters(event_types=tuple(EVENT_TYPES))):
            table = queries.countries(con, f).set_index("iso3")["events"]
            assert table[table > 0].sort_index().to_dict() == named.sort_index().to_dict()


def test_frames_have_stable_columns_and_dtypes(corpus: Path, db: Path) -> None:
    with store.connect(corpus, read_only=True) as con:
        full = {
            name: getattr(queries, name)(con)
            for name in ("deals", "events", "articles", "countries")
        }
    with store.connect(db) as con:
        empty = {
            name: getattr(queries, name)(con)
            for name in ("deals", "events", "articles", "countries")
        }
    for name, frame in full.items():
        assert list(frame.columns) == list(empty[name].columns)
        assert frame.dtypes.to_dict() == empty[name].dtypes.to_dict()
        assert len(empty[name]) == 0
    assert list(full["deals"].columns) == list(queries.DEAL_COLUMNS)
    assert str(full["deals"]["order_earliest"].dtype).startswith("datetime64")


def test_export_filtered_and_injection_safe(corpus: Path, tmp_path: Path) -> None:
    with store.connect(corpus, read_only=True) as con:
        files = export(con, tmp_path / "out", queries.Filters(countries=("RUS",)))
        assert {f.name for f in files} == {
            "deals.csv",
            "events.csv",
            "articles.csv",
            "countries.csv",
            "corrections.csv",  # the analysts' record, whatever the view
        }
        deals = pd.read_csv(tmp_path / "out" / "deals.csv", encoding="utf-8-sig")
        assert len(deals) > 0
        assert all(
            "RUS" in (s, r) for s, r in zip(deals["supplier"], deals["recipient"], strict=True)
        )
        parquet = export(con, tmp_path / "pq", queries.Filters(countries=("RUS",)), "parquet")
        assert len(pd.read_parquet(parquet[0])) == len(deals)
    hostile = pd.DataFrame(
        {"a": ['=HYPERLINK("http://x","y")', "+1", "-2", "@x", "\tz", "ok", "Işık"]}
    )
    data = csv_bytes(hostile)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and "'-2" in text and "'@x" in text
    assert "Işık" in text


def test_schema_version_recorded(db: Path) -> None:
    with store.connect(db) as con:
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert version == (str(store.SCHEMA_VERSION),)


def test_review_candidates_kept_apart_from_deals(corpus: Path) -> None:
    """Candidates below the model's threshold (or displaced by a likelier rival) are stored,
    listed for review, and never merged into the deals any page or download shows."""
    with store.connect(corpus, read_only=True) as con:
        hidden = con.execute("SELECT count(*) FROM deal_sources WHERE NOT shown").fetchone()
        assert hidden is not None and hidden[0] > 0
        leaked = con.execute(
            """SELECT count(*) FROM deals d WHERE NOT EXISTS (
                   SELECT 1 FROM deal_sources s WHERE s.contract = d.id AND s.shown)"""
        ).fetchone()
        assert leaked == (0,)
        queue = queries.review_candidates(con)
        assert len(queue) == hidden[0]
        assert queue["confidence"].is_monotonic_decreasing
        assert queue["evidence"].notna().all() and queue["title"].notna().all()


def test_version_two_store_gains_confidence_columns(db: Path) -> None:
    """A store written before confidences were kept is brought up to date on open."""
    with store.connect(db) as con:
        con.execute("ALTER TABLE deal_sources DROP COLUMN shown")
        con.execute("ALTER TABLE deal_sources DROP COLUMN confidence")
        con.execute("ALTER TABLE events DROP COLUMN confidence")
        con.execute("ALTER TABLE deals DROP COLUMN confidence")
        con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with store.connect(db) as con:
        columns = {r[0] for r in con.execute("DESCRIBE deal_sources").fetchall()}
        assert {"confidence", "shown"} <= columns
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert version == (str(store.SCHEMA_VERSION),)
        assert con.execute("SELECT count(*) FROM deal_sources WHERE shown IS NULL").fetchone() == (
            0,
        )


def test_an_article_dated_to_its_month_reads_the_same_when_extracted_again(
    db: Path, tmp_path: Path
) -> None:
    from armstrack.ingest import reextract

    path = tmp_path / "monthly.md"
    path.write_text(
        "---\ntitle: Jets for Romania\ndate: '2024-07'\nsource: Test Wire\n---\n"
        "Norway announced on July 10 that it will donate six F-16 jets to Romania.\n",
        encoding="utf-8",
    )
    with store.connect(db) as con:
        assert not ingest_files(con, [path]).failed
        (stored,) = [a for a in store.stored_articles(con) if a.meta.title == "Jets for Romania"]
        assert stored.meta.published_precision == "month"
        first = con.execute("SELECT date_edtf FROM events ORDER BY id").fetchall()
        reextract(con)
        again = con.execute("SELECT date_edtf FROM events ORDER BY id").fetchall()
    assert ("2024-07-10",) in first
    assert again == first


def test_few_and_many_rows_go_in_alike(tmp_path: Path) -> None:
    """A few rows go in as one statement of values, many through a frame: the same table either
    way, with empty values, dates, numbers, flags and lists, into named columns or all."""
    from datetime import date

    from armstrack.store.bulk import FEW_ROWS, insert_rows

    def row(i: int) -> list[object]:
        return [f"id{i}", None if i % 3 else date(2016, 1 + i % 12, 1), i % 2 == 0,
                i * 1.5, ["TUR", "RUS"][: i % 3], i]  # fmt: skip

    con = duckdb.connect(str(tmp_path / "bulk.duckdb"))
    tables = {}
    for name, n in (("few", FEW_ROWS), ("many", FEW_ROWS + 1)):
        con.execute(
            f"CREATE TABLE {name} (id VARCHAR, d DATE, f BOOLEAN, x DOUBLE, "
            "codes VARCHAR[], n INTEGER, note VARCHAR)"
        )
        insert_rows(con, name, [row(i) for i in range(n)], ("id", "d", "f", "x", "codes", "n"))
        tables[name] = con.execute(f"SELECT * FROM {name} ORDER BY n").fetchall()
    assert tables["few"] == tables["many"][:FEW_ROWS]
    assert tables["few"][3] == ("id3", date(2016, 4, 1), False, 4.5, [], 3, None)
    assert tables["many"][-1][4] == ["TUR", "RUS"][: FEW_ROWS % 3]
