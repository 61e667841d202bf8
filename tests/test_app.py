"""AppTest: every page runs, filters change what is shown, the URL restores a view, downloads
hold exactly the filtered rows."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from armstrack import queries, register, store
from armstrack.ingest import article_files, ensure_store, ingest_files
from armstrack.records import DEAL_STATUSES
from armstrack.tools import pages as app_pages
from components.register import SIDE_KEY_COLUMNS
from components.tables import DEAL_KEY_COLUMNS, deals_display
from components.text import shown

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = (
    "---\ntitle: Hostile\npublished: 2021-06-01\nsource: Test Wire\nurl: javascript:alert(1)\n---\n\n"
    '=HYPERLINK("http://evil.example","click") Egypt ordered 2 Gowind corvettes from France on Monday.'
)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    ensure_store(path)
    return path


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    with store.connect(path):
        pass
    return path


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    path = folder / "corpus.duckdb"
    ensure_store(path)
    with store.connect(path) as con:
        ingest_files(
            con,
            article_files(
                [ROOT / "tests" / "articles", ROOT / "tests" / "fixtures" / "merge", folder]
            ),
        )
    return path


def _open(
    page: Path, db: Path, monkeypatch: pytest.MonkeyPatch, params: dict[str, Any] | None = None
) -> AppTest:
    """The app as a browser opens it: the entry point with a query string, then the page."""
    monkeypatch.setenv("ARMSTRACK_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(params or {})
    if page.name != "dashboard.py":
        # Straight to the page, as a browser opening its address does: each page's url_path is
        # its file name without the number, the name Streamlit gives a file before the first run.
        at.switch_page(str(page.relative_to(ROOT)))
    return at.run()


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, bytes]]:
    """Bytes handed to every download button, by file name."""
    captured: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def capture(self: MemoryMediaFileStorage, path_or_data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        if filename and isinstance(path_or_data, bytes):
            captured[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", capture)
    yield captured


def test_the_page_registry_lists_every_page_once() -> None:
    scripts = [p.script for p in app_pages.PAGES]
    on_disk = ["dashboard.py", *(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))]
    assert sorted(scripts) == sorted(on_disk)
    assert len({p.name for p in app_pages.PAGES}) == len(scripts)
    assert [p.url_path for p in app_pages.PAGES if p.name in ("overview", "add")] == [
        "",
        "Add_article",
    ]


@pytest.mark.parametrize("page", app_pages.PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("db_name", ["seed_db", "empty_db"])
def test_every_page_runs(
    page: app_pages.Page,
    db_name: str,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = _open(page.path, request.getfixturevalue(db_name), monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == [page.heading]


@pytest.mark.parametrize("page", app_pages.PAGES, ids=lambda p: p.name)
def test_every_page_has_the_reading_guide_and_filters_where_they_apply(
    page: app_pages.Page, seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(page.path, seed_db, monkeypatch)
    assert not at.exception
    assert [e.label for e in at.sidebar.expander] == ["How to read this"]
    guide = " ".join(m.value for m in at.sidebar.expander[0].markdown)
    assert "rumored → proposed" in guide and "Confidence" in guide and "EDTF" in guide
    country_filters = [w for w in at.sidebar.multiselect if w.key == "filter_country"]
    # Filters change nothing on the Add article page, so it has none.
    assert len(country_filters) == (1 if page.filters else 0)
    assert (page.name == "add") == (not page.filters)


def test_add_article_keeps_the_view_for_the_other_pages(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(ROOT / "pages" / "5_Add_article.py", corpus_db, monkeypatch, {"country": "TUR"})
    assert not at.exception
    assert not [w for w in at.sidebar.multiselect if w.key == "filter_country"]
    assert at.query_params["country"] in ("TUR", ["TUR"])
    at.switch_page("pages/1_Deals.py").run()
    assert at.sidebar.multiselect(key="filter_country").value == ["TUR"]


def test_overview_kpis_follow_country_filter(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(ROOT / "dashboard.py", corpus_db, monkeypatch)
    before = {m.label: m.value for m in at.metric}
    at.sidebar.multiselect(key="filter_country").set_value(["TUR"]).run()
    after = {m.label: m.value for m in at.metric}
    assert not at.exception
    assert int(after["Deals"]) < int(before["Deals"])
    assert int(after["Articles"]) < int(before["Articles"])
    assert at.query_params["country"] in ("TUR", ["TUR"])


def test_overview_date_span_stays_inside_the_chosen_years(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(ROOT / "dashboard.py", corpus_db, monkeypatch, {"years": "2015-2018"})
    assert not at.exception
    span = next(m.value for m in at.metric if m.label == "Date span")
    years = [int(y) for y in re.findall(r"\d{4}", span)]
    assert years and all(2015 <= y <= 2018 for y in years), span


def test_year_range_changes_rows(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(ROOT / "pages" / "1_Deals.py", corpus_db, monkeypatch)
    total = _deal_count(at)
    at.sidebar.slider(key="filter_years").set_value((2014, 2016)).run()
    assert not at.exception
    assert 0 < _deal_count(at) < total
    assert at.query_params["years"] in ("2014-2016", ["2014-2016"])


def _deal_count(at: AppTest) -> int:
    caption = next(c.value for c in at.caption if re.search(r" deals? · view:", c.value))
    return int(caption.split()[0].replace(",", ""))


def test_url_restores_view(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    params = {
        "country": ["RUS", "FRA"],
        "role": "supplier",
        "years": "2010-2020",
        "status": "signed",
    }
    at = _open(ROOT / "pages" / "1_Deals.py", corpus_db, monkeypatch, params)
    assert not at.exception
    assert at.sidebar.multiselect(key="filter_country").value == ["RUS", "FRA"]
    assert at.sidebar.segmented_control(key="filter_role").value == "supplier"
    assert at.sidebar.slider(key="filter_years").value == (2010, 2020)
    assert at.sidebar.multiselect(key="filter_status").value == ["signed"]
    assert "RUS, FRA as supplier" in next(c.value for c in at.caption if "view:" in c.value)


def test_switching_pages_keeps_filters(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(ROOT / "dashboard.py", corpus_db, monkeypatch)
    at.sidebar.multiselect(key="filter_country").set_value(["KOR"]).run()
    at.switch_page("pages/1_Deals.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="filter_country").value == ["KOR"]
    at.switch_page("dashboard.py").run()
    assert at.sidebar.multiselect(key="filter_country").value == ["KOR"]
    at.sidebar.button(key="filter_clear").click().run()
    assert at.sidebar.multiselect(key="filter_country").value == []


def test_download_holds_filtered_rows_and_is_injection_safe(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch, downloads: dict[str, bytes]
) -> None:
    at = _open(ROOT / "pages" / "1_Deals.py", corpus_db, monkeypatch, {"country": ["EGY"]})
    assert not at.exception
    data = downloads["deals_EGY.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(frame) == _deal_count(at)
    assert all("EGY" in (s, r) for s, r in zip(frame["supplier"], frame["recipient"], strict=True))
    hostile = [e for e in frame["evidence"] if "HYPERLINK" in e]
    assert hostile and all(e.startswith("'=") for e in hostile)
    assert "deals_EGY.zip" not in downloads and any(name.endswith(".zip") for name in downloads)


def test_deals_table_shows_key_columns_and_more_on_request(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(ROOT / "pages" / "1_Deals.py", corpus_db, monkeypatch)
    assert not at.exception
    table = next(e for e in at.dataframe if e.key == "table_deals")
    assert list(table.proto.column_order) == list(DEAL_KEY_COLUMNS)
    at.multiselect(key="deals_extra_columns").set_value(["Value", "Quantity"]).run()
    assert not at.exception
    table = next(e for e in at.dataframe if e.key == "table_deals")
    assert list(table.proto.column_order) == [*DEAL_KEY_COLUMNS, "Quantity", "Value"]
    with store.connect(corpus_db, read_only=True) as con:
        frame = deals_display(queries.deals(con), {})
    # Dates in words, money with its currency: no raw EDTF on the page.
    dates = [d for d in frame["Order date"] if d]
    assert dates and not any(re.search(r"\d{4}-\d{2}|/\.\.|~", d) for d in dates)
    values = [v for v in frame["Value"] if v]
    assert values and all(re.match(r"^(\D+ ?)[\d.,]+( bn| m)?$", v) for v in values)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Bytes handed to every download button, by the media file id in the button's URL."""
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def capture(self: MemoryMediaFileStorage, path_or_data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        file_id: str = original(self, path_or_data, mimetype, kind, filename)
        if isinstance(path_or_data, bytes):
            files[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", capture)
    return files


def _csv_downloads(at: AppTest, served: dict[str, bytes]) -> list[tuple[str, int]]:
    """(label, rows in the file) for every CSV download button on the page."""
    out = []
    for button in at.get("download_button"):
        label = button.proto.label
        if " CSV (" not in label:
            continue
        data = next(d for file_id, d in served.items() if file_id in button.proto.url)
        out.append((label, len(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig"))))
    return out


def _tables(at: AppTest) -> list[pd.DataFrame]:
    """The page's tables as pandas frames (a table with a list column, the deals table's status,
    is left out: AppTest cannot read it back)."""
    frames = []
    for element in at.dataframe:
        try:
            frames.append(element.value)
        except TypeError:
            continue
    return frames


def _table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(t for t in _tables(at) if column in t.columns)


def _select(at: AppTest, key: str, row: int = 0) -> None:
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()


@pytest.mark.parametrize(
    ("page", "params", "selections", "tables"),
    [
        ("dashboard.py", {}, (), ("As written", "Title")),
        ("dashboard.py", {"country": "IND", "years": "2015-2020"}, (), ("As written",)),
        ("pages/1_Deals.py", {"country": "NOR"}, ("table_deals",), ("Copy",)),
        ("pages/4_Sources.py", {"country": "NOR"}, (), ("Fact",)),
        ("pages/6_Country.py", {"country": "TUR"}, (), ("Title",)),
        ("pages/3_Map.py", {}, (), ("Furthest status",)),
        ("pages/3_Map.py", {"country": "IND", "role": "recipient"}, (), ("Furthest status",)),
    ],
    ids=["overview", "overview-filtered", "deals", "sources", "country", "map", "map-filtered"],
)
def test_every_download_holds_the_rows_its_label_names(
    page: str,
    params: dict[str, str],
    selections: tuple[str, ...],
    tables: tuple[str, ...],
    corpus_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    served: dict[str, bytes],
) -> None:
    at = _open(ROOT / page, corpus_db, monkeypatch, params)
    for key in selections:
        _select(at, key)
    assert not at.exception, [e.value for e in at.exception]
    found = _csv_downloads(at, served)
    assert found
    for label, rows in found:
        named = re.search(r"\(([\d,]+) rows?\)$", label)
        assert named, label
        assert int(named.group(1).replace(",", "")) == rows, label
        assert label.endswith("(1 row)") if rows == 1 else label.endswith(" rows)")
    # A download under every table (each known by a column of its own), as many rows as shown.
    for column in tables:
        shown = len(_table_with(at, column))
        assert shown and shown in [rows for _, rows in found], (column, shown, found)
    if "table_deals" in selections:
        assert _deal_count(at) in [rows for _, rows in found]


def test_selected_deal_shows_sources(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(
        ROOT / "pages" / "1_Deals.py", corpus_db, monkeypatch, {"system": "K9", "country": "NOR"}
    )
    at.session_state["table_deals"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert any("→" in h.value and "K9" in h.value for h in at.subheader)
    warned = [shown(w.value) for w in at.warning]
    assert any(
        "disagree" in w and "quantity: 24 (Artillery Trade Weekly, 2022-06-20)" in w for w in warned
    )
    evidence = [t.value for t in at.text if t.value.startswith("“")]
    assert len(evidence) == 3


def test_empty_state_says_why(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(
        ROOT / "pages" / "1_Deals.py",
        corpus_db,
        monkeypatch,
        {"country": "SYR", "role": "supplier"},
    )
    assert not at.exception
    assert any(i.value.startswith("No deals match: Syria") for i in at.info)


def _caption_number(at: AppTest, marker: str) -> int:
    caption = next(c.value for c in at.caption if marker in c.value)
    return int(caption.split()[0])


def test_timeline_and_map_follow_filters(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for page, marker in (("2_Timeline.py", "dated events"), ("3_Map.py", " deals between ")):
        at = _open(ROOT / "pages" / page, corpus_db, monkeypatch)
        everything = _caption_number(at, marker)
        at.sidebar.multiselect(key="filter_country").set_value(["IND"]).run()
        assert not at.exception
        assert 0 < _caption_number(at, marker) < everything, page


def test_timeline_shows_the_busiest_lanes_and_lists_a_clicked_point(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch, served: dict[str, bytes]
) -> None:
    at = _open(ROOT / "pages" / "2_Timeline.py", corpus_db, monkeypatch)
    assert not at.exception
    lanes = at.selectbox(key="timeline_lanes")
    assert lanes.value == 25 and lanes.options[-1].startswith("all ")
    assert any(c.value.startswith("The 25 most active of ") for c in at.caption)
    with store.connect(corpus_db, read_only=True) as con:
        event = queries.events(con, queries.Filters(), 1, dated=True).iloc[0]
    at.session_state["timeline_chart"] = {
        "selection": {"points": [{"customdata": event["id"]}], "point_indices": [0], "box": [],
                      "lasso": []}
    }  # fmt: skip
    at.run()
    assert not at.exception
    assert [h.value for h in at.subheader] == ["1 selected event"]
    listed = _table_with(at, "Actors")
    assert list(listed["Evidence"]) == [event["evidence"]]
    assert ("Download selected events CSV (1 row)", 1) in _csv_downloads(at, served)


def test_map_pairs_follow_the_filters_with_their_furthest_status(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(ROOT / "pages" / "3_Map.py", corpus_db, monkeypatch, {"country": "IND"})
    assert not at.exception
    pairs = _table_with(at, "Furthest status")
    caption = next(c.value for c in at.caption if " between " in c.value)
    named = re.search(r"between (\d+) pairs? of countries", caption)
    assert named and len(pairs) == int(named.group(1)) > 1, caption
    assert all("(IND)" in s + r for s, r in zip(pairs["Supplier"], pairs["Recipient"], strict=True))
    with store.connect(corpus_db, read_only=True) as con:
        deals = queries.deals(con, queries.Filters(countries=("IND",)))
    ladder = {status: rank for rank, status in enumerate(DEAL_STATUSES)}
    ladder["cancelled"] = -1
    for row in pairs.itertuples():
        supplier, recipient = row.Supplier[-4:-1], row.Recipient[-4:-1]
        own = deals[(deals["supplier"] == supplier) & (deals["recipient"] == recipient)]
        assert len(own) == row.Deals
        assert row._4 == max(own["status"], key=lambda s: ladder[s])


def test_clicking_a_country_on_the_map_filters_to_it(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(ROOT / "pages" / "3_Map.py", corpus_db, monkeypatch)
    at.session_state["map_chart"] = {"selection": {"country": [{"iso3": "BRA"}], "pair": [{}]}}
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="filter_country").value == ["BRA"]
    # The chart keeps its pick; the focus list still moves the view elsewhere.
    other = next(o for o in at.selectbox(key="map_focus").options if "(BRA)" not in o and "(" in o)
    code = other[-4:-1]
    at.selectbox(key="map_focus").set_value(code).run()
    assert not at.exception
    assert at.sidebar.multiselect(key="filter_country").value == [code]


def test_reader_selects_a_fact(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(ROOT / "pages" / "4_Sources.py", corpus_db, monkeypatch, {"country": "NOR"})
    at.session_state["reader_facts"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert any(t.value.startswith("Evidence (characters") for t in at.text)


def test_clicking_an_arc_on_the_map_lists_its_pairs_deals(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch, served: dict[str, bytes]
) -> None:
    at = _open(ROOT / "pages" / "3_Map.py", corpus_db, monkeypatch, {"country": "IND"})
    pairs = _table_with(at, "Furthest status")
    assert not any("the pair's deals" in label for label, _ in _csv_downloads(at, served))
    supplier, recipient = pairs["Supplier"].iloc[0][-4:-1], pairs["Recipient"].iloc[0][-4:-1]
    at.session_state["map_chart"] = {
        "selection": {"country": [{}], "pair": [{"supplier": supplier, "recipient": recipient}]}
    }
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="filter_country").value == ["IND"]  # no country picked
    (info,) = [i.value for i in at.info if " → " in i.value]
    assert info.startswith(pairs["Supplier"].iloc[0].rsplit(" (", 1)[0] + " → ")
    # The pair's deals, every one of them and no other, with their download.
    with store.connect(corpus_db, read_only=True) as con:
        deals = queries.deals(con, queries.Filters(countries=("IND",)))
    own = deals[(deals["supplier"] == supplier) & (deals["recipient"] == recipient)]
    assert len(own) == pairs["Deals"].iloc[0] > 0
    listed = [(label, n) for label, n in _csv_downloads(at, served) if "the pair's deals" in label]
    rows = f"{len(own)} row" + ("s" if len(own) != 1 else "")
    assert listed == [(f"Download the pair's deals CSV ({rows})", len(own))]


def test_map_focus_filters_every_page(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(ROOT / "pages" / "3_Map.py", corpus_db, monkeypatch)
    at.selectbox(key="map_focus").set_value("IND").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="filter_country").value == ["IND"]
    at.switch_page("pages/1_Deals.py").run()
    assert at.sidebar.multiselect(key="filter_country").value == ["IND"]


# --- Country register ---------------------------------------------------------------------------


def test_country_register_shows_both_sides_matrix_and_funnel(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch, downloads: dict[str, bytes]
) -> None:
    at = _open(ROOT / "pages" / "6_Country.py", corpus_db, monkeypatch, {"country": "TUR"})
    assert not at.exception, [e.value for e in at.exception]
    headings = [h.value for h in at.subheader]
    assert any("as recipient" in h for h in headings) and any("as supplier" in h for h in headings)
    assert "How far its deals got" in headings and "Partners by year" in headings
    # The funnel is plain HTML with every stage's count; the matrix a chart.
    assert len(at.get("plotly_chart")) == 1
    funnel = [h.proto.body for h in at.get("html") if "stage-funnel" in h.proto.body]
    assert len(funnel) == 1
    with store.connect(corpus_db, read_only=True) as con:
        reached, _apart = register.funnel(register.deals(con, "TUR", queries.Filters()))
    assert reached[0][1] > 0
    for label, n in reached:
        assert f'title="{label}: {n:,} deal(s) reached this stage"' in funnel[0]
    # In page order: what it bought, what it sold, the latest reports.
    bought, sold = at.dataframe[0].value, at.dataframe[1].value
    assert len(at.dataframe) == 3
    assert len(bought) > 0 and len(sold) > 0
    summary = next(m.value for m in at.markdown if "Reported as buyer" in shown(m.value))
    assert "(Deals?country=TUR&role=recipient" in summary
    assert "Reported as seller" in shown(summary)
    # The export's rows are the register's rows, in both formats.
    csv_rows = pd.read_csv(io.BytesIO(downloads["register_TUR.csv"]), encoding="utf-8-sig")
    assert len(csv_rows) == len(bought) + len(sold)
    assert list(csv_rows.columns[:10]) == [
        "Supplier", "Recipient", "Designation", "Category", "Number ordered", "Order year",
        "Delivery years", "Number delivered", "Status", "Comments",
    ]  # fmt: skip
    assert "register_TUR.xlsx" not in downloads  # built when clicked (the browser test does)
    with store.connect(corpus_db, read_only=True) as con:
        ids = set(queries.deals(con, queries.Filters(countries=("TUR",)))["id"])
    assert set(csv_rows["Deal id"]) == ids


def test_country_register_shows_key_columns_and_more_on_request(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(ROOT / "pages" / "6_Country.py", corpus_db, monkeypatch, {"country": "TUR"})
    sides = [e for e in at.dataframe if "Partner" in e.value.columns]
    assert len(sides) == 2
    assert all(list(e.proto.column_order) == list(SIDE_KEY_COLUMNS) for e in sides)
    at.multiselect(key="country_extra_columns").set_value(["Value"]).run()
    assert not at.exception
    sides = [e for e in at.dataframe if "Partner" in e.value.columns]
    assert all(list(e.proto.column_order) == [*SIDE_KEY_COLUMNS, "Value"] for e in sides)


def test_country_register_follows_other_filters(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(
        ROOT / "pages" / "6_Country.py",
        corpus_db,
        monkeypatch,
        {"country": "TUR", "status": "signed"},
    )
    assert not at.exception
    registers = [e.value for e in at.dataframe if "Partner" in e.value.columns]
    assert registers and all(set(t["Status"]) == {"signed"} for t in registers)


def test_country_without_deals_says_so(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with store.connect(corpus_db, read_only=True) as con:
        row = con.execute("SELECT iso3 FROM countries WHERE roles = 'mentioned' LIMIT 1").fetchone()
    assert row is not None
    at = _open(ROOT / "pages" / "6_Country.py", corpus_db, monkeypatch, {"country": row[0]})
    assert not at.exception
    assert any(i.value.startswith("No deals with") for i in at.info)
    assert not [e for e in at.dataframe if "Partner" in e.value.columns]


def test_country_page_asks_for_a_country_and_picking_one_filters_every_page(
    corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(ROOT / "pages" / "6_Country.py", corpus_db, monkeypatch)
    assert not at.exception
    assert any("Pick a country" in i.value for i in at.info)
    at.selectbox[0].set_value("IND").run()
    assert not at.exception
    assert at.query_params["country"] in ("IND", ["IND"])
    assert any("as recipient" in h.value for h in at.subheader)


def test_register_export_is_injection_safe(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from armstrack.register import EXPORT_COLUMNS, xlsx_bytes

    rows = pd.DataFrame([{c: None for c in EXPORT_COLUMNS}])
    rows.loc[0, "Evidence"] = '=HYPERLINK("http://evil.example","x")'
    rows.loc[0, "Designation"] = "S-400"
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows))).active
    assert sheet is not None
    values = [c.value for c in sheet[2]]
    assert '\'=HYPERLINK("http://evil.example","x")' in values and "S-400" in values
    assert all(c.data_type != "f" for c in sheet[2])
