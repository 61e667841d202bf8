"""Extraction past one machine: a pure map over articles, runnable on any engine.

`extract_many` turns articles into flat records (one dict per deal and per event, each with its
article id and evidence), so a distributed engine can map it over partitions unchanged.
`extract_to_parquet` is the Dask recipe: a bag of files mapped through `extract_many` and written
as Parquet partitions that DuckDB reads back (`read_parquet('out/deals/*.parquet')`).
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
    """Flat rows of one extraction: kind 'deal' or 'event', the article id, the facts."""
    article = doc["article"]["id"]
    for d in doc["deals"]:
        yield {
            "kind": "deal", "article_id": article, "id": d["id"], "type": None, "supplier": d["supplier"],
            "recipient": d["recipient"], "system": d["system"], "status": d["status"],
            "actors": None, "certainty": d["certainty"], "attribution": d["attribution"],
            **_flat_date("date", d["order_date"]), "evidence": d["evidence"]["sentence"],
            "char_start": d["evidence"]["start"], "char_end": d["evidence"]["end"],
        }  # fmt: skip
    for e in doc["events"]:
        yield {
            "kind": "event", "article_id": article, "id": e["id"], "type": e["type"], "supplier": None,
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


def _read_and_extract(path: str) -> list[Record]:
    return list(extract_many([(Path(path).name, Path(path).read_bytes())]))


def extract_to_parquet(paths: list[Path], out: Path, partitions: int = 4) -> Path:
    """The Dask recipe: map extraction over a bag of files, write Parquet partitions."""
    import dask.bag as db
    import pandas as pd
    import pyarrow as pa

    names = [str(p) for p in paths]
    bag = db.from_sequence(names, npartitions=max(1, min(partitions, len(paths))))  # type: ignore[no-untyped-call]
    rows = bag.map(_read_and_extract).flatten().map(lambda r: {c: r.get(c) for c in _COLUMNS})
    meta = pd.DataFrame(
        {c: pd.Series(dtype="int64" if c.startswith("char_") else "object") for c in _COLUMNS}
    )
    schema = pa.schema(
        [(c, pa.int64() if c.startswith("char_") else pa.string()) for c in _COLUMNS]
    )
    rows.to_dataframe(meta=meta).to_parquet(str(out), write_index=False, schema=schema)
    return out


_COLUMNS = [
    "kind", "article_id", "id", "type", "supplier", "recipient", "system", "status", "actors",
    "certainty", "attribution", "date_text", "date_earliest", "date_latest", "date_precision",
    "date_qualifier", "date_edtf", "evidence", "char_start", "char_end",
]  # fmt: skip
