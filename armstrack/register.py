"""A country's trade register from the news: what it bought and sold, by partner, with sources.

The view arms-trade analysts reach for first (SIPRI's trade registers), built from the deal
rows: both sides of a country's trade, a partner-by-year matrix, the stage funnel, a summary in
plain words, and an export in the register layout its users know, with our evidence columns.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pandas as pd

from armstrack import gazetteer, queries
from armstrack.export import safe_frame
from armstrack.readable import money_words
from armstrack.status import CANCELLED, STAGE_WORDS, STAGES

# The funnel's stages in order, in the words analysts use; rumours and cancellations stand apart.
FUNNEL = tuple(s for s in STAGES if s != "rumored")
FUNNEL_LABELS = {s: STAGE_WORDS[s] for s in FUNNEL}
APART = ("rumored", CANCELLED)

# The register layout SIPRI's users know, then ours.
EXPORT_COLUMNS = (
    "Supplier", "Recipient", "Designation", "Category", "Number ordered", "Order year",
    "Delivery years", "Number delivered", "Status", "Comments",
    "Evidence", "Source URL", "Outlet", "Certainty", "Confidence", "Review", "Sources", "Reports",
    "Deal id",
)  # fmt: skip


def deals(con: duckdb.DuckDBPyConnection, iso3: str, f: queries.Filters) -> pd.DataFrame:
    """Every deal the country supplied or received in the view (its country and role filters
    set aside), with `side` ('supplier' or 'recipient'), `partner`, the evidence article's URL
    and outlet, and `year` (the order year, else the year first reported)."""
    view = replace(f, countries=(iso3,), role="any")
    params: list[Any] = []
    where = queries._deal_where(view, params)
    columns = ", ".join(f"d.{c}" for c in queries.DEAL_COLUMNS)
    frame = con.execute(
        f"""SELECT {columns}, a.url AS source_url, a.source AS outlet FROM deals d
            LEFT JOIN articles a ON a.id = d.article_id WHERE {where}
            ORDER BY d.last_reported DESC NULLS LAST, d.id""",
        params,
    ).df()
    frame = queries._typed(
        frame, {**queries.DEAL_COLUMNS, "source_url": "string", "outlet": "string"}
    )
    frame["side"] = (frame["supplier"] == iso3).map({True: "supplier", False: "recipient"})
    frame["partner"] = frame["recipient"].where(frame["side"] == "supplier", frame["supplier"])
    order_year = frame["order_earliest"].dt.year
    frame["year"] = order_year.fillna(frame["first_reported"].dt.year).astype("Int64")
    return frame


def side(frame: pd.DataFrame, which: str) -> pd.DataFrame:
    """One side of the register, grouped by partner (most deals first), then newest first."""
    part = frame[frame["side"] == which]
    if part.empty:
        return part
    size = part.groupby("partner")["id"].transform("count")
    return (
        part.assign(_size=size)
        .sort_values(["_size", "partner", "year"], ascending=[False, True, False])
        .drop(columns="_size")
    )


def matrix(frame: pd.DataFrame, names: dict[str, str], top: int = 15) -> pd.DataFrame:
    """Deals per partner and year (rows: the `top` partners, most deals first, then one row for
    the others; columns: years)."""
    if frame.empty or frame["year"].isna().all():
        return pd.DataFrame()
    dated = frame.dropna(subset=["year"])
    table = pd.crosstab(dated["partner"], dated["year"].astype(int))
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    labels = [f"{names.get(c, gazetteer.country_name(c))} ({c})" for c in table.index]
    table.index = pd.Index(labels)
    if len(table) > top:
        rest = table.iloc[top:]
        table = table.iloc[:top]
        table.loc[f"{len(rest)} other partners"] = rest.sum()
    return table


def funnel(frame: pd.DataFrame) -> tuple[list[tuple[str, int]], dict[str, int]]:
    """([(stage label, deals that reached it)], {rumored/cancelled: deals}): a deal at a stage
    has passed every earlier one."""
    live = frame[~frame["status"].isin(APART)]
    rank = live["status"].map({s: i for i, s in enumerate(FUNNEL)})
    reached = [(FUNNEL_LABELS[s], int((rank >= i).sum())) for i, s in enumerate(FUNNEL)]
    apart = {s: int((frame["status"] == s).sum()) for s in APART}
    return reached, apart


def compact(value: Any) -> str:
    """2,500,000,000 -> '2.5 bn'; 18,000,000 -> '18 m'; small values as they are."""
    if value is None or pd.isna(value):
        return ""
    for size, unit in ((1e9, "bn"), (1e6, "m")):
        if abs(value) >= size:
            return f"{value / size:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{value:,.0f}"


@dataclass(frozen=True)
class Figure:
    """A number in the summary and the Deals view of the rows behind it."""

    text: str
    params: dict[str, Any]


def summary(frame: pd.DataFrame, iso3: str, names: dict[str, str]) -> list[list[str | Figure]]:
    """Plain-words sentences built from the rows, one per side: 'Reported as buyer in 12 deals
    with 5 suppliers since 2014; 3 cancelled; largest known value: …'. Numbers are Figures."""
    out: list[list[str | Figure]] = []
    for which, role, word, partners in (
        ("recipient", "recipient", "buyer", "supplier"),
        ("supplier", "supplier", "seller", "recipient"),
    ):
        part = frame[frame["side"] == which]
        if part.empty:
            continue
        base = {"country": [iso3], "role": role}
        n, k = len(part), part["partner"].nunique()
        sentence: list[str | Figure] = [
            f"Reported as {word} in ",
            Figure(f"{n} deal{'s' * (n != 1)}", base),
            " with ",
            Figure(f"{k} {partners}{'s' * (k != 1)}", base),
        ]
        years = part["year"].dropna()
        if not years.empty:
            sentence.append(f" since {int(years.min())}")
        for status in ("cancelled", "delivered"):
            count = int((part["status"] == status).sum())
            if count:
                sentence += ["; ", Figure(f"{count} {status}", {**base, "status": [status]})]
        valued = part.dropna(subset=["value_amount"])
        if not valued.empty:
            top = valued.sort_values("value_amount", ascending=False).iloc[0]
            partner = names.get(top["partner"], gazetteer.country_name(top["partner"]))
            direction = "from" if which == "recipient" else "to"
            sentence += [
                "; largest known value: ",
                Figure(
                    money_words(top["value_amount"], top["value_currency"]),
                    {**base, "system": [top["system"]]},
                ),
                f" for {top['system']} {direction} {partner}",
            ]
        sentence.append(".")
        out.append(sentence)
    return out


def _years(earliest: Any, latest: Any) -> str:
    if pd.isna(earliest) and pd.isna(latest):
        return ""
    if pd.isna(earliest) or pd.isna(latest):
        known = earliest if not pd.isna(earliest) else latest
        return f"{known.year}" + ("–" if pd.isna(latest) else "")
    return str(earliest.year) if earliest.year == latest.year else f"{earliest.year}–{latest.year}"


def export_rows(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The register in SIPRI's layout (supplier, recipient, designation, category, number
    ordered, order year, delivery years, number delivered, status, comments) plus our columns."""

    def name(code: str) -> str:
        return names.get(code, gazetteer.country_name(code))

    delivered = frame["status"] == "delivered"
    comments = frame["status_history"].fillna("")
    comments = comments.where(frame["follows"].isna(), "Follow-on order. " + comments)
    comments = comments.where(
        frame["conflicts"].fillna("") == "", comments + " Reports disagree: " + frame["conflicts"]
    )
    return pd.DataFrame(
        {
            "Supplier": frame["supplier"].map(name),
            "Recipient": frame["recipient"].map(name),
            "Designation": frame["system"],
            "Category": frame["category"].str.replace("_", " "),
            "Number ordered": frame["quantity"],
            "Order year": frame["order_earliest"].dt.year.astype("Int64"),
            "Delivery years": [
                _years(e, lt)
                for e, lt in zip(frame["delivery_earliest"], frame["delivery_latest"], strict=True)
            ],
            "Number delivered": frame["quantity"].where(delivered),
            "Status": frame["status"],
            "Comments": comments,
            "Evidence": frame["evidence"],
            "Source URL": frame["source_url"],
            "Outlet": frame["outlet"],
            "Certainty": frame["certainty"],
            "Confidence": frame["confidence"],
            "Review": frame["review"],
            "Sources": frame["sources"],
            "Reports": frame["reports"],
            "Deal id": frame["id"],
        },
        columns=list(EXPORT_COLUMNS),
    )


def xlsx_bytes(rows: pd.DataFrame, sheet: str = "Register") -> bytes:
    """An Excel workbook of the register, cells that a spreadsheet would run as formulas
    neutralised, as in the CSV."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    table = book.active
    assert table is not None
    table.title = sheet[:31]
    safe = safe_frame(rows)
    table.append(list(safe.columns))
    for record in safe.itertuples(index=False):
        table.append([None if pd.isna(v) else v for v in record])
    for i, column in enumerate(safe.columns, start=1):
        table.column_dimensions[get_column_letter(i)].width = min(
            60, max(10, len(column) + 2, *(len(str(v)) for v in safe[column].head(200)))
        )
    table.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
