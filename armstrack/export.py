"""Filtered tables to files: CSV (UTF-8 with BOM, injection-safe) or Parquet."""

from __future__ import annotations

import re
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


COLUMN_NOTES = {
    "deals": "review: machine-read, confirmed or corrected by an analyst (a corrected report "
    "makes its deal corrected). One row per contract: a (supplier, recipient, system) reported across articles, "
    "split into contracts when a further order is signed in another year (family: the first "
    "contract's id, shared by all; follows: the contract this one follows on from). status: the "
    "furthest stage the reports reached (rumored, proposed, negotiating, agreed, signed, "
    "delivering, delivered), or cancelled when a later report says so and none after it revives "
    "the deal; status_history: every report in order with its outlet and date (in passing: a "
    "background mention); order_*: the signing, from reports of it (talks give no order date); "
    "delivery_*: the first delivery, else the latest expected one; each a date interval (text as "
    "written, earliest, latest, precision, qualifier, EDTF); sources: articles; reports: "
    "independent reports (copies of one wire story count once); conflict: reports of the same "
    "contract disagree on the fields in conflict_fields, each value with its source in "
    "conflicts; evidence, char_start, char_end: the sentence in article_id that sets the status; "
    "confidence: the extractor's calibrated probability that an article reports the deal "
    "(certainty is the reporter's own hedging).",
    "review": "Deal candidates the extractor read but found too unlikely to show as deals, "
    "likeliest first: supplier, recipient, system, status, confidence, evidence, the article.",
    "events": "One row per reported happening. actors: ISO3 codes; date_*: interval as for deals; "
    "attribution: who says so; certainty: certain, probable, possible or reported "
    "(certainty_trigger: the hedge word); evidence with offsets into the article text.",
    "corrections": "Analysts' reviews of deal facts, newest first: the fact (deal_id as read: "
    "supplier, recipient and system; article_id; evidence), action (confirm, reject or correct), "
    "the corrected values (empty: as read), target (the deal family after correction), changed "
    "(old → new), note, reviewer, created_at; orphaned: the fact is no longer read.",
    "articles": "The corpus: id (content hash), title, published, source, byline, url, counts.",
    "countries": "ISO3, name, centroid, mentions, articles, roles, and deals supplied/received and "
    "events in the current view.",
}


def zip_bytes(tables: dict[str, pd.DataFrame], view: str) -> bytes:
    """One archive of the filtered tables as CSV, with a README describing the columns."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        lines = [f"Arms-deal news dashboard export. View: {view}.", ""]
        for name, frame in tables.items():
            archive.writestr(f"{name}.csv", csv_bytes(frame))
            lines += [f"{name}.csv ({len(frame)} rows)", f"  {COLUMN_NOTES.get(name, '')}", ""]
            lines += [f"  columns: {', '.join(map(str, frame.columns))}", ""]
        archive.writestr("README.txt", "\n".join(lines))
    return buffer.getvalue()


# Only these characters reach a download's file name, whatever the address held.
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]")


def file_stem(
    table: str, countries: tuple[str, ...], year_from: int | None, year_to: int | None
) -> str:
    """A file name that says what it holds: deals_TUR_2014-2020."""
    parts = [table]
    if countries:
        parts.append("-".join(countries[:4]) + ("-etc" if len(countries) > 4 else ""))
    if year_from or year_to:
        parts.append(f"{year_from or 'start'}-{year_to or 'now'}")
    return _UNSAFE_NAME.sub("", "_".join(parts))[:120]


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
    """Write each filtered table to `outdir`, and every analyst's correction (whatever the
    view: they are the team's record); returns the files written."""
    from armstrack.store.corrections import correction_table

    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    tables = {**filtered_tables(con, f), "corrections": correction_table(con)}
    for name, frame in tables.items():
        path = outdir / f"{name}.{fmt}"
        if fmt == "csv":
            path.write_bytes(csv_bytes(frame))
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    return written
