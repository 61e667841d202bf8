"""Analyst review in a real browser: reject a phantom deal, correct another, and find both
reviews in what is shown and downloaded after a reload."""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from armstrack import store
from armstrack.ingest import article_files, ensure_store, ingest_files

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ARMSTRACK_CHROMIUM", "/usr/bin/chromium")

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on a store of its own, which this module's reviews change."""
    db = tmp_path_factory.mktemp("review") / "review.duckdb"
    ensure_store(db)
    with store.connect(db) as con:
        ingest_files(con, article_files([ROOT / "tests" / "articles"]))
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
def page() -> Iterator[Page]:
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: install Debian's chromium"
    with sync_playwright() as p:
        browser: Browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, accept_downloads=True
        )
        yield context.new_page()
        context.close()
        browser.close()


def _wait_ready(page: Page) -> None:
    expect(page.get_by_role("heading", name="Deals", exact=True)).to_be_visible(timeout=30_000)
    page.wait_for_timeout(500)
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=30_000)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def _shown(page: Page) -> int:
    caption = page.get_by_text(re.compile(r" deals? · view:")).inner_text()
    return int(caption.split()[0].replace(",", ""))


def _select_first_deal(page: Page) -> None:
    """Select the first row of the deals table (a canvas grid: click its row marker)."""
    grid = page.locator(".st-key-table_deals [data-testid='stDataFrame']")
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 18)
    expect(page.get_by_text("Status history:")).to_be_visible(timeout=15_000)


def _save(page: Page, action: str, reviewer: str) -> None:
    form = page.locator("[data-testid='stForm']")
    form.get_by_label("Your name (reviewer)").fill(reviewer)
    form.get_by_text(action).click()


def _choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a select box in the review form. The form may still be redrawing from
    the last click, which closes a list opened too early: open it again until it shows."""
    field = page.locator("[data-testid='stForm']").get_by_label(label)
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(5):
        _wait_ready(page)
        field.click()
        try:
            choice.wait_for(state="visible", timeout=5_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        choice.click()
        return
    raise AssertionError(f"the {label!r} list never showed {option!r}")


def _submit(page: Page, said: str) -> None:
    page.get_by_role("button", name="Save review").click()
    expect(page.locator("[data-testid='stAlert']").filter(has_text=said)).to_be_visible(
        timeout=30_000
    )
    _wait_ready(page)


def test_reject_a_phantom_and_correct_a_status_then_download(page: Page, app_url: str) -> None:
    # Azerbaijan read as selling Armenia French howitzers: a phantom deal.
    page.goto(f"{app_url}/Deals?country=AZE&role=supplier&system=CAESAR")
    _wait_ready(page)
    assert _shown(page) == 1
    _select_first_deal(page)
    _save(page, "Reject: not a deal, or the wrong pair", "Ana")
    page.locator("[data-testid='stForm']").get_by_label("Note (optional)").fill("wrong pair")
    _submit(page, "Rejected")
    expect(page.get_by_text(re.compile(r"No deals match"))).to_be_visible()

    # Another deal of the same buyer: its status corrected.
    page.goto(f"{app_url}/Deals?country=ARM&system=Pinaka")
    _wait_ready(page)
    assert _shown(page) == 1
    _select_first_deal(page)
    _save(page, "Correct the values", "Ana")
    _choose(page, "Status", "delivering")
    _submit(page, "Corrected")

    # Reload the buyer's view: the phantom is gone, the correction stands.
    page.goto(f"{app_url}/Deals?country=ARM")
    _wait_ready(page)
    page.reload()
    _wait_ready(page)
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"Download deals CSV")).click()
    rows = list(
        csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig")))
    )
    assert len(rows) == _shown(page) > 0
    assert not [r for r in rows if r["supplier"] == "AZE" and r["system"] == "CAESAR"]
    pinaka = [r for r in rows if r["system"] == "Pinaka"]
    assert len(pinaka) == 1
    assert (pinaka[0]["status"], pinaka[0]["review"]) == ("delivering", "corrected")
    assert {r["review"] for r in rows} == {"corrected", "machine-read"}

    # Both reviews are in the team's record, in the ZIP beside the tables.
    _wait_ready(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download all filtered tables (ZIP)").click()
    with zipfile.ZipFile(info.value.path()) as archive:
        text = archive.read("corrections.csv").decode("utf-8-sig")
    record = list(csv.DictReader(io.StringIO(text)))
    assert {(r["action"], r["reviewer"]) for r in record} == {("reject", "Ana"), ("correct", "Ana")}
    assert any(r["note"] == "wrong pair" for r in record)

    # "Reviewed only": the corrected deal alone. On a busy machine the rerun the click starts
    # can begin after the page first looks settled: wait for the count to change.
    page.get_by_text("Reviewed only").click()
    expect(page.get_by_text(re.compile(r" deals? · view:"))).to_have_text(
        re.compile(r"^1 deal\b"), timeout=30_000
    )
    _wait_ready(page)
    assert _shown(page) == 1
