"""The extraction as the JSON document the CLI prints, and as readable tables."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from armstrack import gazetteer
from armstrack.records import Extraction, Mention

ENTITY_KINDS = ("person", "organization", "weapon_system", "place")


def extraction_json(result: Extraction) -> dict[str, Any]:
    countries: dict[str, int] = defaultdict(int)
    for m in result.mentions:
        if m.kind == "country" and m.iso3:
            countries[m.iso3] += 1
        elif m.kind == "place" and m.form == "border":
            for code in (m.iso3, m.detail):
                if code:
                    countries[code] += 1
    entities: dict[tuple[str, str], dict[str, Any]] = {}
    written: dict[tuple[str, str], str] = {}
    for m in result.mentions:
        if m.kind == "organization":
            # A body as the article writes it, in its fullest form ("the Defense Ministry",
            # "U.S. Coast Guard (USCG)"), whatever the reference data calls it.
            surface = " ".join(m.text.split())
            key = (m.kind, m.canonical)
            if len(surface) > len(written.get(key, "")):
                written[key] = surface
    for m in result.mentions:
        if m.kind not in ENTITY_KINDS or _generic_reference(m):
            continue
        # A ship named by its navy's prefix is a vessel, not a weapon system of its class.
        kind = "vessel" if m.kind == "weapon_system" and m.form == "ship" else m.kind
        key = (kind, m.canonical)
        if key not in entities:
            entities[key] = {
                "kind": kind,
                "name": " ".join(m.text.split()),
                "canonical": m.canonical,
                "iso3": m.iso3,
                "lat": m.lat,
                "lon": m.lon,
                "detail": m.detail,
                "mentions": 0,
            }
        entities[key]["mentions"] += 1
    for key, surface in written.items():
        if key in entities:
            entities[key]["reference"] = entities[key]["canonical"]
            entities[key]["canonical"] = surface
    return {
        "article": result.article.to_json(),
        "countries": [
            {
                "iso3": iso3,
                "name": gazetteer.country_name(iso3),
                "mentions": count,
                "roles": list(result.country_roles.get(iso3, ("mentioned",))),
            }
            for iso3, count in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "entities": list(entities.values()),
        "events": [e.to_json() for e in result.events],
        "deals": [d.to_json() for d in result.deals],
        # Candidates too unlikely to report as facts, kept for an analyst to review.
        "review": [d.to_json() for d in result.review],
    }


def _date_text(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    return f"{value['edtf']} ({value['qualifier']})"


def extraction_tables(doc: dict[str, Any]) -> str:
    """Plain-text tables of the JSON document."""
    art = doc["article"]
    lines = [
        f"Article {art['id']}: {art['title']}",
        f"Published {art['published'] or 'unknown'} · {art['source'] or 'unknown source'}",
        "",
    ]
    sections: list[tuple[str, list[str], list[list[str]]]] = [
        (
            "Countries",
            ["ISO3", "Name", "Mentions", "Roles"],
            [
                [c["iso3"], c["name"], str(c["mentions"]), ", ".join(c["roles"])]
                for c in doc["countries"]
            ],
        ),
        (
            "Entities",
            ["Kind", "Canonical", "ISO3", "Mentions"],
            [
                [e["kind"], e["canonical"], e["iso3"] or "", str(e["mentions"])]
                for e in doc["entities"]
            ],
        ),
        (
            "Deals",
            ["Supplier", "Recipient", "System", "Status", "Qty", "Order", "Delivery", "Certainty"],
            [
                [
                    d["supplier"],
                    d["recipient"],
                    d["system"],
                    d["status"],
                    str(d["quantity"] or ""),
                    _date_text(d["order_date"]),
                    _date_text(d["delivery_date"]),
                    d["certainty"],
                ]
                for d in doc["deals"]
            ],
        ),
        (
            "Events",
            ["Type", "Date", "Actors", "Certainty", "Attribution"],
            [
                [
                    e["type"],
                    _date_text(e["date"]),
                    ",".join(e["actors"]),
                    e["certainty"],
                    e["attribution"][:40],
                ]
                for e in doc["events"]
            ],
        ),
    ]
    for title, header, rows in sections:
        lines.append(f"{title} ({len(rows)})")
        widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
        lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
        for row in rows:
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        lines.append("")
    return "\n".join(lines)


def _generic_reference(m: Mention) -> bool:
    """ "The Russian military", "the Indian navy", "the Polish defence ministry": a state body
    named by its country and a lowercase noun is a reference, not a named organisation (it
    still stands for its country in the deals)."""
    words = m.text.split()
    return (
        m.kind == "organization"
        and m.detail in _STATE_BODY_KINDS
        and len(words) > 1
        and all(w.islower() for w in words[1:])
    )


_STATE_BODY_KINDS = frozenset({"military", "ministry", "legislature", "government_agency"})
