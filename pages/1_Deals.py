"""Deals: the filterable table; a selected row opens its evidence, sources and history."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from armstrack.merge import STATUS_RULE
from armstrack.queries import Filters
from armstrack.readable import counted
from components import loaders
from components.corrections import (
    REVIEW_COLUMN,
    orphans_note,
    review_filter,
    review_form,
    said_done,
)
from components.page import empty_state, setup
from components.tables import (
    DEAL_COLUMN_CONFIG,
    DEAL_EXTRA_COLUMNS,
    date_label,
    deal_column_order,
    deals_display,
    download_all,
    download_csv,
    money_label,
    safe_url,
    shown_note,
)
from components.text import plain

ctx = setup("Deals")
names = ctx.options["countries"]

st.title("Deals")
st.caption(
    "One row per contract: a supplier, recipient and system across all articles, with a further "
    f"order in another year as a row of its own. {STATUS_RULE} The order date comes from reports "
    "of the signing, the delivery date from the first delivery. Reports counts copies of one "
    "wire story once. Confidence is how likely the extractor finds it that the article reports "
    "the deal; candidates below its threshold are not shown as deals but listed for review at "
    "the bottom. Select a row to read its evidence and to confirm, correct or reject it."
)
said_done()
# The view's filters, narrowed to what needs review or what was reviewed.
filters = replace(ctx.filters, review=review_filter("deals_review"))
deals, total, events_total = loaders.deals_reads(filters, ctx.key)
if deals.empty:
    empty_state("deals", replace(ctx, filters=filters))
    st.stop()

extra = st.multiselect(
    "More columns",
    DEAL_EXTRA_COLUMNS,
    key="deals_extra_columns",
    placeholder="Category, quantity, value, confidence, reports…",
    help="The table shows who, what, how far, how sure, how many sources and when; add others here.",
)
selection = st.dataframe(
    deals_display(deals, names),
    hide_index=True,
    placeholder="—",
    column_config=DEAL_COLUMN_CONFIG,
    column_order=deal_column_order(extra),
    on_select="rerun",
    selection_mode="single-row",
    key="table_deals",
)
st.caption(f"{counted(total, 'deal')} · view: {plain(filters.describe())}")
shown_note(len(deals), total, "deals")
cols = st.columns(2)
with cols[0]:
    download_csv(
        total,
        lambda: loaders.everything("deals", filters, ctx.key),
        "deals",
        filters,
        shown=deals,
    )
with cols[1]:
    download_all(filters, ctx.key, total + events_total)
orphans_note(ctx.key[0])

queue = loaders.review_queue(ctx.key)
if not queue.empty:
    with st.expander(f"Needs review: {len(queue):,} candidates the extractor found too unlikely"):
        st.caption(
            "Read by the extractor but below its confidence threshold, so not counted as deals "
            "anywhere; likeliest first. Select one to confirm it as a deal, correct or reject it."
        )
        picked = st.dataframe(
            pd.DataFrame(
                {
                    "Supplier": queue["supplier"],
                    "Recipient": queue["recipient"],
                    "System": queue["system"],
                    "Status": queue["status"],
                    "Confidence": queue["confidence"],
                    "Evidence": queue["evidence"],
                    "Article": queue["title"],
                    "Published": queue["published"],
                    "Link": queue["url"].map(safe_url),
                }
            ),
            hide_index=True,
            placeholder="—",
            column_config={
                "Confidence": DEAL_COLUMN_CONFIG["Confidence"],
                "Published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
                "Link": st.column_config.LinkColumn(
                    "Link", display_text="open", validate=r"^https?://"
                ),
            },
            on_select="rerun",
            selection_mode="single-row",
            key="table_review",
        )
        download_csv(
            len(queue), lambda: queue, "review", ctx.filters, shown=queue, what="review candidates"
        )
        candidate_rows = picked.selection.rows if picked else []
        if candidate_rows:
            # Confirm a candidate to count it as a deal, or correct it; reject it to drop it.
            candidate = queue.iloc[candidate_rows[0]]
            read = loaders.deal_fact(
                str(candidate["deal_id"]), str(candidate["article_id"]), ctx.key
            )
            if read:
                review_form(
                    target=read,
                    key="candidate_review",
                    db=ctx.key[0],
                    fact=(str(candidate["deal_id"]), str(candidate["article_id"])),
                    reset=("table_review",),
                )

rows = selection.selection.rows if selection else []
if not rows:
    st.info(
        "Select a row to see every source article, its evidence sentence, who said it and how hedged it is."
    )
    st.stop()

deal = deals.iloc[rows[0]]
supplier, recipient = (
    names.get(deal["supplier"], deal["supplier"]),
    names.get(deal["recipient"], deal["recipient"]),
)
st.subheader(plain(f"{supplier} → {recipient} · {deal['system']}"))
facts = st.columns(5)
facts[0].metric("Status", str(deal["status"]))
facts[1].metric(
    "Reports",
    int(deal["reports"]),
    help=f"{int(deal['sources'])} articles; copies of one wire story count as one report",
)
facts[2].metric("Quantity", "—" if pd.isna(deal["quantity"]) else int(deal["quantity"]))
facts[3].metric("Certainty", str(deal["certainty"]), help="How hedged the reporter is")
facts[4].metric(
    "Confidence",
    "—" if pd.isna(deal["confidence"]) else f"{float(deal['confidence']):.2f}",
    help="How likely the extractor finds it that the article reports this deal",
)
st.text(f"Status history: {deal['status_history']}")
if pd.notna(deal["follows"]):
    st.caption(
        "A follow-on order: the earlier contract for this system is its own row "
        f"(Follow-on unticked, {supplier} → {recipient})."
    )
if bool(deal["conflict"]):
    st.warning(
        plain(f"Reports of this contract disagree. {deal['conflicts']}", limit=1000),
        icon=":material/warning:",
    )

sources = loaders.deal_sources(str(deal["id"]), ctx.key)
st.dataframe(
    pd.DataFrame(
        {
            "Published": sources["published"],
            "Outlet": sources["outlet"],
            "Title": sources["title"],
            "Status": sources["status"],
            "Quantity": sources["quantity"],
            "Value": money_label(sources["value_amount"], sources["value_currency"]),
            "Order date": date_label(sources, "order"),
            "Delivery date": date_label(sources, "delivery"),
            "Who says so": sources["attribution"],
            "Certainty": sources["certainty"],
            "Review": sources["review"],
            "Copy": sources["copy_of"].notna(),
            "Link": sources["url"].map(safe_url),
        }
    ),
    hide_index=True,
    placeholder="—",
    column_config={
        "Published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "Review": REVIEW_COLUMN,
        "Copy": st.column_config.CheckboxColumn(
            "Copy", help="The same story as an earlier report (a wire copy): not counted again"
        ),
        "Link": st.column_config.LinkColumn("Link", display_text="open", validate=r"^https?://"),
    },
    key="table_deal_sources",
)
download_csv(
    len(sources),
    lambda: sources,
    f"deal_sources_{str(deal['id'])[:8]}",
    Filters(),  # every report of the selected deal, whatever the view
    shown=sources,
    what="this deal's reports",
)
st.markdown("**Evidence**")
for source in sources.itertuples():
    # Article text is shown as plain text, never as Markdown or HTML.
    st.text(
        f"“{source.evidence}”\n— {source.attribution or source.outlet}, {source.outlet} ({source.published:%Y-%m-%d})"
        if pd.notna(source.published)
        else f"“{source.evidence}”\n— {source.attribution or source.outlet}"
    )

review_form(
    target=deal.to_dict(),
    key="deal_review",
    db=ctx.key[0],
    deal=str(deal["id"]),
    reset=("table_deals",),
)
