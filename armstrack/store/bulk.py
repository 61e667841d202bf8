"""Many rows into a table in one statement."""

from __future__ import annotations

from typing import Any

import duckdb

FEW_ROWS = 300


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: list[list[Any]],
    columns: tuple[str, ...] | None = None,
) -> None:
    """Insert many rows at once, in the table's column order or into `columns`: a few as one
    statement of values, more through a frame (row-by-row inserts cost ~1 ms each; a statement
    of many thousands of values is slow to bind)."""
    into = f"{table} ({', '.join(columns)})" if columns else table
    if len(rows) <= FEW_ROWS:
        # Building a small store (the seeds) then needs no pandas, half a second to import.
        width = len(rows[0])
        row = f"({', '.join('?' * width)})"
        values = [value for each in rows for value in each]
        con.execute(f"INSERT INTO {into} VALUES {', '.join([row] * len(rows))}", values)
        return
    import pandas as pd

    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(len(rows[0]))], dtype=object)
    con.register("_bulk_rows", frame)
    try:
        con.execute(f"INSERT INTO {into} SELECT * FROM _bulk_rows")
    finally:
        con.unregister("_bulk_rows")
