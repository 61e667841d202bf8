"""Which scored candidates stand as deals: each likely enough and not displaced by a likelier
rival for the same place (one seller per system and buyer; the maker of a system another
country gives on is not its seller), a weapon phrase folded into the one named system it stands
for, and no row for goods the buyer already holds or for another name of a system."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from armstrack.extract import prefilter
from armstrack.extract.candidates import Candidate
from armstrack.extract.context import SentenceInfo
from armstrack.extract.lists import only_a_part
from armstrack.extract.systems import is_maker_class

# A candidate this likely stands even beside a likelier rival for the same place.
SURE = 0.8
# A seller at least this likely displaces the system's maker where the maker goes unnamed.
RIVAL_GIVER = 0.5
# A buyer far less likely than the seller's likeliest buyer of the same system is displaced.
BUYER_RATIO = 0.5


def displace(
    scored: list[tuple[Candidate, list[float], float]], threshold: float
) -> list[tuple[Candidate, list[float], float]]:
    """The candidates reported as deals: likely enough, and not displaced by a likelier rival —
    one seller per system and buyer (the maker of a donated system is not its seller), and no
    weapon phrase ("fighter jets") beside a named system traded between the same countries."""
    above = [t for t in scored if t[2] >= threshold]
    best_buyer: dict[tuple[str, str], float] = {}
    for cand, _, p in above:
        k = (cand.key, cand.supplier)
        best_buyer[k] = max(best_buyer.get(k, 0.0), p)
    # The pairs trading a named system, with the categories of those named in full: a weapon
    # phrase beside them is one of them again, and so is a maker's class of the same category
    # ("Airbus helicopters" beside "Caracal").
    named: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c, _, _ in above:
        if c.system.form != "generic" and not is_maker_class(c.system):
            named[(c.supplier, c.recipient)].add(c.system.detail)
    # A named ship and the class the text puts it beside ("INS Kirpan, a Khukri-class
    # corvette") are one vessel: of the two between the same countries, the likelier stands.
    vessel: dict[tuple[str, str, str], float] = defaultdict(float)
    for c, _, p in above:
        family = next((i.mention.family for i in c.instances if i.mention.family), "")
        if c.system.form == "ship" and family:
            for name in (c.key, family):
                at = (c.supplier, c.recipient, name)
                vessel[at] = max(vessel[at], p)
    # A system moves one way between two countries: of a pair read both ways, the likelier stands.
    either_way = {(c.key, c.supplier, c.recipient): p for c, _, p in scored}
    # Makers that give way to a likely giver of their system (`_unnamed_maker`) are no rivals
    # of that giver.
    gone = {
        id(c)
        for c, z, _ in above
        if _unnamed_maker(c, z) and _best_rival_seller(c, z, above) >= RIVAL_GIVER
    }
    rivals = [t for t in above if id(t[0]) not in gone]
    # Countries that give on a system they did not make ("Belgium says it is sending its F-16s to
    # Ukraine"): the maker's sale to them is background the text does not report as a deal.
    givers = {(c.key, c.supplier) for c, _, _ in rivals if not _makes(c)}
    out = []
    for t in above:
        cand, _, p = t
        if p < SURE and p < either_way.get((cand.key, cand.recipient, cand.supplier), 0.0):
            continue
        if p < SURE and p < _best_rival_seller(cand, t[1], rivals) and not _listed(cand, "s"):
            continue
        if id(cand) in gone:
            continue  # the maker, unnamed where the deal is best told, of goods another gives
        if p < SURE and _makes(cand) and (cand.key, cand.recipient) in givers:
            continue  # the maker's earlier sale to a country that now gives the goods on
        if (
            p < SURE
            and p < BUYER_RATIO * best_buyer[(cand.key, cand.supplier)]
            and not _listed(cand, "r")
        ):
            continue  # a seller's far likelier buyer of the same system: this one is the topic's
        if p < vessel.get((cand.supplier, cand.recipient, cand.key), 0.0):
            continue  # the ship's other name is likelier
        if only_a_part(cand):
            continue  # "frigates equipped with MU90 torpedoes": a component, not a deal
        pair = (cand.supplier, cand.recipient)
        if p < SURE and cand.system.form == "generic" and pair in named and not _other(cand):
            continue  # the named one again, unless told apart ("other vessels, including…")
        if is_maker_class(cand.system) and cand.system.detail in named.get(pair, ()):
            continue  # "Airbus utility helicopters" beside "Caracal": that deal, however likely
        out.append(t)
    return out


def _best_rival_seller(
    cand: Candidate, logits: list[float], above: list[tuple[Candidate, list[float], float]]
) -> float:
    """The likeliest other seller of the same system to the same buyer that the sentence best
    reporting this one names or that makes the system, and any other seller of a system this
    one makes (the maker of a donated system is not its seller): a rival for its place ("Russian
    MiG-29s arrived from Belarus"). Two donors each told in a sentence of their own are not
    rivals ("Slovakia delivered MiG-29s. Poland pledged its MiG-29s")."""
    here = max(zip(logits, cand.instances, strict=True), key=lambda t: t[0])[1].sentence
    maker = any("s_maker" in part for i in cand.instances for part in i.parts)
    return max(
        (
            p
            for c, _, p in above
            if c.key == cand.key
            and c.recipient == cand.recipient
            and c is not cand
            and (
                maker
                or any(
                    i.sentence == here
                    and any("s_named" in part or "s_maker" in part for part in i.parts)
                    for i in c.instances
                )
            )
        ),
        default=0.0,
    )


def _makes(cand: Candidate) -> bool:
    """Whether the candidate's supplier makes its system."""
    return any("s_maker" in part for i in cand.instances for part in i.parts)


def _unnamed_maker(cand: Candidate, logits: list[float]) -> bool:
    """A maker of the system that the sentence best reporting the candidate does not name, or
    names only as its maker beside another seller ("pledged to deliver its U.S.-made jets")."""
    best = max(zip(logits, cand.instances, strict=True), key=lambda t: t[0])[1].features
    return bool(best.get("s_maker")) and (
        not best.get("s_named") or bool(best.get("pair_maker_beside_seller"))
    )


def named_for_phrase(
    scored: list[tuple[Candidate, list[float], float]], kept: set[int]
) -> dict[int, set[int]]:
    """Weapon phrases shown where no named system of the pair is, beside the one named system
    of their kind the text gives for that pair less surely ("is to supply sniper rifles to
    Ukraine … supplying Ukraine with the KR-7, a bolt-action rifle"): the phrase told the named
    system's deal. Named system id -> the phrases' ids."""
    shown_named = {
        (c.supplier, c.recipient)
        for c, _, _ in scored
        if id(c) in kept and c.system.form != "generic"
    }
    out: dict[int, set[int]] = {}
    for g, _, _ in scored:
        pair = (g.supplier, g.recipient)
        if id(g) not in kept or g.system.form != "generic" or pair in shown_named or _other(g):
            continue
        named = [
            c
            for c, _, _ in scored
            if (c.supplier, c.recipient) == pair
            and c.system.form != "generic"
            and not is_maker_class(c.system)
            and (
                c.system.detail == g.system.detail or "other" in (c.system.detail, g.system.detail)
            )
        ]
        if len(named) == 1:
            out.setdefault(id(named[0]), set()).add(id(g))
    return out


def fold_phrases(
    scored: list[tuple[Candidate, list[float], float]],
    kept: set[int],
    named_for: dict[int, set[int]],
) -> tuple[list[tuple[Candidate, list[float], float]], set[int]]:
    """Each named system stands in the place of the phrases that told its deal
    (`named_for_phrase`): their sentences become its reports too, their confidence its own. The
    phrases leave the review list as well."""
    if not named_for:
        return scored, kept
    folded = {g for gs in named_for.values() for g in gs}
    out = []
    for cand, logits, p in scored:
        if id(cand) in folded:
            continue
        mine = named_for.get(id(cand), set())
        phrases = [t for t in scored if id(t[0]) in mine]  # in the article's order
        if phrases:
            cand = replace(
                cand, instances=[*cand.instances, *(i for c, _, _ in phrases for i in c.instances)]
            )
            logits = [*logits, *(z for _, zs, _ in phrases for z in zs)]
            p = max([p, *(q for _, _, q in phrases)])
            kept = kept | {id(cand)}
        out.append((cand, logits, p))
    return out, kept - folded


def only_held(cand: Candidate) -> bool:
    """Goods every sentence names only as already held, with no seller's sale read there
    ("modernizing the country's two T-22 frigates", "to replace its ageing MiG-21s")."""
    return all(
        i.parts[0].get("sys_held") and not i.parts[3].get("pair_rule_frame") for i in cand.instances
    )


# "Egypt agreed to build the gun under licence as the EHS-9": the name after is the same
# system's other name.
_ALIAS_BEFORE = prefilter.compile(
    r"\b(?:build|builds|built|building|produc\w*|make|makes|made|manufactur\w*|licen[cs]\w*"
    r"|known|called|designated|named|renamed|marketed|rebranded)\b[^.;:]{0,40}?\bas\s+(?:the\s+)?\Z",
    re.I,
)


def an_alias(cand: Candidate, infos: dict[int, SentenceInfo]) -> bool:
    """Goods every sentence names only as another name of a system the clause is about ("to
    build the gun under licence as the EHS-9", "known locally as the Krab")."""
    for inst in cand.instances:
        info = infos.get(inst.sentence)
        if info is None:
            return False
        at = info.local(inst.mention.start)
        if not 0 <= at < len(info.text) or not _ALIAS_BEFORE.search(
            info.text[max(0, at - 80) : at]
        ):
            return False
    return True


def _other(cand: Candidate) -> bool:
    return any(i.parts[0].get("sys_other") for i in cand.instances)


def _listed(cand: Candidate, side: str) -> bool:
    """Whether a sentence names the candidate's supplier (side "s") or recipient ("r") in a list
    of parties of the same role ("from the Netherlands and Denmark", "Bahrain, Qatar and
    Kuwait bought"): one of several, not a rival of the others."""
    cues = (f"{side}_cue_and_list", f"{side}_cue_list_head", f"{side}_cue_listed")
    return any(c in part for inst in cand.instances for part in inst.parts for c in cues)
