"""Command line: `python -m armstrack extract PATH [--published YYYY-MM-DD] [--format json|table]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date

from armstrack.article import load_article
from armstrack.errors import InputError


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="armstrack", description="Arms-deal news extraction.")
    commands = parser.add_subparsers(dest="command", required=True)
    ex = commands.add_parser("extract", help="extract one article and print the result")
    ex.add_argument("path", help="article file: .txt, .md or .html")
    ex.add_argument("--published", type=_iso_date, help="publication date (YYYY-MM-DD)")
    ex.add_argument("--format", choices=("json", "table"), default="json")
    ing = commands.add_parser("ingest", help="extract and store articles (files or folders)")
    ing.add_argument("paths", nargs="+", help="article files or folders of them")
    ing.add_argument("--db", help="database file (default $ARMSTRACK_DB or data/armstrack.duckdb)")
    ing.add_argument("--published", type=_iso_date, help="publication date for undated files")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")
    commands.add_parser(
        "serve",
        help="start the dashboard (`make run`; options after it go to `streamlit run`); a first "
        "start builds the store from the bundled seeds beside the server as it starts",
    )
    commands.add_parser("seed", help="build the store from the bundled seeds if it is absent")
    rex = commands.add_parser("reextract", help="extract every stored article again")
    rex.add_argument("--db", help="database file (default $ARMSTRACK_DB or data/armstrack.duckdb)")
    exp = commands.add_parser("export", help="write the filtered tables to a folder")
    exp.add_argument("outdir")
    exp.add_argument("--db", help="database file (default $ARMSTRACK_DB or data/armstrack.duckdb)")
    exp.add_argument("--format", choices=("csv", "parquet"), default="csv")
    exp.add_argument("--country", action="append", default=[], help="ISO3 code (repeatable)")
    exp.add_argument("--role", choices=("any", "supplier", "recipient"), default="any")
    exp.add_argument("--year-from", type=int)
    exp.add_argument("--year-to", type=int)
    cor = commands.add_parser(
        "corrections", help="share analysts' corrections: write them to CSV or take them in"
    )
    cor.add_argument("action", choices=("export", "import", "list"))
    cor.add_argument("path", nargs="?", help="the CSV file (export writes, import reads)")
    cor.add_argument("--db", help="database file (default $ARMSTRACK_DB or data/armstrack.duckdb)")
    cor.add_argument(
        "--annotations",
        metavar="DIR",
        help="export: also write the fully reviewed articles as an annotated set that "
        "`train --own DIR` reads",
    )
    ds = commands.add_parser(
        "dataset", help="write the store as a partitioned Parquet dataset the dashboard can read"
    )
    ds.add_argument("outdir")
    ds.add_argument("--db", help="database file (default $ARMSTRACK_DB or data/armstrack.duckdb)")
    syn = commands.add_parser(
        "synth", help="write a deterministic synthetic corpus with expected facts"
    )
    syn.add_argument("count", type=int)
    syn.add_argument("--out", required=True)
    syn.add_argument("--seed", type=int, default=7)
    bench = commands.add_parser("bench", help="measure extraction, ingest and dashboard speed")
    bench.add_argument("--articles", type=int, default=200, help="articles to ingest")
    bench.add_argument("--events", type=int, default=1_000_000, help="events in the large store")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument(
        "--extract-only",
        action="store_true",
        help="measure extraction alone (under a minute; the speed target's figure)",
    )
    bench.add_argument(
        "--browser",
        action="store_true",
        help="time every page in Chromium on a store of --events events (tools/browser_bench.py)",
    )
    ev = commands.add_parser(
        "evaluate", help="score extraction on annotated articles by the real-article rules"
    )
    ev.add_argument(
        "folders",
        nargs="+",
        help="annotated sets: articles/ + gold/ (the real-article layout) or NAME.expected.yml "
        "beside each article",
    )
    ev.add_argument("--misses", action="store_true", help="list every miss and extra")
    tr = commands.add_parser(
        "train", help="fit the deal, status and event models; report them by cross-validation"
    )
    tr.add_argument(
        "--real", help="real-article set (default ../shared/realdev beside the checkout)"
    )
    tr.add_argument(
        "--own", action="append", help="our annotated sets (default tests/articles, data/training)"
    )
    tr.add_argument("--folds", type=int, default=5)
    tr.add_argument("--out", help="where the JSON weights go (default data/models)")
    tr.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    return parser


def _evaluate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from armstrack.evaluation import evaluate

    for folder in args.folders:
        path = Path(folder)
        if not path.is_dir():
            print(f"armstrack: error: {folder}: no such folder", file=sys.stderr)
            return 2
        score = evaluate(path)
        print(f"== {folder}")
        if args.misses:
            print("\n".join(f"  {m}" for m in score.misses))
        print("\n".join(score.lines()))
    return 0


def _train(args: argparse.Namespace) -> int:
    from pathlib import Path

    from armstrack.extract.scorer import MODELS_DIR
    from armstrack.learn.corpus import OWN
    from armstrack.learn.train import TRAINING, train

    real = Path(args.real) if args.real else None
    if real is None:
        from armstrack.learn.corpus import REALDEV

        real = REALDEV if REALDEV.exists() else None
        if real is None:
            print("armstrack: note: no real-article set beside the checkout; fitting on ours only")
    own = [Path(p) for p in args.own] if args.own else [OWN, TRAINING]
    out = Path(args.out) if args.out else MODELS_DIR
    report = train(real, own, out=out, folds=args.folds, write=not args.dry_run)
    print(f"articles: {report.counts}")
    if real is not None:
        chosen = ", ".join(f"{t.deal_threshold:.2f}" for t in report.thresholds)
        print(
            f"== {real}: cross-validated ({args.folds} folds by article; deal thresholds chosen "
            f"within each fold: {chosen})"
        )
        print("\n".join(report.cross_validated.lines()))
        print(f"== {real}: fitted on all (for reference; not a measure)")
        print("\n".join(report.fitted_on_all.lines()))
    print("== our articles: fitted on all (for reference; not a measure)")
    print("\n".join(report.own_fitted_on_all.lines()))
    t = report.tuning
    print(
        f"thresholds: deals {t.deal_threshold}, events {t.event_threshold}; "
        f"calibration {t.calibration}"
    )
    if report.predictions:
        from armstrack.learn.train import reliability

        brier, ece, table = reliability(report.predictions)
        print(f"deal confidence on held-out real articles: Brier {brier}, calibration error {ece}")
        for conf, right, n in table:
            print(f"  said {conf:.2f} -> right {right:.2f} ({n} candidates)")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from armstrack.extract import extract
    from armstrack.report import extraction_json, extraction_tables

    article = load_article(args.path, published=args.published)
    if article.meta.published is None:
        print(
            f"armstrack: warning: {args.path}: no publication date; relative dates are left "
            "unresolved (pass --published YYYY-MM-DD)",
            file=sys.stderr,
        )
    doc = extraction_json(extract(article))
    if args.format == "json":
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print(extraction_tables(doc))
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from armstrack import store
    from armstrack.ingest import article_files, ensure_store, ingest_files

    ensure_store(args.db)
    with store.connect(args.db):
        pass  # says at once when the store is busy or read-only, before any reading
    skipped: list[tuple[str, str]] = []
    report = ingest_files(
        store.db_path(args.db),
        list(article_files(args.paths, skipped)),
        published=args.published,
        progress=not args.quiet,
    )
    report.skipped = skipped
    print(report.summary())
    return 1 if report.failed and not (report.new or report.replaced or report.unchanged) else 0


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from armstrack import store
    from armstrack.export import export
    from armstrack.ingest import ensure_store
    from armstrack.queries import Filters

    ensure_store(args.db)
    codes = tuple(c.upper() for c in args.country)
    filters = Filters(
        countries=codes, role=args.role, year_from=args.year_from, year_to=args.year_to
    )
    with store.connect(args.db, read_only=True) as con:
        for path in export(con, Path(args.outdir), filters, args.format):
            print(path)
    return 0


def _corrections(args: argparse.Namespace) -> int:
    from pathlib import Path

    from armstrack import store
    from armstrack.ingest import ensure_store
    from armstrack.store import corrections

    if (args.action == "import" and not args.path) or (
        args.action == "export" and not (args.path or args.annotations)
    ):
        print(f"armstrack: error: corrections {args.action} needs a CSV path", file=sys.stderr)
        return 2
    ensure_store(args.db)
    if args.action == "import":
        with store.connect(args.db) as con:
            new = corrections.import_csv(con, Path(args.path))
            lost = len(corrections.orphaned(con))
        print(f"{new} corrections taken in from {args.path}; {lost} orphaned in the store")
        return 0
    with store.connect(args.db, read_only=True) as con:
        table = corrections.correction_table(con)
        annotated = (
            corrections.write_annotations(con, Path(args.annotations))
            if args.action == "export" and args.annotations
            else []
        )
    if args.action == "export":
        from armstrack.export import csv_bytes

        if args.path:
            Path(args.path).write_bytes(csv_bytes(table))
            print(f"{len(table)} corrections written to {args.path}")
        if args.annotations:
            print(
                f"{len(annotated)} fully reviewed articles written to {args.annotations} as an "
                f"annotated set (train on it with --own {args.annotations} beside --own "
                "tests/articles --own data/training)"
            )
        return 0
    for row in table.to_dict("records"):
        mark = " (orphaned: its fact is no longer read)" if row["orphaned"] else ""
        print(
            f"{row['created_at']:%Y-%m-%d %H:%M} {row['reviewer'] or '-'} {row['action']} "
            f"{row['deal_id']} in {row['article_id']}: {row['changed']}{mark}"
        )
    print(f"{len(table)} corrections, {int(table['orphaned'].sum())} orphaned")
    return 0


def _dataset(args: argparse.Namespace) -> int:
    from pathlib import Path

    from armstrack import dataset, store
    from armstrack.ingest import ensure_store

    ensure_store(args.db)
    out = Path(args.outdir)
    if store.db_path(args.db).resolve() == out.resolve():
        raise dataset.DatasetError(f"{out}: the dataset cannot replace the store it is read from")
    with store.connect(args.db, read_only=True) as con:
        written = dataset.write(con, out)
    print(", ".join(f"{n:,} {table}" for table, n in written.items()) + f" written to {out}")
    print(f"read it with: ARMSTRACK_DB={out} make run")
    return 0


def _serve(streamlit_args: Sequence[str]) -> int:
    """Start the dashboard. When the store is absent, a second process builds it from the seeds
    while the server starts and the browser loads the page (the page waits for that build, not
    for one of its own), so the first page comes sooner."""
    import os
    import subprocess
    from pathlib import Path

    from armstrack.paths import db_path

    if not db_path().exists():
        subprocess.Popen([sys.executable, "-m", "armstrack", "seed"], stdout=subprocess.DEVNULL)
    app = Path(__file__).resolve().parent.parent / "dashboard.py"
    command = [sys.executable, "-m", "streamlit", "run", str(app), *streamlit_args]
    os.execv(sys.executable, command)  # the server takes this process's place
    return 0  # not reached


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if given[:1] == ["serve"]:
        return _serve(given[1:])  # its options are Streamlit's, not ours
    args = build_parser().parse_args(given)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "train":
            return _train(args)
        if args.command == "ingest":
            return _ingest(args)
        if args.command == "export":
            return _export(args)
        if args.command == "dataset":
            return _dataset(args)
        if args.command == "corrections":
            return _corrections(args)
        if args.command == "synth":
            from pathlib import Path

            from armstrack.tools.synth import write_corpus

            paths = write_corpus(args.count, Path(args.out), args.seed)
            print(f"{len(paths)} articles with expected facts in {args.out}")
            return 0
        if args.command == "bench" and args.browser:
            from armstrack.tools.bench import browser_bench

            return browser_bench(args.events, args.json)
        if args.command == "bench":
            from armstrack.tools.bench import run, table

            report = run(args.articles, args.events, extract_only=args.extract_only)
            print(json.dumps(report) if args.json else table(report))
            return 0
        if args.command == "seed":
            from armstrack.ingest import ensure_store

            ensure_store()
            return 0
        if args.command == "reextract":
            from armstrack import store
            from armstrack.ingest import ensure_store, reextract

            ensure_store(args.db)
            with store.connect(args.db) as con:
                print(f"{reextract(con)} articles extracted again")
            return 0
    except InputError as exc:  # an article, dataset or correction that cannot be used
        print(f"armstrack: error: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:  # StoreBusy: the database is held by another process
        print(f"armstrack: error: {exc}", file=sys.stderr)
        return 3
    except OSError as exc:
        print(
            f"armstrack: error: {exc.strerror or exc}: {getattr(exc, 'filename', '')}",
            file=sys.stderr,
        )
        return 2
    return 1
