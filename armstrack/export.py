"""Filtered tables to files: CSV (UTF-8 with BOM, injection-safe) or Parquet."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from armstrack import queries

# OWASP: a cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Neutralise a text cell a spreadsheet would run as a formula, by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell, na_action="ignore")
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV that Excel opens with non-ASCII names intact and no formula cells."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def filtered_tables(con: duckdb.DuckDBPyConnection, f: queries.Filters) -> dict[str, pd.DataFrame]:
    return {
        "deals": queries.deals(con, f),
        "events": queries.events(con, f),
        "articles": queries.articles(con, f),
        "countries": queries.countries(con, f),
    }


def export(
    con: duckdb.DuckDBPyConnection, outdir: Path, f: queries.Filters, fmt: str = "csv"
) -> list[Path]:
    """Write each filtered table to `outdir`; returns the files written."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in filtered_tables(con, f).items():
        path = outdir / f"{name}.{fmt}"
        if fmt == "csv":
            path.write_bytes(csv_bytes(frame))
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    return written
