"""Timeline: events on a time axis, uncertain dates as bars, open ends as arrows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from armstrack.readable import counted
from components import loaders
from components.page import empty_state, setup
from components.tables import date_label, download_csv
from components.text import plain
from components.timeline import (
    LANES_SHOWN,
    LIFECYCLE_COLUMNS,
    MAX_ROWS,
    deals_figure,
    events_figure,
    lanes_by_activity,
)

DEAL_ROWS = 300  # deal lifecycles drawn, the most recently reported first

ctx = setup("Timeline")
names = ctx.options["countries"]
events, events_total = loaders.timeline_reads(ctx.filters, ctx.key, MAX_ROWS)

st.title("Timeline")
st.caption(
    "A precise date is a diamond; an uncertain one a bar from its earliest to its latest day; a "
    "date open on one side (“no earlier than 2018”, “by year's end”) a triangle at its known end, "
    "pointing to the open side. Colours are families of event types (the type is in the hover). "
    "Hover for the evidence; click a point to list it below (shift-click for more), or pick "
    "Box Select above the chart and drag a box over several; dragging otherwise moves the dates."
)
dated = events[events["date_earliest"].notna() | events["date_latest"].notna()]
if dated.empty:
    empty_state("dated events", ctx)
    st.stop()

controls = st.columns([2, 2, 3])
lane = controls[0].radio(
    "One lane per", ["country", "event type"], horizontal=True, key="timeline_lane"
)
show_pubs = controls[1].toggle(
    "Publication dates",
    value=False,
    key="timeline_pubs",
    help="Dotted line at each article's publication date",
)
if len(dated) >= MAX_ROWS:
    st.info(
        f"Drawing the latest {MAX_ROWS:,} dated events of {events_total:,} in this view; "
        "narrow the filters (years, countries) to see the others."
    )

lane_kind = "country" if lane == "country" else "type"
order = lanes_by_activity(dated, lane=lane_kind, names=names)
shown_lanes: int | None = None
if len(order) > LANES_SHOWN:
    steps = [n for n in (LANES_SHOWN, 50, 100) if n < len(order)]
    shown_lanes = controls[2].selectbox(
        "Lanes shown",
        [*steps, len(order)],
        format_func=lambda n: f"all {n}" if n == len(order) else f"the {n} most active",
        key="timeline_lanes",
        help="Lanes are ordered by how many dated events they hold, the busiest first.",
    )

# Only the open tab is drawn: the other chart would cost the browser as much again, unseen. It
# is drawn under the tabs rather than in them: after every change to what a tab holds, the
# browser walks all of it looking for something to focus, through each mark of the chart, a
# tenth of a second or more while the chart is drawn.
tab_events, tab_deals = st.tabs(
    ["Events", "Deal lifecycles"], key="timeline_tab", on_change="rerun"
)
if tab_events.open:
    if shown_lanes is not None and shown_lanes < len(order):
        st.caption(
            f"The {shown_lanes} most active of {len(order)} lanes; pick more above the chart."
        )
    figure = events_figure(
        dated,
        lane=lane_kind,
        names=names,
        publications=dated["published"] if show_pubs else None,
        lanes=shown_lanes,
    )
    # In the theme's look already, drawn once (see events_figure).
    chosen = st.plotly_chart(
        figure,
        theme=None,
        on_select="rerun",
        selection_mode=("points", "box"),
        key="timeline_chart",
    )
    # Read as a mapping: the selection state is a plain dict when it was set before the run.
    points = ((chosen or {}).get("selection") or {}).get("points") or []
    ids = {p.get("customdata") for p in points}
    picked = dated[dated["id"].isin(ids)]
    if picked.empty:
        st.caption(f"{counted(len(dated), 'dated event')} · view: {plain(ctx.filters.describe())}")
    else:
        st.subheader(f"{counted(len(picked), 'selected event')}")
        st.dataframe(
            pd.DataFrame(
                {
                    "Date": date_label(picked, "date"),
                    "As written": picked["date_text"],
                    "Type": picked["type"],
                    "Actors": picked["actors"],
                    "Who says so": picked["attribution"],
                    "Certainty": picked["certainty"],
                    "Evidence": picked["evidence"],
                }
            ),
            hide_index=True,
            placeholder="—",
            key="timeline_selected",
        )
        download_csv(
            len(picked), lambda: picked, "selected_events", ctx.filters, shown=picked,
            what="selected events",
        )  # fmt: skip
if tab_deals.open:
    deals = loaders.lifecycle_deals(ctx.filters, ctx.key, DEAL_ROWS, LIFECYCLE_COLUMNS)
    if len(deals) >= DEAL_ROWS:
        st.info(
            f"Drawing the {DEAL_ROWS} most recently reported deals of this view; narrow the filters to see others."
        )
    st.plotly_chart(deals_figure(deals, names), key="timeline_deals")
