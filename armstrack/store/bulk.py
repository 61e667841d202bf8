"""Many rows into a table in one statement."""

from __future__ import annotations

from typing import Any

import duckdb


def insert_rows(
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
