"""Deals merged across articles: copies of one wire story grouped, and every family's reports
merged into one row per contract by the rules in armstrack.merge."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

from armstrack import copies, merge
from armstrack.store.bulk import insert_rows


def merge_everything(con: duckdb.DuckDBPyConnection) -> int:
    """Fingerprint every article, group the copies and merge every deal again (after a schema
    change, or for a dataset written without them); returns the deal families merged."""
    stored = con.execute("SELECT id, text FROM articles ORDER BY id").fetchall()
    con.execute("DELETE FROM fingerprints")
    con.execute("UPDATE articles SET copy_of = NULL")
    rows = [[i, h] for i, text in stored for h in copies.fingerprint(text)]
    if rows:
        insert_rows(con, "fingerprints", rows)
    mark_copies(con, [i for i, _ in stored])
    families = {r[0] for r in con.execute("SELECT DISTINCT deal_id FROM deal_sources").fetchall()}
    con.execute("DELETE FROM deals")
    rebuild_deals(con, families)
    return len(families)


def rebuild_deals(con: duckdb.DuckDBPyConnection, families: set[str]) -> None:
    """Merge the reports of these supplier → recipient → system families again, one row per
    contract, by the rules in armstrack.merge; each report is told which contract it backs.
    Reports are read as reviewed (`reviewed_sources`): a rejected one is left out, a corrected
    one counts with its corrected values, in the family its correction puts it in."""
    if not families:
        return
    ids = sorted(corrected_families(con, families))
    con.execute("DELETE FROM deals WHERE coalesce(family, id) IN (SELECT UNNEST(?))", [ids])
    con.execute(
        "UPDATE deal_sources SET contract = NULL WHERE deal_id IN (SELECT UNNEST(?))", [ids]
    )
    cursor = con.execute(
        """SELECT s.*, coalesce(a.source, '') AS outlet, coalesce(a.copy_of, a.id) AS report
           FROM reviewed_sources s JOIN articles a ON a.id = s.article_id
           WHERE s.deal_id IN (SELECT UNNEST(?)) AND s.shown IS NOT FALSE
             AND s.review <> 'rejected'
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
            deal_rows.append([*deal_row, review_state([s["review"] for s in backing])])
            links += [[s["source_deal_id"], s["article_id"], deal_row[0]] for s in backing]
    if deal_rows:
        insert_rows(con, "deals", deal_rows, (*merge.DEAL_COLUMNS, "review"))
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _contract_links "
            "(family VARCHAR, article_id VARCHAR, contract VARCHAR)"
        )
        try:
            insert_rows(con, "_contract_links", links)
            con.execute(
                """UPDATE deal_sources SET contract = l.contract FROM _contract_links l
                   WHERE deal_sources.deal_id = l.family AND deal_sources.article_id = l.article_id"""
            )
        finally:
            con.execute("DROP TABLE _contract_links")


def review_state(reviews: list[str]) -> str:
    """A merged deal row is corrected when any of its reports was, else confirmed when any was,
    else machine-read."""
    for state in ("corrected", "confirmed"):
        if state in reviews:
            return state
    return "machine-read"


def corrected_families(con: duckdb.DuckDBPyConnection, families: set[str]) -> set[str]:
    """These families and every family a correction moves a report into or out of (a corrected
    supplier, recipient or system puts the report in another family), followed to the end."""
    found = set(families)
    while True:
        more = {
            r[0]
            for r in con.execute(
                """SELECT target FROM corrections WHERE deal_id IN (SELECT UNNEST(?))
                   UNION SELECT deal_id FROM corrections WHERE target IN (SELECT UNNEST(?))""",
                [sorted(found), sorted(found)],
            ).fetchall()
            if r[0] is not None
        }
        if more <= found:
            return found
        found |= more


def mark_copies(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> set[str]:
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


def reported_families(con: duckdb.DuckDBPyConnection, article_ids: set[str]) -> set[str]:
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
