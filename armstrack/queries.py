"""Filtered reads of the store as pandas DataFrames with stable columns and dtypes.

One `Filters` value describes the view (countries and their role, years, statuses, systems,
event types, free text); every helper applies the parts that concern its table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from armstrack.status import stage_rank_sql

ROLES = ("any", "supplier", "recipient")
# The review filter: every deal, those no analyst has looked at yet, or those one has.
REVIEW_FILTERS = {"all": "all", "needs": "needs review", "reviewed": "reviewed only"}


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()
    role: str = "any"
    year_from: int | None = None
    year_to: int | None = None
    statuses: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    text: str = ""
    # "needs" (machine-read only, least confident first), "reviewed" (confirmed or corrected)
    review: str = "all"

    def describe(self) -> str:
        """Words for an empty state or a file name: 'TUR, 2014–2020'."""
        parts = []
        if self.countries:
            parts.append(
                ", ".join(self.countries) + ("" if self.role == "any" else f" as {self.role}")
            )
        if self.year_from or self.year_to:
            parts.append(f"{self.year_from or '…'}–{self.year_to or '…'}")
        for values in (self.statuses, self.systems, self.categories, self.event_types):
            if values:
                parts.append(", ".join(values))
        if self.text:
            parts.append(f'"{self.text}"')
        if self.review in REVIEW_FILTERS and self.review != "all":
            parts.append(REVIEW_FILTERS[self.review])
        return "; ".join(parts) or "all"


def _overlap(lo_col: str, hi_col: str, f: Filters, params: list[Any]) -> str:
    """SQL: the interval [lo, hi] (NULL = open) meets the filter's years."""
    clauses = []
    if f.year_from is not None:
        clauses.append(f"coalesce({hi_col}, {lo_col}, DATE '9999-12-31') >= make_date(?, 1, 1)")
        params.append(f.year_from)
    if f.year_to is not None:
        clauses.append(f"coalesce({lo_col}, {hi_col}, DATE '0001-01-01') <= make_date(?, 12, 31)")
        params.append(f.year_to)
    return " AND ".join(clauses)


def _in(column: str, values: tuple[str, ...], params: list[Any]) -> str:
    """SQL: the column's value is one of the values. A lookup in the list parameter: over
    100,000 deals it runs in half the time of IN (SELECT UNNEST(?)), a join."""
    params.append(list(values))
    return f"list_contains(?, {column})"


def _has_any(list_sql: str, values: tuple[str, ...], params: list[Any]) -> str:
    """SQL: the list holds one of the values. One list_contains per value: over a million rows
    it runs several times faster than list_has_any with a list parameter."""
    params += list(values)
    return "(" + " OR ".join(f"list_contains({list_sql}, ?)" for _ in values) + ")"


DEAL_COLUMNS = {
    "id": "string", "supplier": "string", "recipient": "string", "system": "string",
    "category": "string", "status": "string", "quantity": "Int64", "value_amount": "Float64",
    "value_currency": "string", "order_text": "string", "order_earliest": "datetime64[s]",
    "order_latest": "datetime64[s]", "order_precision": "string", "order_qualifier": "string",
    "order_edtf": "string", "delivery_text": "string", "delivery_earliest": "datetime64[s]",
    "delivery_latest": "datetime64[s]", "delivery_precision": "string",
    "delivery_qualifier": "string", "delivery_edtf": "string", "certainty": "string",
    "attribution": "string", "article_id": "string", "evidence": "string", "char_start": "Int64",
    "char_end": "Int64", "first_reported": "datetime64[s]", "last_reported": "datetime64[s]",
    "sources": "Int64", "conflict": "boolean", "conflict_fields": "string",
    "status_history": "string", "confidence": "Float64", "family": "string",
    "follows": "string", "reports": "Int64", "conflicts": "string", "review": "string",
}  # fmt: skip
EVENT_COLUMNS = {
    "id": "string", "article_id": "string", "type": "string", "summary": "string",
    "actors": "string", "place": "string", "date_text": "string",
    "date_earliest": "datetime64[s]", "date_latest": "datetime64[s]", "date_precision": "string",
    "date_qualifier": "string", "date_edtf": "string", "attribution": "string",
    "certainty": "string", "certainty_trigger": "string", "systems": "string",
    "evidence": "string", "char_start": "Int64", "char_end": "Int64", "published": "datetime64[s]",
}  # fmt: skip
ARTICLE_COLUMNS = {
    "id": "string", "title": "string", "published": "datetime64[s]", "source": "string",
    "byline": "string", "url": "string", "ingested_at": "datetime64[us]", "events": "Int64",
    "deals": "Int64",
}  # fmt: skip
COUNTRY_COLUMNS = {
    "iso3": "string", "name": "string", "lat": "Float64", "lon": "Float64",
    "mentions": "Int64", "articles": "Int64", "roles": "string", "supplied": "Int64",
    "received": "Int64", "events": "Int64",
}  # fmt: skip


def _typed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    frame = frame.reindex(columns=list(columns))
    return frame.astype(columns)


def _deal_where(f: Filters, params: list[Any]) -> str:
    where = ["TRUE"]
    if f.countries:
        if f.role == "supplier":
            where.append(_in("supplier", f.countries, params))
        elif f.role == "recipient":
            where.append(_in("recipient", f.countries, params))
        else:
            where.append(
                f"({_in('supplier', f.countries, params)} OR {_in('recipient', f.countries, params)})"
            )
    years = _overlap(
        "coalesce(order_earliest, first_reported)",
        "coalesce(delivery_latest, order_latest, last_reported)",
        f,
        params,
    )
    if years:
        where.append(years)
    if f.statuses:
        where.append(_in("status", f.statuses, params))
    if f.systems:
        where.append(_in("system", f.systems, params))
    if f.categories:
        where.append(_in("category", f.categories, params))
    if f.text:
        where.append("(evidence ILIKE ? OR system ILIKE ? OR attribution ILIKE ?)")
        params += [f"%{f.text}%"] * 3
    if f.review == "needs":
        where.append("coalesce(review, 'machine-read') = 'machine-read'")
    elif f.review == "reviewed":
        where.append("review IN ('confirmed', 'corrected')")
    return " AND ".join(where)


def _event_where(f: Filters, params: list[Any]) -> str:
    where = ["TRUE"]
    if f.countries:
        where.append(_has_any("e.actor_codes", f.countries, params))
    years = _overlap("e.date_earliest", "e.date_latest", f, params)
    if years:
        where.append(f"(e.date_earliest IS NOT NULL OR e.date_latest IS NOT NULL) AND {years}")
    if f.event_types:
        where.append(_in("e.type", f.event_types, params))
    if f.systems:
        where.append(_has_any("string_split(e.systems, ', ')", f.systems, params))
    if f.text:
        where.append("(e.evidence ILIKE ? OR e.summary ILIKE ?)")
        params += [f"%{f.text}%"] * 2
    return " AND ".join(where)


def _article_where(f: Filters, params: list[Any]) -> str:
    where = ["TRUE"]
    if f.countries:
        where.append(
            f"a.id IN (SELECT article_id FROM mentions WHERE kind = 'country' AND {_in('iso3', f.countries, params)})"
        )
    years = _overlap("a.published", "a.published", f, params)
    if years:
        where.append(years)
    if f.text:
        where.append("(a.title ILIKE ? OR a.text ILIKE ?)")
        params += [f"%{f.text}%"] * 2
    return " AND ".join(where)


def _limit(limit: int | None, params: list[Any]) -> str:
    if limit is None:
        return ""
    params.append(int(limit))
    return "LIMIT ?"


def deals(
    con: duckdb.DuckDBPyConnection,
    f: Filters = Filters(),
    limit: int | None = None,
    columns: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Filtered deals, latest reported first (the first `limit` if given); only `columns` (of
    DEAL_COLUMNS) if given, as reading fewer of them from 100,000 deals takes half the time.
    Deals that need review come least confident first: the review queue."""
    types = DEAL_COLUMNS if columns is None else {c: DEAL_COLUMNS[c] for c in columns}
    params: list[Any] = []
    where = _deal_where(f, params)
    order = "confidence ASC NULLS FIRST, " if f.review == "needs" else ""
    sql = f"""SELECT {", ".join(types)} FROM deals WHERE {where}
              ORDER BY {order}last_reported DESC NULLS LAST, id {_limit(limit, params)}"""
    return _typed(con.execute(sql, params).df(), types)


def events(
    con: duckdb.DuckDBPyConnection,
    f: Filters = Filters(),
    limit: int | None = None,
    *,
    dated: bool = False,
    newest_first: bool = False,
) -> pd.DataFrame:
    """Filtered events in date order (`newest_first` for the latest); `dated` keeps only events
    with a date; the first `limit` if given."""
    params: list[Any] = []
    where = _event_where(f, params)
    key = "coalesce(e.date_earliest, e.date_latest)"
    if dated:
        where += " AND (e.date_earliest IS NOT NULL OR e.date_latest IS NOT NULL)"
        if limit is not None:
            # The first `limit` dated events by date: the date of the last of them is found
            # first, from the dates alone, and only the events on its side of it are read whole,
            # not the other columns of every event (two fifths less time over a million events).
            side, direction, edge = (
                (">=", "DESC", "0001-01-01") if newest_first else ("<=", "ASC", "9999-12-31")
            )
            last_day = f"""(SELECT {key} AS day FROM events e WHERE {where}
                ORDER BY day {direction} LIMIT 1 OFFSET ?)"""
            where += f" AND {key} {side} coalesce({last_day}, DATE '{edge}')"
            params += [*params, max(int(limit) - 1, 0)]
    order = "DESC NULLS LAST" if newest_first else "NULLS LAST"
    limit_sql = _limit(limit, params)
    sql = f"""
        WITH picked AS (
            SELECT e.* FROM events e WHERE {where}
            ORDER BY coalesce(e.date_earliest, e.date_latest) {order}, e.id {limit_sql}
        )
        SELECT p.* EXCLUDE (actor_codes), art.published, array_to_string(p.actor_codes, ', ') AS actors
        FROM picked p JOIN articles art ON art.id = p.article_id
        ORDER BY coalesce(p.date_earliest, p.date_latest) {order}, p.id
    """
    return _typed(con.execute(sql, params).df(), EVENT_COLUMNS)


def articles(
    con: duckdb.DuckDBPyConnection, f: Filters = Filters(), limit: int | None = None
) -> pd.DataFrame:
    params: list[Any] = []
    where = _article_where(f, params)
    limit_sql = _limit(limit, params)
    sql = f"""
        WITH picked AS (
            SELECT a.id, a.title, a.published, a.source, a.byline, a.url, a.ingested_at
            FROM articles a WHERE {where} ORDER BY a.published DESC NULLS LAST, a.id {limit_sql}
        ), ev AS (
            -- counted for the picked articles only, not grouped over every event first
            SELECT article_id, count(*) AS n FROM events
            WHERE article_id IN (SELECT id FROM picked) GROUP BY article_id
        ), ds AS (
            SELECT article_id, count(*) AS n FROM deal_sources
            WHERE article_id IN (SELECT id FROM picked) AND shown IS NOT FALSE
            GROUP BY article_id
        )
        SELECT p.*, coalesce(ev.n, 0) AS events, coalesce(ds.n, 0) AS deals
        FROM picked p LEFT JOIN ev ON ev.article_id = p.id LEFT JOIN ds ON ds.article_id = p.id
        ORDER BY p.published DESC NULLS LAST, p.id
    """
    return _typed(con.execute(sql, params).df(), ARTICLE_COLUMNS)


def summary(con: duckdb.DuckDBPyConnection, f: Filters = Filters()) -> dict[str, Any]:
    """Counts for the KPIs, computed in the database: articles, deals, events, countries, years."""
    dp: list[Any] = []
    ep: list[Any] = []
    ap: list[Any] = []
    deal_where, event_where, article_where = (
        _deal_where(f, dp),
        _event_where(f, ep),
        _article_where(f, ap),
    )
    if event_where == "TRUE":
        # Every event: their countries are those of event_actors, one narrow column to read,
        # and the few columns of the million events are read where needed, not kept.
        events = "e AS NOT MATERIALIZED (SELECT e.date_earliest, e.date_latest FROM events e)"
        actors = "SELECT iso3 FROM event_actors"
    else:
        events = f"""e AS (SELECT e.date_earliest, e.date_latest, e.actor_codes FROM events e
                     WHERE {event_where})"""
        actors = "SELECT unnest(actor_codes) FROM e"
    row = con.execute(
        f"""
        WITH d AS (SELECT supplier, recipient, order_earliest FROM deals WHERE {deal_where}),
             {events}
        SELECT (SELECT count(*) FROM articles a WHERE {article_where}),
               (SELECT count(*) FROM d),
               (SELECT count(*) FROM e),
               (SELECT count(DISTINCT iso3) FROM (
                    SELECT supplier AS iso3 FROM d UNION SELECT recipient FROM d
                    UNION {actors})),
               (SELECT min(y) FROM (SELECT year(date_earliest) AS y FROM e UNION ALL SELECT year(order_earliest) FROM d)),
               (SELECT max(y) FROM (SELECT year(coalesce(date_latest, date_earliest)) AS y FROM e
                    WHERE coalesce(date_latest, date_earliest) < DATE '2100-01-01'
                    UNION ALL SELECT year(order_earliest) FROM d))
        """,
        [*dp, *ep, *ap],
    ).fetchone()
    assert row is not None
    keys = ("articles", "deals", "events", "countries", "first_year", "last_year")
    return dict(zip(keys, row, strict=True))


def count(con: duckdb.DuckDBPyConnection, table: str, f: Filters = Filters()) -> int:
    params: list[Any] = []
    where = {"deals": _deal_where, "events": _event_where, "articles": _article_where}[table](
        f, params
    )
    alias = {"deals": "", "events": "e", "articles": "a"}[table]
    row = con.execute(f"SELECT count(*) FROM {table} {alias} WHERE {where}", params).fetchone()
    return int(row[0]) if row else 0


def top_countries(
    con: duckdb.DuckDBPyConnection, f: Filters, role: str, limit: int = 10
) -> pd.DataFrame:
    """Deals per supplier (or recipient) and status, for the biggest `limit` countries."""
    column = "supplier" if role == "supplier" else "recipient"
    params: list[Any] = []
    where = _deal_where(f, params)
    params.append(limit)
    return con.execute(
        f"""
        WITH d AS (SELECT {column} AS iso3, status FROM deals WHERE {where}),
             top AS (SELECT iso3, count(*) AS total FROM d GROUP BY iso3 ORDER BY total DESC, iso3 LIMIT ?)
        SELECT d.iso3, d.status, count(*) AS deals, any_value(top.total) AS total
        FROM d JOIN top USING (iso3) GROUP BY d.iso3, d.status ORDER BY total DESC, d.iso3
        """,
        params,
    ).df()


def arcs(con: duckdb.DuckDBPyConnection, f: Filters, limit: int = 600) -> pd.DataFrame:
    """Supplier-recipient pairs with their deals: one arc per pair, the most reported first; its
    status is the pair's commonest (ties go to the alphabetically last, so the answer is stable),
    `furthest` the furthest stage any of its deals reached (cancelled only if all were)."""
    params: list[Any] = []
    where = _deal_where(f, params)
    params.append(limit)
    # Cancelled ranks below every stage: a pair with one live deal is as far as that deal got.
    stage = stage_rank_sql("status")
    return con.execute(
        f"""
        WITH d AS (
            SELECT supplier, recipient, status, sources, system,
                count(*) OVER (PARTITION BY supplier, recipient, status) AS status_n
            FROM deals WHERE {where}
        )
        SELECT supplier, recipient, count(*) AS deals, sum(sources) AS sources,
            arg_max(status, struct_pack(n := status_n, s := status)) AS status,
            arg_max(status, {stage}) AS furthest,
            string_agg(DISTINCT system, ', ' ORDER BY system) AS systems
        FROM d GROUP BY supplier, recipient
        ORDER BY deals DESC, sources DESC, supplier, recipient LIMIT ?
        """,
        params,
    ).df()


def countries(con: duckdb.DuckDBPyConnection, f: Filters = Filters()) -> pd.DataFrame:
    """Countries with their involvement in the filtered deals and events, counted in the database."""
    dp: list[Any] = []
    ep: list[Any] = []
    deal_where, event_where = _deal_where(f, dp), _event_where(f, ep)
    only = "WHERE c.iso3 IN (SELECT UNNEST(?)) OR s.n > 0 OR r.n > 0" if f.countries else ""
    params = [*dp, *dp, *ep, *([list(f.countries)] if f.countries else [])]
    # Every event: their countries are the rows of event_actors, one narrow column to count, in
    # a quarter of the time of unnesting the events' lists.
    actors = (
        "SELECT iso3 FROM event_actors"
        if event_where == "TRUE"
        else f"SELECT unnest(e.actor_codes) AS iso3 FROM events e WHERE {event_where}"
    )
    table = con.execute(
        f"""
        WITH s AS (SELECT supplier AS iso3, count(*) AS n FROM deals WHERE {deal_where} GROUP BY 1),
             r AS (SELECT recipient AS iso3, count(*) AS n FROM deals WHERE {deal_where} GROUP BY 1),
             ev AS (SELECT iso3, count(*) AS n FROM ({actors}) GROUP BY 1)
        SELECT c.iso3, c.name, c.lat, c.lon, c.mentions, c.articles, c.roles,
            coalesce(s.n, 0) AS supplied, coalesce(r.n, 0) AS received, coalesce(ev.n, 0) AS events
        FROM countries c LEFT JOIN s USING (iso3) LEFT JOIN r USING (iso3) LEFT JOIN ev USING (iso3)
        {only}
        ORDER BY c.mentions DESC, c.iso3
        """,
        params,
    ).df()
    return _typed(table, COUNTRY_COLUMNS)


def deal_sources(con: duckdb.DuckDBPyConnection, deal_id: str) -> pd.DataFrame:
    """Every report of one deal (one contract), oldest first, with its article; `copy_of`
    names the first copy when the article carries the same story as another."""
    return con.execute(
        """SELECT s.*, a.title, a.source AS outlet, a.url, a.copy_of FROM reviewed_sources s
           JOIN articles a ON a.id = s.article_id WHERE s.contract = ? AND s.shown IS NOT FALSE
             AND s.review <> 'rejected'
           ORDER BY s.published NULLS FIRST, s.article_id""",
        [deal_id],
    ).df()


def review_candidates(con: duckdb.DuckDBPyConnection, limit: int = 5000) -> pd.DataFrame:
    """Deals the model found too unlikely to show as facts, likeliest first (those an analyst
    rejected left out)."""
    return con.execute(
        """SELECT s.deal_id, s.supplier, s.recipient, s.system, s.status, s.confidence,
                  s.evidence, a.title, a.published, a.source AS outlet, a.url, s.article_id
           FROM reviewed_sources s JOIN articles a ON a.id = s.article_id
           WHERE s.shown = false AND s.review <> 'rejected'
           ORDER BY s.confidence DESC NULLS LAST, a.published DESC NULLS LAST, s.article_id
           LIMIT ?""",
        [limit],
    ).df()


def mentions(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    return con.execute(
        "SELECT * FROM mentions WHERE article_id = ? ORDER BY char_start", [article_id]
    ).df()


def places(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every named place with coordinates, per article (to put events on the map)."""
    return con.execute(
        """SELECT DISTINCT article_id, canonical AS place, iso3, lat, lon FROM mentions
           WHERE kind = 'place' AND lat IS NOT NULL ORDER BY article_id, place"""
    ).df()


def event_places(
    con: duckdb.DuckDBPyConnection, f: Filters = Filters(), limit: int = 5000
) -> pd.DataFrame:
    """Named places of the first `limit` filtered events (in date order), with how many of
    them happened there and their types: one row per place, counted in the database."""
    params: list[Any] = []
    where = _event_where(f, params)
    params.append(int(limit))
    return con.execute(
        f"""
        WITH picked AS (
            SELECT e.id, e.article_id, e.place, e.type FROM events e WHERE {where}
            ORDER BY coalesce(e.date_earliest, e.date_latest) NULLS LAST, e.id LIMIT ?
        ), located AS (
            SELECT DISTINCT article_id, canonical AS place, lat, lon FROM mentions
            WHERE kind = 'place' AND lat IS NOT NULL AND lon IS NOT NULL
        )
        SELECT l.place, l.lat, l.lon, count(DISTINCT p.id) AS events,
            string_agg(DISTINCT p.type, ', ' ORDER BY p.type) AS types
        FROM picked p JOIN located l ON l.article_id = p.article_id AND l.place = p.place
        GROUP BY l.place, l.lat, l.lon ORDER BY l.place, l.lat, l.lon
        """,
        params,
    ).df()


def filter_options(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Choices for the sidebar filters: the countries present (iso3 -> name), systems,
    categories and the year span of the corpus (articles, events and deals; 2000–2030 when empty)."""
    present = con.execute("SELECT iso3, name FROM countries ORDER BY name").fetchall()
    systems = [r[0] for r in con.execute("SELECT DISTINCT system FROM deals ORDER BY 1").fetchall()]
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


def article_reads(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    """One article: its metadata and text (`meta`), its mentions, and the facts read from it
    (events and shown deal reports as reviewed, rejected ones left out, in text order)."""
    meta = con.execute(
        "SELECT id, title, published, source, byline, url, text FROM articles WHERE id = ?",
        [article_id],
    ).df()
    facts = con.execute(
        """SELECT 'event' AS fact, type AS what, summary, date_edtf AS date, attribution, certainty,
                  evidence, char_start, char_end, id, date_earliest, date_latest,
                  date_precision, date_qualifier, 'machine-read' AS review,
                  NULL AS source_deal_id FROM events WHERE article_id = ?
           UNION ALL
           SELECT 'deal', status, supplier || ' → ' || recipient || ' · ' || system, order_edtf,
                  attribution, certainty, evidence, char_start, char_end,
                  coalesce(contract, deal_id), order_earliest, order_latest, order_precision,
                  order_qualifier, review, source_deal_id
           FROM reviewed_sources WHERE article_id = ? AND shown IS NOT FALSE
               AND review <> 'rejected'
           ORDER BY char_start, fact""",
        [article_id, article_id],
    ).df()
    return {"meta": meta, "mentions": mentions(con, article_id), "facts": facts}
