"""Add article: upload or paste, review what was extracted, then save; or remove an article."""

from __future__ import annotations

import hashlib

import streamlit as st

from armstrack import dataset
from armstrack.readable import counted
from components import adding, loaders
from components.page import setup
from components.review import preview_tables
from components.tables import article_labels
from components.text import plain, strip_controls

# The sidebar filters change nothing here: an upload is previewed whole, and any stored
# article can be removed.
ctx = setup("Add article", with_filters=False)
st.title("Add article")
if dataset.is_dataset(ctx.key[0]):
    st.info(
        f"This dashboard reads the Parquet dataset in `{ctx.key[0]}`, which is read-only. Add "
        "articles to a DuckDB store (`python -m armstrack ingest FILES --db corpus.duckdb`, or this "
        "page with `ARMSTRACK_DB` unset), then write the dataset again with "
        "`python -m armstrack dataset FOLDER --db corpus.duckdb`."
    )
    st.stop()
st.caption(
    "Bring your own reports: .txt, .md (front matter welcome) or .html, up to 5 MB each. Nothing is "
    "saved until you have seen what was extracted; a file that cannot be read is named with the "
    "reason, and the others still go in."
)


tab_upload, tab_paste, tab_remove = st.tabs(["Upload files", "Paste text", "Remove an article"])
with tab_upload:
    uploads = st.file_uploader(
        "Article files",
        type=["txt", "md", "html", "htm"],
        accept_multiple_files=True,
        key="add_files",
    )
    fallback = st.date_input(
        "Publication date for files that do not give one",
        value=None,
        key="add_published",
        help="Relative dates (“last week”, “by year's end”) are resolved against it.",
    )
    # A plain-text file without a date of its own takes the date given above.
    previews = adding.upload_previews(
        [(f.getvalue(), f.name) for f in uploads or []], fallback, ctx.key
    )
    good = adding.savable(previews)
    for item in previews:
        if item.error:
            st.error(plain(item.error, limit=600))
            continue
        assert item.article is not None and item.result is not None
        meta = item.article.meta
        with st.expander(
            plain(f"{item.name} — {meta.title} ({adding.STATE_NOTES[item.state]})"),
            expanded=len(previews) == 1,
        ):
            preview_tables(item.article, item.result)
    if good:
        undated = adding.undated(good)
        if undated:
            st.warning(
                plain(
                    f"No publication date for {', '.join(undated)}: relative dates stay "
                    "unresolved. Give one above.",
                    limit=600,
                )
            )
        if st.button(f"Save {counted(len(good), 'article')}", type="primary", key="add_save_files"):
            adding.save(good)

with tab_paste, st.form("add_paste_form"):
    title = st.text_input("Title", key="paste_title")
    cols = st.columns(3)
    published = cols[0].date_input("Published", value=None, key="paste_published")
    outlet = cols[1].text_input("Outlet", key="paste_outlet")
    url = cols[2].text_input("URL", key="paste_url", placeholder="https://…")
    body = st.text_area("Article text", height=260, key="paste_text")
    check = st.form_submit_button("Preview")
if check or st.session_state.get("paste_ready"):
    st.session_state["paste_ready"] = True
    with tab_paste:
        raw = body or ""
        refused = adding.url_error(url)
        if refused:
            st.error(refused)
        else:
            item = adding.paste_preview(raw, title, published, outlet, url)
            if item.error:
                st.error(plain(item.error, limit=600))
            else:
                assert item.article is not None and item.result is not None
                preview_tables(item.article, item.result)
                digest = hashlib.sha256(raw.encode()).hexdigest()[:8]
                if st.button("Save this article", type="primary", key=f"add_save_paste_{digest}"):
                    adding.save([item])
                    st.session_state["paste_ready"] = False

with tab_remove:
    stored = loaders.articles(ctx.filters, ctx.key)
    if stored.empty:
        st.info("No articles in this view.")
    else:
        labels = article_labels(stored)
        victim = st.selectbox(
            "Article to remove",
            list(labels),
            format_func=lambda i: strip_controls(labels[i]),
            key="remove_article",
        )
        sure = st.checkbox(
            "Yes, remove this article and every fact read from it", key="remove_confirm"
        )
        if st.button("Remove", disabled=not sure, key="remove_button"):
            adding.remove(victim, labels[victim])
