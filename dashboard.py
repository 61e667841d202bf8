"""Overview: what the corpus holds at a glance, under the current filters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import loaders
from components.charts import top_countries
from components.page import APP_TITLE, empty_state, setup
from components.tables import (
    ARTICLE_COLUMN_CONFIG,
    articles_display,
    download_all,
    download_csv,
)

ctx = setup("Overview")
names = ctx.options["countries"]
deals = loaders.deals(ctx.filters, ctx.key)
events = loaders.events(ctx.filters, ctx.key)
articles = loaders.articles(ctx.filters, ctx.key)
countries = loaders.countries(ctx.filters, ctx.key)

st.title(APP_TITLE)
st.caption(
    "Arms sales and military-technical cooperation, extracted from news reports, every fact sourced."
)

dates = pd.concat(
    [events["date_earliest"], events["date_latest"], deals["order_earliest"]]
).dropna()
span = f"{dates.min().year}–{dates.max().year}" if len(dates) else "—"
kpis = st.columns(5)
kpis[0].metric("Articles", len(articles))
kpis[1].metric("Deals", len(deals))
kpis[2].metric(
    "Countries",
    int((countries["supplied"] + countries["received"] + countries["events"] > 0).sum()),
)
kpis[3].metric("Events", len(events))
kpis[4].metric("Date span", span)

left, right = st.columns(2)
with left:
    st.subheader("Top suppliers")
    st.plotly_chart(
        top_countries(deals, "supplier", names),
        key="chart_suppliers",
        config={"displayModeBar": False},
    )
with right:
    st.subheader("Top recipients")
    st.plotly_chart(
        top_countries(deals, "recipient", names),
        key="chart_recipients",
        config={"displayModeBar": False},
    )

st.subheader("Latest events")
# Happenings reported as past or present by their article, newest first (plans come later).
happened = events["date_earliest"].notna() & (events["date_earliest"] <= events["published"])
dated = events[happened].sort_values(["date_earliest", "date_latest"], ascending=False)
if dated.empty:
    empty_state("dated events", ctx)
else:
    latest = dated.head(12)
    st.dataframe(
        pd.DataFrame(
            {
                "Date": latest["date_edtf"],
                "As written": latest["date_text"],
                "Type": latest["type"].str.replace("_", " "),
                "Summary": latest["summary"],
                "Who says so": latest["attribution"],
                "Certainty": latest["certainty"],
            }
        ),
        hide_index=True,
        placeholder="—",
        key="table_latest_events",
    )
    download_csv(events, "events", ctx.filters)

st.subheader("Articles in the corpus")
if articles.empty:
    empty_state("articles", ctx)
else:
    st.dataframe(
        articles_display(articles),
        hide_index=True,
        placeholder="—",
        column_config=ARTICLE_COLUMN_CONFIG,
        key="table_articles",
    )
    download_csv(articles, "articles", ctx.filters)

download_all(
    {"deals": deals, "events": events, "articles": articles, "countries": countries}, ctx.filters
)
