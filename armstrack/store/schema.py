"""The tables and the view, and the migrations that bring an older store up to the current schema."""

from __future__ import annotations

import duckdb

from armstrack import gazetteer
from armstrack.store.bulk import insert_rows
from armstrack.store.deals import merge_everything

SCHEMA_VERSION = 4


_DATE_COLS = "{p}_text VARCHAR, {p}_earliest DATE, {p}_latest DATE, {p}_precision VARCHAR, {p}_qualifier VARCHAR, {p}_edtf VARCHAR"
_EVIDENCE_COLS = "evidence VARCHAR, char_start INTEGER, char_end INTEGER"

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, title VARCHAR, published DATE, source VARCHAR, byline VARCHAR,
        url VARCHAR, text VARCHAR, ingested_at TIMESTAMP, origin VARCHAR, encoding VARCHAR,
        copy_of VARCHAR)""",
    # Hashes of an article's longer sentences: copies of one wire story share most of them.
    "CREATE TABLE IF NOT EXISTS fingerprints (article_id VARCHAR, h BIGINT)",
    f"""CREATE TABLE IF NOT EXISTS mentions (
        article_id VARCHAR, kind VARCHAR, surface VARCHAR, canonical VARCHAR, iso3 VARCHAR,
        lat DOUBLE, lon DOUBLE, form VARCHAR, detail VARCHAR, {_EVIDENCE_COLS})""",
    f"""CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR, type VARCHAR, summary VARCHAR, place VARCHAR,
        {_DATE_COLS.format(p="date")}, attribution VARCHAR, certainty VARCHAR,
        certainty_trigger VARCHAR, trigger VARCHAR, systems VARCHAR, {_EVIDENCE_COLS},
        actor_codes VARCHAR[], confidence DOUBLE)""",
    "CREATE TABLE IF NOT EXISTS event_actors (event_id VARCHAR, iso3 VARCHAR)",
    f"""CREATE TABLE IF NOT EXISTS deal_sources (
        deal_id VARCHAR, article_id VARCHAR, published DATE, supplier VARCHAR, recipient VARCHAR,
        system VARCHAR, category VARCHAR, status VARCHAR, status_stated BOOLEAN, quantity INTEGER,
        value_amount DOUBLE, value_currency VARCHAR, {_DATE_COLS.format(p="order")},
        {_DATE_COLS.format(p="delivery")}, attribution VARCHAR, certainty VARCHAR,
        {_EVIDENCE_COLS}, confidence DOUBLE, shown BOOLEAN, contract VARCHAR)""",
    f"""CREATE TABLE IF NOT EXISTS deals (
        id VARCHAR PRIMARY KEY, supplier VARCHAR, recipient VARCHAR, system VARCHAR,
        category VARCHAR, status VARCHAR, status_history VARCHAR, quantity INTEGER,
        value_amount DOUBLE, value_currency VARCHAR, {_DATE_COLS.format(p="order")},
        {_DATE_COLS.format(p="delivery")}, certainty VARCHAR, attribution VARCHAR,
        article_id VARCHAR, {_EVIDENCE_COLS}, first_reported DATE, last_reported DATE,
        sources INTEGER, conflict BOOLEAN, conflict_fields VARCHAR, confidence DOUBLE,
        family VARCHAR, follows VARCHAR, reports INTEGER, conflicts VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS country_ref (
        iso3 VARCHAR PRIMARY KEY, name VARCHAR, lat DOUBLE, lon DOUBLE)""",
]
VIEWS = [
    # A view, so it is always in step with the facts: no rebuild, nothing stale after a crash.
    """CREATE OR REPLACE VIEW countries AS
        WITH m AS (
            SELECT iso3, count(*) AS mentions, count(DISTINCT article_id) AS articles
            FROM mentions WHERE kind = 'country' AND iso3 IS NOT NULL GROUP BY iso3
        ), r AS (
            SELECT supplier AS iso3, 'supplier' AS role FROM deals
            UNION SELECT recipient, 'recipient' FROM deals
            UNION SELECT iso3, 'actor' FROM event_actors
            UNION SELECT iso3, 'mentioned' FROM m
        )
        SELECT r.iso3, any_value(c.name) AS name, any_value(c.lat) AS lat,
            any_value(c.lon) AS lon, CAST(coalesce(any_value(m.mentions), 0) AS INTEGER) AS mentions,
            CAST(coalesce(any_value(m.articles), 0) AS INTEGER) AS articles,
            string_agg(DISTINCT r.role, ', ' ORDER BY r.role) AS roles
        FROM r JOIN country_ref c USING (iso3) LEFT JOIN m USING (iso3) GROUP BY r.iso3""",
]


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for statement in SCHEMA:
        con.execute(statement)


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for statement in VIEWS:
        con.execute(statement)


def fill_country_ref(con: duckdb.DuckDBPyConnection) -> None:
    """Every country's name and centre, from the gazetteer."""
    insert_rows(
        con, "country_ref", [[c.iso3, c.name, c.lat, c.lon] for c in gazetteer.countries().values()]
    )


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables, and bring an older schema up to the current version."""
    create_tables(con)
    create_views(con)
    if not con.execute("SELECT count(*) FROM country_ref").fetchall()[0][0]:
        fill_country_ref(con)
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    version = int(row[0]) if row else 0
    if version < 2:
        # Version 2 keeps each event's countries on the event too, so a country filter over a
        # million events reads one table.
        con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_codes VARCHAR[]")
        con.execute(
            """UPDATE events SET actor_codes = coalesce(
                   (SELECT list(iso3 ORDER BY iso3) FROM event_actors a WHERE a.event_id = events.id), [])"""
        )
    if version < 3:
        # Version 3 keeps the fitted models' confidence on every fact, and the deal candidates
        # too unlikely to show (`shown` false) for an analyst to review.
        con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS confidence DOUBLE")
        con.execute("ALTER TABLE deal_sources ADD COLUMN IF NOT EXISTS confidence DOUBLE")
        con.execute("ALTER TABLE deal_sources ADD COLUMN IF NOT EXISTS shown BOOLEAN")
        con.execute("UPDATE deal_sources SET shown = true WHERE shown IS NULL")
        con.execute("ALTER TABLE deals ADD COLUMN IF NOT EXISTS confidence DOUBLE")
        con.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS encoding VARCHAR")
    if version < 4:
        # Version 4 keeps one deal row per contract, counts copies of a wire story once and
        # lists each conflicting value with its source: fingerprint every article, then merge
        # every deal again.
        con.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS copy_of VARCHAR")
        con.execute("ALTER TABLE deal_sources ADD COLUMN IF NOT EXISTS contract VARCHAR")
        for column in ("family VARCHAR", "follows VARCHAR", "reports INTEGER", "conflicts VARCHAR"):
            con.execute(f"ALTER TABLE deals ADD COLUMN IF NOT EXISTS {column}")
        if version:
            merge_everything(con)
    if version != SCHEMA_VERSION:
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every table (used by tests and the ingest summary)."""
    names = ["articles", "mentions", "events", "event_actors", "deals", "deal_sources", "countries"]
    return {n: int(con.execute(f"SELECT count(*) FROM {n}").fetchone()[0]) for n in names}  # type: ignore[index]
