"""Map: countries shaded by involvement, arcs from supplier to recipient, event places."""

from __future__ import annotations

import html

import streamlit as st

from armstrack.readable import counted
from components import filters as filter_bar
from components import loaders
from components.mapdeck import ARC_LAYER, OUTLINE_LAYER, legend_items, map_deck, place_dots
from components.page import setup
from components.text import plain

ctx = setup("Map")
# One arc per supplier-recipient pair, one dot per event place: counted in the database.
pairs, countries, places, events_total = loaders.map_reads(ctx.filters, ctx.key)
located = place_dots(places)

st.title("Map")
st.caption(
    "Countries shaded by involvement in the deals and events of this view; arcs run from supplier "
    "to recipient, coloured by status and thicker with more sources; dots are event places. "
    "Click a country to filter to it."
)
chosen = st.pydeck_chart(
    map_deck(countries, pairs, located),
    on_select="rerun",
    selection_mode="single-object",
    key="map_deck",
    height=560,
)
state = dict(chosen) if chosen else {}
objects = (state.get("selection") or {}).get("objects", {})
picked = objects.get(OUTLINE_LAYER) or []
if picked:
    props = picked[0].get("properties", picked[0])
    iso3 = props.get("iso3")
    if iso3 and filter_bar.select_country(iso3):
        st.rerun()
involved = countries[(countries["supplied"] + countries["received"] + countries["events"]) > 0]
focus = st.selectbox(
    "Focus on a country",
    ["", *involved["iso3"]],
    format_func=lambda c: "—" if not c else f"{ctx.options['countries'].get(c, c)} ({c})",
    key="map_focus",
    help="The same as clicking the country on the map: filters every page to it.",
)
if focus and filter_bar.select_country(focus):
    st.session_state.pop("map_focus", None)
    st.rerun()
if len(ctx.filters.countries) == 1:
    only = ctx.filters.countries[0]
    st.page_link(
        "pages/6_Country.py",
        label=plain(f"{ctx.options['countries'].get(only, only)}: its trade register"),
        icon=":material/flag:",
        query_params=filter_bar.current_params(ctx.options),
    )
arc_pick = objects.get(ARC_LAYER) or []
if arc_pick:
    st.info(plain(arc_pick[0].get("tooltip", ""), limit=600))

chips = "".join(
    f'<span style="display:inline-block;width:22px;height:5px;background:{color};margin:0 6px 2px 12px"></span>{html.escape(status)}'
    for status, color in legend_items()
)
st.html(
    '<div style="font-size:0.9rem">Arcs by status:' + chips + "<br>"
    '<span style="display:inline-block;width:14px;height:14px;background:#3a6ea5;margin:4px 6px 0 0"></span>'
    "more involved country · "
    '<span style="display:inline-block;width:14px;height:14px;background:#eceff3;border:1px solid #8c96a5;margin:4px 6px 0 6px"></span>'
    'not involved · <span style="display:inline-block;width:10px;height:10px;border-radius:5px;background:#1e1e1e;margin:0 6px 0 6px"></span>'
    "event place</div>"
)
deal_count = int(pairs["deals"].sum()) if len(pairs) else 0
placed = (
    f" (places of the first {loaders.PLACED_EVENTS:,} of {events_total:,} events by date; "
    "narrow the filters to place the rest)"
    if events_total > loaders.PLACED_EVENTS
    else ""
)
st.caption(
    f"{counted(deal_count, 'deal')} between {counted(len(pairs), 'pair')} of countries, "
    f"{counted(len(located), 'event place')}"
    f"{placed} · view: {plain(ctx.filters.describe())}"
)
