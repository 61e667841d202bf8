"""Where the store lives and how it is opened: the database file (or a Parquet dataset folder),
a wait while another process holds the file, and the schema brought up to date on every write."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from armstrack.paths import DEFAULT_DB, ROOT, db_path
from armstrack.store.schema import migrate

__all__ = ["DEFAULT_DB", "ROOT", "StoreBusy", "connect", "db_path"]


class StoreBusy(RuntimeError):
    """Another process holds the database for writing."""


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
