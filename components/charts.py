"""Chart builders: data in, figure out. No Streamlit here, so they are unit-tested directly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

STATUS_COLORS = {
    "rumored": "#9aa5b1", "proposed": "#7fb3d5", "negotiating": "#f0b429", "agreed": "#e57a44",
    "signed": "#2f80ed", "delivering": "#27ae60", "delivered": "#1e7b48", "cancelled": "#c0392b",
}  # fmt: skip


def top_countries(counts: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    """Horizontal bars: deals per country (supplier or recipient), stacked by status. `counts`
    holds iso3, status, deals and total, as `queries.top_countries` returns them."""
    fig = go.Figure()
    if counts.empty:
        fig.update_layout(annotations=[{"text": "No deals in this view", "showarrow": False}])
    else:
        order = list(
            dict.fromkeys(counts.sort_values(["total", "iso3"], ascending=[True, False])["iso3"])
        )
        labels = [f"{names.get(c, c)} ({c})" for c in order]
        for status, color in STATUS_COLORS.items():
            sub = (
                counts[counts["status"] == status]
                .set_index("iso3")["deals"]
                .reindex(order, fill_value=0)
            )
            if sub.sum():
                fig.add_bar(
                    y=labels, x=sub.values, name=status, orientation="h", marker_color=color,
                    hovertemplate="%{y}: %{x} " + status + " deal(s)<extra></extra>",
                )  # fmt: skip
    fig.update_layout(
        barmode="stack", height=320, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.12, "title": None}, plot_bgcolor="white",
    )  # fmt: skip
    return fig
