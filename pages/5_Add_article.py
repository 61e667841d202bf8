"""Add article: upload or paste, review what was extracted, then save; or remove an article."""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
import streamlit as st

from armstrack import dataset, store
from armstrack.ingest import Preview, preview
from armstrack.readable import counted
from armstrack.store import StoreBusy
from components import loaders
from components.page import setup
from components.review import preview_tables
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


@st.cache_data(show_spinner=False, max_entries=64)
def _preview(raw: bytes, name: str, published: date | None, key: tuple[str, int, int]) -> Preview:
    with store.connect(key[0], read_only=True, wait_s=15) as con:
        return preview(raw, name, published=published, con=con)


def _save(items: list[Preview]) -> None:
    bar = st.progress(0.0, text="Saving…")
    saved, failed = [], []
    try:
        with store.connect(wait_s=15) as con:
            for i, item in enumerate(items, start=1):
                assert item.article is not None and item.result is not None
                try:
                    store.save(con, item.article, item.result, origin=f"upload:{item.name}")
                    saved.append(item.name)
                except Exception as exc:  # one article's failure must not stop the batch
                    failed.append(f"{item.name}: {exc}")
                bar.progress(i / len(items), text=f"Saved {i} of {len(items)}")
    except StoreBusy as exc:
        st.error(plain(exc, limit=600))
        return
    if saved:
        st.success(
            plain(
                f"Saved {counted(len(saved), 'article')}: {', '.join(saved)}. Every page now shows "
                + ("it." if len(saved) == 1 else "them."),
                limit=600,
            )
        )
        st.page_link("pages/1_Deals.py", label="See the deals", icon=":material/handshake:")
    for message in failed:
        st.error(plain(message, limit=600))


STATE_NOTES = {
    "new": "new",
    "replaces": "replaces the stored article with the same URL",
    "unchanged": "already in the corpus (same content): will not be stored twice",
    "refused": "not stored: its encoding had to be guessed and a UTF-8 copy of the same URL is "
    "stored; save the file as UTF-8 to replace it",
}

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
    previews = [_preview(f.getvalue(), f.name, None, ctx.key) for f in uploads or []]
    # A plain-text file without a date of its own takes the date given above.
    previews = [
        _preview(f.getvalue(), f.name, fallback, ctx.key)
        if p.article is not None and p.article.meta.published is None and fallback
        else p
        for f, p in zip(uploads or [], previews, strict=True)
    ]
    good = [p for p in previews if not p.error and p.state not in {"unchanged", "refused"}]
    for item in previews:
        if item.error:
            st.error(plain(item.error, limit=600))
            continue
        assert item.article is not None and item.result is not None
        meta = item.article.meta
        with st.expander(
            plain(f"{item.name} — {meta.title} ({STATE_NOTES[item.state]})"),
            expanded=len(previews) == 1,
        ):
            preview_tables(item.article, item.result)
    if good:
        undated = [
            p.name for p in good if p.article is not None and p.article.meta.published is None
        ]
        if undated:
            st.warning(
                plain(
                    f"No publication date for {', '.join(undated)}: relative dates stay "
                    "unresolved. Give one above.",
                    limit=600,
                )
            )
        if st.button(f"Save {counted(len(good), 'article')}", type="primary", key="add_save_files"):
            _save(good)

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
        name = (title or "pasted article")[:80]
        if url and not url.lower().startswith(("http://", "https://")):
            st.error("The URL must start with http:// or https://")
        else:
            defaults = {"title": title, "source": outlet, "url": url}
            item = preview(raw, name, published=published, defaults=defaults)
            if item.error:
                st.error(plain(item.error, limit=600))
            else:
                assert item.article is not None and item.result is not None
                preview_tables(item.article, item.result)
                digest = hashlib.sha256(raw.encode()).hexdigest()[:8]
                if st.button("Save this article", type="primary", key=f"add_save_paste_{digest}"):
                    _save([item])
                    st.session_state["paste_ready"] = False

with tab_remove:
    stored = loaders.articles(ctx.filters, ctx.key)
    if stored.empty:
        st.info("No articles in this view.")
    else:
        labels = {
            row.id: f"{row.published:%Y-%m-%d} · {row.title}"
            if pd.notna(row.published)
            else str(row.title)
            for row in stored.itertuples()
        }
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
            try:
                with store.connect(wait_s=15) as con:
                    store.delete_article(con, victim)
            except StoreBusy as exc:
                st.error(plain(exc, limit=600))
            else:
                st.success(plain(f"Removed “{labels[victim]}”; merged deals were updated."))
