"""Annotated articles in one shape, whichever set they come from.

Two layouts are read:
- the real-article layout (`SET/articles/NNN_slug.txt` with `title:`/`date:`/`source:`/`url:`
  header lines, and `SET/gold/NNN_slug.json`), annotated by people who never saw the code;
- our own layout (`NAME.(md|txt|html)` beside `NAME.expected.yml`, see tests/articles/README.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from armstrack.article import Article, load_article, parse_article

ARTICLE_SUFFIXES = (".txt", ".md", ".html")
# Where the real-article development set lives beside a checkout (CI puts ../shared there).
REALDEV = Path(__file__).resolve().parents[2].parent / "shared" / "realdev"
OWN = Path(__file__).resolve().parents[2] / "tests" / "articles"


@dataclass(frozen=True)
class GoldDeal:
    supplier: str
    recipient: str
    system: str
    status: str
    evidence: str = ""


@dataclass(frozen=True)
class GoldEvent:
    evidence: str  # the whole sentence (real set) or a substring of it (our set)
    earliest: date | None
    latest: date | None
    whole_sentence: bool


@dataclass
class Annotated:
    """One article with what annotators read from it."""

    name: str
    group: str  # "real" or "own": which set it belongs to
    article: Article
    countries: list[str]
    deals: list[GoldDeal]
    events: list[GoldEvent]
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    weapon_systems: list[str] = field(default_factory=list)


def is_real_layout(folder: Path) -> bool:
    return (folder / "articles").is_dir() and (folder / "gold").is_dir()


def _header(text: str) -> tuple[dict[str, str], str]:
    head, _, body = text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    return meta, body


def real_article(path: Path) -> Article:
    """A real-set article read as the scorer hands it to `extract`: header lines become front
    matter, a full date is the publication date (a month-only date gives its first day)."""
    meta, body = _header(path.read_text(encoding="utf-8"))
    lines = ["---"]
    lines += [f'{k}: "{v.replace(chr(34), chr(39))}"' for k, v in meta.items()]
    lines += ["---", ""]
    published = None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.get("date", "")):
        published = date.fromisoformat(meta["date"])
    return parse_article("\n".join(lines) + body, name=path.name, published=published)


def _gold_interval(value: str | None) -> tuple[date | None, date | None]:
    if not value:
        return None, None
    import calendar

    if re.fullmatch(r"\d{4}s", value):
        y = int(value[:4])
        return date(y, 1, 1), date(y + 9, 12, 31)
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    day = date(*parts)
    return day, day


def load_real(folder: Path) -> list[Annotated]:
    out = []
    for path in sorted((folder / "articles").glob("*.txt")):
        gold: dict[str, Any] = json.loads((folder / "gold" / f"{path.stem}.json").read_text())
        out.append(
            Annotated(
                name=path.stem,
                group="real",
                article=real_article(path),
                countries=list(gold.get("countries") or []),
                deals=[
                    GoldDeal(
                        d["supplier"],
                        d["recipient"],
                        d["system"],
                        d["status"],
                        d.get("evidence") or "",
                    )
                    for d in gold.get("deals") or []
                ],
                events=[
                    GoldEvent(e["evidence"], *_gold_interval(e.get("date")), whole_sentence=True)
                    for e in gold.get("events") or []
                ],
                people=list(gold.get("people") or []),
                organizations=list(gold.get("organizations") or []),
                weapon_systems=list(gold.get("weapon_systems") or []),
            )
        )
    return out


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value)
    return None


def load_own(folder: Path) -> list[Annotated]:
    out = []
    for expected_path in sorted(folder.glob("*.expected.yml")):
        stem = expected_path.name[: -len(".expected.yml")]
        path = next(
            (folder / f"{stem}{s}" for s in ARTICLE_SUFFIXES if (folder / f"{stem}{s}").exists()),
            None,
        )
        if path is None:
            continue
        expected: dict[str, Any] = yaml.safe_load(expected_path.read_text(encoding="utf-8")) or {}
        published = expected.get("published")
        article = load_article(path, published=published if isinstance(published, date) else None)
        ents = expected.get("entities") or {}
        out.append(
            Annotated(
                name=stem,
                group="own",
                article=article,
                countries=list(expected.get("countries") or []),
                deals=[
                    GoldDeal(d["supplier"], d["recipient"], str(d["system"]), d["status"])
                    for d in expected.get("deals") or []
                ],
                events=[
                    GoldEvent(
                        " ".join(str(e.get("evidence_contains", "")).split()),
                        _as_date((e.get("date") or {}).get("earliest")),
                        _as_date((e.get("date") or {}).get("latest")),
                        whole_sentence=False,
                    )
                    for e in expected.get("events") or []
                ],
                people=[str(p) for p in ents.get("persons") or []],
                organizations=[str(o) for o in ents.get("organizations") or []],
                weapon_systems=[str(w) for w in ents.get("weapon_systems") or []],
            )
        )
    return out


def load_set(folder: Path) -> list[Annotated]:
    """Either layout, told apart by its folders."""
    return load_real(folder) if is_real_layout(folder) else load_own(folder)
