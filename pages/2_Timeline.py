"""Timeline: events on a time axis, uncertain dates as bars, open ends as arrows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from armstrack.readable import counted
from components import loaders
from components.page import empty_state, setup
from components.tables import date_label, download_csv
from components.text import plain
from components.timeline import LIFECYCLE_COLUMNS, MAX_ROWS, deals_figure, events_figure

DEAL_ROWS = 300  # deal lifecycles drawn, the most recently reported first

ctx = setup("Timeline")
names = ctx.options["countries"]
events, events_total, deals = loaders.timeline_reads(
    ctx.filters, ctx.key, MAX_ROWS, DEAL_ROWS, LIFECYCLE_COLUMNS
)

st.title("Timeline")
st.caption(
    "A precise date is a diamond; an uncertain one a bar from its earliest to its latest day; an "
    "open end (“no earlier than 2018”, “by year's end”) runs to the edge in an arrow. Hover for the "
    "evidence; select points or drag a box to list them below."
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
        f"Drawing the first {MAX_ROWS:,} dated events of {events_total:,} in this view; narrow the filters to see the rest."
    )

tab_events, tab_deals = st.tabs(["Events", "Deal lifecycles"])
with tab_events:
    figure = events_figure(
        dated,
        lane="country" if lane == "country" else "type",
        names=names,
        publications=dated["published"] if show_pubs else None,
    )
    chosen = st.plotly_chart(
        figure, on_select="rerun", selection_mode=("points", "box"), key="timeline_chart"
    )
    ids = {p.get("customdata") for p in (chosen.selection.points if chosen else [])}
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
with tab_deals:
    if len(deals) >= DEAL_ROWS:
        st.info(
            f"Drawing the {DEAL_ROWS} most recently reported deals of this view; narrow the filters to see others."
        )
    st.plotly_chart(deals_figure(deals, names), key="timeline_deals")
