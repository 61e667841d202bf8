"""The corpus as a partitioned Parquet dataset: one folder per table, read through DuckDB.

A dataset folder holds `articles/`, `mentions/`, `events/`, `event_actors/`, `deal_sources/`,
`deals/`, `corrections/` (analysts' reviews) and `country_ref/`, each any number of Parquet files (Hive-style `year=2021/` folders
or flat `part-3.parquet` files alike). `python -m armstrack dataset OUT` writes one from the
DuckDB store; the Dask recipe in `armstrack.tools.scale` writes one from raw articles. Pointing
`$ARMSTRACK_DB` at such a folder makes the dashboard and the commands read it instead of the
database file: `store.connect` hands out a DuckDB connection whose tables are views over the
files, so every query runs unchanged. A dataset is read-only.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from armstrack.errors import InputError
from armstrack.store.deals import merge_everything
from armstrack.store.schema import create_tables, create_views, fill_country_ref

TABLES = (
    "articles", "mentions", "events", "event_actors", "deal_sources", "deals", "corrections",
)  # fmt: skip

# Which year each table's rows are filed under: the publication year of their article.
_PARTITION = {
    "articles": "SELECT *, year(published) AS year FROM articles",
    "mentions": """SELECT m.*, year(a.published) AS year FROM mentions m
                   JOIN articles a ON a.id = m.article_id""",
    "events": """SELECT e.*, year(a.published) AS year FROM events e
                 JOIN articles a ON a.id = e.article_id""",
    "event_actors": """SELECT x.*, year(a.published) AS year FROM event_actors x
                       JOIN events e ON e.id = x.event_id JOIN articles a ON a.id = e.article_id""",
    "deal_sources": "SELECT *, year(published) AS year FROM deal_sources",
    "deals": "SELECT *, year(first_reported) AS year FROM deals",
    # Analysts' corrections, by the year they were made: a re-merge of the dataset keeps them.
    "corrections": "SELECT *, year(created_at) AS year FROM corrections",
}


class DatasetError(InputError):
    """The folder is not a readable dataset, or a write was asked of it."""


def is_dataset(path: str | Path) -> bool:
    return Path(path).is_dir()


def files(folder: Path, table: str) -> list[Path]:
    return sorted((folder / table).rglob("*.parquet"))


def version(folder: Path) -> tuple[int, int]:
    """Total size and newest modification time of the dataset's files: its cache key."""
    stats = [p.stat() for p in folder.rglob("*.parquet")]
    return sum(s.st_size for s in stats), max((s.st_mtime_ns for s in stats), default=0)


def write(con: duckdb.DuckDBPyConnection, out: Path) -> dict[str, int]:
    """Write every table of an open store to `out`, partitioned by publication year; returns
    the row count per table. An existing dataset in `out` is replaced table by table."""
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for table in (*TABLES, "country_ref"):
        target = out / table
        for old in files(out, table):
            old.unlink()
        target.mkdir(exist_ok=True)
        if table == "country_ref":
            con.execute(
                f"COPY country_ref TO '{_sql_path(target / 'part-0.parquet')}' (FORMAT parquet)"
            )
        else:
            con.execute(
                f"COPY ({_PARTITION[table]}) TO '{_sql_path(target)}' "
                "(FORMAT parquet, PARTITION_BY (year), OVERWRITE_OR_IGNORE)"
            )
        written[table] = int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
    return written


def write_deals(out: Path) -> int:
    """The reduce step after a distributed map: group copies of one story and merge every deal
    from the dataset's deal sources (the store's merge rules), then write `deals/` and
    `country_ref/`, and `articles/` and `deal_sources/` again with the copies and contracts
    marked; returns the deal families merged."""
    con = _open(out)
    try:
        for table in ("articles", "deal_sources", "deals"):  # views over the files: made tables
            view = con.execute(
                "SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [table]
            ).fetchone()
            if view and view[0]:
                con.execute(f"CREATE TABLE _{table} AS SELECT * FROM {table}")
                con.execute(f"DROP VIEW {table}")
                con.execute(f"ALTER TABLE _{table} RENAME TO {table}")
        merged = merge_everything(con)
        for table in ("articles", "deal_sources"):
            for old in files(out, table):
                old.unlink()
            (out / table).mkdir(exist_ok=True)
            con.execute(
                f"COPY ({_PARTITION[table]}) TO '{_sql_path(out / table)}' "
                "(FORMAT parquet, PARTITION_BY (year), OVERWRITE_OR_IGNORE)"
            )
        for table in ("deals", "country_ref"):
            for old in files(out, table):
                old.unlink()
            (out / table).mkdir(exist_ok=True)
            target = _sql_path(out / table / "part-0.parquet")
            con.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")
        return merged
    finally:
        con.close()


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _open(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database whose tables are views over the folder's Parquet files (an empty
    table of the store's schema where a table has no files)."""
    if not folder.is_dir():
        raise DatasetError(f"{folder}: no such dataset folder")
    if not any(files(folder, t) for t in TABLES):
        raise DatasetError(
            f"{folder}: not a dataset (no Parquet files under {', '.join(t + '/' for t in TABLES)})"
        )
    con = duckdb.connect()
    create_tables(con)
    for table in (*TABLES, "country_ref"):
        found = files(folder, table)
        if not found:
            continue
        listing = ", ".join(f"'{_sql_path(p)}'" for p in found)
        columns = ", ".join(r[0] for r in con.execute(f"DESCRIBE {table}").fetchall())
        con.execute(f"DROP TABLE {table}")
        con.execute(
            f"""CREATE VIEW {table} AS SELECT {columns} FROM read_parquet([{listing}],
                hive_partitioning = false, union_by_name = true)"""
        )
    if not files(folder, "country_ref"):
        fill_country_ref(con)
    create_views(con)
    return con


_OPEN: dict[str, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}
_LOCK = threading.Lock()


def connect(folder: Path) -> duckdb.DuckDBPyConnection:
    """A cursor on the dataset (read-only use); the views are built once per dataset version."""
    key = str(folder.resolve())
    current = version(folder)
    with _LOCK:
        cached = _OPEN.get(key)
        if cached is None or cached[0] != current:
            if cached is not None:
                cached[1].close()
            _OPEN[key] = (current, _open(folder))
        return _OPEN[key][1].cursor()
