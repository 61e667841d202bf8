"""Sources: the article reader, with entities and fact sentences marked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from armstrack.queries import Filters
from components import loaders
from components.corrections import review_form, said_done
from components.page import empty_state, setup
from components.reader import annotate, legend_html
from components.tables import DATE_HELP, article_labels, date_label, download_csv, safe_url
from components.text import strip_controls

ctx = setup("Sources")
articles = loaders.articles(ctx.filters, ctx.key, 1000)

st.title("Sources")
if articles.empty:
    empty_state("articles", ctx)
    st.stop()

labels = article_labels(articles)
article_id = st.selectbox(
    "Article", list(labels), format_func=lambda i: strip_controls(labels[i]), key="reader_article"
)
detail = loaders.article(article_id, ctx.key)
meta = detail["meta"].iloc[0]
facts: pd.DataFrame = detail["facts"]

info = st.columns([3, 2])
info[0].text(f"Outlet: {meta['source'] or '—'} · Byline: {meta['byline'] or '—'}")
url = safe_url(meta["url"])
if url:
    info[1].link_button("Open the original", url)

st.markdown(
    "**Facts read from this article** — select one to see what was extracted and where, and to "
    "confirm, correct or reject a deal."
)
said_done()
chosen = st.dataframe(
    pd.DataFrame(
        {
            "Fact": facts["fact"],
            "What": facts["what"],
            "Summary": facts["summary"],
            "Date": date_label(facts, "date"),
            "Who says so": facts["attribution"],
            "Certainty": facts["certainty"],
            "Review": facts["review"],
        }
    ),
    hide_index=True,
    placeholder="—",
    # Widths that fit beside the sidebar at 1440 px; the summary is cut, its tooltip whole.
    column_config={
        "Fact": st.column_config.TextColumn("Fact", width=55),
        "What": st.column_config.TextColumn("What", width=100),
        "Summary": st.column_config.TextColumn("Summary", width=260),
        "Date": st.column_config.TextColumn("Date", width=170, help=DATE_HELP),
        "Who says so": st.column_config.TextColumn("Who says so", width=150),
        "Certainty": st.column_config.TextColumn("Certainty", width=80),
        "Review": st.column_config.TextColumn(
            "Review",
            help="machine-read, confirmed or corrected by an analyst (deal facts can be reviewed)",
            width=95,
        ),
    },
    on_select="rerun",
    selection_mode="single-row",
    key="reader_facts",
)
fact_rows = facts[
    ["fact", "what", "summary", "date", "attribution", "certainty", "review", "evidence",
     "char_start", "char_end"]
].rename(columns={"what": "type_or_status", "date": "date_edtf"})  # fmt: skip
download_csv(
    len(fact_rows),
    lambda: fact_rows,
    f"facts_{article_id[:8]}",
    Filters(),  # the facts of one article: the view's filters do not narrow them
    shown=fact_rows,
    what="facts",
)
rows = chosen.selection.rows if chosen else []
selected = None
if rows:
    fact = facts.iloc[rows[0]]
    selected = (int(fact["char_start"]), int(fact["char_end"]))
    st.text(f"Evidence (characters {selected[0]}–{selected[1]}): “{fact['evidence']}”")
    if fact["fact"] == "deal":
        read = loaders.deal_fact(str(fact["source_deal_id"]), article_id, ctx.key)
        if read:
            review_form(
                target=read,
                key="fact_review",
                db=ctx.key[0],
                fact=(str(fact["source_deal_id"]), article_id),
                reset=("reader_facts",),
            )

st.html(legend_html())
st.html(annotate(str(meta["text"]), detail["mentions"], facts, selected))
