"""Overview: what the corpus holds at a glance, under the current filters."""

from __future__ import annotations

import streamlit as st

from components.style import send_style

# First, before the imports below take the server most of a second: the browser then loads the
# code that draws the bars meanwhile (see components/style.py).
send_style()

import pandas as pd

from components import loaders
from components.charts import top_countries
from components.page import APP_TITLE, empty_state, setup
from components.tables import (
    ARTICLE_COLUMN_CONFIG,
    DATE_HELP,
    articles_display,
    date_label,
    download_all,
    download_csv,
    shown_note,
)

ctx = setup("Overview")
names = ctx.options["countries"]
# Counts and charts are computed in the database; only small results reach the page. The lists
# below the charts are read after the charts are drawn.
reads = loaders.overview_reads(ctx.filters, ctx.key)
totals = reads.totals

st.title(APP_TITLE)
st.caption(
    "Arms sales and military-technical cooperation, extracted from news reports, every fact sourced."
)

first, last = totals["first_year"], totals["last_year"]
# An event or deal that overlaps the chosen years may run beyond them; the span stays inside.
if first is not None and ctx.filters.year_from is not None:
    first = max(first, ctx.filters.year_from)
if last is not None and ctx.filters.year_to is not None:
    last = min(last, ctx.filters.year_to)
kpis = st.columns(5)
kpis[0].metric("Articles", f"{totals['articles']:,}")
kpis[1].metric("Deals", f"{totals['deals']:,}")
kpis[2].metric("Countries", f"{totals['countries']:,}")
kpis[3].metric("Events", f"{totals['events']:,}")
kpis[4].metric(
    "Date span", ("—" if first is None else str(first) if first == last else f"{first}–{last}")
)

left, right = st.columns(2)
with left:
    st.subheader("Top suppliers")
    with st.container(key="chart_suppliers"):
        st.html(top_countries(reads.suppliers, names))
with right:
    st.subheader("Top recipients")
    with st.container(key="chart_recipients"):
        st.html(top_countries(reads.recipients, names))

st.subheader("Latest events")
lists = loaders.overview_lists(ctx.filters, ctx.key)
newest = lists.newest
# Happenings reported as past or present by their article, newest first (plans come later).
happened = newest[
    newest["date_earliest"].notna() & (newest["date_earliest"] <= newest["published"])
]
latest = happened.sort_values(["date_earliest", "date_latest"], ascending=False).head(12)
if latest.empty:
    empty_state("dated events", ctx)
else:
    st.dataframe(
        pd.DataFrame(
            {
                "Date": date_label(latest, "date"),
                "As written": latest["date_text"],
                "Type": latest["type"].str.replace("_", " "),
                "Summary": latest["summary"],
                "Who says so": latest["attribution"],
                "Certainty": latest["certainty"],
            }
        ),
        hide_index=True,
        placeholder="—",
        # Widths that fit beside the sidebar at 1440 px; the summary is cut, its tooltip whole.
        column_config={
            "Date": st.column_config.TextColumn("Date", width=175, help=DATE_HELP),
            "As written": st.column_config.TextColumn("As written", width=125),
            "Type": st.column_config.TextColumn("Type", width=90),
            "Summary": st.column_config.TextColumn("Summary", width=300),
            "Who says so": st.column_config.TextColumn("Who says so", width=170),
            "Certainty": st.column_config.TextColumn("Certainty", width=80),
        },
        key="table_latest_events",
    )
    # The rows listed, as the table shows them; every event of the view is in the ZIP below.
    download_csv(len(latest), lambda: latest, "latest_events", ctx.filters, shown=latest)

st.subheader("Articles in the corpus")
articles = lists.articles
if articles.empty:
    empty_state("articles", ctx)
else:
    shown_note(len(articles), totals["articles"], "articles")
    st.dataframe(
        articles_display(articles),
        hide_index=True,
        placeholder="—",
        column_config=ARTICLE_COLUMN_CONFIG,
        key="table_articles",
    )
    download_csv(
        totals["articles"],
        lambda: loaders.everything("articles", ctx.filters, ctx.key),
        "articles",
        ctx.filters,
        shown=articles,
    )

download_all(ctx.filters, ctx.key, totals["events"] + totals["deals"])
