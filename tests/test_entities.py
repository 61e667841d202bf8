"""Entity resolution: names, demonyms, metonyms, aliases and people to canonical forms."""

from __future__ import annotations

from datetime import date

import pytest

from armstrack.article import parse_article
from armstrack.extract import extract
from armstrack.extract.entities import find_mentions
from armstrack.records import Mention
from armstrack.report import extraction_json


def _countries(text: str) -> list[str]:
    return [m.iso3 or "" for m in find_mentions(text) if m.kind == "country"]


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Turkey signed the deal.", "TUR"),
        ("The Turkish government signed.", "TUR"),
        ("Ankara signed the deal.", "TUR"),
        ("Türkiye signed the deal.", "TUR"),
        ("Moscow denied the report.", "RUS"),
        ("The Kremlin denied the report.", "RUS"),
        ("the Kremlin denied the report.", "RUS"),
        ("Beijing protested.", "CHN"),
        ("Washington approved the sale.", "USA"),
        ("The White House approved the sale.", "USA"),
        ("The Pentagon approved the sale.", "USA"),
        ("The U.S. approved the sale.", "USA"),
        ("The US approved the sale.", "USA"),
        ("American officials approved the sale.", "USA"),
        ("South Korea signed.", "KOR"),
        ("South Korean firms signed.", "KOR"),
        ("Seoul signed.", "KOR"),
        ("North Korea tested a missile.", "PRK"),
        ("Britain signed.", "GBR"),
        ("The UK signed.", "GBR"),
        ("British firms signed.", "GBR"),
        ("The UAE signed.", "ARE"),
        ("Emirati officials signed.", "ARE"),
        ("Dutch officials signed.", "NLD"),
        ("The Netherlands signed.", "NLD"),
        ("New Delhi signed.", "IND"),
        ("Indian officials signed.", "IND"),
        ("Kyiv asked for more.", "UKR"),
        ("Iran denied it.", "IRN"),
        ("Tehran denied it.", "IRN"),
        ("Israeli firms exported.", "ISR"),
        ("Riyadh signed.", "SAU"),
        ("Saudi officials signed.", "SAU"),
        ("Egypt ordered jets.", "EGY"),
        ("Polish officials signed.", "POL"),
    ],
)
def test_country_forms_resolve(text: str, iso3: str) -> None:
    assert iso3 in _countries(text)


@pytest.mark.parametrize(
    "text",
    [
        "We told us everything.",  # the pronoun "us" is not the United States
        "Roast turkey is served.",  # lower case is not the country
        "The china cabinet broke.",
    ],
)
def test_not_countries(text: str) -> None:
    assert _countries(text) == []


def _systems(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.canonical) for m in find_mentions(text) if m.kind == "weapon_system"]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("talks on the S-400 Triumf", "S-400"),
        ("deliveries of S-400s", "S-400"),
        ("the S400 system", "S-400"),
        ("the SA-21 Growler", "S-400"),
        ("four F-16V jets", "F-16"),
        ("the F-16 Block 70", "F-16"),
        ("F-35As for the air force", "F-35"),
        ("24 Rafales", "Rafale"),
        ("K2 Black Panther tanks", "K2"),
        ("Leopard 2A7 tanks", "Leopard 2"),
        ("Patriot batteries", "Patriot"),
        ("Bayraktar TB2 drones", "Bayraktar TB2"),
        ("Scorpène-class submarines", "Scorpene"),
    ],
)
def test_weapon_aliases(text: str, canonical: str) -> None:
    assert canonical in [c for _, c in _systems(text)]


def test_plural_span_covers_suffix() -> None:
    (found,) = _systems("deliveries of S-400s began")
    assert found[0] == "S-400s"


def test_a_variant_designation_before_its_systems_name_is_one_system() -> None:
    assert _systems("The kingdom will receive 300 MIM-104E Patriot missiles.") == [
        ("MIM-104E Patriot", "Patriot")
    ]
    # A designation of its own beside another system stays its own.
    assert [c for _, c in _systems("It ordered Mi-24V gunships and Patriot batteries.")] == [
        "Mi-24V",
        "Patriot",
    ]


def test_ships_named_by_their_navys_prefix() -> None:
    text = (
        "The frigate HMS Dauntless left service in May. The sale of Dauntless to Chile was "
        "confirmed, and the ship sails across the Indian Ocean. BRP Gregorio del Pilar followed."
    )
    ships = [(m.text, m.canonical, m.iso3) for m in find_mentions(text) if m.form == "ship"]
    assert ships == [
        ("HMS Dauntless", "HMS Dauntless", "GBR"),
        ("Dauntless", "HMS Dauntless", "GBR"),
        ("BRP Gregorio del Pilar", "BRP Gregorio del Pilar", "PHL"),
    ]


def test_a_ship_prefix_at_the_end_of_a_line_still_names_the_ship() -> None:
    text = "The navy decommissioned HMS\nDauntless last year."
    ships = [(m.canonical, m.iso3) for m in find_mentions(text) if m.form == "ship"]
    assert ships == [("HMS Dauntless", "GBR")]


def test_a_named_ship_is_a_vessel_and_can_be_sold() -> None:
    result = extract(
        parse_article(
            "Britain has sold the helicopter carrier HMS Dauntless to Chile for $90 million.",
            published=date(2020, 1, 1),
        )
    )
    assert ("GBR", "CHL", "HMS Dauntless") in {
        (d.supplier, d.recipient, d.system) for d in result.deals
    }
    kinds = {e["canonical"]: e["kind"] for e in extraction_json(result)["entities"]}
    assert kinds["HMS Dauntless"] == "vessel"


def _people(text: str) -> list[Mention]:
    return [m for m in find_mentions(text) if m.kind == "person"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Turkish Defense Minister Fikret Yilmaz told reporters.", "Fikret Yilmaz"),
        ("President Jean-Marc Dubois said the deal was done.", "Jean-Marc Dubois"),
        ("Defence Minister Anna Kowalska signed the contract.", "Anna Kowalska"),
        ("Ivan Sergeyev, the head of the state exporter, declined to comment.", "Ivan Sergeyev"),
        ("Maria Lopez said the tanks would arrive soon.", "Maria Lopez"),
        ('"We are ready," said Kenji Watanabe.', "Kenji Watanabe"),
        ("According to Lars Eriksson, the deal is done.", "Lars Eriksson"),
        ("Crown Prince Mohammed bin Salman visited Paris.", "Mohammed bin Salman"),
    ],
)
def test_people(text: str, name: str) -> None:
    assert name in [p.canonical for p in _people(text)]


def test_person_title_and_country() -> None:
    (person,) = _people("Turkish Defense Minister Fikret Yilmaz told reporters.")
    assert person.detail == "Turkish Defense Minister"
    assert person.iso3 == "TUR"


def test_surname_resolves_to_full_name() -> None:
    text = "Defence Minister Anna Kowalska signed. Later, Kowalska said more would follow."
    names = [p.canonical for p in _people(text)]
    assert names == ["Anna Kowalska", "Anna Kowalska"]


def test_no_people_in_plain_sentences() -> None:
    assert _people("The Ministry of Defence said the Air Force would receive New Jets.") == []


def test_places_and_borders() -> None:
    mentions = find_mentions("A jet was shot down over the Turkish-Syrian border near Istanbul.")
    places = {m.canonical: m for m in mentions if m.kind == "place"}
    border = next(m for m in places.values() if m.form == "border")
    assert {border.iso3, border.detail} == {"TUR", "SYR"}
    assert border.lat is not None and 30 < border.lat < 40
    assert "Istanbul" in places and places["Istanbul"].iso3 == "TUR"


def test_capital_after_in_is_a_place_too() -> None:
    mentions = find_mentions("The contract was signed in Seoul.")
    kinds = {(m.kind, m.iso3) for m in mentions}
    assert ("country", "KOR") in kinds
    assert ("place", "KOR") in kinds


@pytest.mark.parametrize(
    "text",
    [
        "Manila formally accepted the transfer of the Hamilton Cutter from Washington.",
        "Manila took over the Hamilton cutter from Washington.",
        "The navy bought two Lima frigates from a shipyard in Spain.",
    ],
)
def test_a_capitals_name_before_a_vessels_kind_names_the_class(text: str) -> None:
    mentions = find_mentions(text)
    systems = [m.canonical for m in mentions if m.kind == "weapon_system"]
    assert len(systems) == 1 and systems[0] in {"Hamilton", "Lima"}
    assert not any(m.kind == "country" and m.canonical in {"Bermuda", "Peru"} for m in mentions)


def test_a_vessels_kind_in_capitals_within_a_services_name_is_no_class() -> None:
    mentions = find_mentions("The US Coast Guard Cutter Mellon sailed to Manila in May.")
    assert not [m for m in mentions if m.kind == "weapon_system" and m.form == "class"]


def test_organisations() -> None:
    mentions = find_mentions(
        "Rosoboronexport and NATO officials met Lockheed Martin and the Russian Defence Ministry."
    )
    orgs = {m.canonical: m.iso3 for m in mentions if m.kind == "organization"}
    assert orgs["Rosoboronexport"] == "RUS"
    assert "NATO" in orgs
    assert "Lockheed Martin" in orgs
    assert orgs["Russian Ministry of Defence"] == "RUS"
    polish = find_mentions("The Chilean Defence Ministry confirmed the order.")
    assert [(m.canonical, m.iso3) for m in polish if m.kind == "organization"] == [
        ("Chilean Ministry of Defence", "CHL")
    ]


def test_offsets_are_exact() -> None:
    text = "Seoul will ship K9 Thunder howitzers to Poland."
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.text


def _named_classes(text: str) -> list[tuple[str, str | None]]:
    return [(m.canonical, m.iso3) for m in find_mentions(text) if m.kind == "weapon_system"]


@pytest.mark.parametrize(
    ("text", "systems"),
    [
        # A maker right before a weapon noun names a class of its own, from the maker's country.
        ("Peru bought Sikorsky helicopters.", [("Sikorsky helicopters", "USA")]),
        ("Chile wants Boeing fighter jets.", [("Boeing fighter jets", "USA")]),
        # A name coordinated before a class shares its noun.
        (
            "Angola will buy 12 MiG and 8 Sukhoi fighters.",
            [("MiG fighters", None), ("Sukhoi fighters", "RUS")],
        ),
        # A system already named is not named again by the coordination.
        ("Oman received Eurofighter Typhoon and Hawk trainers.", None),
        # A country before "and" is not a class.
        ("Russia and 20 Sukhoi fighters.", [("Sukhoi fighters", "RUS")]),
    ],
)
def test_classes_named_by_their_maker(
    text: str, systems: list[tuple[str, str | None]] | None
) -> None:
    found = _named_classes(text)
    if systems is None:
        assert [name for name, _ in found].count("Typhoon") == 0
        assert any(name == "Eurofighter Typhoon" for name, _ in found)
    else:
        assert found == systems


def test_a_lowercase_state_body_is_no_named_organisation() -> None:
    """ "The Russian military" is a generic reference (ANNOTATION.md), "the Russian Defence
    Ministry" a named body; both still name Russia."""
    article = parse_article(
        "The Russian military said on Monday that the Indian navy would get its frigates. "
        "The Russian Defence Ministry confirmed the talks.",
        published=date(2024, 5, 6),
    )
    doc = extraction_json(extract(article))
    names = {e["name"] for e in doc["entities"] if e["kind"] == "organization"}
    assert "Russian Defence Ministry" in names
    assert not names & {"Russian military", "Indian navy"}
    assert {"RUS", "IND"} <= {c["iso3"] for c in doc["countries"]}


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        # A descriptor after a name that begins with a city: the body, not the city.
        ("Rifles will go to Kyiv, the Halifax Courier daily wrote.", {"Halifax Courier"}),
        # A plural descriptor lists several bodies.
        (
            "Independent newspapers Kathimerini and Vedomosti did note the arms deal.",
            {"Kathimerini", "Vedomosti"},
        ),
    ],
)
def test_bodies_a_descriptor_marks(text: str, bodies: set[str]) -> None:
    found = {m.text for m in find_mentions(text) if m.kind == "organization"}
    assert bodies <= found


def test_a_country_that_reports_is_no_body() -> None:
    assert not [m for m in find_mentions("Russia reported a sale.") if m.kind == "organization"]


def test_a_shorthand_for_the_one_system_named_in_full_is_that_system() -> None:
    from armstrack.extract.pipeline import read_article

    def systems(text: str) -> list[str]:
        reading = read_article(parse_article(text, published=date(2020, 1, 1)))
        return [m.canonical for i in reading.infos for m in i.of_kind("weapon_system")]

    assert systems(
        "Peru will buy 12 Mirage 2000-5 jets from Qatar. The Mirage fighters are used."
    ) == ["Mirage 2000", "Mirage 2000"]
    # Two systems of that name: the shorthand names neither.
    assert systems("Peru flies Mirage 2000-5 and Mirage F1 jets. The Mirage fighters are old.") == [
        "Mirage 2000",
        "Mirage F1",
        "Mirage",
    ]
