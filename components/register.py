"""The Country page's pieces: the summary with every number linked to its rows, the register
tables, and the register downloads (CSV and Excel in the layout SIPRI's users know)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from armstrack import register
from armstrack.export import csv_bytes, file_stem
from armstrack.queries import Filters
from components.tables import DATE_HELP, EAGER_ROWS, date_label, money_label, safe_url
from components.text import plain


def deals_link(params: dict[str, Any], view: dict[str, Any]) -> str:
    """A relative link to the Deals page showing the rows behind a number: the current view
    (years, statuses, systems, …) with the number's own country, role, status or system."""
    merged = {**view, **params}
    return "Deals?" + urlencode(merged, doseq=True)


def summary_markdown(sentences: list[list[str | register.Figure]], view: dict[str, Any]) -> str:
    """The summary as Markdown: words escaped, each number a link to its rows."""
    lines = []
    for sentence in sentences:
        parts = []
        for piece in sentence:
            if isinstance(piece, register.Figure):
                parts.append(f"[{plain(piece.text)}]({deals_link(piece.params, view)})")
            else:
                parts.append(plain(piece, limit=400))
        lines.append("".join(parts))
    return "  \n".join(lines)


def side_display(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """One side of the register as shown: partner first, then what, how many, how far, when."""
    return pd.DataFrame(
        {
            "Partner": frame["partner"].map(lambda c: f"{names.get(c, c)} ({c})"),
            "System": frame["system"],
            "Category": frame["category"].str.replace("_", " "),
            "Quantity": frame["quantity"].astype("float64"),
            "Value": money_label(frame["value_amount"], frame["value_currency"]),
            "Status": frame["status"],
            "Order date": date_label(frame, "order"),
            "Delivery date": date_label(frame, "delivery"),
            "Reports": frame["reports"],
            "Evidence": frame["evidence"],
            "Source": frame["source_url"].map(safe_url),
        }
    )


# What a register table shows at first; the rest is one pick away. The widths add up to less
# than the page gives a table beside the sidebar at 1440 px.
SIDE_KEY_COLUMNS = (
    "Partner", "System", "Status", "Order date", "Delivery date", "Reports", "Evidence", "Source",
)  # fmt: skip
SIDE_EXTRA_COLUMNS = ("Category", "Quantity", "Value")
SIDE_CONFIG = {
    "Partner": st.column_config.TextColumn("Partner", width=140),
    "System": st.column_config.TextColumn("System", width=110),
    "Status": st.column_config.TextColumn("Status", width=90),
    "Quantity": st.column_config.NumberColumn("Quantity", format="%d"),
    "Order date": st.column_config.TextColumn("Order date", help=DATE_HELP, width=130),
    "Delivery date": st.column_config.TextColumn("Delivery date", help=DATE_HELP, width=130),
    "Reports": st.column_config.NumberColumn(
        "Reports", help="Independent reports: copies of one wire story count once", width=65
    ),
    "Evidence": st.column_config.TextColumn("Evidence", width=210),
    "Source": st.column_config.LinkColumn(
        "Source", display_text="open", validate=r"^https?://", width=60
    ),
}


def side_column_order(extra: list[str] | tuple[str, ...]) -> list[str]:
    """The register's key columns, then the extra columns picked, in their usual order."""
    return [*SIDE_KEY_COLUMNS, *(c for c in SIDE_EXTRA_COLUMNS if c in extra)]


def downloads(frame: pd.DataFrame, iso3: str, names: dict[str, str], filters: Filters) -> None:
    """The register as CSV and as an Excel workbook, the same rows in both."""
    rows = register.export_rows(frame, names)
    name = file_stem(f"register_{iso3}", (), filters.year_from, filters.year_to)
    left, right = st.columns(2)
    left.download_button(
        f"Download register CSV ({len(rows):,} rows)",
        data=csv_bytes(rows) if len(rows) <= EAGER_ROWS else (lambda: csv_bytes(rows)),
        file_name=f"{name}.csv",
        mime="text/csv",
        key="download_register_csv",
        icon=":material/download:",
        help="SIPRI's register columns, then the evidence, source, certainty and confidence",
    )
    right.download_button(
        f"Download register Excel ({len(rows):,} rows)",
        # Built when clicked: a workbook costs far more than the page's other reads.
        data=lambda: register.xlsx_bytes(rows, sheet=f"Register {iso3}"),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download_register_xlsx",
        icon=":material/table_view:",
    )
