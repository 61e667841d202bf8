"""Cached reads of the store for the pages.

Every loader is keyed on the filters and on the database's version (the size and modification
time of the DuckDB file, or of the Parquet dataset's files when $ARMSTRACK_DB names a folder), so a finished ingest shows up on the next rerun without a restart. A
connection is opened per read and closed at once, so a command-line ingest can take the file
between reads.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from armstrack import dataset, queries, store
from armstrack.ingest import ensure_store
from armstrack.queries import Filters


@st.cache_resource(show_spinner="Building the corpus from the bundled seed articles…")
def _ensure(path: str) -> bool:
    return ensure_store(path)


def version() -> tuple[str, int, int]:
    """Which database, and which state of it: the cache key for every loader."""
    path = store.db_path()
    if dataset.is_dataset(path):
        return (str(path), *dataset.version(path))
    _ensure(str(path))
    stats = [p.stat() for p in (path, path.with_name(path.name + ".wal")) if p.exists()]
    return str(path), sum(s.st_size for s in stats), max((s.st_mtime_ns for s in stats), default=0)


@st.cache_data(show_spinner=False, max_entries=256)
def _query(
    name: str, filters: Filters, key: tuple[str, int, int], options: tuple[tuple[str, Any], ...]
) -> Any:
    with store.connect(key[0], read_only=True, wait_s=15) as con:
        return getattr(queries, name)(con, filters, **dict(options))


# Tables ship at most this many rows to the browser; downloads hold every row.
TABLE_ROWS = 5000


def deals(
    filters: Filters, key: tuple[str, int, int], limit: int | None = TABLE_ROWS
) -> pd.DataFrame:
    frame: pd.DataFrame = _query("deals", filters, key, (("limit", limit),))
    return frame


def events(
    filters: Filters,
    key: tuple[str, int, int],
    limit: int | None = TABLE_ROWS,
    *,
    dated: bool = False,
    newest_first: bool = False,
) -> pd.DataFrame:
    options = (("limit", limit), ("dated", dated), ("newest_first", newest_first))
    frame: pd.DataFrame = _query("events", filters, key, options)
    return frame


def articles(
    filters: Filters, key: tuple[str, int, int], limit: int | None = TABLE_ROWS
) -> pd.DataFrame:
    frame: pd.DataFrame = _query("articles", filters, key, (("limit", limit),))
    return frame


def countries(filters: Filters, key: tuple[str, int, int]) -> pd.DataFrame:
    frame: pd.DataFrame = _query("countries", filters, key, ())
    return frame


def summary(filters: Filters, key: tuple[str, int, int]) -> dict[str, Any]:
    result: dict[str, Any] = _query("summary", filters, key, ())
    return result


def top_countries(filters: Filters, key: tuple[str, int, int], role: str) -> pd.DataFrame:
    frame: pd.DataFrame = _query("top_countries", filters, key, (("role", role),))
    return frame


def arcs(filters: Filters, key: tuple[str, int, int]) -> pd.DataFrame:
    frame: pd.DataFrame = _query("arcs", filters, key, ())
    return frame


@st.cache_data(show_spinner=False, max_entries=256)
def count(table: str, filters: Filters, key: tuple[str, int, int]) -> int:
    with store.connect(key[0], read_only=True, wait_s=15) as con:
        return queries.count(con, table, filters)


def everything(table: str, filters: Filters, key: tuple[str, int, int]) -> pd.DataFrame:
    """Every filtered row, for a download (not cached: it may be large and is read on demand)."""
    with store.connect(key[0], read_only=True, wait_s=15) as con:
        frame: pd.DataFrame = getattr(queries, table)(con, filters)
        return frame


@st.cache_data(show_spinner=False, max_entries=256)
def deal_sources(deal_id: str, key: tuple[str, int, int]) -> pd.DataFrame:
    with store.connect(key[0], read_only=True, wait_s=15) as con:
        return queries.deal_sources(con, deal_id)


@st.cache_data(show_spinner=False, max_entries=8)
def filter_options(key: tuple[str, int, int]) -> dict[str, Any]:
    """Choices for the sidebar: countries present, systems, categories, the year span."""
    with store.connect(key[0], read_only=True, wait_s=15) as con:
        present = con.execute("SELECT iso3, name FROM countries ORDER BY name").fetchall()
        systems = [
            r[0] for r in con.execute("SELECT DISTINCT system FROM deals ORDER BY 1").fetchall()
        ]
        categories = [
            r[0] for r in con.execute("SELECT DISTINCT category FROM deals ORDER BY 1").fetchall()
        ]
        years = con.execute(
            """SELECT min(y), max(y) FROM (
                SELECT year(published) AS y FROM articles
                UNION ALL SELECT year(date_earliest) FROM events
                UNION ALL SELECT year(date_latest) FROM events WHERE date_latest < DATE '2100-01-01'
                UNION ALL SELECT year(order_earliest) FROM deals
                UNION ALL SELECT year(delivery_latest) FROM deals) WHERE y IS NOT NULL"""
        ).fetchone()
    low, high = years or (None, None)
    span = (int(low), int(high)) if low is not None and high is not None else (2000, 2030)
    return {
        "countries": {iso3: name for iso3, name in present},
        "systems": systems,
        "categories": categories,
        "span": span,
    }


@st.cache_data(show_spinner=False, max_entries=8)
def places(key: tuple[str, int, int]) -> pd.DataFrame:
    with store.connect(key[0], read_only=True, wait_s=15) as con:
        return queries.places(con)


@st.cache_data(show_spinner=False, max_entries=64)
def article(article_id: str, key: tuple[str, int, int]) -> dict[str, Any]:
    """One article: its text and metadata, mentions, and the facts read from it."""
    with store.connect(key[0], read_only=True, wait_s=15) as con:
        meta = con.execute(
            "SELECT id, title, published, source, byline, url, text FROM articles WHERE id = ?",
            [article_id],
        ).df()
        facts = con.execute(
            """SELECT 'event' AS fact, type AS what, summary, date_edtf AS date, attribution, certainty,
                      evidence, char_start, char_end, id FROM events WHERE article_id = ?
               UNION ALL
               SELECT 'deal', status, supplier || ' → ' || recipient || ' · ' || system, order_edtf,
                      attribution, certainty, evidence, char_start, char_end, deal_id
               FROM deal_sources WHERE article_id = ?
               ORDER BY char_start, fact""",
            [article_id, article_id],
        ).df()
        return {"meta": meta, "mentions": queries.mentions(con, article_id), "facts": facts}
