"""Extraction as a map step on Dask (a local cluster) gives the same records as one process."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from armstrack.ingest import article_files
from armstrack.scale import extract_many, extract_to_parquet

ROOT = Path(__file__).resolve().parent.parent


def _key(row: dict[str, object]) -> tuple[object, ...]:
    return (row["kind"], row["article_id"], row["id"], row["evidence"])


def test_dask_gives_the_same_records_as_one_process(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    paths = sorted(article_files([ROOT / "tests" / "articles"]))[:12]
    single = {
        _key(r)
        for r in extract_many((p.name, p.read_bytes()) for p in paths)
        if r["kind"] != "error"
    }
    out = tmp_path / "facts"
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster):
        extract_to_parquet(paths, out, partitions=4)
    files = list(out.glob("*.parquet"))
    assert len(files) == 4  # one Parquet partition per bag partition
    rows = duckdb.sql(
        f"SELECT kind, article_id, id, evidence FROM read_parquet('{out}/*.parquet')"
    ).fetchall()
    assert {tuple(r) for r in rows} == single
    assert any(r[0] == "deal" for r in rows) and any(r[0] == "event" for r in rows)


def test_unreadable_article_is_a_record_not_a_crash() -> None:
    rows = list(
        extract_many(
            [("bad.txt", b"\x00\x01\x02"), ("ok.txt", b"Egypt ordered 24 Rafale jets from France.")]
        )
    )
    assert rows[0]["kind"] == "error" and "binary" in str(rows[0]["evidence"])
    assert any(r["kind"] == "deal" and r["supplier"] == "FRA" for r in rows)
