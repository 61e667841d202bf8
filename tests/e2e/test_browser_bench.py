"""The browser part of the bench runs end to end on a small store and gives a figure for every
page of the sidebar."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tools.browser_bench import pages

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.e2e


def test_browser_bench_times_every_page(tmp_path: Path) -> None:
    out = tmp_path / "browser.json"
    proc = subprocess.run(
        [sys.executable, "-m", "tools.browser_bench", "--events", "2000", "--views", "1",
         "--rounds", "1", "--out", str(out), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert json.loads(out.read_text(encoding="utf-8")) == report
    assert report["store"]["events"] == 2000 and report["store"]["deals"] > 0
    assert report["viewport"] == {"width": 1440, "height": 900}
    labels = [label for _path, label, _icon in pages()]
    assert list(report["pages"]) == ["all"]
    assert list(report["pages"]["all"]) == labels
    for label, figures in report["pages"]["all"].items():
        assert figures["clicks"] == 1, label
        # One click: its time to the main chart or table, then to the end of the run.
        assert 0 < figures["median_ms"] == figures["max_ms"] <= figures["done_median_ms"], label
        # ... and until the browser stopped drawing it: never before the chart showed.
        assert figures["quiet_median_ms"] >= figures["median_ms"], label
        assert figures["first_visit_ms"] == figures["median_ms"], label
    assert sorted(run["page"] for run in report["runs"]) == sorted(labels)  # each page once
    assert report["cold_first_page_s"] > 0 and report["cold_first_page_with_build_s"] > 0
