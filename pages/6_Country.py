"""Country: one country's trade register from the news, both sides, with sources."""

from __future__ import annotations

import streamlit as st

from armstrack import register
from components import filters as filter_bar
from components import loaders
from components.charts import partner_matrix, stage_funnel
from components.page import setup
from components.register import (
    SIDE_CONFIG,
    SIDE_EXTRA_COLUMNS,
    downloads,
    side_column_order,
    side_display,
    summary_markdown,
)
from components.tables import ARTICLE_COLUMN_CONFIG, articles_display, download_csv
from components.text import plain

ctx = setup("Country")
names: dict[str, str] = ctx.options["countries"]

st.title("Country register")
st.caption(
    "What one country bought and sold, as the news reports it: every deal it supplied or "
    "received in the current view (years, status, system and text filters apply; the country "
    "and role filters pick the country), grouped by partner, with talks, offers and "
    "cancellations that registers of completed transfers leave out, each row with its evidence."
)

choices = sorted(names, key=lambda c: names[c])
current = next((c for c in ctx.filters.countries if c in names), None)
picked = st.selectbox(
    "Country",
    choices,
    index=choices.index(current) if current else None,
    format_func=lambda c: f"{names.get(c, c)} ({c})",
    placeholder="Pick a country",
    key=f"country_pick_{current}",
    help="The same as the sidebar's country filter: every page follows the country picked here.",
)
if picked and picked != current and filter_bar.select_country(picked):
    st.rerun()
if not current:
    st.info(
        "Pick a country above, in the sidebar's country filter, or by clicking it on the Map, "
        "to see its register."
    )
    st.stop()

iso3 = current
name = names.get(iso3, iso3)
reads = loaders.country_reads(iso3, ctx.filters, ctx.key)
frame = reads.deals
view = filter_bar.current_params(ctx.options)

if frame.empty:
    st.info(
        plain(
            f"No deals with {name} as supplier or recipient match: {ctx.filters.describe()}. "
            "Widen the years or clear the other filters in the sidebar."
        )
    )
else:
    st.markdown(summary_markdown(register.summary(frame, iso3, names), view))
    reached, apart = register.funnel(frame)
    left, right = st.columns([2, 3])
    with left:
        st.subheader("How far its deals got")
        with st.container(key="chart_funnel"):
            st.html(stage_funnel(reached))
        st.caption(
            f"A deal at a stage has passed the earlier ones. Apart: {apart['cancelled']} "
            f"cancelled, {apart['rumored']} only rumoured."
        )
    with right:
        st.subheader("Partners by year")
        st.plotly_chart(
            partner_matrix(register.matrix(frame, names)),
            key="chart_matrix",
            config={"displayModeBar": False},
        )
        st.caption("Deals per partner and year (the order year, else the year first reported).")

    extra = st.multiselect(
        "More columns",
        SIDE_EXTRA_COLUMNS,
        key="country_extra_columns",
        placeholder="Category, quantity, value",
        help="The register tables show partner, system, status, dates, reports and evidence; "
        "add others here.",
    )
    for which, heading in (
        ("recipient", f"{name} as recipient: what it bought"),
        ("supplier", f"{name} as supplier: what it sold"),
    ):
        part = register.side(frame, which)
        st.subheader(plain(heading))
        if part.empty:
            st.caption(plain(f"No deals with {name} as {which} in this view."))
            continue
        st.dataframe(
            side_display(part, names),
            hide_index=True,
            placeholder="—",
            column_config=SIDE_CONFIG,
            column_order=side_column_order(extra),
            key=f"table_register_{which}",
        )
        st.caption(
            f"{len(part):,} deals with {part['partner'].nunique():,} partners"
            if len(part) != 1
            else "1 deal"
        )
    downloads(frame, iso3, names, ctx.filters)

st.subheader("Latest reports")
if reads.latest.empty:
    st.caption(plain(f"No articles name {name} in this view."))
else:
    st.dataframe(
        articles_display(reads.latest),
        hide_index=True,
        placeholder="—",
        column_config=ARTICLE_COLUMN_CONFIG,
        key="table_country_articles",
    )
    download_csv(
        len(reads.latest),
        lambda: reads.latest,
        f"reports_{iso3}",
        ctx.filters,
        shown=reads.latest,
        what="latest reports",
    )
