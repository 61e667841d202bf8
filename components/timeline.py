"""Timeline figures: data in, plotly figure out (no Streamlit here, so they are unit-tested).

A precise date is a marker; an uncertain one is a bar from its earliest to its latest day; a date
open on one side ("no earlier than 2018", "before 2026", "by year's end") runs to the edge of
the axis on that side and ends there in an arrow.
"""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from armstrack.records import DEAL_STATUSES, EVENT_TYPES
from components.charts import STATUS_COLORS

# Fourteen event types read as eight families, each a colour far from the others (Okabe-Ito, a
# palette that stays apart for colour-blind readers); the type itself is in the hover.
EVENT_FAMILIES = {
    "negotiation": "talks and offers", "offer": "talks and offers", "meeting": "talks and offers",
    "approval": "approval", "contract": "contract", "delivery": "delivery",
    "cancellation": "cancellation or sanction", "sanction": "cancellation or sanction",
    "military_incident": "incident or test", "test": "incident or test",
    "statement": "statement or display", "exhibition": "statement or display",
    "cooperation": "other", "other": "other",
}  # fmt: skip
FAMILY_COLORS = {
    "talks and offers": "#E69F00", "approval": "#56B4E9", "contract": "#0072B2",
    "delivery": "#009E73", "cancellation or sanction": "#D55E00", "incident or test": "#000000",
    "statement or display": "#CC79A7", "other": "#999999",
}  # fmt: skip
assert set(EVENT_FAMILIES) == set(EVENT_TYPES) and set(EVENT_FAMILIES.values()) == set(
    FAMILY_COLORS
)
TOP_AXIS = "dates along the top"  # the name of the trace that carries the top axis
LANES_SHOWN = 25  # lanes drawn at first, the most active; the page offers more
# Dated events drawn one by one, the latest: past this a timeline is a smear and the browser
# takes over a second to draw it; the page says when it draws only part of the view.
MAX_ROWS = 1000
# What deals_figure reads of a deal (queries.deals can read only these).
LIFECYCLE_COLUMNS = (
    "id", "supplier", "recipient", "system", "status", "status_history", "order_earliest",
    "order_edtf", "delivery_earliest", "delivery_latest", "delivery_edtf", "first_reported",
    "last_reported",
)  # fmt: skip
DAY_MS = 86_400_000
# Advance widths in pixels of the lane labels' font (the theme's sans serif at 12 px, measured in
# Chromium, rounded up to half a pixel); a character not listed counts as a wide letter, 8 px.
GLYPH_PX = {
    2.5: " ", 3.0: "',.:;ij|í’", 3.5: "!Il", 4.0: "()-[]f{}", 4.5: "/\\rt", 5.5: '"*?csxzç',
    6.0: "0123456789#$+<=>FJLY^ekvy~éè–", 6.5: "ESTVXZ_agåäáã",
    7.0: "ACKPR`bdhnopquôÅöüñóúõ", 7.5: "&BDG", 8.0: "HNOQU", 9.0: "Mw", 9.5: "W", 10.0: "%m",
}  # fmt: skip
_GLYPH = {ch: px for px, chars in GLYPH_PX.items() for ch in chars}
LABEL_FONT_PX = 12
LABEL_GAP_PX = 24  # between the plot and a lane label: the tick's padding, measured as 19 px


def label_width(label: str) -> float:
    """The width in pixels of a lane label as the chart draws it, a little over, never under."""
    return sum(_GLYPH.get(ch, 8.0) for ch in label)


# Streamlit's light theme as it styles a chart (fonts, greys, the tooltip), for a chart shown
# without it (see events_figure).
_GREY_TEXT, _GREY_LINE, _FONT = "#808495", "#e6eaf1", '"Source Sans", sans-serif'
_AXIS_LOOK = {
    "gridcolor": _GREY_LINE, "tickcolor": _GREY_LINE, "zerolinecolor": _GREY_LINE,
    "tickfont": {"color": _GREY_TEXT, "size": LABEL_FONT_PX}, "automargin": True,
}  # fmt: skip
THEME_LOOK: dict[str, Any] = {
    "font": {"family": _FONT, "size": 12, "color": _GREY_TEXT},
    "legend_font": {"size": 12, "color": "#262730"},
    "paper_bgcolor": "#ffffff",
    "hoverlabel": {
        "bgcolor": "#ffffff", "bordercolor": "rgba(27, 31, 36, 0.2)",
        "font": {"color": _GREY_TEXT, "family": _FONT, "size": 12},
    },
}  # fmt: skip


def calendar_step(span: timedelta) -> str | int:
    """A tick step in calendar units for an axis spanning `span`, ten ticks at most: whole
    years (1, 2, 5, 10, 20, 50), else months (1, 2, 3, 6), else a week in milliseconds."""
    months = span.days / 30.44
    if months < 2:
        return 7 * DAY_MS
    for step in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600):
        if months / step <= 10:
            return f"M{step}"
    return "M1200"


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


def _lane_rows(events: pd.DataFrame, lane: str, names: dict[str, str]) -> tuple[Any, Any]:
    """(row position in `events`, lane label) for every mark: an event sits in the lane of each
    of its countries (or of its type). Plain lists, not an exploded copy of the whole frame."""
    if lane == "country":
        actors = [a.split(", ") if isinstance(a, str) and a else [] for a in events["actors"]]
        rows = np.repeat(np.arange(len(actors)), [len(a) for a in actors])
        codes = [c for a in actors for c in a]
        labels = {c: f"{names.get(c, c)} ({c})" for c in set(codes)}
        keep = [c != "" for c in codes]
        return rows[keep], np.array([labels[c] for c in codes], dtype=object)[keep]
    kinds = [str(k).replace("_", " ") for k in events["type"]]
    return np.arange(len(kinds)), np.array(kinds, dtype=object)


def _order(labels: Any) -> list[str]:
    counts = pd.Series(labels, dtype=object).value_counts()
    return sorted(counts.index, key=lambda label: (-int(counts[label]), str(label)))


def lanes_by_activity(
    events: pd.DataFrame, *, lane: str = "country", names: dict[str, str] | None = None
) -> list[str]:
    """Lane labels, the one with the most dated events first (ties by name)."""
    dated = events[events["date_earliest"].notna() | events["date_latest"].notna()]
    return _order(_lane_rows(dated.head(MAX_ROWS), lane, names or {})[1])


def _hover(events: pd.DataFrame) -> pd.Series:
    """Each event's tooltip. A plain loop over the columns as lists: per value, html.escape
    beats pandas string methods, which cost more in overhead than in work at this size."""
    columns = ["summary", "type", "date_text", "date_edtf", "certainty", "attribution", "evidence"]
    hover = [
        f"<b>{_text(summary)}</b><br>{_text(str(kind).replace('_', ' '))} · "
        f"{_text(written) or _text(edtf)} · {_text(edtf)}"
        f"<br>certainty: {_text(certainty)} · {_text(attribution)}<br><i>{_text(evidence)}</i>"
        for summary, kind, written, edtf, certainty, attribution, evidence in zip(
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
    lanes: int | None = LANES_SHOWN,
) -> go.Figure:
    """Events on a time axis, one lane per country (or per event type), the most active lanes
    first and only the first `lanes` of them (all if None), coloured by event family.

    A closed interval is a bar, a single day a diamond; an interval open on one side is a
    triangle at its known end pointing to the open side, not a bar to the edge of the axis.
    Built from whole columns (one trace per family and mark), never row by row: with MAX_ROWS
    events a per-row loop and plotly's checks of Python lists cost most of a rerun."""
    names = names or {}
    dated = events[events["date_earliest"].notna() | events["date_latest"].notna()]
    if dated.empty:
        return _empty(go.Figure(), "No dated events in this view")
    dated = dated.head(MAX_ROWS)
    rows, labels = _lane_rows(dated, lane, names)
    order = _order(labels)
    if lanes is not None:
        order = order[:lanes]
    # Only the marks in the lanes shown are built, and the tooltips of their events.
    shown = pd.Series(labels, dtype=object).isin(order).to_numpy()
    rows, labels = rows[shown], labels[shown]
    events_shown = np.unique(rows)
    hover = pd.Series(_hover(dated.iloc[events_shown]).to_numpy(), index=events_shown)
    marked = ["id", "type", "date_earliest", "date_latest", "date_qualifier"]
    frame = dated[marked].iloc[rows].assign(lane=labels, hover=hover.loc[rows].to_numpy())
    earliest = frame["date_earliest"].astype("datetime64[ms]")
    latest = frame["date_latest"].astype("datetime64[ms]")
    qualifier = frame["date_qualifier"]
    # "since 1999" is stored as running to the publication date: its end is not a reported one.
    right = (latest.isna() | qualifier.isin(["not-before", "after"])) & earliest.notna()
    left = (earliest.isna() | qualifier.isin(["deadline", "before"])) & latest.notna() & ~right
    closed = ~(left | right)
    point = closed & (earliest == latest)
    known = pd.concat([earliest, latest]).dropna()
    lo, hi = known.min(), known.max()
    pad = max(timedelta(days=180), (hi - lo) * 0.05)
    axis_lo, axis_hi = lo - pad, hi + pad
    span_ms = ((latest - earliest) / pd.Timedelta(milliseconds=1)).clip(lower=DAY_MS)
    marks = pd.DataFrame(
        {
            "family": frame["type"].map(EVENT_FAMILIES).fillna("other").to_numpy(),
            "lane": frame["lane"].to_numpy(),
            "start": earliest.to_numpy(),
            "end": latest.to_numpy(),
            "span": span_ms.fillna(DAY_MS).to_numpy(float),
            "hover": frame["hover"].to_numpy(),
            "id": frame["id"].to_numpy(),
            "mark": np.select(
                [point.to_numpy(bool), closed.to_numpy(bool), right.to_numpy(bool)],
                ["point", "bar", "open-right"],
                "open-left",
            ),
        }
    )
    traces: list[dict[str, Any]] = []
    for family, color in FAMILY_COLORS.items():
        group = marks[marks["family"] == family]
        if group.empty:
            continue
        shown_in_legend = False
        for mark, rows in group.groupby("mark", sort=True):
            common = {
                "y": rows["lane"].to_numpy(),
                "name": family,
                "legendgroup": family,
                "showlegend": not shown_in_legend,
                "hovertext": rows["hover"].to_numpy(),
                "hoverinfo": "text",
                "customdata": rows["id"].to_numpy(),
            }
            shown_in_legend = True
            if mark == "bar":
                traces.append(
                    {
                        **common,
                        "type": "bar",
                        "base": rows["start"].to_numpy(),
                        # A list, not an array: see `datarevision` below.
                        "x": rows["span"].tolist(),
                        "orientation": "h",
                        # Solid, each edged in white: bars over one another keep their own
                        # colours instead of blending into a new one.
                        "marker": {"color": color, "line": {"width": 1, "color": "white"}},
                        "width": 0.45,
                    }
                )
                continue
            at, symbol, size = {
                "point": (rows["start"], "diamond", 11),
                "open-right": (rows["start"], "triangle-right", 13),
                "open-left": (rows["end"], "triangle-left", 13),
            }[str(mark)]
            traces.append(
                {
                    **common,
                    "type": "scatter",
                    "x": at.to_numpy(),
                    "mode": "markers",
                    "marker": {
                        "symbol": symbol,
                        "size": size,
                        "color": color,
                        "line": {"width": 1, "color": "white"},
                    },
                }
            )
    # Plotly draws an axis only with a trace on it: two invisible, unpickable points span the top.
    traces.append(
        {
            "type": "scatter", "x": [axis_lo, axis_hi], "y": [order[0], order[0]],
            "xaxis": "x2", "mode": "markers", "marker": {"opacity": 0}, "hoverinfo": "skip",
            "showlegend": False, "name": TOP_AXIS,
        }
    )  # fmt: skip
    shapes = []
    if publications is not None:
        line = {"color": "#b0b7c3", "width": 1, "dash": "dot"}
        shapes = [
            {"type": "line", "xref": "x", "yref": "y domain", "x0": day, "x1": day, "y0": 0,
             "y1": 1, "line": line}
            for day in sorted(set(publications.dropna()))
        ]  # fmt: skip
    axis = {"type": "date", "range": [axis_lo, axis_hi], "showgrid": True, **_AXIS_LOOK}
    # Room for the longest lane label from the start: left to plotly's automatic margin, the
    # chart is drawn twice, once too narrow and again once the labels are measured.
    left = int(max(label_width(label) for label in order)) + LABEL_GAP_PX
    layout = {
        "barmode": "overlay",
        "height": max(320, 34 * len(order) + 160),
        "hovermode": "closest",
        "xaxis": axis,
        # The same dates along the top: with many lanes the bottom axis is a screen away. Its
        # step is set in calendar units: left to choose, plotly (3.x) labels an overlaid matched
        # date axis a step late where a year's tick lands minutes before New Year.
        "xaxis2": {
            **axis,
            "matches": "x",
            "overlaying": "x",
            "side": "top",
            "anchor": "y",
            "tick0": "2000-01-01",
            "dtick": calendar_step(axis_hi - axis_lo),
        },
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": order,
            "autorange": "reversed",
            "showgrid": False,
            **_AXIS_LOOK,
        },
        # The legend sits in a margin of its own under the bottom axis, never on its dates.
        "margin": {"l": left, "r": 10, "t": 40, "b": 70},
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"},
        "showlegend": True,
        "plot_bgcolor": "white",
        # Dragging pans; a click selects the point under it (shift-click adds more). Streamlit
        # turns click selection off whenever dragging draws a box, so the box is a modebar
        # tool ("Box Select") rather than the default drag.
        "dragmode": "pan",
        "clickmode": "event+select",  # as Streamlit sets it for a chart that selects points
        "shapes": shapes,
    }
    # Streamlit draws a chart twice as it mounts: once as sent, once more after restyling it for
    # its theme, a copy plotly compares with what it drew. Plotly draws it all again when the
    # copy holds a template (a new object each time) or a typed array (numpy's, as sent), but
    # keeps the marks when nothing else changed and `datarevision` tells it the data arrays
    # are the same. So the chart comes without a template, in the theme's look set here, and
    # is shown with Streamlit's theme off.
    layout.update(THEME_LOOK)
    layout["datarevision"] = (
        str(
            pd.util.hash_pandas_object(
                marks[["lane", "start", "end", "hover", "id"]], index=False
            ).sum()
        )
        + f"/{len(order)}/{len(shapes)}"
    )
    # Built at once from plain dicts: add_trace and update_layout check property paths one by
    # one and copy the figure's data on every call.
    figure = go.Figure(data=traces, layout=layout)
    figure.layout.template = None
    return figure


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
        "showlegend": True,  # even for one status: the colour alone would not say which
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
