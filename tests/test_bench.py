"""The benchmark runs end to end at a small size and reports every figure the checks read."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, timeout: int = 600) -> str:
    """What `python -m ARGS` prints from the checkout; it must succeed."""
    proc = subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.slow  # a store of thousands of events and the dashboard under AppTest
def test_bench_json_small() -> None:
    report = json.loads(_run("armstrack", "bench", "--articles", "3", "--events", "5000", "--json"))
    assert set(report["extract"]) >= {
        "articles",
        "ms_median",
        "articles_per_s",
        "articles_per_s_all_cores",
    }
    assert report["ingest"]["articles"] == 3 and report["ingest"]["seconds"] > 0
    dash = report["dashboard"]
    assert dash["events"] == 5000 and dash["deals"] > 0
    assert set(dash["rerun_ms_median"]) == {"overview", "timeline", "map", "deals", "country"}
    assert dash["cold_start_s"] > 0 and dash["peak_rss_mb"] > 0
    assert set(report["baseline"]) == {"pandas_filter_ms_median", "store_filter_ms_median", "ratio"}
    assert report["machine"]["cpus"] >= 1 and report["machine"]["cpu"]


@pytest.mark.slow  # about 80 articles of 600 words, three times over
def test_bench_extract_only_prints_the_speed_figure_alone() -> None:
    """What CI prints after the suite: the machine and the one-core extraction figure."""
    out = _run("armstrack", "bench", "--extract-only")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["machine", "extract"], out
    speed = re.search(r"([\d.]+) articles/s one core", lines[1])
    assert speed and float(speed[1]) > 0, lines[1]


@pytest.mark.slow  # one article under valgrind
def test_extraction_instructions_are_counted() -> None:
    """The count the speed work is compared by (`tools/extract_instructions.py`)."""
    out = _run("tools.extract_instructions", "--articles", "1", timeout=900)
    count = int(out.split()[0].replace(",", ""))
    # One 600-word article takes about 140 million; the warm-up before it is not counted.
    assert 20_000_000 < count < 1_000_000_000, out
