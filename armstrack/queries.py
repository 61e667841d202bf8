"""Filtered reads of the store as pandas DataFrames with stable columns and dtypes.

One `Filters` value describes the view (countries and their role, years, statuses, systems,
event types, free text); every helper applies the parts that concern its table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

ROLES = ("any", "supplier", "recipient")


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
    params.append(list(values))
    return f"{column} IN (SELECT UNNEST(?))"


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
    "status_history": "string",
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


def deals(con: duckdb.DuckDBPyConnection, f: Filters = Filters()) -> pd.DataFrame:
    params: list[Any] = []
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
    sql = f"SELECT * FROM deals WHERE {' AND '.join(where)} ORDER BY last_reported DESC NULLS LAST, id"
    return _typed(con.execute(sql, params).df(), DEAL_COLUMNS)


def events(con: duckdb.DuckDBPyConnection, f: Filters = Filters()) -> pd.DataFrame:
    params: list[Any] = []
    where = ["TRUE"]
    if f.countries:
        where.append(
            f"e.id IN (SELECT event_id FROM event_actors WHERE {_in('iso3', f.countries, params)})"
        )
    years = _overlap("e.date_earliest", "e.date_latest", f, params)
    if years:
        where.append(f"(e.date_earliest IS NOT NULL OR e.date_latest IS NOT NULL) AND {years}")
    if f.event_types:
        where.append(_in("e.type", f.event_types, params))
    if f.systems:
        params.append(list(f.systems))
        where.append("list_has_any(string_split(e.systems, ', '), ?)")
    if f.text:
        where.append("(e.evidence ILIKE ? OR e.summary ILIKE ?)")
        params += [f"%{f.text}%"] * 2
    sql = f"""
        SELECT e.*, (SELECT string_agg(iso3, ', ') FROM event_actors a WHERE a.event_id = e.id) AS actors,
            art.published
        FROM events e JOIN articles art ON art.id = e.article_id
        WHERE {" AND ".join(where)}
        ORDER BY coalesce(e.date_earliest, e.date_latest) NULLS LAST, e.id
    """
    return _typed(con.execute(sql, params).df(), EVENT_COLUMNS)


def articles(con: duckdb.DuckDBPyConnection, f: Filters = Filters()) -> pd.DataFrame:
    params: list[Any] = []
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
    sql = f"""
        SELECT a.id, a.title, a.published, a.source, a.byline, a.url, a.ingested_at,
            (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,
            (SELECT count(*) FROM deal_sources d WHERE d.article_id = a.id) AS deals
        FROM articles a WHERE {" AND ".join(where)}
        ORDER BY a.published DESC NULLS LAST, a.id
    """
    return _typed(con.execute(sql, params).df(), ARTICLE_COLUMNS)


def countries(con: duckdb.DuckDBPyConnection, f: Filters = Filters()) -> pd.DataFrame:
    """Countries with their involvement in the filtered deals and events."""
    deal_frame = deals(con, f)
    event_frame = events(con, f)
    table = con.execute("SELECT * FROM countries").df()
    supplied = deal_frame.groupby("supplier").size()
    received = deal_frame.groupby("recipient").size()
    actors = event_frame["actors"].dropna().str.split(", ").explode().value_counts()
    table["supplied"] = table["iso3"].map(supplied).fillna(0)
    table["received"] = table["iso3"].map(received).fillna(0)
    table["events"] = table["iso3"].map(actors).fillna(0)
    if f.countries:
        involved = set(f.countries) | set(deal_frame["supplier"]) | set(deal_frame["recipient"])
        table = table[table["iso3"].isin(involved)]
    return _typed(table.sort_values(["mentions", "iso3"], ascending=[False, True]), COUNTRY_COLUMNS)


def deal_sources(con: duckdb.DuckDBPyConnection, deal_id: str) -> pd.DataFrame:
    """Every report of one deal, oldest first, with its article."""
    return con.execute(
        """SELECT s.*, a.title, a.source AS outlet, a.url FROM deal_sources s
           JOIN articles a ON a.id = s.article_id WHERE s.deal_id = ?
           ORDER BY s.published NULLS FIRST, s.article_id""",
        [deal_id],
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
