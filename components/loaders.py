"""Cached reads of the store for the pages.

Every loader is keyed on the filters and on the database's version (the size and modification
time of the DuckDB file, or of the Parquet dataset's files when $ARMSTRACK_DB names a folder),
so a finished ingest shows up on the next rerun without a restart. A connection is opened per
read and closed at once, so a command-line ingest can take the file between reads. Opening one
costs about 25 ms (DuckDB builds its catalogue each time), so a page's reads for one view are
made together on one connection (`overview_reads`, `deals_reads`, `timeline_reads`,
`map_reads`), except what a page shows only later or on request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import duckdb
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


# Up to this many rows, a query that sorts and cuts (ORDER BY ... LIMIT) sorts only the columns
# it orders by and then fetches the whole rows it kept (DuckDB's late materialization; its
# default stops at 50 rows). The newest 1,000 of a million events, every column, in half the
# time: the other columns of the rows left out are never read.
LATE_ROWS = 10_000


@contextmanager
def _reading(key: tuple[str, int, int]) -> Iterator[duckdb.DuckDBPyConnection]:
    with store.connect(key[0], read_only=True, wait_s=15) as con:
        con.execute(f"SET late_materialization_max_rows = {LATE_ROWS}")
        yield con


# Tables ship at most this many rows to the browser; downloads hold every row.
TABLE_ROWS = 5000


class OverviewReads(NamedTuple):
    totals: dict[str, Any]
    suppliers: pd.DataFrame
    recipients: pd.DataFrame


@st.cache_data(show_spinner=False, max_entries=256)
def overview_reads(filters: Filters, key: tuple[str, int, int]) -> OverviewReads:
    """The top of the Overview: KPI counts, top suppliers and recipients."""
    with _reading(key) as con:
        return OverviewReads(
            totals=queries.summary(con, filters),
            suppliers=queries.top_countries(con, filters, "supplier"),
            recipients=queries.top_countries(con, filters, "recipient"),
        )


class OverviewLists(NamedTuple):
    newest: pd.DataFrame  # the 200 newest dated events
    articles: pd.DataFrame  # the 500 newest articles


@st.cache_data(show_spinner=False, max_entries=256)
def overview_lists(filters: Filters, key: tuple[str, int, int]) -> OverviewLists:
    """The Overview's lists, under its charts (read once those are drawn): newest events and
    articles."""
    with _reading(key) as con:
        return OverviewLists(
            newest=queries.events(con, filters, 200, dated=True, newest_first=True),
            articles=queries.articles(con, filters, 500),
        )


class DealsReads(NamedTuple):
    deals: pd.DataFrame  # the first TABLE_ROWS
    total: int
    events_total: int


@st.cache_data(show_spinner=False, max_entries=256)
def deals_reads(filters: Filters, key: tuple[str, int, int]) -> DealsReads:
    """The Deals page's reads: the table, and how many deals and events the view holds."""
    with _reading(key) as con:
        return DealsReads(
            deals=queries.deals(con, filters, TABLE_ROWS),
            total=queries.count(con, "deals", filters),
            events_total=queries.count(con, "events", filters),
        )


class TimelineReads(NamedTuple):
    events: pd.DataFrame  # the first `limit` dated events
    events_total: int  # every event of the view, dated or not


@st.cache_data(show_spinner=False, max_entries=256)
def timeline_reads(filters: Filters, key: tuple[str, int, int], limit: int) -> TimelineReads:
    """The Timeline's events: the latest `limit` dated events (all events are counted only when
    they fill it)."""
    with _reading(key) as con:
        events = queries.events(con, filters, limit, dated=True, newest_first=True)
        total = queries.count(con, "events", filters) if len(events) >= limit else len(events)
        return TimelineReads(events, total)


@st.cache_data(show_spinner=False, max_entries=256)
def lifecycle_deals(
    filters: Filters, key: tuple[str, int, int], limit: int, columns: tuple[str, ...]
) -> pd.DataFrame:
    """The Timeline's deal lifecycles: the most recently reported `limit` deals, only `columns`
    (read when their tab is opened)."""
    with _reading(key) as con:
        return queries.deals(con, filters, limit, columns)


# The Map places the first this many events of a view (by date) on the map.
PLACED_EVENTS = 5000
# and draws arcs for this many country pairs, those with the most deals.
ARC_PAIRS = 600


class MapReads(NamedTuple):
    arcs: pd.DataFrame  # one row per supplier-recipient pair
    countries: pd.DataFrame
    places: pd.DataFrame  # places of the first PLACED_EVENTS events, with their events
    events_total: int  # every event of the view


@st.cache_data(show_spinner=False, max_entries=256)
def map_reads(filters: Filters, key: tuple[str, int, int]) -> MapReads:
    """The Map's reads: arcs, countries' involvement and event places, counted in the database."""
    with _reading(key) as con:
        return MapReads(
            arcs=queries.arcs(con, filters, ARC_PAIRS),
            countries=queries.countries(con, filters),
            places=queries.event_places(con, filters, PLACED_EVENTS),
            events_total=queries.count(con, "events", filters),
        )


@st.cache_data(show_spinner=False, max_entries=64)
def pair_deals(
    supplier: str, recipient: str, filters: Filters, key: tuple[str, int, int]
) -> pd.DataFrame:
    """The deals of one supplier-recipient pair in the view (the Map's arc or pairs-table pick),
    latest reported first."""
    from dataclasses import replace

    with _reading(key) as con:
        sold = queries.deals(con, replace(filters, countries=(supplier,), role="supplier"))
    return sold[sold["recipient"] == recipient].reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=256)
def articles(
    filters: Filters, key: tuple[str, int, int], limit: int | None = TABLE_ROWS
) -> pd.DataFrame:
    with _reading(key) as con:
        return queries.articles(con, filters, limit)


def everything(table: str, filters: Filters, key: tuple[str, int, int]) -> pd.DataFrame:
    """Every filtered row, for a download (not cached: it may be large and is read on demand)."""
    with _reading(key) as con:
        frame: pd.DataFrame = getattr(queries, table)(con, filters)
        return frame


def every_table(filters: Filters, key: tuple[str, int, int]) -> dict[str, pd.DataFrame]:
    """Every filtered row of each table and every analyst's correction, read on one connection
    (for the download of all tables)."""
    with _reading(key) as con:
        tables = {
            name: getattr(queries, name)(con, filters)
            for name in ("deals", "events", "articles", "countries")
        }
        # Every analyst's review, whatever the view: the team's record.
        return {**tables, "corrections": store.correction_table(con)}


@st.cache_data(show_spinner=False, max_entries=16)
def review_queue(key: tuple[str, int, int]) -> pd.DataFrame:
    """Deal candidates too unlikely to show as facts, likeliest first."""
    with _reading(key) as con:
        return queries.review_candidates(con)


@st.cache_data(show_spinner=False, max_entries=256)
def deal_sources(deal_id: str, key: tuple[str, int, int]) -> pd.DataFrame:
    with _reading(key) as con:
        return queries.deal_sources(con, deal_id)


@st.cache_data(show_spinner=False, max_entries=8)
def filter_options(key: tuple[str, int, int]) -> dict[str, Any]:
    """Choices for the sidebar: countries present, systems, categories, the year span."""
    with _reading(key) as con:
        return queries.filter_options(con)


@st.cache_data(show_spinner=False, max_entries=64)
def article(article_id: str, key: tuple[str, int, int]) -> dict[str, Any]:
    """One article: its text and metadata, mentions, and the facts read from it."""
    with _reading(key) as con:
        return queries.article_reads(con, article_id)


@st.cache_data(show_spinner=False, max_entries=64)
def deal_fact(deal_id: str, article_id: str, key: tuple[str, int, int]) -> dict[str, Any]:
    """One deal fact as reviewed (`deal_id` as read), for the review form."""
    with _reading(key) as con:
        frame = con.execute(
            "SELECT * FROM reviewed_sources WHERE source_deal_id = ? AND article_id = ?",
            [deal_id, article_id],
        ).df()
    return frame.iloc[0].to_dict() if len(frame) else {}


class CountryReads(NamedTuple):
    deals: pd.DataFrame  # every deal the country supplied or received in the view
    latest: pd.DataFrame  # the newest articles that name it


@st.cache_data(show_spinner=False, max_entries=128)
def country_reads(iso3: str, filters: Filters, key: tuple[str, int, int]) -> CountryReads:
    """The Country page's reads: its register and the latest reports about it."""
    from dataclasses import replace

    from armstrack import register

    with _reading(key) as con:
        return CountryReads(
            deals=register.deals(con, iso3, filters),
            latest=queries.articles(
                con, replace(filters, countries=(iso3,), role="any", text=""), 15
            ),
        )


# The app's static folder, served at <app>/app/static/ (server.enableStaticServing).
OUTLINES = Path(__file__).resolve().parent.parent / "static" / "countries.json"


@st.cache_resource(show_spinner=False)
def _published_outlines() -> str:
    from components.outlines import publish_outlines  # only on the Map

    return publish_outlines(OUTLINES)


def outlines_url() -> str:
    """The URL of the country outlines the app serves (written into its static folder once per
    server), absolute because the map reads it from a worker; versioned by content, so the
    browser keeps it until the outlines change."""
    version = _published_outlines()
    path = f"app/static/{OUTLINES.name}?v={version}"
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    page = st.context.url
    if not page:
        return path
    parts = urlsplit(page)
    root = f"{parts.scheme}://{parts.netloc}/" + (f"{base}/" if base else "")
    return root + path
