"""Timeline figures: data in, plotly figure out (no Streamlit here, so they are unit-tested).

A precise date is a marker; an uncertain one is a bar from its earliest to its latest day; a date
open on one side ("no earlier than 2018", "before 2026", "by year's end") runs to the edge of
the axis on that side and ends there in an arrow.
"""

from __future__ import annotations

import html
from datetime import timedelta

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
        ],
        strict=True,
    )
)
MAX_ROWS = 2000  # more than this is not drawn one by one: the page says so
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
        return frame.assign(lane=frame["lane"].map(lambda c: f"{names.get(c, c)} ({c})"))
    return events.assign(lane=events["type"].str.replace("_", " "))


def events_figure(
    events: pd.DataFrame,
    *,
    lane: str = "country",
    names: dict[str, str] | None = None,
    publications: pd.Series | None = None,
) -> go.Figure:
    """Events on a time axis, one lane per country (or per event type), coloured by type."""
    names = names or {}
    fig = go.Figure()
    dated = events[events["date_earliest"].notna() | events["date_latest"].notna()]
    if dated.empty:
        return _empty(fig, "No dated events in this view")
    frame = _lanes(dated.head(MAX_ROWS), lane, names)
    lo = min(frame["date_earliest"].min(skipna=True), frame["date_latest"].min(skipna=True))
    hi = max(frame["date_latest"].max(skipna=True), frame["date_earliest"].max(skipna=True))
    pad = max(timedelta(days=180), (hi - lo) * 0.05)
    axis_lo, axis_hi = lo - pad, hi + pad
    for kind, group in frame.groupby("type", sort=False):
        color = TYPE_COLORS.get(str(kind), "#555555")
        bars, points, arrows = [], [], []
        for row in group.itertuples():
            left, right = open_sides(row.date_earliest, row.date_latest, row.date_qualifier)
            start = axis_lo if pd.isna(row.date_earliest) else row.date_earliest
            end = axis_hi if right and pd.isna(row.date_latest) else row.date_latest
            if row.date_qualifier in ("not-before", "after"):
                end = axis_hi
            if pd.isna(end):
                end = start
            hover = (
                f"<b>{_text(row.summary)}</b><br>{_text(row.date_text) or _text(row.date_edtf)}"
                f" · {_text(row.date_edtf)}<br>certainty: {_text(row.certainty)} · "
                f"{_text(row.attribution)}<br><i>{_text(row.evidence)}</i>"
            )
            item = (row.lane, start, end, hover, row.id)
            if start == end and not (left or right):
                points.append(item)
            else:
                bars.append(item)
                if left:
                    arrows.append((row.lane, start, "triangle-left", hover, row.id))
                if right:
                    arrows.append((row.lane, end, "triangle-right", hover, row.id))
        label = str(kind).replace("_", " ")
        if bars:
            fig.add_trace(
                go.Bar(
                    y=[b[0] for b in bars],
                    base=[b[1] for b in bars],
                    x=[max((b[2] - b[1]).total_seconds() * 1000, DAY_MS) for b in bars],
                    orientation="h",
                    marker={"color": color, "opacity": 0.55},
                    name=label,
                    legendgroup=label,
                    hovertext=[b[3] for b in bars],
                    hoverinfo="text",
                    customdata=[b[4] for b in bars],
                    width=0.5,
                )
            )
        if arrows:
            fig.add_trace(
                go.Scatter(
                    y=[a[0] for a in arrows],
                    x=[a[1] for a in arrows],
                    mode="markers",
                    marker={"symbol": [a[2] for a in arrows], "size": 13, "color": color},
                    name=f"{label} (open end)",
                    legendgroup=label,
                    showlegend=False,
                    hovertext=[a[3] for a in arrows],
                    hoverinfo="text",
                    customdata=[a[4] for a in arrows],
                )
            )
        if points:
            fig.add_trace(
                go.Scatter(
                    y=[p[0] for p in points],
                    x=[p[1] for p in points],
                    mode="markers",
                    marker={
                        "symbol": "diamond",
                        "size": 11,
                        "color": color,
                        "line": {"width": 1, "color": "white"},
                    },
                    name=label,
                    legendgroup=label,
                    showlegend=not bars,
                    hovertext=[p[3] for p in points],
                    hoverinfo="text",
                    customdata=[p[4] for p in points],
                )
            )
    if publications is not None:
        for day in sorted(set(publications.dropna())):
            fig.add_vline(x=day, line={"color": "#b0b7c3", "width": 1, "dash": "dot"})
    lanes = frame["lane"].nunique()
    fig.update_layout(
        barmode="overlay",
        height=max(320, 34 * lanes + 140),
        hovermode="closest",
        xaxis={"type": "date", "range": [axis_lo, axis_hi]},
        yaxis={"autorange": "reversed"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.08},
        plot_bgcolor="white",
        clickmode="event+select",
        dragmode="select",
    )
    return fig


def deals_figure(deals: pd.DataFrame, names: dict[str, str] | None = None) -> go.Figure:
    """Deal lifecycles: from the order (or first report) to the delivery, coloured by status."""
    names = names or {}
    fig = go.Figure()
    frame = deals.head(MAX_ROWS)
    if frame.empty:
        return _empty(fig, "No deals in this view")
    start = frame["order_earliest"].fillna(frame["first_reported"])
    end = frame["delivery_latest"].fillna(frame["delivery_earliest"]).fillna(frame["last_reported"])
    end = end.where(end >= start, start)
    lane = (
        frame["supplier"].map(lambda c: names.get(c, c))
        + " → "
        + frame["recipient"].map(lambda c: names.get(c, c))
        + " · "
        + frame["system"]
    )
    for status in DEAL_STATUSES:
        mask = (frame["status"] == status) & start.notna()
        if not mask.any():
            continue
        sub = frame[mask]
        hover = [
            f"<b>{_text(lane[i])}</b><br>{status} · {_text(sub.at[i, 'status_history'])}"
            f"<br>order: {_text(sub.at[i, 'order_edtf']) or '?'} · delivery: {_text(sub.at[i, 'delivery_edtf']) or '?'}"
            for i in sub.index
        ]
        fig.add_trace(
            go.Bar(
                y=lane[mask],
                base=start[mask],
                x=[
                    max((e - s).total_seconds() * 1000, 30 * DAY_MS)
                    for s, e in zip(start[mask], end[mask], strict=True)
                ],
                orientation="h",
                marker={"color": STATUS_COLORS[status]},
                name=status,
                hovertext=hover,
                hoverinfo="text",
                customdata=sub["id"],
                width=0.5,
            )
        )
    fig.update_layout(
        barmode="overlay",
        height=max(320, 30 * len(frame) + 140),
        xaxis={"type": "date"},
        yaxis={"autorange": "reversed"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.08},
        plot_bgcolor="white",
    )
    return fig


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.update_layout(
        height=240,
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
        annotations=[{"text": message, "showarrow": False, "font": {"size": 15}}],
    )
    return fig
