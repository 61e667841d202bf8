"""Timeline figures: data in, plotly figure out (no Streamlit here, so they are unit-tested).

A precise date is a marker; an uncertain one is a bar from its earliest to its latest day; a date
open on one side ("no earlier than 2018", "before 2026", "by year's end") runs to the edge of
the axis on that side and ends there in an arrow.
"""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from armstrack.records import DEAL_STATUSES, EVENT_TYPES
from components.charts import STATUS_COLORS

TYPE_COLORS = dict(
    zip(
        EVENT_TYPES,
        [
            "#f0b429",
            "#7fb3d5",
            "#8e44ad",
            "#2f80ed",
            "#27ae60",
            "#c0392b",
            "#d35400",
            "#16a085",
            "#e67e22",
            "#7f1d1d",
            "#95a5a6",
            "#34495e",
            "#1abc9c",
            "#bdc3c7",
        ],
        strict=True,
    )
)
MAX_ROWS = 2000  # more than this is not drawn one by one: the page says so
# What deals_figure reads of a deal (queries.deals can read only these).
LIFECYCLE_COLUMNS = (
    "id", "supplier", "recipient", "system", "status", "status_history", "order_earliest",
    "order_edtf", "delivery_earliest", "delivery_latest", "delivery_edtf", "first_reported",
    "last_reported",
)  # fmt: skip
DAY_MS = 86_400_000


def _text(value: object, limit: int = 300) -> str:
    """Article text for a tooltip: escaped, so nothing in it is read as markup."""
    if not isinstance(value, str):
        return ""
    value = value if len(value) <= limit else value[: limit - 1] + "…"
    return html.escape(value)


def open_sides(earliest: object, latest: object, qualifier: object) -> tuple[bool, bool]:
    """(open on the left, open on the right) for a date interval."""
    left = pd.isna(earliest) or qualifier == "deadline"
    right = pd.isna(latest) or qualifier in ("not-before", "after")
    return bool(left), bool(right)


def _lanes(events: pd.DataFrame, lane: str, names: dict[str, str]) -> pd.DataFrame:
    if lane == "country":
        frame = events.assign(lane=events["actors"].fillna("").str.split(", ")).explode("lane")
        frame = frame[frame["lane"] != ""]
        labels = {c: f"{names.get(c, c)} ({c})" for c in frame["lane"].unique()}
        return frame.assign(lane=frame["lane"].map(labels))
    return events.assign(lane=events["type"].str.replace("_", " "))


def _hover(events: pd.DataFrame) -> pd.Series:
    """Each event's tooltip. A plain loop over the columns as lists: per value, html.escape
    beats pandas string methods, which cost more in overhead than in work at this size."""
    columns = ["summary", "date_text", "date_edtf", "certainty", "attribution", "evidence"]
    hover = [
        f"<b>{_text(summary)}</b><br>{_text(written) or _text(edtf)} · {_text(edtf)}"
        f"<br>certainty: {_text(certainty)} · {_text(attribution)}<br><i>{_text(evidence)}</i>"
        for summary, written, edtf, certainty, attribution, evidence in zip(
            *(events[c].tolist() for c in columns), strict=True
        )
    ]
    return pd.Series(hover, index=events.index, dtype=object)


def events_figure(
    events: pd.DataFrame,
    *,
    lane: str = "country",
    names: dict[str, str] | None = None,
    publications: pd.Series | None = None,
) -> go.Figure:
    """Events on a time axis, one lane per country (or per event type), coloured by type.

    Built from whole columns (one trace per type and mark), never row by row: with MAX_ROWS
    events a per-row loop and plotly's checks of Python lists cost most of a rerun."""
    names = names or {}
    dated = events[events["date_earliest"].notna() | events["date_latest"].notna()]
    if dated.empty:
        return _empty(go.Figure(), "No dated events in this view")
    dated = dated.head(MAX_ROWS)
    frame = _lanes(dated.assign(hover=_hover(dated)), lane, names)
    earliest = frame["date_earliest"].astype("datetime64[ms]")
    latest = frame["date_latest"].astype("datetime64[ms]")
    lo = min(earliest.min(skipna=True), latest.min(skipna=True))
    hi = max(latest.max(skipna=True), earliest.max(skipna=True))
    pad = max(timedelta(days=180), (hi - lo) * 0.05)
    axis_lo, axis_hi = lo - pad, hi + pad
    qualifier = frame["date_qualifier"]
    to_right_edge = qualifier.isin(["not-before", "after"])
    left = (earliest.isna() | qualifier.isin(["deadline"])).to_numpy(bool)
    right = (latest.isna() | to_right_edge).to_numpy(bool)
    start = earliest.fillna(axis_lo)
    end = latest.fillna(axis_hi).mask(to_right_edge, axis_hi)
    point = ((start == end).to_numpy(bool)) & ~left & ~right
    span_ms = ((end - start) / pd.Timedelta(milliseconds=1)).clip(lower=DAY_MS)
    marks = pd.DataFrame(
        {
            "type": frame["type"].to_numpy(),
            "lane": frame["lane"].to_numpy(),
            "start": start.to_numpy(),
            "end": end.to_numpy(),
            "span": span_ms.to_numpy(float),
            "hover": frame["hover"].to_numpy(),
            "id": frame["id"].to_numpy(),
        }
    )
    traces: list[dict[str, Any]] = []
    for kind, group in marks.groupby("type", sort=False):
        color = TYPE_COLORS.get(str(kind), "#555555")
        label = str(kind).replace("_", " ")
        rows = group.index.to_numpy()
        bars, points = group[~point[rows]], group[point[rows]]
        if not bars.empty:
            traces.append(
                {
                    "type": "bar",
                    "y": bars["lane"].to_numpy(),
                    "base": bars["start"].to_numpy(),
                    "x": bars["span"].to_numpy(),
                    "orientation": "h",
                    "marker": {"color": color, "opacity": 0.55},
                    "name": label,
                    "legendgroup": label,
                    "hovertext": bars["hover"].to_numpy(),
                    "hoverinfo": "text",
                    "customdata": bars["id"].to_numpy(),
                    "width": 0.5,
                }
            )
        open_left, open_right = bars[left[bars.index]], bars[right[bars.index]]
        arrows = pd.concat(
            [
                open_left.assign(at=open_left["start"], symbol="triangle-left"),
                open_right.assign(at=open_right["end"], symbol="triangle-right"),
            ]
        )
        if not arrows.empty:
            traces.append(
                {
                    "type": "scatter",
                    "y": arrows["lane"].to_numpy(),
                    "x": arrows["at"].to_numpy(),
                    "mode": "markers",
                    "marker": {"symbol": arrows["symbol"].to_numpy(), "size": 13, "color": color},
                    "name": f"{label} (open end)",
                    "legendgroup": label,
                    "showlegend": False,
                    "hovertext": arrows["hover"].to_numpy(),
                    "hoverinfo": "text",
                    "customdata": arrows["id"].to_numpy(),
                }
            )
        if not points.empty:
            traces.append(
                {
                    "type": "scatter",
                    "y": points["lane"].to_numpy(),
                    "x": points["start"].to_numpy(),
                    "mode": "markers",
                    "marker": {
                        "symbol": "diamond",
                        "size": 11,
                        "color": color,
                        "line": {"width": 1, "color": "white"},
                    },
                    "name": label,
                    "legendgroup": label,
                    "showlegend": bars.empty,
                    "hovertext": points["hover"].to_numpy(),
                    "hoverinfo": "text",
                    "customdata": points["id"].to_numpy(),
                }
            )
    shapes = []
    if publications is not None:
        line = {"color": "#b0b7c3", "width": 1, "dash": "dot"}
        shapes = [
            {"type": "line", "xref": "x", "yref": "y domain", "x0": day, "x1": day, "y0": 0,
             "y1": 1, "line": line}
            for day in sorted(set(publications.dropna()))
        ]  # fmt: skip
    lanes = frame["lane"].nunique()
    layout = {
        "barmode": "overlay",
        "height": max(320, 34 * lanes + 140),
        "hovermode": "closest",
        "xaxis": {"type": "date", "range": [axis_lo, axis_hi]},
        "yaxis": {"autorange": "reversed"},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "legend": {"orientation": "h", "y": -0.08},
        "plot_bgcolor": "white",
        "clickmode": "event+select",
        "dragmode": "select",
        "shapes": shapes,
    }
    # Built at once from plain dicts: add_trace and update_layout check property paths one by
    # one and copy the figure's data on every call.
    return go.Figure(data=traces, layout=layout)


def deals_figure(deals: pd.DataFrame, names: dict[str, str] | None = None) -> go.Figure:
    """Deal lifecycles: from the order (or first report) to the delivery, coloured by status."""
    names = names or {}
    frame = deals.head(MAX_ROWS)
    if frame.empty:
        return _empty(go.Figure(), "No deals in this view")
    start = frame["order_earliest"].fillna(frame["first_reported"])
    end = frame["delivery_latest"].fillna(frame["delivery_earliest"]).fillna(frame["last_reported"])
    end = end.where(end >= start, start)
    span_ms = ((end - start) / pd.Timedelta(milliseconds=1)).clip(lower=30 * DAY_MS)
    lane = (
        frame["supplier"].map(lambda c: names.get(c, c))
        + " → "
        + frame["recipient"].map(lambda c: names.get(c, c))
        + " · "
        + frame["system"]
    )
    hover = pd.Series(
        [
            f"<b>{_text(name)}</b><br>{status} · {_text(history)}"
            f"<br>order: {_text(order) or '?'} · delivery: {_text(delivery) or '?'}"
            for name, status, history, order, delivery in zip(
                lane.tolist(),
                *(
                    frame[c].tolist()
                    for c in ("status", "status_history", "order_edtf", "delivery_edtf")
                ),
                strict=True,
            )
        ],
        index=frame.index,
        dtype=object,
    )
    traces: list[dict[str, Any]] = []
    for status in DEAL_STATUSES:
        mask = (frame["status"] == status).fillna(False) & start.notna()
        if not mask.any():
            continue
        traces.append(
            {
                "type": "bar",
                "y": lane[mask].to_numpy(),
                "base": start[mask].to_numpy(),
                "x": span_ms[mask].to_numpy(float),
                "orientation": "h",
                "marker": {"color": STATUS_COLORS[status]},
                "name": status,
                "hovertext": hover[mask].to_numpy(),
                "hoverinfo": "text",
                "customdata": frame.loc[mask, "id"].to_numpy(),
                "width": 0.5,
            }
        )
    layout = {
        "barmode": "overlay",
        "height": max(320, 30 * len(frame) + 140),
        "xaxis": {"type": "date"},
        "yaxis": {"autorange": "reversed"},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "legend": {"orientation": "h", "y": -0.08},
        "plot_bgcolor": "white",
    }
    return go.Figure(data=traces, layout=layout)


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.update_layout(
        height=240,
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
        annotations=[{"text": message, "showarrow": False, "font": {"size": 15}}],
    )
    return fig
