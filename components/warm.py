"""The first page's work, done by a server that has just started while the browser loads the app.

The browser spends two seconds or more fetching and starting the app's JavaScript before it
asks for a page; in that time the server imports what the pages import (pandas, DuckDB, Plotly:
a second or more) and reads the Overview's default view into the loaders' caches, so the first
visitor's page finds both done. Whatever fails here is left for the page, which says why.
"""

from __future__ import annotations

import logging
import threading

LOG = logging.getLogger(__name__)


class _ElsewhereOnly(logging.Filter):
    """Drops Streamlit's note that this thread runs no page (it is not meant to): the records
    of this thread only."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.thread != self.thread


def warm() -> None:
    """Import the pages' modules and read the Overview's default view (every filter clear)."""
    context_log = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    quiet = _ElsewhereOnly()
    context_log.addFilter(quiet)
    try:
        from components import charts, filters, loaders, page, tables  # noqa: F401

        key = loaders.version()
        options = loaders.filter_options(key)
        view = filters.to_filters({}, options["span"])
        loaders.overview_reads(view, key)
        loaders.overview_lists(view, key)
    except Exception:  # the page reads again and shows what went wrong
        LOG.debug("warming up failed", exc_info=True)
    finally:
        context_log.removeFilter(quiet)
