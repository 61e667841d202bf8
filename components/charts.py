"""Chart builders: data in, figure out. No Streamlit here, so they are unit-tested directly."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

STATUS_COLORS = {
    "rumored": "#9aa5b1", "proposed": "#7fb3d5", "negotiating": "#f0b429", "agreed": "#e57a44",
    "signed": "#2f80ed", "delivering": "#27ae60", "delivered": "#1e7b48", "cancelled": "#c0392b",
}  # fmt: skip


def count_axis(largest: int) -> dict[str, Any]:
    """An axis of counts: whole numbers only (no 0.5 deal), one tick per unit while few."""
    axis: dict[str, Any] = {"tickformat": ",d", "rangemode": "tozero", "tick0": 0}
    if largest <= 8:
        axis["dtick"] = 1
    return axis


def top_countries(counts: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    """Horizontal bars: deals per country (supplier or recipient), stacked by status. `counts`
    holds iso3, status, deals and total, as `queries.top_countries` returns them."""
    layout: dict[str, Any] = {
        "barmode": "stack", "height": 320, "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        # Shown even for one status: the colour alone would not say which it is.
        "legend": {"orientation": "h", "y": -0.12}, "showlegend": True, "plot_bgcolor": "white",
        "xaxis": count_axis(int(counts["total"].max()) if len(counts) else 0),
    }  # fmt: skip
    if counts.empty:
        layout["annotations"] = [{"text": "No deals in this view", "showarrow": False}]
        return go.Figure(layout=layout)
    order = list(
        dict.fromkeys(counts.sort_values(["total", "iso3"], ascending=[True, False])["iso3"])
    )
    labels = [f"{names.get(c, c)} ({c})" for c in order]
    table = (
        counts.set_index(["iso3", "status"])["deals"]
        .unstack(fill_value=0)
        .reindex(order, fill_value=0)
    )
    # One figure built at once from plain dicts: plotly's add_bar and update_layout check every
    # property path one by one, which costs more than the rest of the Overview's charts.
    bars = [
        {
            "type": "bar",
            "y": labels,
            "x": table[status].to_numpy(),
            "name": status,
            "orientation": "h",
            "marker": {"color": color},
            "hovertemplate": "%{y}: %{x} " + status + " deal(s)<extra></extra>",
        }
        for status, color in STATUS_COLORS.items()
        if status in table and table[status].sum()
    ]
    return go.Figure(data=bars, layout=layout)


def stage_funnel(reached: list[tuple[str, int]]) -> go.Figure:
    """Deals that reached each stage, offer to delivery (a deal at a stage passed the earlier)."""
    layout: dict[str, Any] = {
        "height": 300, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "plot_bgcolor": "white",
    }  # fmt: skip
    if not any(n for _, n in reached):
        layout["annotations"] = [
            {"text": "No deals past a rumour in this view", "showarrow": False}
        ]
        return go.Figure(layout=layout)
    colors = [STATUS_COLORS[s] for s in ("proposed", "negotiating", "agreed", "signed", "delivering", "delivered")]  # fmt: skip
    trace = {
        "type": "funnel",
        "y": [label for label, _ in reached],
        "x": [n for _, n in reached],
        "marker": {"color": colors[: len(reached)]},
        "textinfo": "value",
        "hovertemplate": "%{y}: %{x} deal(s) reached this stage<extra></extra>",
    }
    return go.Figure(data=[trace], layout=layout)


def partner_matrix(table: pd.DataFrame) -> go.Figure:
    """Deals per partner (rows) and year (columns) as a heatmap with the counts written in."""
    rows = max(1, len(table))
    layout: dict[str, Any] = {
        "height": min(900, 120 + 26 * rows), "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "plot_bgcolor": "white", "xaxis": {"type": "category", "side": "top"},
        "yaxis": {"autorange": "reversed"},
    }  # fmt: skip
    if table.empty:
        layout["annotations"] = [{"text": "No dated deals in this view", "showarrow": False}]
        return go.Figure(layout=layout)
    values = table.to_numpy()
    trace = {
        "type": "heatmap",
        "z": values,
        "x": [str(c) for c in table.columns],
        "y": list(table.index),
        "text": [[str(v) if v else "" for v in row] for row in values],
        "texttemplate": "%{text}",
        "colorscale": [[0, "#ffffff"], [0.01, "#dbe7f3"], [1, "#1f4e79"]],
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
        "hovertemplate": "%{y}, %{x}: %{z} deal(s)<extra></extra>",
    }
    return go.Figure(data=[trace], layout=layout)
