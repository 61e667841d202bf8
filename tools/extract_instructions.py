"""Machine instructions extraction executes, counted by valgrind's callgrind.

A shared machine's speed changes by a quarter between hours and by half between days, so two
versions of the extractor timed apart cannot be told apart by a few percent. The count of
instructions is the same on every run of the same code, input and interpreter (within about
0.3%), whatever else the machine is doing. It counts only the extraction of the bench's 600-word
articles: two runs under callgrind, side by side, do the same start (imports, the gazetteer, one
article to warm the caches) with the same string hashes, and one of them then reads the
articles; the count is the difference. It needs no symbols in the interpreter, so a
distribution's stripped build is counted as well as a source build:

    .venv/bin/python -m tools.extract_instructions               # the first 20 bench articles
    .venv/bin/python -m tools.extract_instructions --articles 53

Each version takes a few minutes under valgrind; compare two with a worktree of the older
commit (`--root`), counted by the same interpreter, one after the other.
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
    """Runs inside valgrind: the start every run shares, then `count` articles read."""
    from armstrack.extract import extract
    from armstrack.extract.pipeline import warm_up
    from armstrack.tools.bench import articles_of_words, sample_articles

    articles = articles_of_words(sample_articles())
    warm_up()
    extract(articles[0])
    functools.reduce(lambda _, article: extract(article), articles[:count], None)


def _callgrind(count: int, root: Path, out: Path) -> subprocess.Popen[str]:
    # One hash seed for both runs: the start they share then executes the same instructions.
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": "0"}
    return subprocess.Popen(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            str(Path(__file__).resolve()),  # this file, so an older checkout can be counted
            "--inside",
            "--articles",
            str(count),
        ],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def count_instructions(count: int, root: Path = ROOT) -> int:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install -y valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        runs = [_callgrind(n, root, Path(tmp) / f"callgrind.{n}") for n in (0, count)]
        totals = []
        for run in runs:
            _, stderr = run.communicate()
            found = re.search(r"Collected : (\d+)", stderr)
            if run.returncode != 0 or found is None:
                raise SystemExit(f"callgrind failed:\n{stderr[-2000:]}")
            totals.append(int(found.group(1)))
        return totals[1] - totals[0]


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
