"""Chart builders: data in, figure out. No Streamlit here, so they are unit-tested directly."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

STATUS_COLORS = {
    "rumored": "#9aa5b1", "proposed": "#7fb3d5", "negotiating": "#f0b429", "agreed": "#e57a44",
    "signed": "#2f80ed", "delivering": "#27ae60", "delivered": "#1e7b48", "cancelled": "#c0392b",
}  # fmt: skip


def top_countries(counts: pd.DataFrame, names: dict[str, str]) -> str:
    """Horizontal bars as plain HTML: deals per country (supplier or recipient), stacked by
    status, the most first, each bar's total written at its end and every part named on hover;
    the key of statuses below, even for one. `counts` holds iso3, status, deals and total, as
    `queries.top_countries` returns them. No chart library: the Overview, the first page, draws
    at once instead of waiting for one to load in the browser."""
    if counts.empty:
        return (
            '<div class="top-bars" style="color:#5f6b7a;padding:1rem 0">No deals in this view</div>'
        )
    order = list(
        dict.fromkeys(counts.sort_values(["total", "iso3"], ascending=[False, True])["iso3"])
    )
    table = (
        counts.set_index(["iso3", "status"])["deals"]
        .unstack(fill_value=0)
        .reindex(order, fill_value=0)
    )
    statuses = [s for s in STATUS_COLORS if s in table and table[s].sum()]
    top = max(int(table[statuses].sum(axis=1).max()), 1)
    rows = []
    for iso3, row in table.iterrows():
        label = html.escape(f"{names.get(str(iso3), str(iso3))} ({iso3})")
        total = int(sum(int(row[s]) for s in statuses))
        parts = "".join(
            f'<span title="{label}: {int(row[s]):,} {s}" style="display:inline-block;height:100%;'
            f'width:{100 * int(row[s]) / top:.3f}%;background:{STATUS_COLORS[s]}"></span>'
            for s in statuses
            if int(row[s])
        )
        rows.append(
            '<div style="display:flex;align-items:center;gap:8px;height:24px">'
            f'<span style="flex:0 0 36%;text-align:right;white-space:nowrap;overflow:hidden;'
            f'text-overflow:ellipsis" title="{label}">{label}</span>'
            f'<span style="flex:1 1 auto;display:flex;height:16px">{parts}</span>'
            f'<span style="flex:0 0 3.5em;font-size:0.85rem">{total:,}</span>'
            "</div>"
        )
    key = "".join(
        f'<span style="white-space:nowrap;margin-right:12px"><span style="display:inline-block;'
        f"width:12px;height:12px;background:{STATUS_COLORS[s]};margin-right:4px;"
        f'vertical-align:-1px"></span>{s}</span>'
        for s in statuses
    )
    return (
        f'<div class="top-bars" role="figure" aria-label="Deals per country by status">'
        f'{"".join(rows)}<div style="margin-top:8px;font-size:0.85rem;color:#3d4753">'
        f"Deals by status: {key}</div></div>"
    )


def _ink(background: str) -> str:
    """Text colour legible on a #rrggbb fill: near-black on a light one, white on a dark one."""
    r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#1b1f24" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def stage_funnel(reached: list[tuple[str, int]]) -> str:
    """Deals that reached each stage, offer to delivery (a deal at a stage passed the earlier), as
    plain HTML: one bar per stage, centred, as long as its share of the longest, its count written
    in it and named on hover. No chart library, like the Overview's bars: the register's first
    chart draws as soon as it arrives."""
    if not any(n for _, n in reached):
        return (
            '<div class="stage-funnel" style="color:#5f6b7a;padding:1rem 0">'
            "No deals past a rumour in this view</div>"
        )
    stages = ("proposed", "negotiating", "agreed", "signed", "delivering", "delivered")
    top = max(n for _, n in reached)
    rows = []
    for (label, n), stage in zip(reached, stages, strict=False):
        name = html.escape(label)
        fill, ink = (STATUS_COLORS[stage], _ink(STATUS_COLORS[stage])) if n else ("none", "#5f6b7a")
        rows.append(
            '<div style="display:flex;align-items:center;gap:8px;height:34px">'
            f'<span style="flex:0 0 7.5em;text-align:right;white-space:nowrap">{name}</span>'
            '<span style="flex:1 1 auto;display:flex;justify-content:center;height:28px">'
            f'<span title="{name}: {n:,} deal(s) reached this stage" style="display:flex;'
            f"align-items:center;justify-content:center;min-width:2.5em;width:{100 * n / top:.3f}%;"
            f'background:{fill};color:{ink};font-size:0.85rem">{n:,}</span>'
            "</span></div>"
        )
    return (
        '<div class="stage-funnel" role="figure" aria-label="Deals that reached each stage" '
        f'style="padding:8px 0">{"".join(rows)}</div>'
    )


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
