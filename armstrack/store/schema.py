"""The tables and the view, and the migrations that bring an older store up to the current schema."""

from __future__ import annotations

import duckdb

from armstrack import gazetteer
from armstrack.store.bulk import insert_rows
from armstrack.store.deals import merge_everything

SCHEMA_VERSION = 6


_DATE_COLS = "{p}_text VARCHAR, {p}_earliest DATE, {p}_latest DATE, {p}_precision VARCHAR, {p}_qualifier VARCHAR, {p}_edtf VARCHAR"
_EVIDENCE_COLS = "evidence VARCHAR, char_start INTEGER, char_end INTEGER"

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, title VARCHAR, published DATE, source VARCHAR, byline VARCHAR,
        url VARCHAR, text VARCHAR, ingested_at TIMESTAMP, origin VARCHAR, encoding VARCHAR,
        copy_of VARCHAR, published_precision VARCHAR)""",
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
        family VARCHAR, follows VARCHAR, reports INTEGER, conflicts VARCHAR, review VARCHAR)""",
    # An analyst's review of one deal fact, kept apart from what was read and applied when deals
    # are merged, so reading an article again never loses it (armstrack.store.corrections).
    """CREATE TABLE IF NOT EXISTS corrections (
        id VARCHAR PRIMARY KEY, deal_id VARCHAR, article_id VARCHAR, evidence VARCHAR,
        action VARCHAR, target VARCHAR, supplier VARCHAR, recipient VARCHAR, system VARCHAR,
        status VARCHAR, quantity INTEGER, value_amount DOUBLE, value_currency VARCHAR,
        order_edtf VARCHAR, order_earliest DATE, order_latest DATE, order_precision VARCHAR,
        delivery_edtf VARCHAR, delivery_earliest DATE, delivery_latest DATE,
        delivery_precision VARCHAR, changed VARCHAR, note VARCHAR, reviewer VARCHAR,
        created_at TIMESTAMP)""",
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
    # Every deal fact as reviewed: the latest correction of it applied over what was read. A
    # correction finds its fact by article and deal, or, when the article changed, by deal and
    # evidence sentence. `deal_id` is the family after correction, `source_deal_id` as read;
    # `review` is machine-read, confirmed, corrected or rejected.
    """CREATE OR REPLACE VIEW reviewed_sources AS
        WITH matched AS (
            SELECT s.deal_id AS s_deal, s.article_id AS s_article, c.*,
                row_number() OVER (PARTITION BY s.deal_id, s.article_id
                    ORDER BY c.created_at DESC, c.id DESC) AS n
            FROM deal_sources s JOIN corrections c ON c.deal_id = s.deal_id
                AND (c.article_id = s.article_id OR c.evidence = s.evidence)
        ), m AS (SELECT * FROM matched WHERE n = 1)
        SELECT s.* REPLACE (
                coalesce(m.target, s.deal_id) AS deal_id,
                coalesce(m.supplier, s.supplier) AS supplier,
                coalesce(m.recipient, s.recipient) AS recipient,
                coalesce(m.system, s.system) AS system,
                coalesce(m.status, s.status) AS status,
                s.status_stated OR m.status IS NOT NULL AS status_stated,
                coalesce(m.quantity, s.quantity) AS quantity,
                coalesce(m.value_amount, s.value_amount) AS value_amount,
                CASE WHEN m.value_amount IS NULL THEN s.value_currency
                    ELSE coalesce(m.value_currency, s.value_currency) END AS value_currency,
                coalesce(m.order_edtf, s.order_text) AS order_text,
                CASE WHEN m.order_edtf IS NULL THEN s.order_earliest ELSE m.order_earliest END
                    AS order_earliest,
                CASE WHEN m.order_edtf IS NULL THEN s.order_latest ELSE m.order_latest END
                    AS order_latest,
                coalesce(m.order_precision, s.order_precision) AS order_precision,
                CASE WHEN m.order_edtf IS NULL THEN s.order_qualifier ELSE 'exact' END
                    AS order_qualifier,
                coalesce(m.order_edtf, s.order_edtf) AS order_edtf,
                coalesce(m.delivery_edtf, s.delivery_text) AS delivery_text,
                CASE WHEN m.delivery_edtf IS NULL THEN s.delivery_earliest
                    ELSE m.delivery_earliest END AS delivery_earliest,
                CASE WHEN m.delivery_edtf IS NULL THEN s.delivery_latest
                    ELSE m.delivery_latest END AS delivery_latest,
                coalesce(m.delivery_precision, s.delivery_precision) AS delivery_precision,
                CASE WHEN m.delivery_edtf IS NULL THEN s.delivery_qualifier ELSE 'exact' END
                    AS delivery_qualifier,
                coalesce(m.delivery_edtf, s.delivery_edtf) AS delivery_edtf,
                CASE WHEN m.action IN ('confirm', 'correct') THEN true ELSE s.shown END AS shown),
            s.deal_id AS source_deal_id,
            CASE m.action WHEN 'confirm' THEN 'confirmed' WHEN 'correct' THEN 'corrected'
                WHEN 'reject' THEN 'rejected' ELSE 'machine-read' END AS review,
            m.id AS correction_id, m.reviewer, m.note AS review_note
        FROM deal_sources s
        LEFT JOIN m ON m.s_deal = s.deal_id AND m.s_article = s.article_id""",
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
            con.execute("ALTER TABLE deals ADD COLUMN IF NOT EXISTS review VARCHAR")
            create_views(con)  # the merge reads the facts as reviewed
            merge_everything(con)
    if version < 5:
        # Version 5 keeps analysts' corrections (a table of their own) and says on every deal
        # whether it was machine-read, confirmed or corrected; none was reviewed before.
        con.execute("ALTER TABLE deals ADD COLUMN IF NOT EXISTS review VARCHAR")
        con.execute("UPDATE deals SET review = 'machine-read' WHERE review IS NULL")
    if version < 6:
        # Version 6 keeps how precisely each article's source dated it ("2024-07" is a month),
        # so an article extracted again reads its dates against the same day.
        con.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS published_precision VARCHAR")
        con.execute(
            "UPDATE articles SET published_precision = 'day' WHERE published_precision IS NULL"
        )
    create_views(con)  # after the columns they read exist
    if version != SCHEMA_VERSION:
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every table (used by tests and the ingest summary)."""
    names = ["articles", "mentions", "events", "event_actors", "deals", "deal_sources", "countries"]
    return {n: int(con.execute(f"SELECT count(*) FROM {n}").fetchone()[0]) for n in names}  # type: ignore[index]
