"""The imperative shell: files -> articles -> extraction -> store, one transaction per article."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from armstrack import store
from armstrack.article import Article, ArticleError, load_article, parse_article
from armstrack.extract import extract
from armstrack.records import Extraction

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
SEEDS = store.ROOT / "seeds"


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{len(self.new)} new, {len(self.replaced)} replaced, {len(self.unchanged)} unchanged, "
            f"{len(self.failed)} failed"
        ]
        lines += [f"  failed: {name}: {reason}" for name, reason in self.failed]
        return "\n".join(lines)


def article_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Article files named, or found in the folders named (sorted, recursive)."""
    for path in map(Path, paths):
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                readme = file.stem.upper() == "README"
                if file.is_file() and file.suffix.lower() in ARTICLE_SUFFIXES and not readme:
                    yield file
        else:
            yield path


# Articles stored per transaction: a crash loses at most the batch being written, never part
# of an article, and the deal merge runs once per batch instead of once per article.
BATCH = 64
# Below this many files extraction stays in this process (starting workers costs ~1 s).
PARALLEL_FROM = 48


def _read(file: Path, published: date | None) -> tuple[Article, Extraction] | str:
    try:
        article = load_article(file, published=published)
        return article, extract(article)
    except (ArticleError, OSError) as exc:
        return str(exc).removeprefix(f"{file.name}: ")
    except Exception as exc:  # one article's failure must not stop the others
        return f"could not be extracted ({type(exc).__name__}: {exc}); the other files still go in"


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

    from armstrack import gazetteer

    gazetteer.warm_up()  # loaded once here, shared with the forked workers
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(partial(_read, published=published), files, chunksize=8)


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    files: Iterable[Path],
    *,
    published: date | None = None,
    progress: bool = False,
    workers: int | None = None,
) -> IngestReport:
    """Extract and store each file; a bad file is reported and the rest still go in.
    Extraction runs on every core for a large ingest; articles are stored in batches, each batch
    one transaction."""
    report = IngestReport()
    items = list(files)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(items), unit="article", desc="ingest")
    batch: list[tuple[Article, Extraction, str]] = []

    def flush() -> None:
        states = store.save_many(con, batch)
        for (_, _, origin), state in zip(batch, states, strict=True):
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
        result = extract(article)
    except ArticleError as exc:
        return Preview(name, None, None, error=str(exc))
    if not any(m.kind in {"country", "weapon_system"} for m in result.mentions):
        return Preview(
            name,
            article,
            result,
            error=f"{name}: no countries or weapon systems found; not an arms-trade report?",
        )
    state = store.article_state(con, article) if con is not None else "new"
    return Preview(name, article, result, state=state)


def reextract(con: duckdb.DuckDBPyConnection, progress: bool = False) -> int:
    """Extract every stored article again from its kept text; returns how many."""
    articles = store.stored_articles(con)
    for article in articles:
        store.save(con, article, extract(article), refresh=True)
    return len(articles)


def ensure_store(path: str | Path | None = None, seeds: Path = SEEDS) -> bool:
    """Build the database from the bundled seeds when it does not exist yet; True if built."""
    file = store.db_path(path)
    if file.exists():
        return False
    with store.connect(file) as con:
        ingest_files(con, article_files([seeds]))
    return True
