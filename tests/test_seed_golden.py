"""Golden test on the seed article: expected facts written by reading the article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from armstrack.article import load_article
from armstrack.extract import extract
from armstrack.records import Deal, Extraction
from armstrack.report import extraction_json


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Extraction:
    return extract(load_article(seed_path))


@pytest.fixture(scope="module")
def seed_doc(seed: Extraction) -> dict[str, Any]:
    return extraction_json(seed)


def _deal(result: Extraction, supplier: str, recipient: str, system: str) -> Deal:
    matches = [
        d
        for d in result.deals
        if (d.supplier, d.recipient, d.system) == (supplier, recipient, system)
    ]
    assert matches, (
        f"no deal {supplier}->{recipient} {system}: {[(d.supplier, d.recipient, d.system) for d in result.deals]}"
    )
    return matches[0]


def test_countries(seed_doc: dict[str, Any]) -> None:
    assert {c["iso3"] for c in seed_doc["countries"]} == {"TUR", "RUS", "CHN", "IND", "SYR"}


def test_turkey_deal(seed: Extraction) -> None:
    deal = _deal(seed, "RUS", "TUR", "S-400")
    assert deal.status == "negotiating"
    assert deal.certainty.level == "probable"
    # Talks: nothing was ordered yet, and the report's date is not an order date.
    assert deal.order_date is None
    assert deal.delivery_date is not None
    assert deal.delivery_date.precision == "decade"
    assert str(deal.delivery_date.earliest) == "2020-01-01"
    assert str(deal.delivery_date.latest) == "2029-12-31"
    assert deal.category == "air_defence"


def test_china_deal(seed: Extraction) -> None:
    deal = _deal(seed, "RUS", "CHN", "S-400")
    assert deal.status == "signed"
    assert deal.order_date is not None
    assert (str(deal.order_date.earliest), str(deal.order_date.latest)) == (
        "2014-09-01",
        "2014-09-30",
    )
    assert deal.delivery_date is not None
    assert deal.delivery_date.qualifier == "not-before"
    assert str(deal.delivery_date.earliest) == "2018-01-01"
    assert deal.delivery_date.latest is None


def test_india_deal(seed: Extraction) -> None:
    deal = _deal(seed, "RUS", "IND", "S-400")
    assert deal.certainty.level == "probable"
    assert "source" in deal.attribution


def _events_on(seed: Extraction, earliest: str, latest: str) -> list[str]:
    return [
        e.type
        for e in seed.events
        if e.date is not None and str(e.date.earliest) == earliest and str(e.date.latest) == latest
    ]


def test_dated_events(seed: Extraction) -> None:
    assert "statement" in _events_on(seed, "2016-11-21", "2016-11-21")  # reported Monday
    assert "contract" in _events_on(seed, "2014-09-01", "2014-09-30")
    assert "exhibition" in _events_on(seed, "2015-05-01", "2015-05-31")
    assert "military_incident" in _events_on(seed, "2015-11-24", "2015-11-24")
    # "will hold an intergovernmental commission meeting … by the end of the year" is a plan:
    # events are what had happened by publication (ANNOTATION.md), so nothing is dated later.
    published = seed.article.published
    assert published is not None
    assert all(e.date.earliest <= published for e in seed.events if e.date and e.date.earliest)


def test_exhibition_place_and_incident_border(seed: Extraction) -> None:
    exhibition = next(e for e in seed.events if e.type == "exhibition")
    assert exhibition.place == "Istanbul"
    incident = next(e for e in seed.events if e.type == "military_incident")
    assert incident.place is not None and "border" in incident.place
    assert {"TUR", "SYR", "RUS"} <= set(incident.actors)


def test_attribution_and_evidence(seed: Extraction, seed_path: Path) -> None:
    text = load_article(seed_path).text
    speakers = {e.attribution for e in seed.events}
    assert "Turkish Defense Minister Fikri Işık" in speakers
    assert "Kommersant" in speakers
    for fact in [*seed.events, *seed.deals]:
        ev = fact.evidence
        assert " ".join(text[ev.start : ev.end].split()) == ev.sentence


def test_entities(seed_doc: dict[str, Any]) -> None:
    by_kind: dict[str, set[str]] = {}
    for e in seed_doc["entities"]:
        by_kind.setdefault(e["kind"], set()).add(e["canonical"])
    assert "Fikri Işık" in by_kind["person"]
    assert {"Kommersant", "Rosoboronexport", "NATO", "NTV"} <= by_kind["organization"]
    assert by_kind["weapon_system"] == {"S-400"}
    assert "Istanbul" in by_kind["place"]
