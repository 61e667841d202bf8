"""The benchmark: extraction speed, ingest time, dashboard reruns on a large store, and a plain
pandas baseline of the filter path. `python -m armstrack bench [--articles N] [--events N] [--json]`.
`--browser` times every page in Chromium instead (`tools/browser_bench.py`).
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from armstrack import queries, store
from armstrack.article import Article, load_article, parse_article
from armstrack.extract import extract
from armstrack.tools.pages import BENCHED

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = [ROOT / "tests" / "articles", ROOT / "seeds"]
PAGES = {p.name: p.script for p in BENCHED}


def sample_articles() -> list[Article]:
    from armstrack.ingest import article_files

    return [load_article(p) for p in article_files(SAMPLES)]


def _extract_text(item: tuple[str, Any]) -> int:
    text, published = item
    article = parse_article(text, published=published)
    return len(extract(article).deals)


def articles_of_words(articles: list[Article], words: int = 600) -> list[Article]:
    """Articles of about `words` words (the size the speed target is set for): each sample
    followed by the next ones' paragraphs until the length is reached."""
    out = []
    for k, base in enumerate(articles):
        paragraphs: list[str] = []
        count, i = 0, 0
        while count < words:
            for paragraph in articles[(k + i) % len(articles)].text.split("\n\n"):
                paragraphs.append(paragraph)
                count += len(paragraph.split())
                if count >= words:
                    break
            i += 1
        out.append(parse_article("\n\n".join(paragraphs), published=base.meta.published))
    return out


def bench_extract(samples: list[Article], rounds: int = 3) -> dict[str, float]:
    """Extraction of about 600-word articles, one at a time in this process (CPU time, so a
    busy machine does not inflate it), then on every core."""
    from armstrack.extract.pipeline import warm_up

    warm_up()
    articles = articles_of_words(samples)
    extract(articles[0])
    times, words = [], 0
    for _ in range(rounds):
        for article in articles:
            start = time.process_time()
            extract(article)
            times.append(time.process_time() - start)
            words += len(article.text.split())
    total = sum(times)
    items = [(a.text, a.meta.published) for a in articles] * rounds
    workers = os.cpu_count() or 1
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_extract_text, items[:workers]))  # warm each worker
        start = time.perf_counter()
        list(pool.map(_extract_text, items, chunksize=8))
        parallel = time.perf_counter() - start
    return {
        "articles": len(articles),
        "ms_median": round(statistics.median(times) * 1000, 2),
        "articles_per_s": round(len(times) / total, 1),
        "words_per_s": round(words / total),
        "articles_per_s_all_cores": round(len(items) / parallel, 1),
        "mean_words": round(words / len(times)),
    }


_SENTENCE_END = re.compile(r"\.(?=\s)")


def bench_ingest(articles: list[Article], count: int) -> dict[str, float]:
    """Seconds for `python -m armstrack ingest`'s path to take `count` article files (samples
    made distinct) into a fresh store: reading, extraction on every core, storing, deal merging."""
    from armstrack.ingest import ingest_files

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        files = []
        for i in range(count):
            base = articles[i % len(articles)]
            file = folder / f"{i:06d}.txt"
            # Every sentence made distinct, so no file is a copy of another's story.
            text = _SENTENCE_END.sub(f" (report {i}).", base.text)
            file.write_text(f"{text}\n\nReport {i} of the benchmark corpus.", encoding="utf-8")
            files.append(file)
        published = articles[0].meta.published
        start = time.perf_counter()
        with store.connect(Path(tmp) / "ingest.duckdb") as con:
            report = ingest_files(con, files, published=published)
        seconds = time.perf_counter() - start
        assert len(report.new) == count, report.summary()
        return {"articles": count, "seconds": round(seconds, 2)}


def build_large_store(path: Path, events: int) -> None:
    """A store of `events` events and events/10 deals, generated in the database directly."""
    deals = max(1, events // 10)
    articles = max(1, events // 20)
    with store.connect(path) as con:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "CREATE TEMP TABLE iso AS SELECT iso3, row_number() OVER (ORDER BY iso3) - 1 AS k FROM country_ref"
        )
        n = int(con.execute("SELECT count(*) FROM iso").fetchone()[0])  # type: ignore[index]
        con.execute(
            f"""INSERT INTO articles SELECT 'a' || i, 'Report ' || i, DATE '2000-01-01' + CAST(i % 9000 AS INTEGER),
                'Bench Wire', '', 'https://example.org/' || i, 'text', now(), 'bench', 'utf-8', NULL, 'day' FROM range({articles}) t(i)"""
        )
        con.execute(
            f"""INSERT INTO events SELECT 'e' || i, 'a' || (i % {articles}),
                ['contract','delivery','negotiation','statement','meeting','offer'][1 + i % 6], 'Event ' || i,
                NULL, 'as written', DATE '2000-01-01' + CAST(i % 9000 AS INTEGER),
                DATE '2000-01-01' + CAST(i % 9000 + i % 400 AS INTEGER), 'day', 'exact', 'x', 'Bench Wire',
                ['certain','probable','possible'][1 + i % 3], '', 'signed', 'K2', 'Evidence ' || i, 0, 10,
                [a.iso3, b.iso3], 0.9
            FROM range({events}) t(i) JOIN iso a ON a.k = i % {n} JOIN iso b ON b.k = (i * 7 + 3) % {n}"""
        )
        con.execute("INSERT INTO event_actors SELECT id, unnest(actor_codes) FROM events")
        con.execute(
            f"""INSERT INTO deals SELECT 'd' || i, s.iso3, r.iso3, ['Patriot','F-16','Rafale','K2','Leopard 2'][1 + i % 5],
                'air_defence', ['rumored','proposed','negotiating','agreed','signed','delivering','delivered',
                'cancelled'][1 + i % 8], 'signed', i % 50, NULL, NULL, 'x',
                DATE '2000-01-01' + CAST(i % 9000 AS INTEGER), DATE '2000-01-01' + CAST(i % 9000 + 30 AS INTEGER),
                'month', 'exact', 'x', NULL, NULL, NULL, NULL, NULL, NULL, 'certain', 'Bench Wire',
                'a' || (i % {articles}), 'Evidence ' || i, 0, 10, DATE '2000-01-01' + CAST(i % 9000 AS INTEGER),
                DATE '2000-01-01' + CAST(i % 9000 AS INTEGER), 1, false, '', 0.9, 'd' || i, NULL, 1, '', 'machine-read'
            FROM range({deals}) t(i) JOIN iso s ON s.k = i % {n} JOIN iso r ON r.k = (i * 13 + 5) % {n}
            WHERE s.iso3 <> r.iso3"""
        )
        con.execute(
            f"""INSERT INTO mentions SELECT 'a' || i, 'country', 'x', 'x', iso.iso3, NULL, NULL, 'name', '',
                'e', 0, 1 FROM range({articles}) t(i) JOIN iso ON iso.k = i % {n}"""
        )
        con.execute("COMMIT")


_RERUN_SCRIPT = """
import json, os, statistics, sys, time
from streamlit.testing.v1 import AppTest
root, pages = sys.argv[1], json.loads(sys.argv[2])
start = time.perf_counter()
at = AppTest.from_file(os.path.join(root, "dashboard.py"), default_timeout=300).run()
cold = time.perf_counter() - start
out = {"cold_start_s": round(cold, 2), "rerun_ms_median": {}}
for name, page in pages.items():
    if page != "dashboard.py":
        at.switch_page(page).run()
    times = []
    for code in ["TUR", "RUS", "FRA", "IND", "USA"]:
        t = time.perf_counter()
        at.sidebar.multiselect(key="filter_country").set_value([code]).run()
        times.append((time.perf_counter() - t) * 1000)
    assert not at.exception, [e.value for e in at.exception]
    out["rerun_ms_median"][name] = round(statistics.median(times))
import resource
out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""


def bench_dashboard(events: int) -> dict[str, Any]:
    import json

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "large.duckdb"
        build_large_store(db, events)
        env = {**os.environ, "ARMSTRACK_DB": str(db), "PYTHONPATH": str(ROOT)}
        proc = subprocess.run(
            [sys.executable, "-c", _RERUN_SCRIPT, str(ROOT), json.dumps(PAGES)],
            env=env, capture_output=True, text=True, timeout=1800, check=True,
        )  # fmt: skip
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        with store.connect(db, read_only=True) as con:
            result["events"] = store.counts(con)["events"]
            result["deals"] = store.counts(con)["deals"]
            result.update(_baseline(con))
        return result


def _baseline(con: Any) -> dict[str, Any]:
    """The filter path (country and years) on a pandas frame of the events vs in the store."""
    frame = con.execute("SELECT id, date_earliest, date_latest, actor_codes FROM events").df()
    filters = [
        queries.Filters(countries=(c,), year_from=2005, year_to=2010)
        for c in ("TUR", "RUS", "FRA", "IND", "USA")
    ]
    pandas_ms, store_ms = [], []
    for f in filters:
        start = time.perf_counter()
        code = f.countries[0]
        mask = frame["actor_codes"].map(lambda codes, c=code: c in codes)
        mask &= frame["date_latest"].dt.year >= (f.year_from or 0)
        mask &= frame["date_earliest"].dt.year <= (f.year_to or 9999)
        expected = int(mask.sum())
        pandas_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        got = queries.count(con, "events", f)
        store_ms.append((time.perf_counter() - start) * 1000)
        assert got == expected, (got, expected)
    p, s = statistics.median(pandas_ms), statistics.median(store_ms)
    return {
        "baseline": {
            "pandas_filter_ms_median": round(p, 1),
            "store_filter_ms_median": round(s, 1),
            "ratio": round(p / s, 1),
        }
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return "unknown"


def run(articles: int, events: int, extract_only: bool = False) -> dict[str, Any]:
    samples = sample_articles()
    report: dict[str, Any] = {"extract": bench_extract(samples)}
    if not extract_only:
        report["ingest"] = bench_ingest(samples, articles)
        dashboard = bench_dashboard(events)
        report["baseline"] = dashboard.pop("baseline")
        report["dashboard"] = dashboard
    report["machine"] = {
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": f"{sys.version.split()[0]} ({sys.executable})",
    }
    report["bench_process_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )
    return report


def browser_bench(events: int, as_json: bool) -> int:
    """The browser part, run from the checkout: it drives the app's pages in Chromium, so it
    lives beside them (`tools/browser_bench.py`), not in the core."""
    command = [sys.executable, "-m", "tools.browser_bench", "--events", str(events)]
    return subprocess.run([*command, "--json"] if as_json else command, cwd=ROOT).returncode


def table(report: dict[str, Any]) -> str:
    e, m = report["extract"], report["machine"]
    lines = [
        f"machine   {m['cpus']} cores, {m['cpu']}, Python {m['python']}",
        f"extract   {e['ms_median']} ms median per article ({e['mean_words']} words), "
        f"{e['articles_per_s']} articles/s one core, {e['articles_per_s_all_cores']} articles/s all cores, "
        f"{e['words_per_s']:,} words/s",
    ]
    if "ingest" not in report:
        return "\n".join(lines)
    i, d, b = report["ingest"], report["dashboard"], report["baseline"]
    lines += [
        f"ingest    {i['articles']} articles in {i['seconds']} s",
        f"dashboard {d['events']:,} events, {d['deals']:,} deals: cold start {d['cold_start_s']} s, "
        f"peak RSS {d['peak_rss_mb']} MB",
    ]
    lines += [
        f"          rerun after a filter change, {page}: {ms} ms median"
        for page, ms in d["rerun_ms_median"].items()
    ]
    lines.append(
        f"baseline  pandas filter {b['pandas_filter_ms_median']} ms vs store {b['store_filter_ms_median']} ms "
        f"(×{b['ratio']})"
    )
    return "\n".join(lines)
