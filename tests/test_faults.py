"""Faults and hostile input that used to break things: each case fails the way it is meant to
(a clear one-line reason) and loses nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from armstrack import queries, store
from armstrack.article import ArticleError, load_article, parse_article
from armstrack.export import file_stem
from armstrack.extract import extract
from armstrack.extract.pipeline import ExtractionTimeout
from armstrack.ingest import article_files, ensure_store, ingest_files, preview
from armstrack.tools.bench import sample_articles
from components.filters import DROPPED, parse_params
from components.text import plain, shown, strip_controls

ROOT = Path(__file__).resolve().parent.parent
PUB = date(2024, 6, 1)


# --- 1. long articles: linear, and a time budget -----------------------------------------------


def _long_article(copies: int, articles: int = 26) -> str:
    """`copies` times about 400 words per article of the first `articles` of ours (26: about
    10,000 words), one after another."""
    samples = sample_articles()[:articles]
    return ("\n\n".join(a.text for a in samples) + "\n\n") * copies


def test_reading_time_grows_linearly_with_the_text() -> None:
    """Four times the text takes about four times as long, not sixteen (the overlap scans used
    to grow with the square of the text)."""
    extract(parse_article(sample_articles()[0].text, published=PUB))  # warm the reference data

    def cpu(copies: int) -> float:
        article = parse_article(_long_article(copies, articles=13), published=PUB)
        start = time.process_time()
        extract(article)
        return time.process_time() - start

    small = min(cpu(1) for _ in range(2))
    large = cpu(4)
    assert large / small < 8, (small, large)


def test_an_article_over_its_time_budget_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long_article(4)
    with pytest.raises(ExtractionTimeout, match="time budget"):
        extract(parse_article(text, published=PUB), budget_s=0.0)
    # The budget is a quarter of what the long article takes on this machine, so the test holds
    # on a fast machine and a slow one alike; the one-sentence article takes a few milliseconds.
    start = time.monotonic()
    extract(parse_article(text, published=PUB))
    monkeypatch.setenv("ARMSTRACK_EXTRACT_BUDGET", f"{(time.monotonic() - start) / 4:.3f}")
    big = tmp_path / "big.txt"
    big.write_text(text, encoding="utf-8")
    (tmp_path / "small.md").write_text(
        "---\ntitle: Small\npublished: 2024-06-01\n---\n\nChile bought 12 F-16 jets from the "
        "United States.\n",
        encoding="utf-8",
    )
    with store.connect(tmp_path / "c.duckdb") as con:
        report = ingest_files(con, article_files([tmp_path]), workers=1)
    assert [Path(f).name for f, _ in report.failed] == ["big.txt"]
    assert "time budget" in report.failed[0][1]
    assert [Path(f).name for f in report.new] == ["small.md"]


def test_ingest_reads_articles_without_holding_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While articles are read, another process can open the store (it is opened only to
    write each batch)."""
    db = tmp_path / "c.duckdb"
    with store.connect(db):
        pass
    import armstrack.ingest as ingest

    seen: list[int] = []
    real_extract = ingest._extract

    def extract_and_probe(article, budget_s=None):  # type: ignore[no-untyped-def]
        probe = subprocess.run(
            [sys.executable, "-c", f"import duckdb; duckdb.connect({str(db)!r}).close()"],
            capture_output=True,
            timeout=60,
        )
        seen.append(probe.returncode)
        return real_extract(article, budget_s=budget_s)

    monkeypatch.setattr(ingest, "_extract", extract_and_probe)
    files = sorted(article_files([ROOT / "tests" / "articles"]))[:2]
    report = ingest_files(db, files, workers=1)
    assert len(report.new) == 2
    assert seen == [0, 0]


# --- 2. dates ----------------------------------------------------------------------------------


def test_an_impossible_publication_date_is_a_clear_error() -> None:
    raw = "---\ntitle: T\npublished: 2099-13-45\n---\n\nRussia sold S-400 systems to Turkey.\n"
    with pytest.raises(ArticleError, match=r"bad\.md: cannot read the date '2099-13-45'"):
        parse_article(raw, name="bad.md")


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia sold S-400 systems to Turkey the year after 9999-12-31.",
        "Since early 2099 Turkey has flown Russian jets.",
        "From 2030 to 2010 India bought Rafale jets from France no earlier than 9999.",
        "Egypt ordered 24 Rafale jets from France on February 30, 2024, and in the year 0.",
    ],
)
def test_extreme_dates_give_ordered_intervals_or_none(sentence: str) -> None:
    result = extract(parse_article(sentence, published=PUB))
    for d in result.dates:
        if d.earliest and d.latest:
            assert d.earliest <= d.latest, d


def test_one_bad_upload_leaves_the_others_whole() -> None:
    bad = preview(b"---\ntitle: T\npublished: 2099-13-45\n---\n\nText.\n", "bad.md")
    good = preview(
        b"---\ntitle: G\npublished: 2024-06-01\n---\n\nChile bought F-16 jets from the United States.\n",
        "good.md",
    )
    assert bad.error.startswith("bad.md: cannot read the date")
    assert not good.error and good.result is not None and good.result.deals


# --- 3, 4. addresses and titles shown as text ---------------------------------------------------


def test_markdown_latex_and_directives_are_escaped() -> None:
    hostile = "![x](http://203.0.113.9/c.png) :red[shout] $E=mc^2$ <b>b</b> **bold**"
    text = plain(hostile)
    # Every character Markdown, LaTeX or a directive reads is escaped.
    assert re.search(r"(?<!\\)[!\[\]:$*<>]", text) is None
    assert shown(text) == hostile


def test_bidi_controls_are_removed() -> None:
    assert strip_controls("abc\u202edef\u2066g\u200f") == "abcdefg"
    assert "\u202e" not in plain("Title \u202ecilbup")


def test_hostile_address_values_are_dropped_or_clamped() -> None:
    view = parse_params(
        {
            "country": ["![x](http://203.0.113.9/c.png),TUR,tur,XX"],
            "years": ["0-99999999999999999999"],
            "status": ["signed,$x$"],
            "system": ["S-400,:red[x]," + "A" * 500],
            "role": ["<script>"],
            "q": ["\u202e:red[x]" + "y" * 500],
        }
    )
    assert view["country"] == ["TUR"]
    assert "years" not in view
    assert view["status"] == ["signed"]
    assert view["system"] == ["S-400"]
    assert "role" not in view
    assert len(view["q"]) == 200 and "\u202e" not in view["q"]
    assert view[DROPPED] is True
    assert parse_params({"years": ["1-9999999"]}).get("years") is None
    assert parse_params({"years": ["1990-2020"]})["years"] == (1990, 2020)


def test_a_huge_address_value_is_cut_before_it_is_read() -> None:
    start = time.perf_counter()
    view = parse_params({"country": ["TUR," * 30_000]})
    assert view["country"] == ["TUR"] and view[DROPPED] is True
    assert time.perf_counter() - start < 5


def test_out_of_range_years_reach_no_query(tmp_path: Path) -> None:
    with store.connect(tmp_path / "c.duckdb") as con:
        frame = queries.deals(con, queries.Filters(year_from=1000, year_to=2999))
    assert frame.empty


# --- 5. seeding ---------------------------------------------------------------------------------


def test_first_build_is_atomic_and_stale_builds_are_cleared(tmp_path: Path) -> None:
    db = tmp_path / "fresh.duckdb"
    stale = tmp_path / "fresh.duckdb.building"
    stale.write_bytes(b"half a database")
    assert ensure_store(db)
    assert not stale.exists()
    with store.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_a_store_stopped_before_its_seeds_completes_them(tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    with store.connect(db):
        pass  # the file exists, as after a kill in the first seconds of a build
    assert ensure_store(db)
    with store.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert not ensure_store(db)  # nothing more to add


def test_two_first_starts_at_once_build_the_store_once(tmp_path: Path) -> None:
    """`armstrack serve` builds the store beside the server, whose first page asks for it too:
    the second waits for the first and finds the store built, seeds taken in once."""
    db = tmp_path / "both.duckdb"
    env = {**os.environ, "ARMSTRACK_DB": str(db)}
    builders = [
        subprocess.Popen(
            [sys.executable, "-m", "armstrack", "seed"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for builder in builders:
        _, err = builder.communicate(timeout=120)
        assert builder.returncode == 0, err[-2000:]
    with store.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert not ensure_store(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["both.duckdb", "both.duckdb.lock"]


def test_a_seed_removed_on_purpose_stays_removed(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    ensure_store(db)
    with store.connect(db) as con:
        (article_id,) = con.execute("SELECT id FROM articles").fetchone()  # type: ignore[misc]
        store.delete_article(con, article_id)
    assert not ensure_store(db)
    with store.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)


# --- 6. encodings -------------------------------------------------------------------------------


def test_latin1_text_is_read_as_western_text_and_says_so() -> None:
    raw = "Müller-Ñandú said the Défense ministry bought 12 Rafale jets from France.".encode(
        "latin-1"
    )
    article = parse_article(raw, name="latin.txt", published=PUB)
    assert "Müller-Ñandú" in article.text and "Défense" in article.text
    assert article.meta.encoding == "cp1252"


def test_a_guessed_decode_never_replaces_a_utf8_copy(tmp_path: Path) -> None:
    head = "---\ntitle: Rafales\nurl: https://example.org/r\npublished: 2024-06-01\n---\n\n"
    good = tmp_path / "a" / "good.md"
    good.parent.mkdir()
    good.write_text(head + "Défense: Egypt ordered 12 Rafale jets from France.\n", encoding="utf-8")
    worse = tmp_path / "b" / "worse.md"
    worse.parent.mkdir()
    worse.write_bytes(
        (head + "Défense: Egypt ordered 24 Rafale jets from France.\n").encode("latin-1")
    )
    db = tmp_path / "c.duckdb"
    with store.connect(db) as con:
        ingest_files(con, [good], workers=1)
        report = ingest_files(con, [worse], workers=1)
        assert report.failed and "stored copy is kept" in report.failed[0][1]
        (text,) = con.execute("SELECT text FROM articles").fetchone()  # type: ignore[misc]
    assert "12 Rafale" in text


# --- 7. workers die with their parent ----------------------------------------------------------


def test_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import os, signal, sys, time
        from concurrent.futures import ProcessPoolExecutor
        import multiprocessing
        from armstrack.ingest import _die_with_parent

        def pid(_):
            time.sleep(0.2)
            return os.getpid()

        pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_die_with_parent)
        pids = set(pool.map(pid, range(8)))
        print(" ".join(map(str, sorted(pids))), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == -signal.SIGKILL
    pids = [int(p) for p in proc.stdout.split()]
    assert pids
    deadline = time.monotonic() + 10
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and _not_zombie(p)]
        time.sleep(0.2)
    assert not alive


def _not_zombie(pid: int) -> bool:
    try:
        return " Z " not in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:4]
    except OSError:
        return False


# --- 8. small things ----------------------------------------------------------------------------


def test_files_that_are_not_articles_are_counted_and_named(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    (tmp_path / "pack.zip").write_bytes(b"PK\x03\x04")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    skipped: list[tuple[str, str]] = []
    files = list(article_files([tmp_path], skipped))
    assert [f.name for f in files] == ["a.md"]
    reasons = {Path(name).name: reason for name, reason in skipped}
    assert "pack.zip" in reasons and "zip" in reasons["pack.zip"]
    assert "loop" in reasons


def test_a_javascript_link_keeps_its_text_whole(tmp_path: Path) -> None:
    path = tmp_path / "js.md"
    path.write_text(
        "---\ntitle: J\n---\n\nRead [click](javascript:alert(1)) for Rafale news.\n",
        encoding="utf-8",
    )
    text = load_article(path).text
    assert "Read click for Rafale news." in text and "javascript" not in text


def test_download_names_hold_only_safe_characters() -> None:
    name = file_stem("deals", ("TUR", "../x", "a b\u202e"), 1990, 2020)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", name)
    assert name.startswith("deals_TUR-")
