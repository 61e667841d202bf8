"""The corpus store: DuckDB tables, one transaction per article, deals merged across articles.

Tables follow the product's data model. `deals` is derived from `deal_sources` (one row per
article reporting a deal), rebuilt for the deals an ingest touches inside the same transaction,
so a reader never sees a half-written article; `countries` is a view over the facts.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from armstrack import copies, gazetteer, merge
from armstrack.article import Article
from armstrack.extract.context import stable_id
from armstrack.records import DateInterval, Extraction

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "armstrack.duckdb"
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


class StoreBusy(RuntimeError):
    """Another process holds the database for writing."""


def db_path(path: str | Path | None = None) -> Path:
    """The database file: the argument, else $ARMSTRACK_DB, else data/armstrack.duckdb. A folder
    names a Parquet dataset (see armstrack.dataset), read instead of a database file."""
    return Path(path or os.environ.get("ARMSTRACK_DB") or DEFAULT_DB)


@contextmanager
def connect(
    path: str | Path | None = None, *, read_only: bool = False, wait_s: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection; waits up to `wait_s` (default $ARMSTRACK_LOCK_WAIT or 10 s) while another
    process holds the file, then raises StoreBusy."""
    file = db_path(path)
    if file.is_dir():  # a Parquet dataset folder
        from armstrack import dataset

        if not read_only:
            raise dataset.DatasetError(
                f"{file} is a Parquet dataset, which is read-only: ingest into a DuckDB store "
                "and write the dataset again with `python -m armstrack dataset`"
            )
        cursor = dataset.connect(file)
        try:
            yield cursor
        finally:
            cursor.close()
        return
    if wait_s is None:
        wait_s = float(os.environ.get("ARMSTRACK_LOCK_WAIT", "10"))
    file.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            con = duckdb.connect(str(file), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                if "lock" in str(exc).lower():
                    raise StoreBusy(
                        f"{file} is in use by another process (an ingest or a dashboard writing); "
                        "wait for it to finish and run the command again"
                    ) from exc
                raise
            time.sleep(0.2)
    try:
        if not read_only:
            migrate(con)
        yield con
    finally:
        con.close()


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for statement in SCHEMA:
        con.execute(statement)


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for statement in VIEWS:
        con.execute(statement)


def fill_country_ref(con: duckdb.DuckDBPyConnection) -> None:
    """Every country's name and centre, from the gazetteer."""
    _bulk(
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


def merge_everything(con: duckdb.DuckDBPyConnection) -> int:
    """Fingerprint every article, group the copies and merge every deal again (after a schema
    change, or for a dataset written without them); returns the deal families merged."""
    stored = con.execute("SELECT id, text FROM articles ORDER BY id").fetchall()
    con.execute("DELETE FROM fingerprints")
    con.execute("UPDATE articles SET copy_of = NULL")
    rows = [[i, h] for i, text in stored for h in copies.fingerprint(text)]
    if rows:
        _bulk(con, "fingerprints", rows)
    _mark_copies(con, [i for i, _ in stored])
    families = {r[0] for r in con.execute("SELECT DISTINCT deal_id FROM deal_sources").fetchall()}
    con.execute("DELETE FROM deals")
    rebuild_deals(con, families)
    return len(families)


def _date(d: DateInterval | None) -> list[Any]:
    if d is None:
        return [None] * 6
    return [d.text, d.earliest, d.latest, d.precision, d.qualifier, d.edtf]


def _sentence_at(article: Article, position: int) -> tuple[str, int, int]:
    for s in article.sentences:
        if s.start <= position < s.end:
            return " ".join(s.text.split()), s.start, s.end
    return "", position, position


# Encodings read for certain; a text read by any other was guessed.
SURE_ENCODINGS = frozenset({"utf-8", "utf-16"})


def article_state(con: duckdb.DuckDBPyConnection, article: Article) -> str:
    """'unchanged' (same content stored), 'replaces' (same URL, new content), 'refused' (same
    URL, but the new text's encoding was guessed where the stored one's was not: the stored
    copy is kept) or 'new'."""
    return _states(con, [article])[0]


def _states(con: duckdb.DuckDBPyConnection, articles: list[Article]) -> list[str]:
    """article_state for many articles in one query."""
    ids = [a.id for a in articles]
    urls = [a.meta.url for a in articles if a.meta.url]
    rows = con.execute(
        """SELECT id, url, coalesce(encoding, 'utf-8') FROM articles
           WHERE id IN (SELECT UNNEST(?)) OR url IN (SELECT UNNEST(?))""",
        [ids, urls],
    ).fetchall()
    stored_ids = {r[0] for r in rows}
    sure_urls = {r[1] for r in rows if r[1] and r[2] in SURE_ENCODINGS}
    stored_urls = {r[1] for r in rows if r[1]}

    def state(a: Article) -> str:
        if a.id in stored_ids:
            return "unchanged"
        if a.meta.url in sure_urls and a.meta.encoding not in SURE_ENCODINGS:
            return "refused"
        return "replaces" if a.meta.url in stored_urls else "new"

    return [state(a) for a in articles]


def save(
    con: duckdb.DuckDBPyConnection,
    article: Article,
    result: Extraction,
    *,
    origin: str = "",
    now: Any = None,
    refresh: bool = False,
) -> str:
    """Store one article and its facts in one transaction; returns article_state's answer.
    With `refresh`, an article already stored is extracted anew (after the extractor improved)."""
    return save_many(con, [(article, result, origin)], now=now, refresh=refresh)[0]


def save_many(
    con: duckdb.DuckDBPyConnection,
    items: list[tuple[Article, Extraction, str]],
    *,
    now: Any = None,
    refresh: bool = False,
) -> list[str]:
    """Store a batch of articles in one transaction (all or none) and merge their deals once;
    returns each article's state as article_state gives it. Within the batch the same content
    counts once and a later version of a URL replaces an earlier one, as if saved one by one."""
    states = _states(con, [a for a, _, _ in items]) if items else []
    todo: dict[str, tuple[Article, Extraction, str]] = {}  # by article id, in order
    batch_urls: dict[str, str] = {}  # url -> article id within the batch
    replaced_urls: set[str] = set()
    for i, (article, result, origin) in enumerate(items):
        url = article.meta.url
        if article.id in todo:
            states[i] = "unchanged"
            continue
        if url and url in batch_urls:
            todo.pop(batch_urls[url])
            states[i] = "replaces"
        if states[i] == "replaces":
            replaced_urls.add(url)
        if states[i] == "refused" or (states[i] == "unchanged" and not refresh):
            continue
        todo[article.id] = (article, result, origin)
        if url:
            batch_urls[url] = article.id
    if not todo:
        return states
    con.execute("BEGIN TRANSACTION")
    try:
        touched: set[str] = set()
        stale = [a.id for a, _, _ in todo.values()]
        if replaced_urls:
            stale += [
                r[0]
                for r in con.execute(
                    "SELECT id FROM articles WHERE url IN (SELECT UNNEST(?))",
                    [sorted(replaced_urls)],
                ).fetchall()
            ]
        touched |= _delete_rows(con, sorted(set(stale)))
        tables: dict[str, list[list[Any]]] = {}
        for article, result, origin in todo.values():
            for table, rows in table_rows(article, result, origin, now).items():
                tables.setdefault(table, []).extend(rows)
            touched |= {stable_id(d.supplier, d.recipient, d.system) for d in result.deals}
            touched |= {stable_id(d.supplier, d.recipient, d.system) for d in result.review}
        for table in (
            "articles",
            "fingerprints",
            "mentions",
            "events",
            "event_actors",
            "deal_sources",
        ):
            if tables.get(table):
                _bulk(con, table, tables[table])
        touched |= _families(con, _mark_copies(con, list(todo)))
        rebuild_deals(con, touched)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return states


def stored_articles(con: duckdb.DuckDBPyConnection) -> list[Article]:
    """Every stored article rebuilt from its kept text, ready to be extracted again."""
    from armstrack.article import split_sentences
    from armstrack.records import ArticleMeta

    rows = con.execute(
        "SELECT id, title, published, source, byline, url, text, origin FROM articles ORDER BY id"
    ).fetchall()
    return [
        Article(
            meta=ArticleMeta(
                id=r[0],
                title=r[1] or "",
                published=r[2],
                source=r[3] or "",
                byline=r[4] or "",
                url=r[5] or "",
            ),
            text=r[6],
            # A title that is the text's first line was its headline (see parse_article).
            sentences=split_sentences(r[6], headline=bool(r[1]) and r[6].startswith(r[1])),
        )
        for r in rows
    ]


def delete_article(con: duckdb.DuckDBPyConnection, article_id: str) -> bool:
    """Remove an article and everything extracted from it; merged deals are rebuilt."""
    if not con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone():
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        rebuild_deals(con, _delete_rows(con, [article_id]))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


def _delete_rows(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> set[str]:
    """Remove these articles and their facts; returns the deals they reported."""
    if not article_ids:
        return set()
    deal_ids = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT deal_id FROM deal_sources WHERE article_id IN (SELECT UNNEST(?))",
            [article_ids],
        ).fetchall()
    }
    con.execute(
        """DELETE FROM event_actors WHERE event_id IN
           (SELECT id FROM events WHERE article_id IN (SELECT UNNEST(?)))""",
        [article_ids],
    )
    for table in ("events", "mentions", "deal_sources", "fingerprints"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT UNNEST(?))", [article_ids])
    con.execute("DELETE FROM articles WHERE id IN (SELECT UNNEST(?))", [article_ids])
    return deal_ids


def table_rows(
    article: Article, result: Extraction, origin: str = "", now: Any = None
) -> dict[str, list[list[Any]]]:
    """The rows one article adds to each table, in the tables' column order."""
    meta = article.meta
    stamp = now or datetime.now()
    rows: dict[str, list[list[Any]]] = {
        "articles": [
            [meta.id, meta.title, meta.published, meta.source, meta.byline, meta.url, article.text,
             stamp, origin, meta.encoding, None]
        ],
        "fingerprints": [[meta.id, h] for h in copies.fingerprint(article.text)],
    }  # fmt: skip
    mention_rows = []
    for m in result.mentions:
        sentence, _, _ = _sentence_at(article, m.start)
        mention_rows.append(
            [
                meta.id,
                m.kind,
                m.text,
                m.canonical,
                m.iso3,
                m.lat,
                m.lon,
                m.form,
                m.detail,
                sentence,
                m.start,
                m.end,
            ]
        )
    for when in result.dates:  # dates are mentions too, so the reader can mark them
        sentence, _, _ = _sentence_at(article, when.start)
        mention_rows.append(
            [meta.id, "date", when.text, when.edtf, None, None, None, when.qualifier,
             when.precision, sentence, when.start, when.end]
        )  # fmt: skip
    rows["mentions"] = mention_rows
    event_rows, actor_rows = [], []
    for e in result.events:
        ev = e.evidence
        event_rows.append(
            [e.id, meta.id, e.type, e.summary, e.place, *_date(e.date), e.attribution, e.certainty.level,
             e.certainty.trigger, e.trigger, ", ".join(e.systems), ev.sentence, ev.start, ev.end,
             sorted(set(e.actors)), e.confidence]
        )  # fmt: skip
        actor_rows += [[e.id, iso3] for iso3 in e.actors]
    rows["events"], rows["event_actors"] = event_rows, actor_rows
    source_rows = []
    for shown, deals in ((True, result.deals), (False, result.review)):
        for d in deals:
            ev = d.evidence
            source_rows.append(
                [stable_id(d.supplier, d.recipient, d.system), meta.id, meta.published, d.supplier, d.recipient,
                 d.system, d.category, d.status, d.status_stated, d.quantity, d.value.amount if d.value else None,
                 d.value.currency if d.value else None, *_date(d.order_date), *_date(d.delivery_date),
                 d.attribution, d.certainty.level, ev.sentence, ev.start, ev.end, d.confidence, shown,
                 None]
            )  # fmt: skip
    rows["deal_sources"] = source_rows
    return rows


def _bulk(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: list[list[Any]],
    columns: tuple[str, ...] | None = None,
) -> None:
    """Insert many rows at once through a frame (row-by-row inserts cost ~1 ms each), in the
    table's column order or into `columns`."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(len(rows[0]))], dtype=object)
    into = f"{table} ({', '.join(columns)})" if columns else table
    con.register("_bulk_rows", frame)
    try:
        con.execute(f"INSERT INTO {into} SELECT * FROM _bulk_rows")
    finally:
        con.unregister("_bulk_rows")


def rebuild_deals(con: duckdb.DuckDBPyConnection, families: set[str]) -> None:
    """Merge the reports of these supplier → recipient → system families again, one row per
    contract, by the rules in armstrack.merge; each report is told which contract it backs."""
    if not families:
        return
    ids = sorted(families)
    con.execute("DELETE FROM deals WHERE coalesce(family, id) IN (SELECT UNNEST(?))", [ids])
    con.execute(
        "UPDATE deal_sources SET contract = NULL WHERE deal_id IN (SELECT UNNEST(?))", [ids]
    )
    cursor = con.execute(
        """SELECT s.*, coalesce(a.source, '') AS outlet, coalesce(a.copy_of, a.id) AS report
           FROM deal_sources s JOIN articles a ON a.id = s.article_id
           WHERE s.deal_id IN (SELECT UNNEST(?)) AND s.shown IS NOT FALSE
           ORDER BY s.deal_id""",
        [ids],
    )
    names = [d[0] for d in cursor.description]
    by_family: dict[str, list[merge.Source]] = {}
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        by_family.setdefault(row["deal_id"], []).append(
            merge.Source(row, row.pop("outlet"), row.pop("report"))
        )
    deal_rows: list[list[Any]] = []
    links: list[list[Any]] = []
    for family, sources in by_family.items():
        for deal_row, backing in merge.merge_family(family, sources):
            deal_rows.append(deal_row)
            links += [[family, s["article_id"], deal_row[0]] for s in backing]
    if deal_rows:
        _bulk(con, "deals", deal_rows, merge.DEAL_COLUMNS)
        import pandas as pd

        frame = pd.DataFrame(links, columns=["family", "article_id", "contract"])
        con.register("_contract_links", frame)
        try:
            con.execute(
                """UPDATE deal_sources SET contract = l.contract FROM _contract_links l
                   WHERE deal_sources.deal_id = l.family AND deal_sources.article_id = l.article_id
                     AND deal_sources.shown IS NOT FALSE"""
            )
        finally:
            con.unregister("_contract_links")


def _mark_copies(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> set[str]:
    """Group these articles with the stored copies of the same story (each group keyed by its
    earliest-published member, whatever the order of arrival); returns the articles whose key
    changed."""
    if not article_ids:
        return set()
    pairs = con.execute(
        """WITH n AS (SELECT article_id, count(*) AS n FROM fingerprints GROUP BY article_id),
           shared AS (
               SELECT a.article_id AS a, b.article_id AS b, count(*) AS shared
               FROM fingerprints a JOIN fingerprints b ON a.h = b.h AND a.article_id <> b.article_id
               WHERE a.article_id IN (SELECT UNNEST(?)) GROUP BY ALL)
           SELECT shared.a, shared.b, shared.shared, na.n, nb.n FROM shared
           JOIN n na ON na.article_id = shared.a JOIN n nb ON nb.article_id = shared.b""",
        [article_ids],
    ).fetchall()
    matched = [(a, b) for a, b, k, na, nb in pairs if copies.are_copies(k, na, nb)]
    if not matched:
        return set()
    keys = sorted({b for _, b in matched})
    members = con.execute(
        """SELECT id, coalesce(copy_of, id) AS key, published, copy_of FROM articles
           WHERE id IN (SELECT UNNEST(?)) OR coalesce(copy_of, id) IN
               (SELECT coalesce(copy_of, id) FROM articles WHERE id IN (SELECT UNNEST(?)))""",
        [sorted({a for a, _ in matched} | set(keys)), keys],
    ).fetchall()
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for article_id, key, _, _ in members:
        parent[root(article_id)] = root(key)
    for a, b in matched:
        parent[root(a)] = root(b)
    info = {m[0]: m for m in members}
    groups: dict[str, list[str]] = {}
    for article_id in info:
        groups.setdefault(root(article_id), []).append(article_id)
    updates: list[list[Any]] = []
    for group in groups.values():
        first = min(group, key=lambda i: (info[i][2] or datetime.max.date(), i))
        for article_id in group:
            key = None if article_id == first else first
            if info[article_id][3] != key:
                updates.append([article_id, key])
    if updates:
        import pandas as pd

        con.register("_copy_keys", pd.DataFrame(updates, columns=["id", "copy_of"]))
        try:
            con.execute(
                "UPDATE articles SET copy_of = k.copy_of FROM _copy_keys k WHERE articles.id = k.id"
            )
        finally:
            con.unregister("_copy_keys")
    return {article_id for article_id, _ in updates}


def _families(con: duckdb.DuckDBPyConnection, article_ids: set[str]) -> set[str]:
    """The deal families these articles report."""
    if not article_ids:
        return set()
    return {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT deal_id FROM deal_sources WHERE article_id IN (SELECT UNNEST(?))",
            [sorted(article_ids)],
        ).fetchall()
    }


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every table (used by tests and the ingest summary)."""
    names = ["articles", "mentions", "events", "event_actors", "deals", "deal_sources", "countries"]
    return {n: int(con.execute(f"SELECT count(*) FROM {n}").fetchone()[0]) for n in names}  # type: ignore[index]
