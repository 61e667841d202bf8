"""Adding and removing articles from the dashboard: cached previews, saving with progress, the
paste form's checks and the removal list. The Add article page only lays these out."""

from __future__ import annotations

from datetime import date

import streamlit as st

from armstrack import store
from armstrack.ingest import Preview, preview, save_previews
from armstrack.readable import counted
from armstrack.store import StoreBusy
from components.text import plain

STATE_NOTES = {
    "new": "new",
    "replaces": "replaces the stored article with the same URL",
    "unchanged": "already in the corpus (same content): will not be stored twice",
    "refused": "not stored: its encoding had to be guessed and a UTF-8 copy of the same URL is "
    "stored; save the file as UTF-8 to replace it",
}


@st.cache_data(show_spinner=False, max_entries=64)
def cached_preview(
    raw: bytes, name: str, published: date | None, key: tuple[str, int, int]
) -> Preview:
    """An upload read and extracted, with its state against the store (new, replaces, …)."""
    with store.connect(key[0], read_only=True, wait_s=15) as con:
        return preview(raw, name, published=published, con=con)


def upload_previews(
    files: list[tuple[bytes, str]], fallback: date | None, key: tuple[str, int, int]
) -> list[Preview]:
    """Previews of uploaded (content, name) pairs; a file without a date of its own takes the
    fallback date, when one is given."""
    previews = [cached_preview(raw, name, None, key) for raw, name in files]
    return [
        cached_preview(raw, name, fallback, key)
        if p.article is not None and p.article.meta.published is None and fallback
        else p
        for (raw, name), p in zip(files, previews, strict=True)
    ]


def savable(previews: list[Preview]) -> list[Preview]:
    """The previews that would change the store: read without error, neither already stored nor
    refused."""
    return [p for p in previews if not p.error and p.state not in {"unchanged", "refused"}]


def undated(previews: list[Preview]) -> list[str]:
    """Names of the articles without a publication date."""
    return [p.name for p in previews if p.article is not None and p.article.meta.published is None]


def url_error(url: str) -> str | None:
    """Why a pasted article's address is refused, if it is: only web addresses are kept."""
    if url and not url.lower().startswith(("http://", "https://")):
        return "The URL must start with http:// or https://"
    return None


def paste_preview(body: str, title: str, published: date | None, outlet: str, url: str) -> Preview:
    """The pasted article read and extracted (its address checked with `url_error` first)."""
    name = (title or "pasted article")[:80]
    defaults = {"title": title, "source": outlet, "url": url}
    return preview(body, name, published=published, defaults=defaults)


def save(items: list[Preview]) -> None:
    """Store the previewed articles with a progress bar; say what was saved and what failed."""
    bar = st.progress(0.0, text="Saving…")
    try:
        with store.connect(wait_s=15) as con:
            saved, failed = save_previews(
                con,
                items,
                lambda done, total: bar.progress(done / total, text=f"Saved {done} of {total}"),
            )
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


def remove(article_id: str, label: str) -> None:
    """Delete an article with its facts (merged deals are merged again) and say so."""
    try:
        with store.connect(wait_s=15) as con:
            store.delete_article(con, article_id)
    except StoreBusy as exc:
        st.error(plain(exc, limit=600))
    else:
        st.success(plain(f"Removed “{label}”; merged deals were updated."))
