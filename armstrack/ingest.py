"""The imperative shell: files -> articles -> extraction -> store, one transaction per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from armstrack import store
from armstrack.article import ArticleError, load_article
from armstrack.extract import extract

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


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    files: Iterable[Path],
    *,
    published: date | None = None,
    progress: bool = False,
) -> IngestReport:
    """Extract and store each file; a bad file is reported and the rest still go in."""
    report = IngestReport()
    items = list(files)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(items), unit="article", desc="ingest")
    for file in items:
        try:
            article = load_article(file, published=published)
            state = store.save(con, article, extract(article), origin=str(file))
        except (ArticleError, OSError) as exc:
            report.failed.append((str(file), str(exc).removeprefix(f"{file.name}: ")))
        else:
            {"new": report.new, "replaces": report.replaced, "unchanged": report.unchanged}[
                state
            ].append(str(file))
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    return report


def ensure_store(path: str | Path | None = None, seeds: Path = SEEDS) -> bool:
    """Build the database from the bundled seeds when it does not exist yet; True if built."""
    file = store.db_path(path)
    if file.exists():
        return False
    with store.connect(file) as con:
        ingest_files(con, article_files([seeds]))
    return True
