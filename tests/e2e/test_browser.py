"""The dashboard in a real browser: Debian's Chromium driven by Playwright, no network."""

from __future__ import annotations

import csv
import io
import math
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from armstrack import store
from armstrack.ingest import article_files, ensure_store, ingest_files
from armstrack.tools import pages as app_pages

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("ARMSTRACK_CHROMIUM", "/usr/bin/chromium")

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("e2e") / "e2e.duckdb"
    ensure_store(db)
    with store.connect(db) as con:
        fixtures = ROOT / "tests" / "fixtures"
        folders = [ROOT / "tests" / "articles", fixtures / "merge", fixtures / "hostile"]
        ingest_files(con, article_files(folders))
    port = _free_port()
    env = {**os.environ, "ARMSTRACK_DB": str(db)}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: install Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    outside: list[str] = []
    dialogs: list[str] = []
    # Everything the page loads must come from the app itself: fully offline.
    local = ("http://127.0.0.1", "data:", "blob:")
    page.on("request", lambda r: None if r.url.startswith(local) else outside.append(r.url))
    # No script from an article may ever run.
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()
    assert outside == [], f"requests left the machine: {outside[:5]}"
    assert dialogs == [], f"article script ran: {dialogs}"


def _wait_ready(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=30_000)
    # Streamlit shows its status widget while the script runs.
    page.wait_for_timeout(500)
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=30_000)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_overview_filter_deals_select_and_download(page: Page, app_url: str) -> None:
    page.goto(app_url)
    _wait_ready(page, "Arms-deal news dashboard")
    _shot(page, "overview")
    # Pick a country in the shared sidebar filter.
    page.get_by_role("combobox", name="Countries").click()
    page.keyboard.type("Turkey")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('country=TUR')", timeout=15_000)
    _shot(page, "overview_turkey")
    # Switch to Deals: the filter comes along.
    page.get_by_role("link", name="Deals").click()
    _wait_ready(page, "Deals")
    page.wait_for_function("() => location.search.includes('country=TUR')", timeout=15_000)
    expect(page.get_by_text("view: TUR")).to_be_visible()
    caption = page.get_by_text(re.compile(r" deals? · view:")).inner_text()
    shown = int(caption.split()[0].replace(",", ""))
    # Select the first row of the deals table (the grid draws on a canvas: click its row marker).
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 18)
    expect(page.get_by_text("Status history:")).to_be_visible(timeout=15_000)
    _shot(page, "deals_selected")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download deals CSV").click()
    download = info.value
    assert download.suggested_filename == "deals_TUR.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == shown > 0
    assert all("TUR" in (row["supplier"], row["recipient"]) for row in rows)


def test_shared_url_restores_view(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/Deals?country=KOR&role=supplier&status=signed")
    _wait_ready(page, "Deals")
    expect(page.get_by_text("view: KOR as supplier; signed")).to_be_visible()
    _shot(page, "deals_shared_view")


PAGES = [(p.url_path, p.heading, p.name) for p in app_pages.PAGES]


@pytest.mark.parametrize(("path", "heading", "name"), PAGES, ids=[p[2] for p in PAGES])
def test_every_page_renders_offline(
    page: Page, app_url: str, path: str, heading: str, name: str
) -> None:
    page.goto(f"{app_url}/{path}")
    _wait_ready(page, heading)
    page.wait_for_timeout(1500)
    _shot(page, f"page_{name}")


def test_map_canvas_is_drawn(page: Page, app_url: str, tmp_path: Path) -> None:
    from PIL import Image

    page.goto(f"{app_url}/Map")
    _wait_ready(page, "Map")
    chart = page.locator("[data-testid='stVegaLiteChart'] canvas").first
    expect(chart).to_be_visible(timeout=30_000)
    page.wait_for_timeout(3000)
    chart.screenshot(path=str(tmp_path / "map.png"))
    image = Image.open(tmp_path / "map.png").convert("RGB").resize((200, 120))
    colours = image.getcolors(maxcolors=200 * 120) or []
    assert len(colours) > 20  # outlines, shading and arcs, not a blank canvas
    assert max(colours)[0] / (200 * 120) < 0.9


def test_map_outlines_come_once_from_their_file_not_with_every_rerun(
    laptop: Page, app_url: str
) -> None:
    """The outlines are a file the app serves: the map fetches it as it opens, and a rerun for
    another filter fetches nothing more (only the view's shading, arcs and places change)."""
    fetched: list[tuple[str, int]] = []
    laptop.on(
        "response",
        lambda r: (
            fetched.append((r.url, r.status)) if "/app/static/countries.json" in r.url else None
        ),
    )
    laptop.goto(f"{app_url}/Map")
    _wait_ready(laptop, "Map")
    expect(laptop.locator("[data-testid='stVegaLiteChart'] canvas").first).to_be_visible(
        timeout=30_000
    )
    laptop.wait_for_timeout(2000)
    assert fetched and all(status == 200 for _, status in fetched)
    assert all(url.startswith(app_url) and "?v=" in url for url, _ in fetched)
    before = len(fetched)
    laptop.get_by_test_id("stSidebar").get_by_text("Supplier", exact=True).click()
    laptop.wait_for_function("() => location.search.includes('role=supplier')", timeout=15_000)
    _wait_ready(laptop, "Map")
    laptop.wait_for_timeout(2000)
    assert len(fetched) == before


def _map_point(box: dict[str, float], lon: float, lat: float) -> tuple[float, float]:
    """Where a longitude and latitude fall on the map (Mercator centred on `mapchart.CENTRE`,
    the world from `WEST` to `EAST` and `SOUTH` to `NORTH` fitted to the chart)."""
    from components.mapchart import CENTRE, EAST, NORTH, SOUTH, WEST

    def mercator(degrees: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(degrees) / 2))

    scale = min(
        box["width"] / math.radians(EAST - WEST),
        box["height"] / (mercator(NORTH) - mercator(SOUTH)),
    )
    x = box["x"] + box["width"] / 2 + scale * math.radians(lon - CENTRE[0])
    y = box["y"] + box["height"] / 2 - scale * (mercator(lat) - mercator(CENTRE[1]))
    return x, y


def test_clicking_a_country_where_its_arcs_meet_filters_every_page(
    laptop: Page, app_url: str
) -> None:
    """Turkey's arcs all end at its centre: a click there picks Turkey, not one of the arcs,
    and every page follows."""
    from armstrack import gazetteer

    laptop.goto(f"{app_url}/Map")
    _wait_ready(laptop, "Map")
    view = laptop.locator("[data-testid='stVegaLiteChart'] canvas").first
    expect(view).to_be_visible(timeout=30_000)
    laptop.wait_for_timeout(2000)
    box = view.bounding_box()
    assert box is not None
    turkey = gazetteer.countries()["TUR"]
    x, y = _map_point(box, turkey.lon, turkey.lat)
    # An analyst's pointer comes to the country before it clicks: the tooltip names Turkey.
    laptop.mouse.move(x - 40, y + 40)
    laptop.mouse.move(x, y, steps=5)
    expect(laptop.locator("#vg-tooltip-element")).to_contain_text("Turkey (TUR)", timeout=10_000)
    _shot(laptop, "map_hover_turkey")
    view.click(position={"x": x - box["x"], "y": y - box["y"]})
    laptop.wait_for_function("() => location.search.includes('country=TUR')", timeout=15_000)
    _wait_ready(laptop, "Map")
    expect(laptop.get_by_role("link", name="Turkey: its trade register")).to_be_visible()
    for link, heading in (("Deals", "Deals"), ("Timeline", "Timeline")):
        laptop.get_by_test_id("stSidebar").get_by_role("link", name=link, exact=True).click()
        _wait_ready(laptop, heading)
        expect(laptop.get_by_text(re.compile(r"view: TUR$")).first).to_be_visible()


def test_article_markup_shows_as_text(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/Sources")
    _wait_ready(page, "Sources")
    page.get_by_role("combobox", name="Article").click()
    page.keyboard.type("Egypt orders jets")
    page.keyboard.press("Enter")
    expect(page.get_by_text("<script>alert(1)</script>", exact=False).first).to_be_visible(
        timeout=15_000
    )
    expect(page.get_by_text("<img src=x onerror=alert(2)>", exact=False).first).to_be_visible()
    assert page.locator("img[src='x']").count() == 0
    _shot(page, "sources_hostile_article")
    page.goto(f"{app_url}/Deals?country=EGY")
    _wait_ready(page, "Deals")
    assert page.locator("img[src='x']").count() == 0


def test_upload_through_the_page_then_see_it_on_deals(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    # A buyer no other test article names, so the view holds exactly the uploaded deal.
    article = tmp_path / "norway-nasams.md"
    article.write_text(
        "---\ntitle: Montenegro orders NASAMS\npublished: 2025-05-06\nsource: Adriatic Brief\n---\n\n"
        "Montenegro signed a contract for six NASAMS batteries from Norway on Monday, the defence ministry said.",
        encoding="utf-8",
    )
    page.goto(f"{app_url}/Add_article")
    _wait_ready(page, "Add article")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(article))
    expect(page.get_by_text("Montenegro orders NASAMS").first).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(3, timeout=15_000)
    page.wait_for_timeout(1500)  # let the tables draw before the screenshot
    _shot(page, "add_article_preview")
    page.get_by_role("button", name="Save 1 article").click()
    expect(page.get_by_text("Saved 1 article:")).to_be_visible(timeout=30_000)
    page.goto(f"{app_url}/Deals?country=MNE")
    _wait_ready(page, "Deals")
    expect(page.get_by_text("1 deal · view: MNE")).to_be_visible(timeout=15_000)
    _shot(page, "deals_after_upload")


def test_country_register_from_the_map_link_with_downloads(page: Page, app_url: str) -> None:
    """Pick a country on the Map, follow its register link, read both sides, download both
    files: the Excel rows are the CSV rows."""
    page.goto(f"{app_url}/Map?country=TUR")
    _wait_ready(page, "Map")
    page.get_by_role("link", name="Turkey: its trade register").click()
    _wait_ready(page, "Country register")
    page.wait_for_function("() => location.search.includes('country=TUR')", timeout=15_000)
    expect(page.get_by_text("Turkey as recipient: what it bought")).to_be_visible()
    expect(page.get_by_text("Turkey as supplier: what it sold")).to_be_visible()
    expect(page.get_by_text("Reported as buyer in")).to_be_visible()
    page.wait_for_timeout(1500)
    _shot(page, "country_register")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download register CSV").click()
    assert info.value.suggested_filename == "register_TUR.csv"
    rows = list(
        csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig")))
    )
    _wait_ready(page, "Country register")  # the click reruns the page
    with page.expect_download() as info:
        page.get_by_role("button", name="Download register Excel").click()
    from openpyxl import load_workbook

    assert info.value.suggested_filename == "register_TUR.xlsx"
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    assert sheet is not None and sheet.max_row == len(rows) + 1 > 1
    assert all("Turkey" in (row["Supplier"], row["Recipient"]) for row in rows)
    # A number in the summary leads to the rows behind it on the Deals page.
    link = page.get_by_role("link", name=re.compile(r"^\d+ deals?$")).first
    count = int(link.inner_text().split()[0])
    href = link.get_attribute("href") or ""
    assert href.startswith("Deals?") and "country=TUR" in href and "role=recipient" in href
    page.goto(f"{app_url}/{href}")
    _wait_ready(page, "Deals")
    noun = "deal" if count == 1 else "deals"
    expect(page.get_by_text(f"{count} {noun} · view: TUR as recipient")).to_be_visible()


HOSTILE_QUERY = (
    "country=%21%5Bx%5D%28http%3A%2F%2F203.0.113.9%2Fc.png%29,TUR"
    "&q=%3Ared%5Bshout%5D%20%24E%3Dmc%5E2%24%20%21%5By%5D%28http%3A%2F%2F203.0.113.9%2Fq.png%29"
    "&status=%24%5Cfrac%7B1%7D%7B2%7D%24,signed&years=0-99999999999999999999"
    "&system=%E2%80%AES-400&role=%3Cscript%3E"
)


@pytest.mark.parametrize(("path", "heading", "name"), PAGES, ids=[p[2] for p in PAGES])
def test_hostile_addresses_render_as_text(
    page: Page, app_url: str, path: str, heading: str, name: str
) -> None:
    """Markdown, LaTeX, colour directives, bidi controls and out-of-range years in the address
    never render, never fetch anything from another host, never raise."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{app_url}/{path}?{HOSTILE_QUERY}")
    _wait_ready(page, heading)
    page.wait_for_timeout(1000)
    outside = [u for u in requests if not u.startswith((app_url, "data:", "blob:"))]
    assert not outside, outside
    expect(page.get_by_text("were not understood and were left out")).to_be_visible()
    assert page.locator("img[src*='203.0.113.9']").count() == 0
    assert page.locator(".katex").count() == 0
    _shot(page, f"hostile_{name}")


@pytest.fixture
def laptop(browser: Browser) -> Iterator[Page]:
    """A page at 1440 x 900, the screen an analyst's laptop gives the dashboard."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def _grid(page: Page, key: str) -> dict[str, Any]:
    """A table's grid as the browser has it: its scrollable and visible widths, and the text of
    its header and body cells (the grid draws on a canvas; its accessible table holds the text)."""
    grid: dict[str, Any] = page.evaluate(
        """key => {
            const box = document.querySelector(`.st-key-${key}`);
            const scroller = box.querySelector(".dvn-scroller");
            const text = role => [...box.querySelectorAll(`[role='${role}']`)].map(e => e.textContent);
            return {scroll: scroller.scrollWidth, visible: scroller.clientWidth,
                    headers: text("columnheader"), cells: text("gridcell")};
        }""",
        key,
    )
    return grid


def test_deals_key_columns_fit_at_1440(laptop: Page, app_url: str) -> None:
    laptop.goto(f"{app_url}/Deals")
    _wait_ready(laptop, "Deals")
    expect(laptop.locator(".st-key-table_deals [data-testid='stDataFrame']")).to_be_visible()
    laptop.wait_for_timeout(1000)
    _shot(laptop, "deals_1440")
    grid = _grid(laptop, "table_deals")
    for column in ("Supplier", "Recipient", "System", "Status", "Certainty", "Sources"):
        assert column in grid["headers"]
    assert "Order date" in grid["headers"] and "Delivery date" in grid["headers"]
    assert grid["scroll"] <= grid["visible"], f"the deals table scrolls sideways: {grid}"
    # Dates read as words, not EDTF.
    assert grid["cells"] and not [c for c in grid["cells"] if re.search(r"\d{4}-\d{2}|/\.\.", c)]


@pytest.mark.parametrize(
    ("path", "heading"),
    [("", "Arms-deal news dashboard"), ("Deals", "Deals"), ("Sources", "Sources"),
     ("Country?country=TUR", "Country register")],
    ids=["overview", "deals", "sources", "country"],
)  # fmt: skip
def test_each_download_holds_the_rows_its_label_names(
    laptop: Page, app_url: str, path: str, heading: str
) -> None:
    laptop.goto(f"{app_url}/{path}")
    _wait_ready(laptop, heading)
    buttons = laptop.get_by_role("button", name=re.compile(r"CSV \([\d,]+ rows?\)$"))
    expect(buttons.first).to_be_visible(timeout=15_000)
    # Each button is found again by its own label: the page reruns after every download and
    # may draw its buttons in between, so a position read before the click can name another.
    labels = [text.strip().splitlines()[-1] for text in buttons.all_inner_texts()]
    assert labels and len(set(labels)) == len(labels), labels
    for label in labels:
        named = int(re.findall(r"\(([\d,]+) rows?\)", label)[-1].replace(",", ""))
        button = laptop.get_by_role("button", name=re.compile(re.escape(label) + "$"))
        expect(button).to_be_enabled(timeout=15_000)
        with laptop.expect_download() as info:
            button.click()
        text = Path(info.value.path()).read_text(encoding="utf-8-sig")
        assert len(list(csv.DictReader(io.StringIO(text)))) == named, label
        _wait_ready(laptop, heading)  # the click reruns the page


@pytest.mark.parametrize(
    ("path", "heading"),
    [("", "Arms-deal news dashboard"), ("Sources", "Sources"),
     ("Country?country=TUR", "Country register"), ("Map", "Map")],
    ids=["overview", "sources", "country", "map"],
)  # fmt: skip
def test_every_table_fits_at_1440(laptop: Page, app_url: str, path: str, heading: str) -> None:
    laptop.goto(f"{app_url}/{path}")
    _wait_ready(laptop, heading)
    grids = laptop.locator("[data-testid='stDataFrame'] .dvn-scroller")
    expect(grids.first).to_be_attached(timeout=15_000)
    laptop.wait_for_timeout(1000)
    sizes = grids.evaluate_all("grids => grids.map(g => [g.scrollWidth, g.clientWidth])")
    assert sizes and all(scroll <= visible for scroll, visible in sizes), sizes


def test_timeline_lists_the_points_in_a_dragged_box(laptop: Page, app_url: str) -> None:
    laptop.goto(f"{app_url}/Timeline?country=NOR")
    _wait_ready(laptop, "Timeline")
    point = laptop.locator(".js-plotly-plot .scatterlayer .trace .points path").first
    expect(point).to_be_attached(timeout=15_000)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # Dragging pans the dates; the box is a tool of the chart's modebar, shown on hover.
    laptop.mouse.move(x, y)
    laptop.locator(".modebar-btn[data-title='Box Select']").first.click()
    laptop.mouse.move(x - 25, y - 15)
    laptop.mouse.down()
    laptop.mouse.move(x + 25, y + 15, steps=8)
    laptop.mouse.up()
    heading = laptop.get_by_role("heading", name=re.compile(r"^\d+ selected events?$"))
    expect(heading).to_be_visible(timeout=15_000)
    _wait_ready(laptop, "Timeline")
    _shot(laptop, "timeline_selected")
    listed = int(heading.inner_text().split()[0])
    button = laptop.get_by_role("button", name=re.compile(r"Download selected events CSV"))
    assert f"({listed} row" in button.inner_text()
    with laptop.expect_download() as info:
        button.click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(text)))) == listed >= 1


def test_timeline_lists_a_clicked_point(laptop: Page, app_url: str) -> None:
    """One click on a diamond lists that event, with its download."""
    laptop.goto(f"{app_url}/Timeline?country=NOR")
    _wait_ready(laptop, "Timeline")
    point = laptop.locator(".js-plotly-plot .scatterlayer .trace .points path").first
    expect(point).to_be_attached(timeout=15_000)
    point.scroll_into_view_if_needed()
    laptop.wait_for_timeout(500)
    box = point.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    laptop.mouse.move(x - 30, y)
    laptop.mouse.move(x, y, steps=5)
    hover = laptop.locator(".js-plotly-plot .hoverlayer .hovertext").first
    expect(hover).to_be_visible(timeout=10_000)
    hovered = hover.text_content() or ""
    laptop.mouse.click(x, y)
    heading = laptop.get_by_role("heading", name="1 selected event", exact=True)
    expect(heading).to_be_visible(timeout=15_000)
    _wait_ready(laptop, "Timeline")
    _shot(laptop, "timeline_clicked")
    button = laptop.get_by_role("button", name=re.compile(r"Download selected events CSV"))
    assert "(1 row)" in button.inner_text()
    with laptop.expect_download() as info:
        button.click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    # The event listed is the one under the pointer: its evidence is the hover's.
    assert len(rows) == 1 and "NOR" in rows[0]["actors"]
    assert rows[0]["evidence"][:60] in " ".join(hovered.split())


def test_timeline_draws_only_the_open_tab(laptop: Page, app_url: str) -> None:
    """The deal lifecycles are drawn when their tab is opened, not beside the events unseen."""
    laptop.goto(f"{app_url}/Timeline")
    _wait_ready(laptop, "Timeline")
    expect(laptop.locator(".st-key-timeline_chart .js-plotly-plot").first).to_be_visible(
        timeout=15_000
    )
    assert laptop.locator(".st-key-timeline_deals").count() == 0
    laptop.get_by_role("tab", name="Deal lifecycles").click()
    expect(laptop.locator(".st-key-timeline_deals .js-plotly-plot").first).to_be_visible(
        timeout=15_000
    )
    _wait_ready(laptop, "Timeline")
    assert laptop.locator(".st-key-timeline_chart").count() == 0


def test_timeline_dates_along_the_top_read_as_those_below(laptop: Page, app_url: str) -> None:
    """Where a tick of the top axis and one of the bottom axis stand together, they name the
    same date."""
    laptop.goto(f"{app_url}/Timeline")
    _wait_ready(laptop, "Timeline")
    chart = laptop.locator(".st-key-timeline_chart .js-plotly-plot").first
    expect(chart.locator("g.x2tick text").first).to_be_attached(timeout=15_000)

    def labels(kind: str) -> dict[float, str]:
        found = chart.evaluate(
            f"""g => [...g.querySelectorAll('g.{kind} text')].map(
                t => [t.getAttribute('transform'), t.textContent])"""
        )
        return {round(float(str(at).split("(")[1].split(",")[0])): text for at, text in found}

    top, bottom = labels("x2tick"), labels("xtick")
    together = set(top) & set(bottom)
    assert len(together) >= 2, (top, bottom)
    assert all(top[x] == bottom[x] for x in together), (top, bottom)
