"""Weapon systems the gazetteer does not list, recognised by their shape and their words.

- A **designation** has the shape of one ("Pechora-2T", "MBT-2000", "Su-30MK2", "BTR 3E1",
  "PzH5000") and stands where a system stands: before a weapon noun, after a quantity or a
  demonym, in a list with other systems, or as the object of a word of trade.
- A **named class** is a proper word before a weapon noun ("Konkurs anti-tank missiles",
  "Caracal helicopters", "40 MiG fighters"): the proper word is the system.
- A **generic** system is a weapon noun phrase naming no model ("night vision devices", "fighter
  jets", "arms"): a deal may be about it, but it is no named weapon system.

All cue words are data in `patterns`; nothing here names a particular system.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import accumulate

from armstrack.extract import prefilter
from armstrack.extract.patterns import (
    CLASS_NOT_WORDS,
    DESIGNATION,
    DESIGNATION_NOT,
    HEAD_NEEDS_MODIFIER,
    NOT_HEAD_BEFORE,
    NP_DROP_WORDS,
    NP_MODIFIER_SHAPE,
    NP_MODIFIERS,
    NP_STOP_WORDS,
    WEAPON_HEADS,
)
from armstrack.extract.spans import Spans
from armstrack.lexicon import fold
from armstrack.records import Mention

_WORD = prefilter.compile(r"[\w’'/-]+(?:\.\d+)*|[,;:()\"“”]")
# The text split at its words, the words kept: [gap, word, gap, word, ..., gap].
_WORD_PIECES = prefilter.compile(f"({_WORD.pattern})")
_UNIT_MODIFIER = prefilter.compile(
    r"\A(?:[\d.,/]+(?:-|\s)?(?:mm|millimet\w*|foot|ft|metre|meter|m|ton|tonne|inch|calibre|caliber)s?"
    r"(?:/\d+)?(?:-calib(?:re|er))?|\d+x\d+)\Z",
    re.I,
)


_ROMAN = prefilter.compile(r"\A[IVX]{1,4}\Z")


def _modifier_kind(word: str, at_sentence_start: bool) -> str:
    """ "proper" (a name: Konkurs, MiG, PzH), "common" (a kind: anti-tank, 80-mm), "drop"
    (describes the lot: new, used), or "" (ends the phrase)."""
    low = word.lower()
    if low in NP_DROP_WORDS:
        return "drop"
    if low in CLASS_NOT_WORDS:
        return ""
    if _UNIT_MODIFIER.match(word) or _ROMAN.match(word):
        return "common"
    named = (word[:1].isupper() or any(c.isdigit() for c in word)) and not at_sentence_start
    if low.endswith("-class") and named:
        return "proper"  # "Khukri-class corvettes"
    if low in NP_MODIFIERS or NP_MODIFIER_SHAPE.match(low):
        return "common"
    if word.endswith(("'s", "’s", "-era", "-made", "-built", "-designed", "-supplied")):
        return ""
    if not any(c.isalpha() for c in word):
        return ""
    return "proper" if named else ""


_QUANTITY_OR_DET = prefilter.compile(r"\A(?:\d[\d,.]*|\$[\d.,]+\w*)\Z")


def _category(head: str) -> str:
    return WEAPON_HEADS.get(head.lower(), "other")


_GAP_BEFORE = prefilter.compile(r"(?:[\s-]+(?:\d[\w.]*)?)?[\s-]*\Z")
_DEFINITE_BEFORE = prefilter.compile(r"\b(?:the|these|those|such|this|that)\s+\Z")


def _right_after(text: str, start: int, taken: Spans) -> bool:
    """Whether a span starts right after a taken one, past spaces, hyphens and a number."""
    before = text[max(0, start - 12) : start]
    gap = _GAP_BEFORE.search(before)
    at = start - (len(gap.group(0)) if gap else 0)
    return at > 0 and taken.holds(at - 1)


_HEAD_AFTER = prefilter.compile(r"\A\s*(?:[\w-]+\s+){0,3}?(?P<h>[A-Za-z]+)\b")
_YEAR = prefilter.compile(r"(?:19|20)\d\d")


def find_designations(text: str, mentions: list[Mention]) -> list[Mention]:
    """Designations by shape that no gazetteer entry covered."""
    taken = Spans((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    for match in DESIGNATION.finditer(text):
        start, end = match.span()
        name = match.group(0)
        if taken.overlaps(start, end) or DESIGNATION_NOT.match(name):
            continue
        after = text[end : end + 40]
        before = text[max(0, start - 40) : start]
        head = _HEAD_AFTER.match(after)
        head_noun = head.group("h").lower() if head else ""
        near_head = head_noun in WEAPON_HEADS
        spaced = " " in name
        letters, _, number = name.partition(" ")
        if spaced and (
            not near_head
            or not (letters.isupper() or letters in _SPACED_PREFIXES)
            or _YEAR.fullmatch(number)
        ):
            continue  # "BTR 3E1 vehicles" yes; "Article 5", "The 54 howitzers", "IDEX 2023" no
        named = _NAME_AFTER.match(after)
        if named and taken.overlaps(end, end + named.end()):
            named = None
        if named and named.group(1).lower() not in CLASS_NOT_WORDS | NP_STOP_WORDS:
            end += named.end()  # "E-26 Tamiz", "A-37 Dragonfly": a designation with its name
            name = text[start:end]
        elif not near_head and not _system_context(before, after):
            continue
        out.append(
            Mention(
                kind="weapon_system",
                text=name,
                canonical=_tidy(name),
                start=start,
                end=end,
                form="shape",
                detail=_category(head_noun) if near_head else "other",
            )
        )
        taken.add(start, end)
    return out


_NAME_AFTER = prefilter.compile(r"\A ([A-Z][a-z]{2,})\b(?![-'’])")
_SPACED_PREFIXES = frozenset({"Type", "Project", "Model"})
_LIST_OR_QUANTITY_BEFORE = prefilter.compile(
    r"(?:\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozen|several|of|the|its|and|or"
    r"|new|more|additional|buy|purchase|acquire|order|ordered|bought|sell|sold|supply|supplied"
    r"|deliver|delivered|offer|offered|with)\s+|,\s*)\Z",
    re.I,
)
_LIST_AFTER = prefilter.compile(r"\A(?:\s*(?:,|and|or|s\b)|\s+(?:and|or)\b|['’]s?\s)")


def _system_context(before: str, after: str) -> bool:
    return bool(_LIST_OR_QUANTITY_BEFORE.search(before) or _LIST_AFTER.match(after))


_NATO_NAME = prefilter.compile(r"\A(?:SA|AA|AT|AS|SS|SA-N|SS-N|SS-C)-\d", re.I)
_KEY = prefilter.compile(r"[^a-z0-9]")
_CLASS_NAME = prefilter.compile(r"\A([A-Z][\w'’]+)[- ]class\b")


def own_designation(surface: str, canonical: str) -> str:
    """The designation as written when it is one of its own, not a fuller or looser way of
    writing the family's name: "Mi-24V" (filed under Mi-35), "FC-1" (under JF-17), "Su-30MKA"
    (under Su-30MKI); but "Su-30MK2" stays "Su-30", a designation followed by its name stays
    the designation, and NATO reporting names ("SA-21") give the family. Empty when the
    family's name stands."""
    name = _tidy(surface)
    ship_class = _CLASS_NAME.match(name)
    if ship_class:
        # "Babur-class" (filed under Ada-class): a ship class is named by its own first ship.
        first = fold(canonical.split("-")[0].split()[0])
        return f"{ship_class.group(1)}-class" if fold(ship_class.group(1)) != first else ""
    if not any(c.isdigit() for c in name) or _NATO_NAME.match(name):
        return ""
    mine = _KEY.sub("", name.lower())
    family = _KEY.sub("", canonical.lower())
    if not mine or mine.startswith(family) or family.startswith(mine) or family in mine:
        return ""
    return name


def _tidy(name: str) -> str:
    name = " ".join(name.split())
    if name.endswith("s") and len(name) > 2 and (name[-2].isdigit() or name[-2].isupper()):
        name = name[:-1]  # "MBT-2000s" -> "MBT-2000", "Su-30MKIs" -> "Su-30MKI"; not "Abrams"
    return name


# A vessel's kind written in capitals after its class's name is still the class: "Hamilton
# Cutter", "Sigma Frigate" (not so for other kinds: "Air Force", "Rocket Forces").
_CLASS_TITLED_KINDS = frozenset({"ship", "submarine"})
_ACRONYM_PLURALS = frozenset({"UAVs", "APCs", "IFVs", "OPVs", "UCAVs", "MRAPs"})
# Where a sentence starts: after the text's opening quote, if any, and after a stop, a colon or a
# line break, and the closing quote and spaces after it, and an opening quote. Written to begin
# with the stop itself, so the engine skips to each stop instead of trying every place.
_OPENING_QUOTES = frozenset('"“‘(')
_SENTENCE_START = prefilter.compile(r"[.!?:;\n](?:[\"”’)]?\s+|(?<=\n))[\"“‘(]?")


def starts_of_sentences(text: str) -> frozenset[int]:
    """The places where a sentence's first word can start."""
    opening = 1 if text[:1] in _OPENING_QUOTES else 0
    return frozenset([opening, *(m.end() for m in _SENTENCE_START.finditer(text))])


def find_weapon_phrases(text: str, mentions: list[Mention]) -> list[Mention]:
    """Weapon noun phrases: a named class ("Caracal helicopters" -> Caracal, form "class") or
    a generic kind of weapon ("fighter jets", form "generic"). Phrases that hold a known
    system, or that only point back to one ("the jets"), are left to the system they name."""
    sentence_starts = starts_of_sentences(text)
    taken = Spans((m.start, m.end) for m in mentions if m.kind == "weapon_system")
    names = Spans((m.start, m.end) for m in mentions if m.kind != "weapon_system")
    makers = {m.end: m for m in mentions if m.kind == "organization" and m.detail == "manufacturer"}
    # The words, in one pass over the folded text, which splits into the same words (folding
    # keeps every character's place and kind: a test checks it over all of Unicode); those that
    # could head a phrase are picked out by their folded form, and a word is read from the text
    # (as a match) only near a head.
    pieces = _WORD_PIECES.split(prefilter.fold(text))
    folded = pieces[1::2]
    starts = list(accumulate(map(len, pieces)))[0:-1:2]
    count = len(folded)
    heads = [i for i, folded_word in enumerate(folded) if folded_word in WEAPON_HEADS]
    match_at = _WORD.match

    def word_at(index: int) -> re.Match[str]:
        found = match_at(text, starts[index])
        assert found is not None  # the pattern matched there in the folded text
        return found

    out: list[Mention] = []
    for i in heads:
        head = word_at(i)
        key = head.group(0).lower().rstrip(".")
        if key not in WEAPON_HEADS:
            continue
        following = word_at(i + 1).group(0).lower() if i + 1 < count else ""
        if following in NOT_HEAD_BEFORE and text[head.end() : starts[i + 1]] == " ":
            continue  # "an arms fair", "the arms race": the noun names something else
        # The longest head: "fighter jets" ends on "jets", "jets" alone is no phrase of its own.
        if (
            i + 1 < count
            and following.rstrip(".") in WEAPON_HEADS
            and text[head.end() : starts[i + 1]] in (" ", "-")
        ):
            continue
        titled = (
            head.group(0)[:1].isupper()
            and not head.group(0).isupper()
            and head.group(0) not in _ACRONYM_PLURALS
            and head.start() not in sentence_starts
        )
        if titled and WEAPON_HEADS[key] not in _CLASS_TITLED_KINDS:
            continue  # "Air Force", "Rocket Forces": part of a name
        j = i
        modifiers: list[re.Match[str]] = []
        kinds: list[str] = []
        maker: Mention | None = None
        while j > 0 and len(modifiers) < 4:
            prev = word_at(j - 1)
            gap = text[prev.end() : starts[j]]
            if gap not in (" ", "-"):
                break
            word = prev.group(0)
            low = word.lower()
            if low in NP_STOP_WORDS or _QUANTITY_OR_DET.match(word) or word in ',;:()"“”':
                break
            if names.holds(prev.start()):
                # A country, demonym, company or person: a cue of its own, not the name; but
                # a maker right before the noun names a class ("Sukhoi fighters").
                maker = makers.get(prev.end()) if gap == " " else None
                break
            kind = _modifier_kind(word, prev.start() in sentence_starts)
            if low == "main" and word_at(j).group(0).lower() != "battle":
                kind = "drop"  # "main battle tanks" is a kind; "its main arms supplier" is not
            if not kind:
                break
            modifiers.insert(0, prev)
            kinds.insert(0, kind)
            j -= 1
        start = modifiers[0].start() if modifiers else head.start()
        if taken.overlaps(start, head.end()) or _right_after(text, start, taken):
            continue  # "Leopard 2 tanks": the noun belongs to the system named before it
        before = text[max(0, start - 12) : start].lower()
        definite = bool(_DEFINITE_BEFORE.search(before))
        kept = [m for m, k in zip(modifiers, kinds, strict=True) if k != "drop"]
        proper = [m for m, k in zip(modifiers, kinds, strict=True) if k == "proper"]
        if key in HEAD_NEEDS_MODIFIER and not kept:
            continue
        if titled and not proper:
            continue  # "Coast Guard Cutter": a vessel's kind within a name, no class of its own
        noun = " ".join(m.group(0) for m in [*kept, head]).lower()
        if proper or maker is not None:
            if proper:
                first, last = proper[0].start(), proper[-1].end()
                name, origin = text[first:last], None
            else:
                assert maker is not None
                first, last, origin = maker.start, head.end(), maker.iso3
                name = f"{maker.canonical} {noun}"
            out.append(
                Mention(
                    kind="weapon_system",
                    text=text[first:last],
                    canonical=_tidy(name),
                    start=first,
                    end=last,
                    iso3=origin,
                    form="class",
                    detail=_category(key),
                )
            )
            held = (names, taken)
            out += _coordinated_class(
                text, first, noun if maker else "", key, held, sentence_starts
            )
        else:
            if definite and not kept and not _PARTNER_NOUN.fullmatch(following):
                continue  # "the jets": the system named before; not "the main arms supplier"
            phrase = " ".join(m.group(0) for m in kept) + (" " if kept else "") + head.group(0)
            out.append(
                Mention(
                    kind="weapon_system",
                    text=text[start : head.end()],
                    canonical=_generic_name(phrase, bool(kept)),
                    start=start,
                    end=head.end(),
                    form="generic",
                    detail=_category(key),
                )
            )
        taken.add(start, head.end())
    return out


# A trade partner the weapon noun qualifies ("the main arms supplier"): the article is the
# partner's, and the weapons are goods in general, not a system named before.
_PARTNER_NOUN = prefilter.compile(
    r"(?:supplier|provider|exporter|importer|customer|client|buyer|partner|vendor)s?"
)


# "40 MiG and 20 Sukhoi fighters": a name before a coordinated class shares its noun.
_COORDINATED = prefilter.compile(
    r"(?:\A|[\s(])(?P<name>[A-Z][\w-]*)\s+(?:and|or)\s+(?:\d[\d,]*\s+|(?:two|three|four|five|six"
    r"|seven|eight|nine|ten|a\s+dozen|several)\s+)?\Z"
)


def _coordinated_class(
    text: str,
    start: int,
    noun: str,
    head: str,
    held: tuple[Spans, ...],
    sentence_starts: frozenset[int],
) -> list[Mention]:
    """The name coordinated before a class ("MiG" in "40 MiG and 20 Sukhoi fighters"), named
    with the class's noun when the class is a maker's."""
    match = _COORDINATED.search(text[max(0, start - 40) : start])
    if not match:
        return []
    at = max(0, start - 40) + match.start("name")
    word = match.group("name")
    if any(h.holds(at) for h in held) or _modifier_kind(word, at in sentence_starts) != "proper":
        return []
    return [
        Mention(
            kind="weapon_system",
            text=word,
            canonical=f"{_tidy(word)} {noun}" if noun else _tidy(word),
            start=at,
            end=at + len(word),
            form="class",
            detail=_category(head),
        )
    ]


def is_maker_class(mention: Mention) -> bool:
    """A class named by its maker ("Sukhoi fighters", "Airbus helicopters"): the maker's country
    is known, the system is not."""
    return mention.form == "class" and mention.iso3 is not None


# Words for weapons in general: one name ("arms"), so that "weaponry" and "arms" in two
# sentences are one deal and the table names unnamed goods one way.
_ARMS_IN_GENERAL = frozenset("arms weapons weaponry armament armaments".split())


def _generic_name(phrase: str, modified: bool) -> str:
    if not modified and phrase.lower() in _ARMS_IN_GENERAL:
        return "arms"
    return phrase.lower() if not phrase.isupper() else phrase


# A navy's prefix before a ship's own name ("HMS Ocean", "BRP Gregorio del Pilar"), and the
# country whose navy it is; "INS" serves two navies and names none.
SHIP_PREFIXES = {
    "HMS": "GBR", "USS": "USA", "USCGC": "USA", "BRP": "PHL", "HMAS": "AUS", "HMCS": "CAN",
    "HMNZS": "NZL", "KRI": "IDN", "TCG": "TUR", "ROKS": "KOR", "ARA": "ARG", "BNS": "BGD",
    "PNS": "PAK", "SLNS": "LKA", "RSS": "SGP", "KD": "MYS", "HTMS": "THA", "BAP": "PER",
    "NRP": "PRT", "HNoMS": "NOR", "HDMS": "DNK", "HSwMS": "SWE", "FGS": "DEU", "ESPS": "ESP",
    "HNLMS": "NLD", "NNS": "NGA", "GNS": "GHA", "INS": "",
}  # fmt: skip
_SHIP_NAME = prefilter.compile(
    rf"\b(?:{'|'.join(SHIP_PREFIXES)})\s+[A-Z][\w'’-]+"
    r"(?:\s+(?:(?:del|de|da|do|dos|of|the)\s+)?[A-Z][\w'’-]+){0,3}",
    lead=True,
)
_CAPITALISED_WORD = prefilter.compile(r"[A-Z][\w'’-]*")


def find_ships(text: str, mentions: list[Mention]) -> list[Mention]:
    """Ships named by their navy's prefix, and their names written again without it ("the sale
    of Ocean"). A named ship can be traded; it is no weapon system of the reference data."""
    taken = Spans((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    names: dict[str, Mention] = {}
    for match in _SHIP_NAME.finditer(text):
        if taken.overlaps(*match.span()):
            continue
        prefix, name = match.group(0).split(None, 1)  # a line break may follow the prefix
        ship = Mention(
            kind="weapon_system",
            text=match.group(0),
            canonical=f"{prefix} {' '.join(name.split())}",
            start=match.start(),
            end=match.end(),
            iso3=SHIP_PREFIXES[prefix] or None,
            form="ship",
            detail="ship",
        )
        out.append(ship)
        taken.add(ship.start, ship.end)
        names.setdefault(" ".join(name.split()), ship)
    for name, ship in names.items():
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            start, end = match.span()
            if taken.overlaps(start, end) or _in_longer_name(text, start, end):
                continue
            out.append(replace(ship, text=match.group(0), start=start, end=end))
            taken.add(start, end)
    return out


_APPOSED_CLASS = prefilter.compile(r"\A,\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}\Z")
_CLASS_BEFORE_SHIP = prefilter.compile(r"\A\s+(?:[a-z][\w-]*\s+){0,3}\Z")


def ships_of_their_class(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with each named ship given the class the text puts it beside (its
    `family`), so that the ship and its class are one system's two names."""
    first = {m.canonical: m for m in reversed(mentions) if m.form == "ship"}
    classes = {name: _class_beside(text, ship, mentions) for name, ship in first.items()}
    return [
        replace(m, family=classes[m.canonical]) if m.form == "ship" and classes[m.canonical] else m
        for m in mentions
    ]


def _class_beside(text: str, ship: Mention, mentions: list[Mention]) -> str:
    """The class a ship's name is put beside ("INS Kirpan, a Khukri-class corvette"; "the
    Khukri-class corvette INS Kirpan") anywhere in the text; empty when none is."""
    prefixed = prefilter.compile(rf"\b{re.escape(ship.canonical)}\b")
    for match in prefixed.finditer(text):
        for m in mentions:
            if m.kind != "weapon_system" or m.detail != "ship" or m.form == "ship":
                continue
            if 0 <= m.start - match.end() <= 60 and _APPOSED_CLASS.match(
                text[match.end() : m.start]
            ):
                return m.canonical
            if 0 <= match.start() - m.end <= 40 and _CLASS_BEFORE_SHIP.match(
                text[m.end : match.start()]
            ):
                return m.canonical
    return ""


_CAPITAL_BEFORE = prefilter.compile(r"([A-Z][\w'’-]*)\s+\Z")
_AFTER_SENTENCE_START = prefilter.compile(r"(?:\A|[.!?]\s+)\Z")


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """Whether capitalised words run on before or after ("the Indian Ocean", "Ocean Shield")."""
    before = _CAPITAL_BEFORE.search(text[max(0, start - 30) : start])
    after = (
        _CAPITALISED_WORD.match(text[end + 1 : end + 30]) if text[end : end + 1] == " " else None
    )
    sentence_start = _AFTER_SENTENCE_START.search(text[max(0, start - 3) : start])
    return bool((before and not sentence_start) or after)


def shorthands_named_in_full(mentions: list[Mention], named: set[str]) -> list[Mention]:
    """A class named by the first words of one system named in full in the same article
    ("Mirage fighter jets" beside "Mirage 2000-5"): that system, under its full name. Two
    such systems ("Mirage 2000" and "Mirage F1") leave the shorthand as it is."""
    out = []
    for m in mentions:
        if m.kind == "weapon_system" and m.form in {"class", "shape"} and m.iso3 is None:
            fuller = {n for n in named if n != m.canonical and _starts_name(n, m.canonical)}
            if len(fuller) == 1:
                m = replace(m, canonical=fuller.pop(), form="")
        out.append(m)
    return out


def _starts_name(name: str, first: str) -> bool:
    return name.startswith(first) and name[len(first) : len(first) + 1] in {" ", "-"}
