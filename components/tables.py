"""Tables as shown: readable columns, column config, and downloads of exactly what is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from armstrack.export import COLUMN_NOTES, csv_bytes, file_stem, zip_bytes
from armstrack.queries import Filters
from armstrack.readable import counted, date_words, money_words
from armstrack.records import DEAL_STATUSES
from components.charts import STATUS_COLORS


def date_label(frame: pd.DataFrame, prefix: str) -> pd.Series:
    """'March 2017', 'after 2018', 'by end of 2016': each `prefix` date in words (the EDTF stays
    in the downloads)."""
    columns = [f"{prefix}_{part}" for part in ("earliest", "latest", "precision", "qualifier")]
    # Each distinct date is put in words once: 5,000 deals hold a few hundred of them. Days are
    # read as plain dates, not as pandas Timestamps, which take longer to make and to compare.
    said: dict[tuple[Any, ...], str] = {}
    words = []
    for values in zip(*(_values(frame[c]) for c in columns), strict=True):
        text = said.get(values)
        if text is None:
            text = said[values] = date_words(*values)
        words.append(text)
    return pd.Series(words, index=frame.index, dtype=object)


def _values(column: pd.Series) -> list[Any]:
    """A column's values as Python objects, its days (datetime64) as dates, missing ones None."""
    if pd.api.types.is_datetime64_dtype(column.dtype):
        return list(column.to_numpy().astype("datetime64[D]").tolist())
    return list(column.tolist())


def article_labels(stored: pd.DataFrame) -> dict[str, str]:
    """Articles as id -> "date · title", for a list to pick one from."""
    days = stored["published"].to_numpy().astype("datetime64[D]").tolist()
    return {
        article_id: f"{day:%Y-%m-%d} · {title}" if day is not None else str(title)
        for article_id, day, title in zip(
            stored["id"].tolist(), days, stored["title"].tolist(), strict=True
        )
    }


def money_label(amounts: pd.Series, currencies: pd.Series) -> pd.Series:
    """'US$2.5 bn' for each amount and its currency."""
    words = [money_words(a, c) for a, c in zip(amounts.tolist(), currencies.tolist(), strict=True)]
    return pd.Series(words, index=amounts.index, dtype=object)


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
    """The deals as shown: every column, key ones first (DEAL_KEY_COLUMNS)."""

    def country(code: Any) -> str:
        return f"{names.get(code, code)} ({code})" if isinstance(code, str) else ""

    return pd.DataFrame(
        {
            "Supplier": deals["supplier"].map(country),
            "Recipient": deals["recipient"].map(country),
            "System": deals["system"],
            "Status": deals["status"].map(lambda s: [s] if isinstance(s, str) else []),
            "Certainty": deals["certainty"],
            "Sources": deals["sources"],
            "Order date": date_label(deals, "order"),
            "Delivery date": date_label(deals, "delivery"),
            "Review": deals.get("review", "machine-read"),
            "Category": deals["category"].str.replace("_", " "),
            "Quantity": deals["quantity"].astype("float64"),
            "Value": money_label(deals["value_amount"], deals["value_currency"]),
            "Confidence": deals["confidence"].astype("float64")
            if "confidence" in deals
            else pd.Series([float("nan")] * len(deals)),
            "Reports": deals["reports"] if "reports" in deals else deals["sources"],
            "Follow-on": deals["follows"].notna() if "follows" in deals else False,
            "Conflict": deals["conflict"],
            "Last reported": deals["last_reported"],
        }
    )


# What a deals table shows at first: who, what, how far, how sure, how many sources, when. The
# rest is one pick away. Their widths add up to less than the page gives a table beside the
# sidebar at 1440 px, so nothing scrolls sideways.
DEAL_KEY_COLUMNS = (
    "Supplier", "Recipient", "System", "Status", "Certainty", "Sources", "Order date",
    "Delivery date", "Review",
)  # fmt: skip
DEAL_EXTRA_COLUMNS = (
    "Category", "Quantity", "Value", "Confidence", "Reports", "Follow-on", "Conflict",
    "Last reported",
)  # fmt: skip


def deal_column_order(extra: list[str] | tuple[str, ...]) -> list[str]:
    """The key columns, then the extra columns picked, in their usual order."""
    return [*DEAL_KEY_COLUMNS, *(c for c in DEAL_EXTRA_COLUMNS if c in extra)]


DATE_HELP = (
    "When, in words: 'March 2017', '2020s, approx.', 'after 2018' (open), 'by end of 2016' "
    "(a deadline). The CSV keeps the exact interval as EDTF"
)
DEAL_COLUMN_CONFIG = {
    "Supplier": st.column_config.TextColumn("Supplier", width=120),
    "Recipient": st.column_config.TextColumn("Recipient", width=120),
    "System": st.column_config.TextColumn("System", width=100),
    "Status": st.column_config.MultiselectColumn(
        "Status",
        options=list(DEAL_STATUSES),
        color=[STATUS_COLORS[s] for s in DEAL_STATUSES],
        help="The furthest stage the reports reached, or cancelled by a later report",
        width=95,
    ),
    "Certainty": st.column_config.TextColumn(
        "Certainty",
        help="How hedged the reporter is (certain, probable, possible, reported)",
        width=75,
    ),
    "Sources": st.column_config.NumberColumn(
        "Sources", help="Articles reporting this deal", width=55
    ),
    "Order date": st.column_config.TextColumn("Order date", help=DATE_HELP, width=110),
    "Delivery date": st.column_config.TextColumn("Delivery date", help=DATE_HELP, width=140),
    "Review": st.column_config.TextColumn(
        "Review",
        help="machine-read: as the extractor read it; confirmed: an analyst checked it; "
        "corrected: an analyst changed a value (of any of its reports)",
        width=90,
    ),
    "Quantity": st.column_config.NumberColumn("Quantity", format="%d"),
    "Value": st.column_config.TextColumn("Value", help="As reported, in its currency"),
    "Confidence": st.column_config.ProgressColumn(
        "Confidence",
        min_value=0.0,
        max_value=1.0,
        format="%.2f",
        help="How likely the extractor finds it that the article reports this deal (a fitted, "
        "calibrated model); Certainty is how hedged the reporter is",
    ),
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


# Widths that fit beside the sidebar at 1440 px; a long title is cut, its tooltip whole.
ARTICLE_COLUMN_CONFIG = {
    "Published": st.column_config.DateColumn("Published", format="YYYY-MM-DD", width=100),
    "Title": st.column_config.TextColumn("Title", width=470),
    "Source": st.column_config.TextColumn("Source", width=170),
    "Link": st.column_config.LinkColumn(
        "Link", display_text="open", validate=r"^https?://", width=60
    ),
    "Events": st.column_config.NumberColumn("Events", width=60),
    "Deals": st.column_config.NumberColumn("Deals", width=60),
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
    what: str | None = None,
) -> None:
    """A CSV download of `rows` rows, named after what it holds, its label saying how many.
    `shown` is the table on the page, as `fetch` gives it but maybe cut short: when it holds
    all `rows`, it is the file. `what` names the rows in the label (the table's name if not)."""
    name = file_stem(table, filters.countries, filters.year_from, filters.year_to)
    complete = shown if shown is not None and len(shown) == rows else None

    def build() -> bytes:
        return csv_bytes(complete if complete is not None else fetch())

    data: bytes | Callable[[], bytes] = build() if rows <= EAGER_ROWS else build
    st.download_button(
        download_label(what or table.replace("_", " "), rows),
        data=data,
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"download_{table}",
        help=COLUMN_NOTES.get(table),
        icon=":material/download:",
    )


def download_label(what: str, rows: int) -> str:
    """'Download deals CSV (642 rows)', 'Download events CSV (1 row)'."""
    return f"Download {what} CSV ({counted(rows, 'row')})"


def download_all(filters: Filters, key: tuple[str, int, int], rows: int) -> None:
    """One ZIP of every filtered table with a README of the columns (built when clicked if big)."""
    name = file_stem("armstrack", filters.countries, filters.year_from, filters.year_to)
    data: bytes | Callable[[], bytes] = (
        _all_tables_zip(filters, key)
        if rows <= EAGER_ROWS
        else (lambda: zip_bytes(_all_tables(filters, key), filters.describe()))
    )
    st.download_button(
        "Download all filtered tables (ZIP)",
        data=data,
        file_name=f"{name}.zip",
        mime="application/zip",
        key="download_all",
        icon=":material/folder_zip:",
    )


@st.cache_data(show_spinner=False, max_entries=8)
def _all_tables_zip(filters: Filters, key: tuple[str, int, int]) -> bytes:
    """The ZIP of a small view, built once per view and store version, not on every rerun."""
    return zip_bytes(_all_tables(filters, key), filters.describe())


def _all_tables(filters: Filters, key: tuple[str, int, int]) -> dict[str, pd.DataFrame]:
    from components import loaders

    return loaders.every_table(filters, key)


def shown_note(shown: int, total: int, what: str) -> None:
    """Say so when a table shows only part of the filtered rows."""
    if total > shown:
        st.info(
            f"Showing the first {shown:,} of {total:,} {what}. Narrow the filters, or download the CSV for every row."
        )
