"""Machine instructions extraction executes, counted by valgrind's callgrind.

A shared machine's speed changes by a quarter between hours and by half between days, so two
versions of the extractor timed apart cannot be told apart by a few percent. The count of
instructions is the same on every run of the same code and input (within about 0.3%: Python's
string hashes are seeded per process), whatever else the machine is doing. It counts only the
extraction of the bench's 600-word articles, after one article has warmed the caches:

    .venv/bin/python -m tools.extract_instructions               # the first 20 bench articles
    .venv/bin/python -m tools.extract_instructions --articles 53

Each version takes a few minutes under valgrind; run two in parallel to compare them (a
worktree of the older commit with `--root`).
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _extract_all(count: int) -> None:
    """Runs inside valgrind: only `functools.reduce` (the extraction loop) is counted."""
    from armstrack import gazetteer
    from armstrack.extract import extract
    from armstrack.tools.bench import articles_of_words, sample_articles

    articles = articles_of_words(sample_articles())[:count]
    gazetteer.warm_up()
    extract(articles[0])
    functools.reduce(lambda _, article: extract(article), articles, None)


def count_instructions(count: int, root: Path = ROOT) -> int:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install -y valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        env = {**os.environ, "PYTHONPATH": str(root)}
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--toggle-collect=functools_reduce",
                f"--callgrind-out-file={out}",
                sys.executable,
                str(Path(__file__).resolve()),  # this file, so an older checkout can be counted
                "--inside",
                "--articles",
                str(count),
            ],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        found = re.search(r"Collected : (\d+)", done.stderr)
        if done.returncode != 0 or found is None:
            raise SystemExit(f"callgrind failed:\n{done.stderr[-2000:]}")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to count")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        _extract_all(args.articles)
        return
    total = count_instructions(args.articles, args.root.resolve())
    print(f"{total:,} instructions for {args.articles} articles ({total // args.articles:,} each)")


if __name__ == "__main__":
    main()
