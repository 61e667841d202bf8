"""One shared page setup: page config, the store, the sidebar filters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from armstrack.dataset import DatasetError, is_dataset
from armstrack.queries import Filters
from armstrack.store import StoreBusy
from armstrack.tools.pages import PAGES
from components import filters as filter_bar
from components import loaders
from components.text import plain

APP_TITLE = "Arms-deal news dashboard"
ICON = Path(__file__).resolve().parent.parent / "assets" / "icon.png"


@dataclass(frozen=True)
class PageContext:
    filters: Filters
    key: tuple[str, int, int]
    options: dict[str, Any]


HOW_TO_READ = """
**Deal status**, the furthest stage the reports reached:
rumored → proposed (an offer) → negotiating → agreed → signed → delivering → delivered;
or cancelled, when a later report says so and none after it revives the deal.

**Certainty** is how hedged the reporter is: *certain* (stated), *probable* ("will likely"),
*possible* ("could", "may"), *reported* (talks or claims passed on).
**Confidence** is something else: how likely the extractor finds it that the article reports
the fact at all (a calibrated model, 0 to 1).

**Dates** are intervals, shown in words: *2016* (sometime that year), *March 2017*,
*2020s, approx.*, *after 2018* and *from 2028* (open at the end), *before 2030*,
*by end of 2016* (a deadline). Downloads keep each date as EDTF: `2016`, `2017-03`,
`199X` (a decade), `2017~` (approximate), `2019-01-01/..` (open end), `../2016-12-31` (no earlier bound).

**Sources** counts the articles reporting a deal; **Reports** counts copies of one wire story
once.

**Review** says whether an analyst checked a deal: *machine-read* (as extracted), *confirmed*, or
*corrected* (a value of one of its reports changed). Rejected deals are shown nowhere.
"""


def how_to_read() -> None:
    """The reading guide, in the sidebar of every page."""
    with st.sidebar.expander("How to read this", icon=":material/help:"):
        st.markdown(HOW_TO_READ)


def setup(title: str, *, with_filters: bool = True) -> PageContext:
    """Configure the page and draw the shared filters (none on a page they do not change, where
    the view is everything); stops with a message if the store is busy."""
    # A bundled image, not a Material or emoji icon: those are fetched from the internet.
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=str(ICON), layout="wide")
    try:
        key = loaders.version()
        options = loaders.filter_options(key)
    except StoreBusy:
        st.warning(
            "The corpus is being updated by another process (an ingest is running). "
            "Reload this page in a moment to see the new data."
        )
        st.stop()
    except DatasetError as exc:
        st.error(plain(f"{exc}. Point ARMSTRACK_DB at a DuckDB file or at a dataset folder."))
        st.stop()
    if not with_filters:
        filter_bar.keep(options)
    for page in PAGES:
        st.sidebar.page_link(
            page.script, label=page.label, icon=page.icon,
            query_params=filter_bar.current_params(options),
        )  # fmt: skip
    st.sidebar.divider()
    how_to_read()
    filters = filter_bar.render(options) if with_filters else Filters()
    kind = " (Parquet dataset, read-only)" if is_dataset(key[0]) else ""
    st.sidebar.caption(plain(f"{APP_TITLE} · works offline · data: {Path(key[0]).name}{kind}"))
    return PageContext(filters, key, options)


def empty_state(what: str, ctx: PageContext) -> None:
    """Say why nothing is shown: 'No deals match: Poland, 1990–1995'."""
    names = ctx.options["countries"]
    view = ctx.filters.describe()
    for code in ctx.filters.countries:
        view = view.replace(code, names.get(code, code))
    st.info(f"No {what} match: {plain(view)}. Widen the filters or clear them in the sidebar.")
