"""The imperative shell: files -> articles -> extraction -> store, one transaction per article."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from armstrack import store
from armstrack.article import Article, ArticleError, load_article, parse_article
from armstrack.records import Extraction

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
SEEDS = store.ROOT / "seeds"


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Files in the folders named that are not articles (archives, images) or cannot be reached.
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{len(self.new)} new, {len(self.replaced)} replaced, {len(self.unchanged)} unchanged, "
            f"{len(self.failed)} failed, {len(self.skipped)} skipped"
        ]
        lines += [f"  failed: {name}: {reason}" for name, reason in self.failed]
        lines += [f"  skipped: {name}: {reason}" for name, reason in self.skipped]
        return "\n".join(lines)


def article_files(
    paths: Iterable[str | Path], skipped: list[tuple[str, str]] | None = None
) -> Iterator[Path]:
    """Article files named, or found in the folders named (sorted, recursive). Files in those
    folders that are not articles, and links that lead nowhere or in a loop, are noted in
    `skipped` with the reason."""

    def skip(file: Path, reason: str) -> None:
        if skipped is not None:
            skipped.append((str(file), reason))

    for path in map(Path, paths):
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                try:
                    is_file, is_dir = file.is_file(), file.is_dir()
                except OSError as exc:  # a symlink loop, a vanished file
                    skip(file, f"cannot be read ({exc.strerror or exc})")
                    continue
                if is_dir:
                    continue
                if not is_file:
                    skip(file, "a link that leads nowhere, or not a regular file")
                elif file.stem.upper() == "README":
                    continue
                elif file.suffix.lower() not in ARTICLE_SUFFIXES:
                    skip(file, f"not an article file type ({file.suffix or 'no suffix'})")
                else:
                    yield file
        else:
            yield path


# Articles stored per transaction: a crash loses at most the batch being written, never part
# of an article, and the deal merge runs once per batch instead of once per article.
BATCH = 64
# Below this many files extraction stays in this process (starting workers costs ~1 s).
PARALLEL_FROM = 48


def _extract(article: Article, budget_s: float | None = None) -> Extraction:
    """The extractor, loaded on first use: a page that only opens the store (or waits for the
    build another process runs) does not load its patterns, gazetteers and models."""
    from armstrack.extract.pipeline import extract

    return extract(article, budget_s=budget_s)


def budget() -> float:
    """Seconds one article may take to read ($ARMSTRACK_EXTRACT_BUDGET, default 120, at least
    0.05): a 5 MB article, the largest accepted, reads in about a minute."""
    try:
        return max(0.05, float(os.environ.get("ARMSTRACK_EXTRACT_BUDGET", "120")))
    except ValueError:
        return 120.0


def _read(file: Path, published: date | None) -> tuple[Article, Extraction] | str:
    try:
        article = load_article(file, published=published)
        return article, _extract(article, budget_s=budget())
    except (ArticleError, OSError) as exc:
        return str(exc).removeprefix(f"{file.name}: ")
    except Exception as exc:  # one article's failure must not stop the others
        return f"could not be extracted ({type(exc).__name__}: {exc}); the other files still go in"


def _die_with_parent() -> None:
    """A worker ends when the ingest that started it is killed, instead of waiting on a pipe
    nobody writes to (Linux: the kernel signals it when its parent dies)."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def _extracted(
    files: list[Path], published: date | None, workers: int
) -> Iterator[tuple[Article, Extraction] | str]:
    """Each file read and extracted, in order; across `workers` processes for a large batch."""
    if workers <= 1 or len(files) < PARALLEL_FROM:
        yield from (_read(f, published) for f in files)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    from armstrack.extract.pipeline import warm_up

    warm_up()  # built once here, shared with the forked workers
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent) as pool:
        yield from pool.map(partial(_read, published=published), files, chunksize=8)


def ingest_files(
    con: duckdb.DuckDBPyConnection | str | Path,
    files: Iterable[Path],
    *,
    published: date | None = None,
    progress: bool = False,
    workers: int | None = None,
) -> IngestReport:
    """Extract and store each file; a bad file is reported and the rest still go in.
    Extraction runs on every core for a large ingest; articles are stored in batches, each batch
    one transaction. Given a database path rather than a connection, the store is opened only to
    write each batch, so no other process waits on it while articles are being read."""
    report = IngestReport()
    items = list(files)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(items), unit="article", desc="ingest")
    batch: list[tuple[Article, Extraction, str]] = []

    def flush() -> None:
        if isinstance(con, duckdb.DuckDBPyConnection):
            states = store.save_many(con, batch)
        else:
            with store.connect(con) as writer:
                states = store.save_many(writer, batch)
        for (article, _, origin), state in zip(batch, states, strict=True):
            if state == "refused":
                report.failed.append((origin, refusal(article)))
                continue
            {"new": report.new, "replaces": report.replaced, "unchanged": report.unchanged}[
                state
            ].append(origin)
        if bar is not None:
            bar.update(len(batch))
        batch.clear()

    results = _extracted(items, published, workers or os.cpu_count() or 1)
    for file, outcome in zip(items, results, strict=True):
        if isinstance(outcome, str):
            report.failed.append((str(file), outcome))
            if bar is not None:
                bar.update()
            continue
        batch.append((*outcome, str(file)))
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    if bar is not None:
        bar.close()
    return report


def refusal(article: Article) -> str:
    return (
        f"not stored: its text had to be read as {article.meta.encoding} (a guess) while the "
        "copy already stored under the same URL was read as UTF-8; the stored copy is kept. "
        "Save the file as UTF-8 to replace it"
    )


@dataclass(frozen=True)
class Preview:
    """An article read and extracted but not saved yet: what the Add page shows."""

    name: str
    article: Article | None
    result: Extraction | None
    error: str = ""
    state: str = ""  # new, replaces (same URL) or unchanged (same content already stored)


def preview(
    raw: bytes | str,
    name: str,
    *,
    published: date | None = None,
    defaults: dict[str, object] | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> Preview:
    """Read and extract one upload; a bad one gets a message naming the file and the reason."""
    try:
        article = parse_article(raw, name=name, published=published, defaults=defaults)
        result = _extract(article, budget_s=budget())
    except ArticleError as exc:
        return Preview(name, None, None, error=str(exc))
    except Exception as exc:  # one upload's failure must not take the others with it
        return Preview(
            name,
            None,
            None,
            error=f"{name}: could not be extracted ({type(exc).__name__}); the other files are unaffected",
        )
    if not any(m.kind in {"country", "weapon_system"} for m in result.mentions):
        return Preview(
            name,
            article,
            result,
            error=f"{name}: no countries or weapon systems found; not an arms-trade report?",
        )
    state = store.article_state(con, article) if con is not None else "new"
    return Preview(name, article, result, state=state)


def save_previews(
    con: duckdb.DuckDBPyConnection,
    items: list[Preview],
    on_saved: Callable[[int, int], None] | None = None,
) -> tuple[list[str], list[str]]:
    """Store previewed uploads one by one: (names saved, "name: reason" of those that failed).
    One article's failure never stops the others; `on_saved(done, total)` follows progress."""
    saved: list[str] = []
    failed: list[str] = []
    for i, item in enumerate(items, start=1):
        if item.article is None or item.result is None:
            failed.append(f"{item.name}: {item.error or 'nothing was read from it'}")
        else:
            try:
                store.save(con, item.article, item.result, origin=f"upload:{item.name}")
                saved.append(item.name)
            except Exception as exc:  # one article's failure must not stop the batch
                failed.append(f"{item.name}: {exc}")
        if on_saved is not None:
            on_saved(i, len(items))
    return saved, failed


def reextract(con: duckdb.DuckDBPyConnection, progress: bool = False) -> int:
    """Extract every stored article again from its kept text; returns how many."""
    articles = store.stored_articles(con)
    for article in articles:
        store.save(con, article, _extract(article), refresh=True)
    return len(articles)


SEEDED = "seeded"  # meta key: the seed files (name:content hash) a store has taken in


def _seed_marks(seeds: Path) -> dict[str, str]:
    import hashlib

    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest()[:16] for f in article_files([seeds])}


def _seed(
    con: duckdb.DuckDBPyConnection, seeds: Path, marks: dict[str, str], done: set[str]
) -> None:
    """Take in the seed files not taken in yet, and record them (one transaction each batch)."""
    todo = [seeds / name for name, mark in marks.items() if f"{name}:{mark}" not in done]
    if not todo:
        return
    ingest_files(con, todo, workers=1)
    done |= {f"{name}:{marks[name]}" for name in marks}
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [SEEDED, "\n".join(sorted(done))])


def ensure_store(path: str | Path | None = None, seeds: Path = SEEDS) -> bool:
    """Build the database from the bundled seeds when it does not exist yet (aside, then renamed
    into place, so a kill during the first build leaves no half-built store); complete the seeds
    of a store that was stopped before taking them all in. True if anything was added."""
    file = store.db_path(path)
    if file.is_dir():
        return False  # a Parquet dataset: read-only
    marks = _seed_marks(seeds) if seeds.is_dir() else {}
    if not file.exists():
        # One builder at a time (`armstrack serve` starts one beside the server): whoever
        # comes second waits for the first, then finds the store there.
        with _build_lock(file):
            if not file.exists():
                aside = file.with_name(file.name + ".building")
                for leftover in (aside, aside.with_name(aside.name + ".wal")):
                    leftover.unlink(missing_ok=True)
                with store.connect(aside) as con:
                    _seed(con, seeds, marks, set())
                    con.execute("CHECKPOINT")
                os.replace(aside, file)
                return True
    try:
        with store.connect(file, read_only=True, wait_s=0) as con:
            row = con.execute("SELECT value FROM meta WHERE key = ?", [SEEDED]).fetchone()
            version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if version is None or int(version[0]) < store.SCHEMA_VERSION:
            with store.connect(file, wait_s=0):
                pass  # a writable connection brings an older store up to the current schema
    except (RuntimeError, duckdb.Error):
        return False  # busy or unreadable: the next start completes it
    done = set(str(row[0]).split("\n")) if row and row[0] else set()
    if row is None:
        # A store from before seeds were recorded: what it holds counts as taken in.
        done = {f"{n}:{m}" for n, m in marks.items()} if _has_articles(file) else set()
    if all(f"{n}:{m}" in done for n, m in marks.items()) and row is not None:
        return False
    try:
        with store.connect(file, wait_s=0) as con:
            _seed(con, seeds, marks, done)
            if row is None:
                con.execute(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)", [SEEDED, "\n".join(sorted(done))]
                )
    except (RuntimeError, duckdb.Error):
        return False
    return True


@contextmanager
def _build_lock(file: Path) -> Iterator[None]:
    """Hold the store's build lock (a file beside it, locked with flock: released by the
    system if its holder dies)."""
    import fcntl

    file.parent.mkdir(parents=True, exist_ok=True)
    with open(file.with_name(file.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _has_articles(file: Path) -> bool:
    with store.connect(file, read_only=True, wait_s=0) as con:
        row = con.execute("SELECT count(*) FROM articles").fetchone()
    return bool(row and row[0])
