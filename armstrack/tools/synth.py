"""A deterministic synthetic corpus: articles in several styles built from the reference data,
each with the facts it states written beside it, so it doubles as a large extraction test.

`python -m armstrack synth N --out DIR [--seed S]` writes NAME.md and NAME.expected.yml pairs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from armstrack import gazetteer

# Buyers and sellers that appear often in arms news (ISO3); systems come from the curated data.
EXPORTERS = ("USA", "RUS", "FRA", "DEU", "CHN", "GBR", "ITA", "KOR", "ISR", "TUR", "SWE", "ESP")
IMPORTERS = (
    "IND", "SAU", "EGY", "POL", "QAT", "PAK", "AUS", "ARE", "GRC", "IDN", "PHL", "VNM", "BRA",
    "MAR", "DZA", "NOR", "FIN", "ROU", "CZE", "MYS", "THA", "CHL", "PER", "COL", "NGA", "KAZ",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
NUMBERS = {2: "two", 3: "three", 4: "four", 6: "six", 8: "eight", 12: "twelve"}
OUTLETS = ("Synthetic Defence Wire", "Trade Press Daily", "Policy Brief Review")


@dataclass(frozen=True)
class Fact:
    supplier: str
    recipient: str
    system: str
    status: str
    quantity: int | None
    sentence: str
    when: tuple[date, date] | None


def _name(iso3: str) -> str:
    return gazetteer.country_name(iso3)


def _systems_by_origin() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for system in gazetteer.weapon_systems().values():
        if system.origin in EXPORTERS and system.category not in {
            "engine",
            "small_arms",
            "other",
            "sensor",
        }:
            out.setdefault(system.origin, []).append(system.canonical)
    return {k: sorted(v) for k, v in out.items()}


def _count(rng: random.Random) -> tuple[int, str]:
    n = rng.choice([2, 3, 4, 6, 8, 12, 16, 24, 36])
    return n, NUMBERS.get(n, str(n))


def _fact(rng: random.Random, published: date, systems: dict[str, list[str]]) -> Fact:
    supplier = rng.choice(sorted(systems))
    recipient = rng.choice([c for c in IMPORTERS if c != supplier])
    system = rng.choice(systems[supplier])
    s_name, r_name = _name(supplier), _name(recipient)
    kind = rng.choice(["signed", "delivered", "negotiating", "cancelled", "proposed"])
    n, n_text = _count(rng)
    if kind == "signed":
        day = rng.choice(WEEKDAYS)
        delta = (published.weekday() - WEEKDAYS.index(day)) % 7
        when = published - timedelta(days=delta)
        text = f"{r_name} signed a contract for {n_text} {system} from {s_name} on {day}, officials said."
        return Fact(supplier, recipient, system, "signed", n, text, (when, when))
    if kind == "delivered":
        month = rng.randrange(1, 13)
        year = published.year - (1 if month >= published.month else 0)
        last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
        text = f"{r_name} took delivery of {n_text} {system} from {s_name} in {MONTHS[month - 1]} {year}."
        return Fact(
            supplier,
            recipient,
            system,
            "delivered",
            n,
            text,
            (date(year, month, 1), date(year, month, last)),
        )
    if kind == "negotiating":
        text = f"{r_name} is in talks with {s_name} to buy {system}, according to people familiar with the matter."
        return Fact(supplier, recipient, system, "negotiating", None, text, (published, published))
    if kind == "cancelled":
        year = published.year - rng.randrange(1, 4)
        text = f"{r_name} cancelled its order for {system} from {s_name} in {year}."
        return Fact(
            supplier,
            recipient,
            system,
            "cancelled",
            None,
            text,
            (date(year, 1, 1), date(year, 12, 31)),
        )
    text = f"{s_name} offered {n_text} {system} to {r_name} last month."
    first = (published.replace(day=1) - timedelta(days=1)).replace(day=1)
    last_day = published.replace(day=1) - timedelta(days=1)
    return Fact(supplier, recipient, system, "proposed", n, text, (first, last_day))


_EVENT_TYPE = {
    "signed": "contract",
    "delivered": "delivery",
    "cancelled": "cancellation",
    "proposed": "offer",
    "negotiating": "negotiation",
}
_FILLER = (
    "Analysts said the purchase reflects a wider push to modernise the armed forces.",
    "The ministry did not disclose the value of the package.",
    "Regional rivals are watching the build-up closely.",
    "Parliament is expected to debate the budget later this year.",
)


def article(index: int, seed: int = 7) -> tuple[str, dict[str, Any]]:
    """Article `index` of the corpus for `seed`: its Markdown text and its expected facts."""
    rng = random.Random(seed * 1_000_003 + index)
    systems = _systems_by_origin()
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3650))
    facts: list[Fact] = []
    while len(facts) < rng.choice([1, 2, 3]):
        fact = _fact(rng, published, systems)
        if all(
            (f.supplier, f.recipient, f.system) != (fact.supplier, fact.recipient, fact.system)
            for f in facts
        ):
            facts.append(fact)
    paragraphs = [f.sentence + " " + rng.choice(_FILLER) for f in facts]
    lead = facts[0]
    title = f"{_name(lead.recipient)} and {_name(lead.supplier)}: {lead.system} deal"
    front = {"title": title, "published": published.isoformat(), "source": rng.choice(OUTLETS)}
    text = (
        "---\n"
        + yaml.safe_dump(front, sort_keys=False)
        + "---\n\n"
        + "\n\n".join(paragraphs)
        + "\n"
    )
    expected: dict[str, Any] = {
        "published": published,
        "countries": sorted({c for f in facts for c in (f.supplier, f.recipient)}),
        "deals": [
            {
                "supplier": f.supplier,
                "recipient": f.recipient,
                "system": f.system,
                "status": f.status,
                **({"quantity": f.quantity} if f.quantity else {}),
            }
            for f in facts
        ],
        "events": [
            {
                "type": _EVENT_TYPE[f.status],
                "date": {"earliest": f.when[0], "latest": f.when[1]},
                "evidence_contains": f.sentence.split(",")[0][:60],
            }
            for f in facts
            if f.when and f.status in _EVENT_TYPE
        ],
        "entities": {"weapon_systems": sorted({f.system for f in facts})},
    }
    return text, expected


def write_corpus(count: int, out: Path, seed: int = 7) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        text, expected = article(i, seed)
        path = out / f"synth_{seed}_{i:05d}.md"
        path.write_text(text, encoding="utf-8")
        (out / f"synth_{seed}_{i:05d}.expected.yml").write_text(
            yaml.safe_dump(expected, sort_keys=False), encoding="utf-8"
        )
        written.append(path)
    return written
