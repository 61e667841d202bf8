"""The store across processes: a killed ingest, and a database held by another process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from armstrack import store

ROOT = Path(__file__).resolve().parent.parent

_WRITER = """
import sys
from datetime import date, timedelta
from armstrack import store
from armstrack.article import parse_article
from armstrack.extract import extract
with store.connect(sys.argv[1]) as con:
    for i in range(100000):
        day = date(2015, 1, 1) + timedelta(days=i % 3000)
        text = (f"Poland signed a contract for {i + 2} K2 tanks from South Korea on {day:%B %d, %Y}. "
                f"Germany delivered {i + 3} IRIS-T SLM systems to Ukraine, officials said. "
                f"Turkey is in talks with Moscow to buy S-400 systems, report number {i}.")
        article = parse_article(text, published=day)
        store.save(con, article, extract(article))
        print(i, flush=True)
"""


def test_killed_ingest_leaves_only_whole_articles(tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(db)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for _ in range(5):  # let a few articles commit, then kill mid-stream
        proc.stdout.readline()
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with store.connect(db, read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
        assert articles >= 5
        for table in ("mentions", "events", "deal_sources"):
            orphans = con.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]  # type: ignore[index]
            assert orphans == 0, table
        bare = con.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM deal_sources)"
        ).fetchone()[0]  # type: ignore[index]
        assert bare == 0  # every stored article has all its deals
        sources = con.execute(
            "SELECT count(*) FROM deals d WHERE sources <> (SELECT count(DISTINCT article_id) FROM deal_sources s WHERE s.deal_id = d.id)"
        ).fetchone()[0]  # type: ignore[index]
        assert sources == 0


def test_ingest_while_database_is_held_gives_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    with store.connect(db):
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        env = {**os.environ, "ARMSTRACK_LOCK_WAIT": "1"}
        proc = subprocess.run(
            [sys.executable, "-m", "armstrack", "ingest", "--db", str(db), "--quiet", str(ROOT / "seeds")],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 3
    assert "in use by another process" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
