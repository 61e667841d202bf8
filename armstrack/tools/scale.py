"""Extraction past one machine: a pure map over articles, runnable on any engine.

`extract_many` turns articles into flat records (one dict per deal and per event, each with its
article id and evidence), so a distributed engine can map it over partitions unchanged.
`extract_to_dataset` is the Dask recipe: partitions of files mapped through extraction, each
writing its Parquet part of every table, then deals merged across partitions; the dashboard reads
the folder as it reads the database file (`ARMSTRACK_DB=out`, see armstrack.dataset).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from armstrack.article import ArticleError, parse_article
from armstrack.extract import extract
from armstrack.report import extraction_json

Record = dict[str, Any]


def _flat_date(prefix: str, value: dict[str, Any] | None) -> Record:
    value = value or {}
    return {
        f"{prefix}_{k}": value.get(k)
        for k in ("text", "earliest", "latest", "precision", "qualifier", "edtf")
    }


def records(doc: dict[str, Any]) -> Iterator[Record]:
    """Flat rows of one extraction: kind 'deal', 'review' (a deal candidate kept for review) or
    'event', the article id, the facts, and the extractor's confidence."""
    article = doc["article"]["id"]
    for kind, deal in [("deal", d) for d in doc["deals"]] + [
        ("review", d) for d in doc.get("review", [])
    ]:
        d = deal
        yield {
            "kind": kind, "article_id": article, "confidence": d.get("confidence"), "id": d["id"], "type": None, "supplier": d["supplier"],
            "recipient": d["recipient"], "system": d["system"], "status": d["status"],
            "actors": None, "certainty": d["certainty"], "attribution": d["attribution"],
            **_flat_date("date", d["order_date"]), "evidence": d["evidence"]["sentence"],
            "char_start": d["evidence"]["start"], "char_end": d["evidence"]["end"],
        }  # fmt: skip
    for e in doc["events"]:
        yield {
            "kind": "event", "article_id": article, "confidence": e.get("confidence"), "id": e["id"], "type": e["type"], "supplier": None,
            "recipient": None, "system": ", ".join(e["systems"]), "status": None,
            "actors": ", ".join(e["actors"]), "certainty": e["certainty"], "attribution": e["attribution"],
            **_flat_date("date", e["date"]), "evidence": e["evidence"]["sentence"],
            "char_start": e["evidence"]["start"], "char_end": e["evidence"]["end"],
        }  # fmt: skip


def extract_many(
    items: Iterable[tuple[str, bytes]], published: date | None = None
) -> Iterator[Record]:
    """(name, raw bytes) in, flat fact records out; an unreadable article gives one 'error' record."""
    for name, raw in items:
        try:
            article = parse_article(raw, name=name, published=published)
        except ArticleError as exc:
            yield {
                "kind": "error",
                "article_id": None,
                "id": name,
                "evidence": str(exc),
                "char_start": -1,
                "char_end": -1,
            }
            continue
        yield from records(extraction_json(extract(article)))


def _write_partition(paths: list[str], out: str, index: int) -> dict[str, Any]:
    """The map step: extract one partition's files into the store's tables (an in-memory
    database, the same code as an ingest) and write each table as one Parquet file."""
    import duckdb

    from armstrack import dataset, store
    from armstrack.ingest import ingest_files

    con = duckdb.connect()
    try:
        store.migrate(con)
        report = ingest_files(con, [Path(p) for p in paths], workers=1)
        for table in dataset.TABLES:
            if table == "deals":  # merged across every partition by the reduce step
                continue
            folder = Path(out) / table
            folder.mkdir(parents=True, exist_ok=True)
            target = str(folder / f"part-{index}.parquet").replace("'", "''")
            con.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")
    finally:
        con.close()
    return {"stored": len(report.new) + len(report.replaced), "failed": report.failed}


def extract_to_dataset(paths: list[Path], out: Path, partitions: int = 4) -> dict[str, Any]:
    """The Dask recipe: map extraction over partitions of the files (each writes its Parquet
    part of every table), then reduce: merge the deals across all partitions. The result is a
    dataset the dashboard reads with `ARMSTRACK_DB=out`. Runs on whatever Dask scheduler is
    active (a distributed Client, or local processes). Each partition deduplicates its own
    files; deduplicate the file list first when the same article may sit in two partitions."""
    from dask.base import compute
    from dask.delayed import delayed

    names = [str(p) for p in paths]
    count = max(1, min(partitions, len(names)))
    chunks = [names[i::count] for i in range(count)]
    tasks = [delayed(_write_partition)(chunk, str(out), i) for i, chunk in enumerate(chunks)]
    parts = compute(*tasks)  # type: ignore[no-untyped-call]
    from armstrack import dataset

    deals = dataset.write_deals(out)
    return {
        "partitions": count,
        "articles": sum(p["stored"] for p in parts),
        "deals": deals,
        "failed": [f for p in parts for f in p["failed"]],
    }
