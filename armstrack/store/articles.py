"""Stored articles rebuilt from their kept text, to be extracted again."""

from __future__ import annotations

import duckdb

from armstrack.article import Article, split_sentences
from armstrack.records import ArticleMeta


def stored_articles(con: duckdb.DuckDBPyConnection) -> list[Article]:
    """Every stored article rebuilt from its kept text, ready to be extracted again."""
    rows = con.execute(
        """SELECT id, title, published, source, byline, url, text, origin,
                  coalesce(published_precision, 'day') FROM articles ORDER BY id"""
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
                published_precision=r[8],
            ),
            text=r[6],
            # A title that is the text's first line was its headline (see parse_article).
            sentences=split_sentences(r[6], headline=bool(r[1]) and r[6].startswith(r[1])),
        )
        for r in rows
    ]
