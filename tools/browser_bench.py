"""The dashboard's speed in a real browser: Debian's Chromium at 1440 x 900, driven by Playwright.

For every page of the sidebar it measures the time from clicking the page's link to the page's
main chart or table being visible, in two views (everything, and one country), over several
rounds in which every page reads the store afresh, with the median and the maximum; and the
first page after the server starts, on the given store and on an absent one (which the first
start builds from the seeds).

    .venv/bin/python -m tools.browser_bench --events 1000000       # a generated store
    .venv/bin/python -m tools.browser_bench --db data/armstrack.duckdb --shots screenshots/
    .venv/bin/python -m armstrack bench --browser --events 1000000  # the same, from the CLI

Results go to `bench-results/browser.json` (git-ignored) unless `--out` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from armstrack import store
from armstrack.tools.pages import PAGES

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("ARMSTRACK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1440, "height": 900}
OUT = ROOT / "bench-results" / "browser.json"
TIMEOUT_MS = 120_000
# Each page's main chart or table, by its script path in armstrack.tools.pages.PAGES. The Country page
# draws its register only for a chosen country; with none it asks for one.
MAIN = {
    "dashboard.py": ".st-key-chart_suppliers .top-bars",
    "pages/1_Deals.py": ".st-key-table_deals [data-testid='stDataFrame']",
    "pages/6_Country.py": ".st-key-chart_funnel .stage-funnel",
    "pages/2_Timeline.py": ".st-key-timeline_chart .js-plotly-plot .scatterlayer",
    "pages/3_Map.py": "[data-testid='stVegaLiteChart'] canvas",
    "pages/4_Sources.py": ".st-key-reader_facts [data-testid='stDataFrame']",
    "pages/5_Add_article.py": ".st-key-add_files [data-testid='stFileUploaderDropzone']",
}
COUNTRY_PROMPT = ".st-key-country_pick_None"
VIEWS = ("", "USA")  # everything, then one country (the Country page draws its register)
ROUNDS = 5


def pages() -> tuple[tuple[str, str, str], ...]:
    """The sidebar's pages, (script path, label, icon), from the app's one list of them."""
    return tuple((p.script, p.label, p.icon) for p in PAGES)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(db: Path) -> Iterator[tuple[str, float]]:
    """`python -m armstrack serve` (what `make run` starts) on `db` and a free loopback port;
    yields the address and the moment the process was started (perf_counter), once the server
    answers its health check."""
    port = _free_port()
    env = {**os.environ, "ARMSTRACK_DB": str(db)}
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "armstrack", "serve", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)
        yield url, started
    finally:
        server.terminate()
        server.wait(timeout=30)


def main_selector(path: str, country: str) -> str:
    return COUNTRY_PROMPT if path == "pages/6_Country.py" and not country else MAIN[path]


# Every long task (50 ms or more of the page's main thread) is noted with the moment it ended:
# a page whose chart is on screen may still be drawing it (the map's shapes come after its
# canvas), and that work would otherwise be billed to whichever page is clicked next.
LONG_TASKS = """
window.__longTasksEnded = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasksEnded.push(e.startTime + e.duration);
}).observe({type: "longtask", buffered: true});
"""
QUIET_MS = 600  # no long task for this long: the page is done drawing
QUIET_LIMIT_MS = 20_000


def _quiet(page: Page, clicked_at: float, visible_ms: float) -> int:
    """Milliseconds from the click (`clicked_at`, the page's clock) until the page's main
    thread ran its last long task before `QUIET_MS` without one: when what the click brought
    is drawn. Never less than `visible_ms`."""
    while True:
        now, last = page.evaluate(
            "() => [performance.now(), Math.max(0, ...window.__longTasksEnded)]"
        )
        busy_until = max(last, clicked_at + visible_ms)
        if now - busy_until >= QUIET_MS or now - clicked_at > QUIET_LIMIT_MS:
            return round(busy_until - clicked_at)
        page.wait_for_timeout(100)


def _settled(page: Page) -> None:
    """Wait until the script run is over (Streamlit shows its status widget while it runs)."""
    page.wait_for_timeout(200)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached", timeout=TIMEOUT_MS)


# The moment (the page's clock) an element matching the selector is first visible, as Playwright
# counts it (a box of some size, not hidden), checked at every frame the browser draws. Playwright's
# own wait checks ever less often, every half second after the first 270 ms, and a check waits
# for the page's script to pause, so what it reports may trail the moment by half a second.
SHOWN_AT = """selector => {
  const e = document.querySelector(selector);
  if (!e) return false;
  const box = e.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden"
    ? performance.now() : false;
}"""


def _shown_at(page: Page, selector: str) -> float:
    """When the first element matching `selector` was first drawn visible (page clock, ms)."""
    handle = page.wait_for_function(SHOWN_AT, arg=selector, polling="raf", timeout=TIMEOUT_MS)
    return float(handle.json_value())


def cold_first_page(browser: Browser, db: Path) -> float:
    """Seconds from starting the server to the Overview's main chart in the browser."""
    with serve(db) as (url, started):
        context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        try:
            page = context.new_page()
            page.goto(url)
            _shown_at(page, MAIN["dashboard.py"])
            return round(time.perf_counter() - started, 2)
        finally:
            context.close()


def click_through(
    page: Page, url: str, db: Path, view: str, rounds: int, shots: Path | None = None
) -> list[dict[str, Any]]:
    """Open the Add article page (which reads almost nothing) with `view` in its address, then
    click every page's sidebar link in menu order, Add article last, `rounds` times. The first
    round is a first visit (the browser loads each page's chart code then); before each later
    one the store's file is touched, so its version changes as after an ingest and every page
    reads the store again rather than its cached view. Each timing runs from the click to the
    page's main chart or table being visible; `done_ms` to the end of the script run; `quiet_ms`
    until the browser stopped working on the page (`_quiet`), the next click waiting for it."""
    runs: list[dict[str, Any]] = []
    order = [p for p in pages() if p[0] != "pages/5_Add_article.py"]
    order += [p for p in pages() if p[0] == "pages/5_Add_article.py"]
    page.goto(f"{url}/Add_article" + (f"?country={view}" if view else ""))
    page.locator(MAIN["pages/5_Add_article.py"]).wait_for(state="visible", timeout=TIMEOUT_MS)
    _settled(page)
    for round_ in range(rounds):
        if round_:
            os.utime(db)
        for path, label, _icon in order:
            link = page.get_by_test_id("stSidebar").get_by_role("link", name=label, exact=True)
            target = page.locator(main_selector(path, view)).first
            clicked_at = page.evaluate("() => performance.now()")
            start = time.perf_counter()
            link.click()
            visible = (_shown_at(page, main_selector(path, view)) - clicked_at) / 1000
            target.wait_for(state="visible", timeout=TIMEOUT_MS)
            _settled(page)
            done = time.perf_counter() - start
            quiet = _quiet(page, clicked_at, visible * 1000)
            assert page.get_by_test_id("stException").count() == 0, f"{label} raised"
            runs.append(
                {"page": label, "view": view or "all", "round": round_ + 1,
                 "visible_ms": round(visible * 1000), "done_ms": round(done * 1000),
                 "quiet_ms": quiet}
            )  # fmt: skip
            if shots is not None and round_ == 0:
                shots.mkdir(parents=True, exist_ok=True)
                page.wait_for_timeout(1500)  # let canvases draw
                name = label.lower().replace(" ", "_")
                page.screenshot(path=str(shots / f"{name}_{view or 'all'}.png"), full_page=True)
    return runs


def summarise(runs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per page: the first visit's time, and the median and maximum of the later rounds (of
    the first visits when there were no others)."""
    out: dict[str, dict[str, Any]] = {}
    for _path, label, _icon in pages():
        mine = [r for r in runs if r["page"] == label]
        if not mine:
            continue
        later = [r for r in mine if r["round"] > 1] or mine
        out[label] = {
            "first_visit_ms": max(r["visible_ms"] for r in mine if r["round"] == 1),
            "clicks": len(later),
            "median_ms": round(statistics.median(r["visible_ms"] for r in later)),
            "max_ms": max(r["visible_ms"] for r in later),
            "done_median_ms": round(statistics.median(r["done_ms"] for r in later)),
            "quiet_median_ms": round(statistics.median(r["quiet_ms"] for r in later)),
        }
    return out


def run(
    db: Path, views: tuple[str, ...] = VIEWS, rounds: int = ROUNDS, shots: Path | None = None
) -> dict[str, Any]:
    """The browser figures for the store at `db`, each view in a browser session of its own
    (the file's modification time changes, and a first start adds the seeds a store lacks)."""
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: install Debian's chromium"
    report: dict[str, Any] = {
        "viewport": VIEWPORT,
        "views": [v or "all" for v in views],
        "rounds": rounds,
    }
    runs: list[dict[str, Any]] = []
    # The machine's load as the run starts and ends: other work on it slows every figure.
    report["load_average_start"] = round(os.getloadavg()[0], 2)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                report["cold_first_page_with_build_s"] = cold_first_page(
                    browser, Path(tmp) / "absent.duckdb"
                )
            report["cold_first_page_s"] = cold_first_page(browser, db)
            with serve(db) as (url, _started):
                for view in views:
                    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
                    context.add_init_script(LONG_TASKS)
                    try:
                        runs += click_through(context.new_page(), url, db, view, rounds, shots)
                    finally:
                        context.close()
        finally:
            browser.close()
    with store.connect(db, read_only=True) as con:
        counts = store.counts(con)
    report["store"] = {k: counts[k] for k in ("articles", "events", "deals")}
    report["pages"] = {
        view or "all": summarise([r for r in runs if r["view"] == (view or "all")])
        for view in views
    }
    report["runs"] = runs
    report["load_average_end"] = round(os.getloadavg()[0], 2)
    report["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    return report


def table(report: dict[str, Any]) -> str:
    s = report["store"]
    lines = [
        f"store     {s['articles']:,} articles, {s['events']:,} events, {s['deals']:,} deals; "
        f"Chromium {report['viewport']['width']}x{report['viewport']['height']}",
        f"cold      first page {report['cold_first_page_s']} s on this store, "
        f"{report['cold_first_page_with_build_s']} s with the store built from the seeds",
        f"machine   {report['machine']['cpus']} cpus, load average {report['load_average_start']}"
        f" at the start, {report['load_average_end']} at the end",
    ]
    for view, figures in report["pages"].items():
        lines += [
            f"click     {view:4s} {label}: {p['median_ms']} ms median, {p['max_ms']} ms max to "
            f"the main chart or table ({p['clicks']} clicks; first visit {p['first_visit_ms']} "
            f"ms; run done {p['done_median_ms']} ms; drawn, the browser quiet, "
            f"{p['quiet_median_ms']} ms)"
            for label, p in figures.items()
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.browser_bench", description=__doc__)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", type=Path, help="an existing store to measure")
    source.add_argument("--events", type=int, help="generate a store of N events, N/10 deals")
    parser.add_argument("--views", type=int, default=len(VIEWS), help="views: all, then USA")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="click-throughs per view")
    parser.add_argument("--shots", type=Path, help="save a screenshot of every page here")
    parser.add_argument("--out", type=Path, default=OUT, help="JSON results file")
    parser.add_argument("--json", action="store_true", help="print the JSON, not the table")
    args = parser.parse_args(argv)
    views = VIEWS[: max(1, args.views)]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from armstrack.tools.bench import build_large_store

            db = Path(tmp) / "large.duckdb"
            build_large_store(db, args.events)
        report = run(db, views, max(1, args.rounds), args.shots)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report) if args.json else table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
