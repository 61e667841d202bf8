"""The dashboard's pages, in menu order: the one list the sidebar, the tests and the bench read.

Plain data, no Streamlit: the bench and the tests import it without starting the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Page:
    name: str  # short name for tests, screenshots and bench rows
    script: str  # path from the project root
    label: str  # the menu entry
    heading: str  # the page's title
    icon: str  # a Material icon name, drawn by Streamlit from its bundled font
    filters: bool = True  # draws the shared sidebar filters (a page they do not change has none)

    @property
    def path(self) -> Path:
        return ROOT / self.script

    @property
    def url_path(self) -> str:
        """The page's address under the app root: '' for the entry, else the file name without
        its number prefix, as Streamlit names pages of the `pages/` folder."""
        if not self.script.startswith("pages/"):
            return ""
        return Path(self.script).stem.split("_", 1)[1]


PAGES = (
    Page("overview", "dashboard.py", "Overview", "Arms-deal news dashboard", ":material/public:"),
    Page("deals", "pages/1_Deals.py", "Deals", "Deals", ":material/handshake:"),
    Page("country", "pages/6_Country.py", "Country", "Country register", ":material/flag:"),
    Page("timeline", "pages/2_Timeline.py", "Timeline", "Timeline", ":material/timeline:"),
    Page("map", "pages/3_Map.py", "Map", "Map", ":material/map:"),
    Page("sources", "pages/4_Sources.py", "Sources", "Sources", ":material/article:"),
    Page(
        "add",
        "pages/5_Add_article.py",
        "Add article",
        "Add article",
        ":material/upload_file:",
        filters=False,
    ),
)


# The pages whose rerun after a filter change the bench times: every page drawn from the
# filtered store (Sources reads one article, Add article has no filters).
def page(name: str) -> Page:
    """The page of this short name."""
    return next(p for p in PAGES if p.name == name)


BENCHED = tuple(page(n) for n in ("overview", "deals", "timeline", "map", "country"))
