"""Map: countries shaded by involvement, arcs from supplier to recipient, event places."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from armstrack.readable import counted
from components import filters as filter_bar
from components import loaders
from components.mapchart import (
    COUNTRY_PARAM,
    PAIR_PARAM,
    map_legend,
    map_spec,
    pair_summary,
    picked_country,
    picked_pair,
    place_dots,
)
from components.maptables import (
    country_table,
    involved,
    pairs_table,
    place_table,
    placed_note,
)
from components.page import empty_state, setup
from components.tables import (
    DEAL_COLUMN_CONFIG,
    DEAL_KEY_COLUMNS,
    deals_display,
    download_csv,
)
from components.text import plain

ctx = setup("Map")
# One arc per supplier-recipient pair, one dot per event place: counted in the database.
pairs, countries, places, events_total = loaders.map_reads(ctx.filters, ctx.key)
located = place_dots(places)

st.title("Map")
st.caption(
    "Countries shaded by involvement in the deals and events of this view; one arc per pair of "
    "countries, from supplier to recipient, coloured by how far its deals got and thicker with "
    "more deals; dark dots are event places. Click a country (arcs and dots included) to filter "
    "every page to it, or an arc over the sea to list its pair's deals. The tables below give each "
    "country's numbers and each pair's deals (pick a row to list them)."
)
chosen = st.vega_lite_chart(
    map_spec(countries, pairs, located, loaders.outlines_url()),
    on_select="rerun",
    selection_mode=[COUNTRY_PARAM, PAIR_PARAM],
    key="map_chart",
    width="stretch",
)
st.html(map_legend(countries))
iso3 = picked_country(chosen)
# The chart keeps its pick across reruns: act on a new click only, so that the focus list or the
# sidebar can move the view off a clicked country.
if iso3 != st.session_state.get("map_clicked"):
    st.session_state["map_clicked"] = iso3
    if iso3 and filter_bar.select_country(iso3):
        st.rerun()
clicked_pair = picked_pair(chosen)
focus = st.selectbox(
    "Focus on a country",
    ["", *involved(countries)],
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
deal_count = int(pairs["deals"].sum()) if len(pairs) else 0
placed = placed_note(events_total, loaders.PLACED_EVENTS)
st.caption(
    f"{counted(deal_count, 'deal')} between {counted(len(pairs), 'pair')} of countries, "
    f"{counted(len(located), 'event place')}"
    f"{placed} · view: {plain(ctx.filters.describe())}"
)


def listed(rows: pd.DataFrame, table: str, what: str, **config: Any) -> None:
    """A table of the map's and its download, of exactly the rows shown."""
    st.dataframe(rows, hide_index=True, key=f"table_{table}", column_config=config or None)
    download_csv(len(rows), lambda: rows, table, ctx.filters, shown=rows, what=what)


st.subheader("Countries")
country_rows = country_table(countries, ctx.options["countries"])
if country_rows.empty:
    empty_state("countries with deals or events", ctx)
else:
    listed(
        country_rows,
        "map_countries",
        "countries",
        Involvement=st.column_config.NumberColumn(
            "Involvement", help="Deals supplied and received plus events: the map's shading"
        ),
    )

st.subheader("Country pairs")
if pairs.empty:
    empty_state("deals between countries", ctx)
else:
    if len(pairs) >= loaders.ARC_PAIRS:
        st.info(
            f"The {loaders.ARC_PAIRS:,} pairs with the most deals; narrow the filters to see others."
        )
    pair_rows = pairs_table(pairs, ctx.options["countries"])
    pair_pick = st.dataframe(
        pair_rows,
        hide_index=True,
        placeholder="—",
        column_config={
            "Furthest status": st.column_config.TextColumn(
                "Furthest status", help="The furthest stage any deal of the pair reached"
            ),
            "Sources": st.column_config.NumberColumn(
                "Sources", help="Articles reporting the pair's deals, summed over its deals"
            ),
            "Systems": st.column_config.TextColumn("Systems", width="large"),
        },
        key="table_pairs",
        on_select="rerun",
        selection_mode="single-row",
    )
    picked_rows = list(pair_pick.selection.rows) if pair_pick else []
    # A row picked in the table, else the arc clicked on the map.
    if not picked_rows and clicked_pair:
        ends = list(zip(pairs["supplier"].astype(str), pairs["recipient"].astype(str), strict=True))
        picked_rows = [ends.index(clicked_pair)] if clicked_pair in ends else []
    download_csv(len(pairs), lambda: pairs, "pairs", ctx.filters, shown=pairs, what="country pairs")
    if picked_rows:
        # The picked pair's deals, as the Deals page lists them.
        row = pairs.iloc[picked_rows[0]]
        st.info(plain(pair_summary(pairs, picked_rows[0]), limit=600))
        pair = loaders.pair_deals(str(row["supplier"]), str(row["recipient"]), ctx.filters, ctx.key)
        st.dataframe(
            deals_display(pair, ctx.options["countries"])[list(DEAL_KEY_COLUMNS)],
            hide_index=True,
            placeholder="—",
            column_config=DEAL_COLUMN_CONFIG,
            key="table_pair_deals",
        )
        download_csv(
            len(pair), lambda: pair, "pair_deals", ctx.filters, shown=pair, what="the pair's deals"
        )

st.subheader("Event places")
if located.empty:
    empty_state("events with a place", ctx)
else:
    listed(place_table(located), "event_places", "event places")
