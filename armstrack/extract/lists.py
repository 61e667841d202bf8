"""What a sentence names in lists: systems in one list with a shown deal are deals of their own,
"respectively" pairs two lists item by item, and the later items of a package's contents are
its parts, not deals (ANNOTATION.md)."""

from __future__ import annotations

import re
from collections import defaultdict

from armstrack.extract import prefilter
from armstrack.extract.candidates import Candidate, coordinated_groups, origin_of, system_key
from armstrack.extract.context import SentenceInfo
from armstrack.extract.roles import parties
from armstrack.records import Mention

# The least likelihood at which a system listed beside a shown deal of the same pair is shown.
LISTED_FLOOR = 0.14
# What may stand between two systems of one list: counts, commas, "and", a few words of kind
# ("40 MiG fighters, 20 Sukhoi fighters, 16 Yak trainers and eight S-300 systems").
_LIST_GLUE = prefilter.compile(
    r"\A(?:\s*[\w'’-]+){0,3}?\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+|plus\s+)?|\s+and\s+|\s+plus\s+)"
    r"(?:a\s+(?:wide\s+|large\s+|broad\s+)?(?:range|number|variety|host)\s+of\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?\Z"
    # a kind and the system given as its example: "SAM systems like the Akash"
    r"|\A\s+(?:\([^()]{1,12}\)\s+)?(?:[\w-]+\s+)?(?:like|such\s+as)\s+(?:the\s+)?\Z"
)
_HEAD_OF = prefilter.compile(r"\s+(?:[a-z][\w-]*,?\s+){0,4}")
_RESPECTIVELY = prefilter.compile(r"\brespectively\b", re.I)
# A sentence that goes on with the list of the one before ("Also on the list are six Pantsir
# systems", "In addition, the package includes …").
_LIST_GOES_ON = prefilter.compile(
    r"\A\W*(?:also\b|in\s+addition\b|additionally\b|besides\b|as\s+well\b)"
    r"|\balso\s+(?:on\s+the\s+(?:\w+\s+)?list|included?|includes|covers|comprises)\b",
    re.I,
)


# What may stand between a country and the system it qualifies: "Spain's SBT-155",
# "British Scorpion", "Israel’s Elbit Hermes 900" (a maker's name or two, no list glue).
_OWNER_GAP = prefilter.compile(r"\A(?:['’]s)?\s+(?:(?!and\b)[A-Z][\w-]*\s+){0,2}\Z")


def _qualifying(info: SentenceInfo, system: Mention) -> set[str]:
    """The countries that qualify the system right before its name ("Serbia's Yugoimport NORA")."""
    at = info.local(system.start)
    return {
        m.iso3
        for m in info.mentions
        if m.kind == "country"
        and m.iso3
        and m.end <= system.start
        and _OWNER_GAP.match(info.text[info.local(m.end) : at])
    }


def _list_groups(info: SentenceInfo, phrases: tuple[Mention, ...] = ()) -> dict[str, int]:
    """The systems of a sentence (with the weapon phrases given) by the list they stand in:
    systems joined only by counts, commas and "and" share a group."""
    named = info.of_kind("weapon_system")
    inside = [
        p
        for p in phrases
        if 0 <= info.local(p.start) < len(info.text)
        and not any(
            _HEAD_OF.fullmatch(info.text[info.local(m.end) : info.local(p.start)]) for m in named
        )
    ]  # not the noun of a system named just before ("Pinaka multi-barrel rocket launchers")
    mentions = sorted({*named, *inside}, key=lambda m: m.start)
    groups: dict[str, int] = {}
    group = 0
    for i, m in enumerate(mentions):
        if i and not _LIST_GLUE.match(
            info.text[info.local(mentions[i - 1].end) : info.local(m.start)]
        ):
            group += 1
        groups.setdefault(m.canonical, group)
    return groups


def _kind_of(info: SentenceInfo, phrase: Mention, named: Mention) -> bool:
    """A weapon phrase set beside a named system of its kind ("the newest frigate, the Meko
    200AN class vessel"): the system again, not an item of its own."""
    between = info.text[info.local(phrase.end) : info.local(named.start)]
    return (
        phrase.form == "generic"
        and named.form != "generic"
        and phrase.detail == named.detail
        and _APPOSITION.fullmatch(between) is not None
    )


_APPOSITION = prefilter.compile(r",\s+(?:the|a|an|its|their)\s+", re.I)


def listed_beside(
    scored: list[tuple[Candidate, list[float], float]],
    kept: set[int],
    infos: dict[int, SentenceInfo],
) -> set[int]:
    """Candidates below the threshold named in one list with a shown deal of the same seller and
    buyer ("deals for 40 MiG fighters, 20 Sukhoi fighters … and eight S-300 systems"): one deal
    per system of the list (ANNOTATION.md) — unless named only as a part of a package, made by
    another country than the seller, qualified by a third country, or paired off
    "respectively". An item its own seller qualifies stands beside a shown deal of the same
    buyer ("beat Germany's PzH 2000 and Spain's SBT-155")."""
    shown: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for cand, _, _ in scored:
        if id(cand) in kept:
            shown[(cand.supplier, cand.recipient)].append(cand)
    # The weapon phrases of each sentence ("drones, loitering munitions and Akash systems"):
    # an item of a list beside a shown deal is a deal of its own, named or not.
    phrases: dict[int, set[Mention]] = defaultdict(set)
    for cand, _, _ in scored:
        for inst in cand.instances:
            if inst.mention.form == "generic":
                phrases[inst.sentence].add(inst.mention)
    by_buyer: dict[str, list[Candidate]] = defaultdict(list)
    for (_, buyer), cands in shown.items():
        by_buyer[buyer] += cands
    out: set[int] = set()
    for cand, _, p in scored:
        pair = (cand.supplier, cand.recipient)
        # The same buyer's list with each item's own country: "beat Germany's PzH 2000 and
        # Spain's SBT-155" is Spain's bid beside Germany's.
        own_seller = pair not in shown
        beside = by_buyer[cand.recipient] if own_seller else shown[pair]
        if id(cand) in kept or p < LISTED_FLOOR or not beside:
            continue
        if only_a_part(cand):
            continue
        maker, partners = origin_of(cand.system)
        if maker and cand.supplier != maker and cand.supplier not in partners:
            continue  # "French AMX-13 and British Scorpion vehicles": another seller's system
        for inst in cand.instances:
            info = infos.get(inst.sentence)
            if info is None or inst.features.get("sys_anaphor") or _RESPECTIVELY.search(info.text):
                continue
            qualifying = _qualifying(info, inst.mention)
            if qualifying - set(pair) or (own_seller and cand.supplier not in qualifying):
                continue  # "Germany's PzH 2000 and Spain's SBT-155": each its own country's
            groups = _list_groups(info, tuple(phrases[inst.sentence]))
            mine = groups.get(inst.mention.canonical)
            if mine is None:
                continue
            if any(
                any(
                    i.sentence == inst.sentence
                    and groups.get(i.mention.canonical) == mine
                    and i.mention.canonical != inst.mention.canonical
                    and not _kind_of(info, inst.mention, i.mention)
                    for i in other.instances
                )
                for other in beside
            ):
                out.add(id(cand))
                break
    return out


def beaten_bids(
    scored: list[tuple[Candidate, list[float], float]],
    kept: set[int],
    infos: dict[int, SentenceInfo],
) -> set[int]:
    """Losing bids the text names by their own country after a word of beating ("the Korean
    gun defeated France's CAESAR", "won the contest over a German frigate"), where the buyer has a
    shown deal from another seller: each a deal of its own (a losing bid is a cancelled deal,
    ANNOTATION.md), however unsure the scorer is of it."""
    buyers: dict[str, set[str]] = defaultdict(set)
    for cand, _, _ in scored:
        if id(cand) in kept:
            buyers[cand.recipient].add(cand.supplier)
    out: set[int] = set()
    for cand, _, _ in scored:
        if id(cand) in kept or not buyers[cand.recipient] - {cand.supplier}:
            continue
        for inst in cand.instances:
            info = infos.get(inst.sentence)
            if (
                info is not None
                and inst.parts[0].get("sys_beaten")
                and not inst.parts[0].get("sys_anaphor")
                and cand.supplier in _qualifying(info, inst.mention)
                and not any(
                    cand.recipient in _qualifying(info, m) for m in info.of_kind("weapon_system")
                )  # "defeated France's CAESAR and Israel's ATMOS": France a bidder, no buyer
            ):
                out.add(id(cand))
                break
    return out


def lists_gone_on(
    scored: list[tuple[Candidate, list[float], float]],
    kept: set[int],
    infos: dict[int, SentenceInfo],
) -> dict[int, int]:
    """Candidates below the threshold in a sentence that goes on with the list of the sentence
    before, naming no country of its own, where another system of the same seller and buyer is
    shown ("Peru will buy 12 Mi-171 helicopters and four Su-25s. Also on the list are six Pantsir
    systems"): each candidate's id, and the sentence whose list it goes on with."""
    shown: dict[tuple[str, str], set[int]] = defaultdict(set)
    for cand, _, _ in scored:
        if id(cand) in kept:
            shown[(cand.supplier, cand.recipient)].update(
                i.sentence for i in cand.instances if not i.features.get("sys_anaphor")
            )
    out: dict[int, int] = {}
    for cand, _, p in scored:
        pair = (cand.supplier, cand.recipient)
        if id(cand) in kept or p < LISTED_FLOOR or cand.system.form == "generic":
            continue
        for inst in cand.instances:
            info = infos.get(inst.sentence)
            if (
                info is not None
                and not inst.features.get("sys_anaphor")
                and inst.sentence - 1 in shown[pair]
                and _LIST_GOES_ON.search(info.text)
                and not parties(info)
            ):
                out[id(cand)] = inst.sentence - 1
                break
    return out


def _respectively_lists(
    info: SentenceInfo, mentions: list[Mention]
) -> tuple[list[str], list[str]] | None:
    """The two lists a "respectively" sentence pairs item by item: countries with systems
    ("Ethiopia and Eritrea … Su-27 and MiG-29 fighters respectively") or buyers with sellers
    ("Malaysia and Brunei turned to Germany and Britain respectively"); None when the sentence
    has not exactly two lists of one length."""
    lists: list[list[str]] = []
    for group in coordinated_groups(info, parties(info)):
        codes = list(dict.fromkeys(p.iso3 for p in group))
        if len(codes) > 1:
            lists.append(codes)
    named = sorted(
        {system_key(m): m for m in mentions if 0 <= info.local(m.start) < len(info.text)}.values(),
        key=lambda m: m.start,
    )
    keys: list[str] = []
    for i, m in enumerate(named):
        glued = i and _LIST_GLUE.match(
            info.text[info.local(named[i - 1].end) : info.local(m.start)]
        )
        if not glued:
            if len(keys) > 1:
                lists.append(keys)
            keys = []
        keys.append(system_key(m))
    if len(keys) > 1:
        lists.append(keys)
    by_length: dict[int, list[list[str]]] = defaultdict(list)
    for items in lists:
        by_length[len(items)].append(items)
    pairs = [found for found in by_length.values() if len(found) == 2]
    return (pairs[0][0], pairs[0][1]) if len(pairs) == 1 else None


def respectively_crossed(
    scored: list[tuple[Candidate, list[float], float]], infos: dict[int, SentenceInfo]
) -> set[int]:
    """The candidates a "respectively" sentence pairs off: "Qatar and Kuwait … F-15QA and
    F/A-18E/F fighters respectively" is Qatar's F-15QA and Kuwait's F/A-18E/F, not Qatar's
    F/A-18E/F — unless another of the candidate's sentences pairs it so."""
    sentences = [i for i, info in infos.items() if _RESPECTIVELY.search(info.text)]
    if not sentences:
        return set()
    mentions: dict[int, list[Mention]] = defaultdict(list)
    for cand, _, _ in scored:
        for inst in cand.instances:
            if inst.sentence in sentences:
                mentions[inst.sentence].append(inst.mention)
    lists = {i: _respectively_lists(infos[i], mentions[i]) for i in sentences}
    crossed: set[int] = set()
    for cand, logits, _ in scored:
        verdicts: list[bool | None] = []
        for inst in cand.instances:
            found = lists.get(inst.sentence)
            if found is None:
                verdicts.append(None)
                continue
            places = [
                _place(items, cand.supplier, cand.recipient, system_key(inst.mention))
                for items in found
            ]
            verdicts.append(None if None in places else places[0] == places[1])
        best = max(range(len(logits)), key=logits.__getitem__)
        if True not in verdicts and verdicts[best] is False:
            crossed.add(id(cand))
    return crossed


def _place(items: list[str], supplier: str, recipient: str, key: str) -> int | None:
    for name in (key, recipient, supplier):
        if name in items:
            return items.index(name)
    return None


def only_a_part(cand: Candidate) -> bool:
    """Whether every sentence naming the system names it as a part of another ("equipped with",
    "comes with") or a later item of a package's contents ("the sale covers 18 Black Hawks,
    40 T700 engines"): the component list of a package is not a deal of its own."""
    named = [inst for inst in cand.instances if not inst.features.get("sys_anaphor")]
    return bool(named) and all(inst.component for inst in named)


# "other vessels …, including two patrol boats", "weapons such as": what follows names the kinds
# of goods the phrase before stands for (within one clause of it: not a list's earlier item).
_INCLUDING = prefilter.compile(
    r"\A(?:(?!\band\b)[^;:,]){0,80}?,?(?:(?!\band\b)[^;:,]){0,20}?"
    r"\b(?:including|such\s+as|like|among\s+them|notably|namely)\b",
    re.I,
)


def hypernyms_of_listed(
    scored: list[tuple[Candidate, list[float], float]],
    kept: set[int],
    infos: dict[int, SentenceInfo],
) -> tuple[set[int], set[int]]:
    """(the shown weapon phrases that only stand for the goods a sentence then lists between
    the same countries, those goods): "acquired other vessels from the US, including two patrol
    boats" is a deal for the patrol boats, not one more for "vessels"."""
    drop: set[int] = set()
    items: set[int] = set()
    for cand, _, _ in scored:
        if id(cand) not in kept or cand.system.form != "generic":
            continue
        for inst in cand.instances:
            info = infos.get(inst.sentence)
            if info is None:
                continue
            end = info.local(inst.mention.end)
            including = _INCLUDING.match(info.text[end:])
            if including is None:
                continue
            after = end + including.end()
            listed = {
                id(other)
                for other, _, p in scored
                if other is not cand
                and p >= LISTED_FLOOR
                and (other.supplier, other.recipient) == (cand.supplier, cand.recipient)
                and any(
                    i.sentence == inst.sentence and info.local(i.mention.start) >= after
                    for i in other.instances
                )
            }
            if listed:
                drop.add(id(cand))
                items |= listed
                break
    return drop, items
