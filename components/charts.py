"""Chart builders: data in, figure out. No Streamlit here, so they are unit-tested directly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

STATUS_COLORS = {
    "rumored": "#9aa5b1", "proposed": "#7fb3d5", "negotiating": "#f0b429", "agreed": "#e57a44",
    "signed": "#2f80ed", "delivering": "#27ae60", "delivered": "#1e7b48", "cancelled": "#c0392b",
}  # fmt: skip


def top_countries(
    deals: pd.DataFrame, column: str, names: dict[str, str], limit: int = 10
) -> go.Figure:
    """Horizontal bars: deals per supplier (or recipient), stacked by status."""
    fig = go.Figure()
    if deals.empty:
        fig.update_layout(annotations=[{"text": "No deals in this view", "showarrow": False}])
    else:
        order = deals[column].value_counts().head(limit).index[::-1]
        subset = deals[deals[column].isin(order)]
        for status, color in STATUS_COLORS.items():
            counts = (
                subset[subset["status"] == status][column]
                .value_counts()
                .reindex(order, fill_value=0)
            )
            if counts.sum():
                fig.add_bar(
                    y=[f"{names.get(c, c)} ({c})" for c in order], x=counts.values,
                    name=status, orientation="h", marker_color=color,
                    hovertemplate="%{y}: %{x} " + status + " deal(s)<extra></extra>",
                )  # fmt: skip
    fig.update_layout(
        barmode="stack", height=320, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.12, "title": None}, plot_bgcolor="white",
    )  # fmt: skip
    return fig
