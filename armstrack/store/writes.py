"""Writing articles: one batch of articles and their facts in one transaction, a changed article
replacing its earlier version, removal with its facts; the deals they touch merged again."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

from armstrack import copies
from armstrack.article import Article
from armstrack.extract.context import stable_id
from armstrack.records import DateInterval, Extraction
from armstrack.store.bulk import insert_rows
from armstrack.store.deals import mark_copies, rebuild_deals, reported_families


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
                insert_rows(con, table, tables[table])
        touched |= reported_families(con, mark_copies(con, list(todo)))
        rebuild_deals(con, touched)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return states


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
             stamp, origin, meta.encoding, None, meta.published_precision]
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
