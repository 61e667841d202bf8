"""What a sentence names in lists: each system of a list beside a shown deal is a deal of its own,
"respectively" pairs two lists item by item, a package's contents are its parts, and a phrase
before "including" stands for the goods it introduces."""

from __future__ import annotations

from datetime import date

import pytest

from armstrack.article import parse_article
from armstrack.extract import extract
from armstrack.extract.candidates import _component
from armstrack.extract.lists import _respectively_lists, lists_gone_on
from armstrack.extract.pipeline import Reading, deal_candidates, read_article

PUB = date(2023, 4, 5)


def _deals(text: str) -> set[tuple[str, str, str]]:
    result = extract(parse_article(text, published=PUB))
    return {(d.supplier, d.recipient, d.system) for d in result.deals}


def _reading(text: str) -> Reading:
    return read_article(parse_article(text, published=PUB))


@pytest.mark.parametrize(
    ("text", "deal", "parts"),
    [
        (
            "Algeria ordered two MEKO A-200 frigates from Germany. The frigates are equipped "
            "with MU90 torpedoes and Umkhonto missiles from South Africa.",
            ("DEU", "DZA", "MEKO A-200"),
            {"MU90", "Umkhonto"},
        ),
        (
            "The US State Department approved the sale of Black Hawk helicopters to Colombia. "
            "The sale covers 12 UH-60M Black Hawks, 30 T700 engines and 24 M134 Minigun "
            "machine guns.",
            ("USA", "COL", "UH-60"),
            {"T700", "M134 Minigun"},
        ),
    ],
)
def test_the_parts_of_a_package_are_not_deals_of_their_own(
    text: str, deal: tuple[str, str, str], parts: set[str]
) -> None:
    """A system named only as built into another or as a later item of a package's contents is
    kept for review, not shown as a deal (ANNOTATION.md: the component list of a package)."""
    result = extract(parse_article(text, published=PUB))
    assert [(d.supplier, d.recipient, d.system) for d in result.deals] == [deal]
    assert parts <= {d.system for d in result.review}


def test_systems_listed_beside_a_deal_are_deals_of_their_own() -> None:
    """One list of systems for one buyer is one deal per system (ANNOTATION.md): a system the
    model finds unlikely, named in the same list as a shown deal of the same seller and buyer,
    is shown too — but not another maker's system, and not in a "respectively" pairing."""
    from armstrack.extract.lists import listed_beside

    text = (
        "Vietnam has signed a contract with Russia for 12 Su-30MK2 fighters, the agency said. "
        "Hanoi will also get 64 T-90S tanks, 20 BMP-3 vehicles and two Bastion-P batteries. "
        "Its army still fields French AMX-13 and Russian PT-76 light tanks. "
        "The navy operates Kilo-class and Gepard-class boats bought in 2009 and 2011 "
        "respectively."
    )
    reading = read_article(parse_article(text, published=PUB))
    candidates = [
        c for c in deal_candidates(reading) if (c.supplier, c.recipient) == ("RUS", "VNM")
    ]
    likely = {"Su-30", "T-90"}
    scored = [(c, [], 0.9 if c.system.canonical in likely else 0.2) for c in candidates]
    kept = {id(c) for c, _, p in scored if p > 0.5}
    infos = {info.sentence.index: info for info in reading.infos}
    promoted = {
        c.system.canonical for c, _, _ in scored if id(c) in listed_beside(scored, kept, infos)
    }
    assert {"BMP-3", "K-300P Bastion"} <= promoted
    assert not promoted & {"AMX-13", "Kilo-class", "Gepard-class", "Su-30", "T-90"}


def test_a_listed_system_a_third_country_qualifies_is_not_the_sellers() -> None:
    """In "beat Germany's PzH 2000 and Spain's SBT-155", the SBT-155 is Spain's: Germany's
    losing bid does not spread to it, as it would to an item with no country of its own, and
    Spain's bid stands beside Germany's for the same buyer."""
    found = _deals(
        "Peru signed for K9 howitzers from South Korea. "
        "The K9 beat Germany's PzH 2000 and Spain's SBT-155 guns."
    )
    assert ("DEU", "PER", "PzH 2000") in found
    assert ("DEU", "PER", "SBT-155") not in found
    assert ("ESP", "PER", "SBT-155") in found


def test_respectively_pairs_item_by_item() -> None:
    found = _deals(
        "Ethiopia and Eritrea have taken delivery of eight Su-27 and ten MiG-29 fighters from "
        "Russia respectively, completing orders placed with Moscow last year."
    )
    assert {("RUS", "ETH", "Su-27"), ("RUS", "ERI", "MiG-29")} <= found
    assert not found & {("RUS", "ERI", "Su-27"), ("RUS", "ETH", "MiG-29")}


def test_respectively_lists() -> None:
    reading = _reading(
        "Malaysia and Brunei turned to Germany and Britain respectively for patrol ships. "
        "The State Department approved sales of 72 F-15QA and 32 F/A-18E/F fighters to Qatar "
        "and Kuwait respectively. China and Iran received four and three Kilo-class submarines "
        "respectively."
    )
    first, second, third = reading.infos
    assert _respectively_lists(first, []) == (["MYS", "BRN"], ["DEU", "GBR"])
    systems = second.of_kind("weapon_system")
    assert _respectively_lists(second, systems) == (["QAT", "KWT"], ["F-15", "F/A-18"])
    assert _respectively_lists(third, third.of_kind("weapon_system")) is None


def test_what_each_platform_carries_is_a_part() -> None:
    text = "Each ship carries Aster 15 and Aster 30 missiles supplied by France."
    info = _reading(text).infos[0]
    for m in info.of_kind("weapon_system"):
        assert _component(info, info.local(m.start), m.canonical)


@pytest.mark.parametrize(
    ("second", "gone_on"),
    [
        ("Also on the shopping list are six Pantsir systems and 20 T-90 tanks.", True),
        ("Six Pantsir systems and 20 T-90 tanks guard the capital.", False),
        ("Also on the list are six Pantsir systems for Bolivia and 20 T-90 tanks.", False),
    ],
)
def test_a_list_gone_on_in_the_next_sentence_is_the_same_buyers(second: str, gone_on: bool) -> None:
    """Systems in a sentence that goes on with a shown list ("Also on the shopping list are…")
    are kept beside it, and only where the sentence names no country of its own."""
    text = (
        "Peru will buy 12 Mi-171 helicopters and four Su-25 jets from Russia, the defence "
        "ministry said on Monday.\n\n" + second
    )
    reading = read_article(parse_article(text, published=PUB))
    infos = {info.sentence.index: info for info in reading.infos}
    scored = [
        (c, [], 0.9 if c.system.canonical in {"Su-25", "Mi-17"} else 0.2)
        for c in deal_candidates(reading)
        if (c.supplier, c.recipient) == ("RUS", "PER")
    ]
    kept = {id(c) for c, _, p in scored if p > 0.5}
    found = lists_gone_on(scored, kept, infos)
    named = {c.system.canonical for c, _, _ in scored if id(c) in found}
    assert named == ({"Pantsir-S1", "T-90"} if gone_on else set())


def test_a_named_systems_own_noun_after_its_modifiers_is_no_item_of_a_list() -> None:
    shown = _deals(
        "Peru signed a deal with China for a line building Wing Loong II medium-altitude, "
        "long-endurance aircraft. An initial batch of aircraft will be flown in from China."
    )
    assert ("CHN", "PER", "aircraft") not in shown


def test_goods_listed_beside_a_named_system_are_deals_of_their_own() -> None:
    shown = _deals(
        "Armenia signed an agreement with India last month for the purchase of 120-mm mortars, "
        "Pinaka launchers and a wide range of ammunition."
    )
    assert {("IND", "ARM", s) for s in ("Pinaka", "120-mm mortars", "ammunition")} <= shown


def test_a_phrase_for_the_goods_a_sentence_then_lists_is_not_a_deal_of_its_own() -> None:
    text = (
        "Kenya has bought other aircraft from the United States in the past, including 12 "
        "fighter jets and six transport helicopters."
    )
    shown = _deals(text)
    assert {("USA", "KEN", "fighter jets"), ("USA", "KEN", "transport helicopters")} <= shown
    assert not any(s == "aircraft" for _, _, s in shown)
    # a phrase with no list after it stays a deal
    assert ("USA", "KEN", "aircraft") in _deals(text.split(", including")[0] + ".")


def test_a_kind_given_with_its_example_system_is_one_item_of_the_list() -> None:
    """In "light attack aircraft like the Super Tucano" the list's other goods are deals beside
    the system, the kind it exemplifies is not one more; a potential purchase is under talks."""
    result = extract(
        parse_article(
            "Ghana is looking to deepen its defence ties with Brazil, including the potential "
            "purchase of drones, patrol boats, and light attack aircraft like the Super Tucano.",
            published=PUB,
        )
    )
    shown = {(d.supplier, d.recipient, d.system): d.status for d in result.deals}
    assert shown[("BRA", "GHA", "A-29 Super Tucano")] == "negotiating"
    assert shown[("BRA", "GHA", "drones")] == "negotiating"
    assert ("BRA", "GHA", "light attack aircraft") not in shown


def test_a_phrase_set_beside_a_named_system_of_its_kind_is_that_system() -> None:
    shown = _deals(
        "Egypt took delivery of its newest frigate, the FREMM class vessel Al-Galala, from Italy "
        "in May."
    )
    assert ("ITA", "EGY", "FREMM") in shown
    assert not any(s == "frigate" for _, _, s in shown)


def test_a_losing_bid_its_own_country_qualifies_stands_beside_the_winner() -> None:
    """ "The Korean gun defeated France's CAESAR and Israel's ATMOS": beside Norway's shown K9
    deal, each loser is its own country's bid to Norway, however unsure the scorer is of it. A
    country that qualifies a system in the sentence is a bidder there, no buyer, even with a deal
    of its own shown; with no deal of another seller shown, no loser stands."""
    from armstrack.extract.lists import beaten_bids

    text = (
        "Norway signed a contract for K9 howitzers from South Korea on Tuesday. The Korean gun "
        "defeated France's CAESAR and Israel's ATMOS in winter trials, officials said."
    )
    reading = _reading(text)
    infos = {info.sentence.index: info for info in reading.infos}
    wanted = {
        ("KOR", "NOR", "K9"),
        ("FRA", "NOR", "CAESAR"),
        ("ISR", "NOR", "ATMOS"),
        ("ISR", "FRA", "ATMOS"),
        ("KOR", "FRA", "CAESAR"),
    }
    scored = [
        (c, [0.0] * len(c.instances), 0.2)
        for c in deal_candidates(reading)
        if (c.supplier, c.recipient, c.key) in wanted
    ]
    assert {(c.supplier, c.recipient, c.key) for c, _, _ in scored} == wanted
    shown = {id(c) for c, _, _ in scored if c.supplier == "KOR"}
    names = {
        (c.supplier, c.recipient, c.key)
        for c, _, _ in scored
        if id(c) in beaten_bids(scored, shown, infos)
    }
    assert names == {("FRA", "NOR", "CAESAR"), ("ISR", "NOR", "ATMOS")}
    assert beaten_bids(scored, set(), infos) == set()
