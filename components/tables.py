"""Tables as shown: readable columns, column config, and downloads of exactly what is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from armstrack.export import COLUMN_NOTES, csv_bytes, file_stem, zip_bytes
from armstrack.queries import Filters
from armstrack.records import DEAL_STATUSES
from components.charts import STATUS_COLORS


def date_label(frame: pd.DataFrame, prefix: str) -> pd.Series:
    """'2014-09 (month)', '2018/.. (not-before)': the date with its precision and qualifier."""
    edtf = frame[f"{prefix}_edtf"].fillna("")
    precision = frame[f"{prefix}_precision"].fillna("")
    qualifier = frame[f"{prefix}_qualifier"].fillna("")
    note = precision.where(qualifier.isin(["exact", ""]), precision + ", " + qualifier)
    return (edtf + " (" + note + ")").where(edtf != "", "")


def safe_url(value: Any) -> str | None:
    """Only http(s) links are shown as links."""
    if (
        isinstance(value, str)
        and value.lower().startswith(("http://", "https://"))
        and " " not in value
    ):
        return value
    return None


def deals_display(deals: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    def country(code: Any) -> str:
        return f"{names.get(code, code)} ({code})" if isinstance(code, str) else ""

    value = deals["value_amount"].map(lambda v: f"{v:,.0f}" if pd.notna(v) else "")
    return pd.DataFrame(
        {
            "Supplier": deals["supplier"].map(country),
            "Recipient": deals["recipient"].map(country),
            "System": deals["system"],
            "Category": deals["category"].str.replace("_", " "),
            "Status": deals["status"].map(lambda s: [s] if isinstance(s, str) else []),
            "Quantity": deals["quantity"].astype("float64"),
            "Value": (value + " " + deals["value_currency"].fillna("")).str.strip(),
            "Order date": date_label(deals, "order"),
            "Delivery date": date_label(deals, "delivery"),
            "Certainty": deals["certainty"],
            "Confidence": deals["confidence"].astype("float64")
            if "confidence" in deals
            else pd.Series([float("nan")] * len(deals)),
            "Sources": deals["sources"],
            "Reports": deals["reports"] if "reports" in deals else deals["sources"],
            "Follow-on": deals["follows"].notna() if "follows" in deals else False,
            "Conflict": deals["conflict"],
            "Last reported": deals["last_reported"],
        }
    )


DEAL_COLUMN_CONFIG = {
    "Status": st.column_config.MultiselectColumn(
        "Status",
        options=list(DEAL_STATUSES),
        color=[STATUS_COLORS[s] for s in DEAL_STATUSES],
        help="The furthest stage the reports reached, or cancelled by a later report",
    ),
    "Quantity": st.column_config.NumberColumn("Quantity", format="%d"),
    "Value": st.column_config.TextColumn("Value", width="medium"),
    "Order date": st.column_config.TextColumn(
        "Order date", help="EDTF date (precision, qualifier)"
    ),
    "Delivery date": st.column_config.TextColumn(
        "Delivery date", help="EDTF date (precision, qualifier)"
    ),
    "Confidence": st.column_config.ProgressColumn(
        "Confidence",
        min_value=0.0,
        max_value=1.0,
        format="%.2f",
        help="How likely the extractor finds it that the article reports this deal (a fitted, "
        "calibrated model); Certainty is how hedged the reporter is",
    ),
    "Sources": st.column_config.NumberColumn("Sources", help="Articles reporting this deal"),
    "Reports": st.column_config.NumberColumn(
        "Reports", help="Independent reports: copies of one wire story on several sites count once"
    ),
    "Follow-on": st.column_config.CheckboxColumn(
        "Follow-on",
        help="A further order of a system already bought; the earlier contract is its own row",
    ),
    "Conflict": st.column_config.CheckboxColumn(
        "Conflict", help="Reports of this contract disagree on a date, quantity or value"
    ),
    "Last reported": st.column_config.DateColumn("Last reported", format="YYYY-MM-DD"),
}


def articles_display(articles: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Published": articles["published"],
            "Title": articles["title"],
            "Source": articles["source"],
            "Link": articles["url"].map(safe_url),
            "Events": articles["events"],
            "Deals": articles["deals"],
        }
    )


ARTICLE_COLUMN_CONFIG = {
    "Published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
    "Link": st.column_config.LinkColumn("Link", display_text="open", validate=r"^https?://"),
}


# Up to this many rows a download is prepared with the page; more are built when clicked.
EAGER_ROWS = 2_000


def download_csv(
    rows: int,
    fetch: Callable[[], pd.DataFrame],
    table: str,
    filters: Filters,
    *,
    shown: pd.DataFrame | None = None,
) -> None:
    """A CSV download of every filtered row, named after what it holds. `shown` is the table on
    the page, as `fetch` gives it but maybe cut short: when it holds all `rows`, it is the file."""
    name = file_stem(table, filters.countries, filters.year_from, filters.year_to)
    complete = shown if shown is not None and len(shown) == rows else None

    def build() -> bytes:
        return csv_bytes(complete if complete is not None else fetch())

    data: bytes | Callable[[], bytes] = build() if rows <= EAGER_ROWS else build
    st.download_button(
        f"Download {table} CSV ({rows:,} rows)",
        data=data,
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"download_{table}",
        help=COLUMN_NOTES.get(table),
        icon=":material/download:",
    )


def download_all(fetch: Callable[[], dict[str, pd.DataFrame]], filters: Filters, rows: int) -> None:
    """One ZIP of every filtered table with a README of the columns (built when clicked if big)."""
    name = file_stem("armstrack", filters.countries, filters.year_from, filters.year_to)
    data: bytes | Callable[[], bytes] = (
        zip_bytes(fetch(), filters.describe())
        if rows <= EAGER_ROWS
        else (lambda: zip_bytes(fetch(), filters.describe()))
    )
    st.download_button(
        "Download all filtered tables (ZIP)",
        data=data,
        file_name=f"{name}.zip",
        mime="application/zip",
        key="download_all",
        icon=":material/folder_zip:",
    )


def all_tables(
    filters: Filters, key: tuple[str, int, int]
) -> Callable[[], dict[str, pd.DataFrame]]:
    from components import loaders

    def fetch() -> dict[str, pd.DataFrame]:
        return {
            name: loaders.everything(name, filters, key)
            for name in ("deals", "events", "articles", "countries")
        }

    return fetch


def shown_note(shown: int, total: int, what: str) -> None:
    """Say so when a table shows only part of the filtered rows."""
    if total > shown:
        st.info(
            f"Showing the first {shown:,} of {total:,} {what}. Narrow the filters, or download the CSV for every row."
        )
