"""Analysts' reviews of deal facts: confirm, reject or correct what was read, and keep it.

A correction is a row of its own (who, when, what changed, why), never a change to the facts
read from an article. It names its fact by deal family (supplier, recipient and system as read)
and article, and keeps the evidence sentence, so it finds the fact again after `reextract` and,
when an article is ingested again with changed text (a new article id), by the same deal read
from the same sentence. Deals are merged from the facts as reviewed (the `reviewed_sources`
view), so the merged row of a contract respects the corrections of all its reports; the latest
review of a fact stands, and the table keeps every one. A correction whose fact is no longer
read is orphaned: listed, never dropped.
"""

from __future__ import annotations

import calendar
import math
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from armstrack.errors import InputError
from armstrack.extract.context import stable_id
from armstrack.records import DEAL_STATUSES
from armstrack.store.bulk import insert_rows
from armstrack.store.deals import rebuild_deals

if TYPE_CHECKING:  # pandas is imported where a table is read: building a store needs none
    import pandas as pd

ACTIONS = ("confirm", "reject", "correct")
# What a correction may change, as the fields of a deal fact.
FIELDS = (
    "supplier", "recipient", "system", "status", "order_date", "delivery_date", "quantity",
    "value_amount", "value_currency",
)  # fmt: skip
COLUMNS = (
    "id", "deal_id", "article_id", "evidence", "action", "target", "supplier", "recipient",
    "system", "status", "quantity", "value_amount", "value_currency", "order_edtf",
    "order_earliest", "order_latest", "order_precision", "delivery_edtf", "delivery_earliest",
    "delivery_latest", "delivery_precision", "changed", "note", "reviewer", "created_at",
)  # fmt: skip
REVIEW_STATES = ("machine-read", "confirmed", "corrected")
# The columns holding corrected values (empty: as read).
VALUE_COLUMNS = COLUMNS[COLUMNS.index("supplier") : COLUMNS.index("changed")]


class CorrectionError(InputError):
    """A correction that cannot be stored: an unknown fact, action or value."""


class NothingToCorrect(CorrectionError):
    """A correction that changes no value."""


@dataclass(frozen=True)
class Day:
    """An analyst's date: a year, a month or a day (YYYY, YYYY-MM, YYYY-MM-DD)."""

    edtf: str
    earliest: date
    latest: date
    precision: str


_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_day(text: str) -> Day:
    """'2019' → the year, '2019-03' → the month, '2019-03-05' → the day."""
    match = _DAY.match(text.strip())
    if not match:
        raise CorrectionError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return Day(f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year")
        last = calendar.monthrange(year, month)[1]
        if day is None:
            return Day(
                f"{year:04d}-{month:02d}", date(year, month, 1), date(year, month, last), "month"
            )
        when = date(year, month, day)
    except ValueError as exc:
        raise CorrectionError(f"not a date: {text!r}") from exc
    return Day(when.isoformat(), when, when, "day")


def _fact(con: duckdb.DuckDBPyConnection, deal_id: str, article_id: str) -> dict[str, Any]:
    """One deal fact as reviewed, with `prior`: the correction that stands on it (or None)."""
    cursor = con.execute(
        "SELECT * FROM reviewed_sources WHERE source_deal_id = ? AND article_id = ?",
        [deal_id, article_id],
    )
    row = cursor.fetchone()
    if row is None:
        raise CorrectionError(f"no deal fact {deal_id} in article {article_id}")
    fact = dict(zip([d[0] for d in cursor.description], row, strict=True))
    fact["prior"] = None
    if fact["correction_id"] is not None:
        cursor = con.execute("SELECT * FROM corrections WHERE id = ?", [fact["correction_id"]])
        prior = cursor.fetchone()
        if prior is not None:
            fact["prior"] = dict(zip([d[0] for d in cursor.description], prior, strict=True))
    return fact


def _shown(value: Any) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _row(
    fact: dict[str, Any],
    action: str,
    changes: dict[str, Any],
    note: str,
    reviewer: str,
    now: datetime,
) -> list[Any]:
    """One row of `corrections` for this fact, in COLUMNS order."""
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise CorrectionError(f"cannot correct {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {c: None for c in COLUMNS}
    prior = fact.get("prior")
    if prior and prior["action"] != "reject":
        # The values an earlier correction set stand unless this review changes them: a
        # confirmation confirms the corrected fact, a further correction adds to it.
        values |= {c: prior[c] for c in VALUE_COLUMNS}
    changed: list[str] = []
    if action == "correct":
        for name, raw in changes.items():
            value = raw.strip() if isinstance(raw, str) else raw
            if value is None or value == "":
                continue
            if name in ("supplier", "recipient"):
                value = str(value).upper()
                if not re.fullmatch(r"[A-Z]{3}", value):
                    raise CorrectionError(f"{name} must be an ISO3 country code: {raw!r}")
            if name == "status" and value not in DEAL_STATUSES:
                raise CorrectionError(f"unknown status {value!r}")
            if name == "quantity":
                value = int(value)
                if value < 0:
                    raise CorrectionError("quantity cannot be negative")
            if name == "value_amount":
                value = float(value)
            if name in ("order_date", "delivery_date"):
                prefix = name.split("_")[0]
                day = parse_day(str(value))
                if day.edtf == fact[f"{prefix}_edtf"]:
                    continue
                values |= {
                    f"{prefix}_edtf": day.edtf,
                    f"{prefix}_earliest": day.earliest,
                    f"{prefix}_latest": day.latest,
                    f"{prefix}_precision": day.precision,
                }
                changed.append(f"{prefix} date: {_shown(fact[f'{prefix}_edtf'])} → {day.edtf}")
                continue
            if value == fact[name]:
                continue
            values[name] = value
            changed.append(f"{name.replace('_', ' ')}: {_shown(fact[name])} → {value}")
        if not changed:
            raise NothingToCorrect("nothing to correct: every value is as it stands")
    triple = [values[k] or fact[k] for k in ("supplier", "recipient", "system")]
    values |= {
        "id": uuid.uuid4().hex,
        "deal_id": fact["source_deal_id"],
        "article_id": fact["article_id"],
        "evidence": fact["evidence"],
        "action": action,
        "target": stable_id(*triple),
        "changed": "; ".join(changed)
        if changed
        else {"confirm": "confirmed", "reject": "rejected"}[action],
        "note": note.strip(),
        "reviewer": reviewer.strip(),
        "created_at": now,
    }
    return [values[c] for c in COLUMNS]


def review_fact(
    con: duckdb.DuckDBPyConnection,
    deal_id: str,
    article_id: str,
    action: str,
    changes: dict[str, Any] | None = None,
    *,
    note: str = "",
    reviewer: str = "",
    now: datetime | None = None,
) -> str:
    """Confirm, reject or correct one deal fact (`deal_id` as read, in `article_id`); the deals
    it backs are merged again in the same transaction. Returns the correction's id."""
    return _store(con, [(deal_id, article_id)], action, changes or {}, note, reviewer, now)[0]


def review_deal(
    con: duckdb.DuckDBPyConnection,
    contract: str,
    action: str,
    changes: dict[str, Any] | None = None,
    *,
    note: str = "",
    reviewer: str = "",
    now: datetime | None = None,
) -> list[str]:
    """Review a merged deal row: the same review of every report backing it."""
    facts = [
        (r[0], r[1])
        for r in con.execute(
            "SELECT deal_id, article_id FROM deal_sources WHERE contract = ? ORDER BY article_id",
            [contract],
        ).fetchall()
    ]
    if not facts:
        raise CorrectionError(f"no deal {contract}")
    return _store(con, facts, action, changes or {}, note, reviewer, now)


def _store(
    con: duckdb.DuckDBPyConnection,
    facts: list[tuple[str, str]],
    action: str,
    changes: dict[str, Any],
    note: str,
    reviewer: str,
    now: datetime | None,
) -> list[str]:
    stamp = now or datetime.now()
    rows = []
    unchanged = 0
    for deal_id, article_id in facts:
        fact = _fact(con, deal_id, article_id)
        try:
            rows.append(_row(fact, action, changes, note, reviewer, stamp))
        except NothingToCorrect:
            if len(facts) == 1:
                raise
            # A report of the deal that already says so: the correction confirms it.
            rows.append(_row(fact, "confirm", {}, note, reviewer, stamp))
            unchanged += 1
    if unchanged == len(facts) > 1:
        raise NothingToCorrect("nothing to correct: every report already says so")
    _insert(con, rows)
    return [r[0] for r in rows]


def _insert(con: duckdb.DuckDBPyConnection, rows: list[list[Any]]) -> None:
    """Store corrections and merge the deals they touch again, all or nothing."""
    if not rows:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        insert_rows(con, "corrections", rows, COLUMNS)
        at = COLUMNS.index
        touched = {r[at("deal_id")] for r in rows} | {r[at("target")] for r in rows}
        # A fact moved out of a family by an earlier correction is merged where it now is.
        touched |= {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT deal_id FROM reviewed_sources WHERE source_deal_id IN (SELECT UNNEST(?))",
                [sorted(touched)],
            ).fetchall()
        }
        rebuild_deals(con, touched)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def correction_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every correction, newest first, with `orphaned`: its fact is no longer read (the article
    was removed, or changed so that the deal is no longer read from the same sentence)."""
    return con.execute(
        f"""SELECT {", ".join(f"c.{c}" for c in COLUMNS)},
               NOT EXISTS (SELECT 1 FROM deal_sources s WHERE s.deal_id = c.deal_id
                   AND (s.article_id = c.article_id OR s.evidence = c.evidence)) AS orphaned
           FROM corrections c ORDER BY c.created_at DESC, c.id"""
    ).df()


def orphaned(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The corrections whose fact is no longer read."""
    table = correction_table(con)
    return table[table["orphaned"]].reset_index(drop=True)


def import_csv(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Take in the corrections of a CSV written by `armstrack corrections export` (another
    analyst's), skipping
    those already stored; returns how many were new. The deals they touch are merged again."""
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = set(COLUMNS) - set(frame.columns)
    if missing:
        raise CorrectionError(f"{path}: not a corrections file (no {', '.join(sorted(missing))})")
    known = {r[0] for r in con.execute("SELECT id FROM corrections").fetchall()}
    rows = []
    for record in frame.to_dict("records"):
        if record["id"] in known:
            continue
        if record["action"] not in ACTIONS:
            raise CorrectionError(f"{path}: unknown action {record['action']!r}")
        rows.append([_typed(c, _unquote(record[c])) for c in COLUMNS])
        known.add(record["id"])
    _insert(con, rows)
    return len(rows)


def _unquote(value: str) -> str:
    """Undo the apostrophe a CSV cell gets so a spreadsheet does not run it as a formula."""
    return value[1:] if value.startswith("'") and value[1:2] in ("=", "+", "-", "@") else value


def _typed(column: str, value: str) -> Any:
    if value == "":
        return None
    if column == "quantity":
        return int(float(value))
    if column == "value_amount":
        return float(value)
    if column.endswith(("_earliest", "_latest")):
        return date.fromisoformat(value[:10])
    if column == "created_at":
        return datetime.fromisoformat(value)
    return value


def write_annotations(con: duckdb.DuckDBPyConnection, outdir: Path) -> list[str]:
    """Write the fully reviewed articles as an annotated set in the real-article layout
    (`outdir/articles/ID.txt` and `outdir/gold/ID.json`), which `python -m armstrack train
    --own OUTDIR` reads; returns the article ids written.

    An article is written when an analyst reviewed it and no deal shown from it is left
    machine-read. Its gold deals are the confirmed and corrected facts, with the corrected
    values; rejected facts and candidates nobody confirmed are not deals. Events were not
    reviewed: they are written as read, so that the event model is not taught they are wrong.
    """
    import json

    done = [
        r[0]
        for r in con.execute(
            """SELECT article_id FROM reviewed_sources GROUP BY article_id
               HAVING bool_or(review <> 'machine-read')
                  AND NOT bool_or(review = 'machine-read' AND shown IS NOT FALSE)
               ORDER BY article_id"""
        ).fetchall()
    ]
    if not done:
        return []
    (outdir / "articles").mkdir(parents=True, exist_ok=True)
    (outdir / "gold").mkdir(parents=True, exist_ok=True)
    for article_id in done:
        title, published, source, url, text = con.execute(
            "SELECT title, published, source, url, text FROM articles WHERE id = ?", [article_id]
        ).fetchone() or ("", None, "", "", "")
        header = [
            f"title: {' '.join(str(title or '').split())}",
            f"date: {published.isoformat() if published else ''}",
            f"source: {' '.join(str(source or '').split())}",
            f"url: {url or ''}",
        ]
        (outdir / "articles" / f"{article_id}.txt").write_text(
            "\n".join(header) + "\n\n" + str(text), encoding="utf-8"
        )
        deals = con.execute(
            """SELECT supplier, recipient, system, status, order_edtf, evidence
               FROM reviewed_sources WHERE article_id = ? AND review IN ('confirmed', 'corrected')
               ORDER BY char_start""",
            [article_id],
        ).fetchall()
        events = con.execute(
            """SELECT date_earliest, date_latest, actor_codes, summary, evidence FROM events
               WHERE article_id = ? ORDER BY char_start""",
            [article_id],
        ).fetchall()
        countries = con.execute(
            """SELECT DISTINCT iso3 FROM mentions WHERE article_id = ? AND kind = 'country'
                   AND iso3 IS NOT NULL ORDER BY iso3""",
            [article_id],
        ).fetchall()
        gold = {
            "countries": [c[0] for c in countries],
            "deals": [
                {"supplier": s, "recipient": r, "system": y, "status": st, "date": d, "evidence": e}
                for s, r, y, st, d, e in deals
            ],
            "events": [
                {"date": _gold_date(lo, hi), "actors": list(a or []), "summary": s, "evidence": e}
                for lo, hi, a, s, e in events
            ],
        }
        (outdir / "gold" / f"{article_id}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return done


def _gold_date(earliest: date | None, latest: date | None) -> str | None:
    """An event's interval as the annotated layout writes it: a day, a month or a year; None
    (any date) when it is open or spans more than a year."""
    if earliest is None or latest is None:
        return None
    if earliest == latest:
        return earliest.isoformat()
    month_end = calendar.monthrange(latest.year, latest.month)[1]
    if (earliest.year, earliest.month, earliest.day) == (latest.year, latest.month, 1) and (
        latest.day == month_end
    ):
        return f"{earliest.year:04d}-{earliest.month:02d}"
    if (earliest.year, earliest.month, earliest.day, latest.month, latest.day) == (
        latest.year, 1, 1, 12, 31,
    ):  # fmt: skip
        return f"{earliest.year:04d}"
    return None
