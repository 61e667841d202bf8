"""Entity mentions: countries, places, organisations, people and weapon systems.

Gazetteer phrases are matched over tokens; people and generic state bodies come from rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from armstrack import gazetteer
from armstrack.extract import prefilter
from armstrack.extract.bodies import find_bodies
from armstrack.extract.patterns import (
    BORDER_PATTERNS,
    GENERIC_ORG,
    LOCATIVE_BEFORE,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    PERSON_AFTER_NAME,
    PERSON_TITLE_WORDS,
    SPEECH_AFTER_NAME,
    SPEECH_BEFORE_NAME,
)
from armstrack.extract.spans import Spans, first_inside
from armstrack.extract.systems import (
    find_designations,
    find_ships,
    find_weapon_phrases,
    own_designation,
    ships_of_their_class,
)
from armstrack.lexicon import Match, Token, find_each, tokenize
from armstrack.records import Mention

_PRIORITY = {"weapon_system": 0, "organization": 1, "country": 2, "place": 3}


def _to_mention(match: Match) -> Mention:
    e = match.entry
    if e.kind == "weapon_system":
        designation = own_designation(match.text, e.canonical)
        if designation:
            return Mention(
                kind=e.kind,
                text=match.text,
                canonical=designation,
                start=match.start,
                end=match.end,
                iso3=e.iso3,
                form=e.form,
                detail=e.detail,
                family=e.canonical,
            )
    return Mention(
        kind=e.kind,
        text=match.text,
        canonical=e.canonical,
        start=match.start,
        end=match.end,
        iso3=e.iso3,
        lat=e.lat,
        lon=e.lon,
        form=e.form,
        detail=e.detail,
    )


def _gazetteer_matches(text: str, tokens: list[Token]) -> list[Mention]:
    """Longest match across all lexicons; on equal length, weapons > organisations > countries."""
    candidates = find_each(
        text,
        tokens,
        (
            gazetteer.weapon_lexicon(),
            gazetteer.organization_lexicon(),
            gazetteer.country_lexicon(),
            gazetteer.city_lexicon(),
        ),
    )
    candidates.sort(key=lambda m: (-(m.end - m.start), _PRIORITY[m.entry.kind], m.start))
    taken = Spans()
    kept: list[Mention] = []
    for match in candidates:
        if taken.overlaps(match.start, match.end):
            continue
        if match.entry.kind == "place" and not _city_in_context(text, match):
            continue
        if match.entry.kind == "country" and text[match.end : match.end + 1] == "$":
            continue  # "US$250 million", "A$1.2bn": a currency, not the country
        taken.add(match.start, match.end)
        kept.append(_to_mention(match))
    return _variants_before_names(text, kept)


def _variants_before_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """A variant's designation written before its system's name ("300 MIM-104E Patriot
    missiles") is one mention of that system, not two."""
    by_start = {m.start: m for m in mentions if m.kind == "weapon_system"}
    dropped: set[int] = set()
    joined: dict[int, Mention] = {}
    for m in mentions:
        name = by_start.get(m.end + 1)
        if (
            m.kind == "weapon_system"
            and m.family
            and name is not None
            and name.canonical == m.family
            and text[m.end] == " "
        ):
            dropped.add(m.start)
            joined[name.start] = replace(name, text=text[m.start : name.end], start=m.start)
    return [joined.get(m.start, m) for m in mentions if m.start not in dropped]


_NEXT_WORD = prefilter.compile(r"\A ([A-Z][^\W\d_]+)\b")


def _drop_first_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """A place name followed by an unknown capitalised word is a person's first name
    ("Defence Minister Wellington Koo"), not the place."""
    starts = {m.start for m in mentions}
    kept = []
    for m in mentions:
        if m.kind in {"country", "place"} and m.form in {"capital", "city"}:
            following = _NEXT_WORD.match(text[m.end : m.end + 40])
            if (
                following
                and m.end + 1 not in starts
                and following.group(1).lower() not in NOT_NAME_WORDS
                and _title_before(text, m.start)
            ):
                continue
        if m.kind == "organization" and " " not in m.text:
            # "Rafael Rey told The Associated Press": a one-word body before an unknown
            # capitalised word and a speech verb is a person's first name.
            following = _NEXT_WORD.match(text[m.end : m.end + 40])
            if (
                following
                and m.end + 1 not in starts
                and following.group(1).lower() not in NOT_NAME_WORDS
                and SPEECH_AFTER_NAME.match(text[m.end + 1 + len(following.group(1)) :])
            ):
                continue
        kept.append(m)
    return kept


def _city_in_context(text: str, match: Match) -> bool:
    if match.entry.detail == "big":
        return True
    before = text[max(0, match.start - 20) : match.start]
    after = text[match.end : match.end + 8]
    return bool(LOCATIVE_BEFORE.search(before)) or after.startswith(("-based", ","))


def _embedded_countries(text: str, mentions: list[Mention]) -> list[Mention]:
    """Countries named inside organisation or system names ("Turkish Aerospace")."""
    out: list[Mention] = []
    lexicon = gazetteer.country_lexicon()
    for mention in mentions:
        if mention.kind != "organization":
            continue
        inner = tokenize(text, mention.start, mention.end)
        for match in lexicon.find(text, inner):
            out.append(replace(_to_mention(match), form="organization"))
    return out


_MINISTRY_WORDS = prefilter.compile(r"ministry|department|office", re.I)


def _generic_orgs(text: str, mentions: list[Mention]) -> list[Mention]:
    """State bodies named by pattern: "the Russian Defence Ministry", "Ministry of Defence"."""
    out: list[Mention] = []
    countries = sorted((m for m in mentions if m.kind == "country"), key=lambda m: m.start)
    country_starts = [m.start for m in countries]
    country_at: dict[int, Mention] = {}
    for m in reversed(countries):
        country_at[m.start] = m
    not_countries = Spans((m.start, m.end) for m in mentions if m.kind != "country")
    for match in GENERIC_ORG.finditer(text):
        start, end = match.span("org")
        if not_countries.overlaps(start, end):
            continue
        owner = first_inside(countries, country_starts, start, end)
        of_country = _OF_COUNTRY.match(text, end)
        trailing = None
        if owner is None and of_country:
            # "the Ministry of National Defence of Vietnam"
            trailing = country_at.get(of_country.end())
        body = " ".join(match.group("body").split())
        if owner is None and trailing is None and not _MINISTRY_WORDS.search(body):
            continue  # a bare "Parliament" or "the Army": whose, the text does not say
        canonical = _canonical_body(body)
        if owner is not None:
            canonical = f"{owner.text.rstrip('’').removesuffix(chr(39) + 's')} {canonical}"
        elif trailing is not None:
            owner, end = trailing, trailing.end
            canonical = f"{canonical} of {trailing.canonical}"
        out.append(
            Mention(
                kind="organization",
                text=text[start:end],
                canonical=canonical,
                start=start,
                end=end,
                iso3=owner.iso3 if owner else None,
                detail="government_agency",
            )
        )
    return out


_OF_COUNTRY = prefilter.compile(r"\s+of\s+(?:the\s+)?")


def _canonical_body(body: str) -> str:
    words = body.replace("Defense", "Defence").split()
    if len(words) == 2 and words[1].lower() == "ministry":
        return f"Ministry of {words[0]}" if words[0] != "Foreign" else "Ministry of Foreign Affairs"
    small = {"of", "and", "for", "the"}
    return " ".join(w if w.isupper() or w in small else w[:1].upper() + w[1:] for w in words)


def _borders(text: str, mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    if "border" not in text and "frontier" not in text:
        return out
    by_start = {m.start: m for m in mentions if m.kind == "country"}
    for match in (m for pattern in BORDER_PATTERNS for m in pattern.finditer(text)):
        a = by_start.get(match.start("a"))
        b = by_start.get(match.start("b"))
        if not a or not b or not a.iso3 or not b.iso3 or a.iso3 == b.iso3:
            continue
        point = gazetteer.border_point(a.iso3, b.iso3)
        out.append(
            Mention(
                kind="place",
                text=match.group(0),
                canonical=f"{a.canonical}–{b.canonical} border",
                start=match.start(),
                end=match.end(),
                iso3=a.iso3,
                lat=point[0] if point else None,
                lon=point[1] if point else None,
                form="border",
                detail=b.iso3,
            )
        )
    return out


def _seat_bodies(mentions: list[Mention]) -> list[Mention]:
    """ "The Kremlin", "the Pentagon" stand for a country and are also a body that acts."""
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "country" and m.form == "seat":
            name = m.text[4:] if m.text.lower().startswith("the ") else m.text
            out.append(replace(m, kind="organization", canonical=name, detail="government_agency"))
    return out


# A vessel's kind or class right after a capital's name: the name is the class's ("the
# Hamilton cutter", "a Hamilton-class cutter"), not the city's.
_CLASS_AFTER = prefilter.compile(
    r"(?:\s+|-)(?:class\b|cutters?\b|frigates?\b|corvettes?\b|destroyers?\b|submarines?\b"
    r"|carriers?\b|patrol\s+(?:boats?|vessels?|ships?)\b)",
    re.I,
)


def _not_class_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions less capitals that name a vessel class."""
    return [
        m
        for m in mentions
        if not (m.kind == "country" and m.form == "capital" and _CLASS_AFTER.match(text, m.end))
    ]


def _capital_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """A capital after "in"/"at" is a place as well as a stand-in for its government."""
    out: list[Mention] = []
    for m in mentions:
        if m.kind != "country" or m.form != "capital" or m.lat is None:
            continue
        if LOCATIVE_BEFORE.search(text[max(0, m.start - 20) : m.start]):
            out.append(replace(m, kind="place", canonical=m.text, form="city"))
    return out


def _is_name_token(tok: Token) -> bool:
    word = tok.text
    return (
        word[:1].isupper()
        and word.isalpha()
        and not (word.isupper() and len(word) > 1)
        and word.lower() not in NOT_NAME_WORDS
    )


def _person_spans(text: str, tokens: list[Token], blocked: Spans) -> list[Mention]:
    """People: a name after a title, before a speech verb or an appositive role."""
    out: list[Mention] = []
    i, n = 0, len(tokens)

    def free(tok: Token) -> bool:
        return not blocked.holds(tok.start)

    while i < n:
        tok = tokens[i]
        # Most words are not capitalised: that test alone, before the full one.
        if not (tok.text[:1].isupper() and _is_name_token(tok) and free(tok)):
            i += 1
            continue
        j = i
        while j + 1 < n:
            nxt = tokens[j + 1]
            gap_ok = nxt.gap in (" ", "-", "'", "’") or (
                nxt.gap == ". " and len(tokens[j].text) == 1
            )
            if gap_ok and free(nxt) and (_is_name_token(nxt) or nxt.key in NAME_PARTICLES):
                j += 1
                continue
            break
        while j > i and tokens[j].key in NAME_PARTICLES:
            j -= 1
        start, end = tokens[i].start, tokens[j].end
        role = _title_before(text, start)
        count = j - i + 1
        after = text[end : end + 40]
        before = text[max(0, start - 30) : start]
        is_person = bool(role) or (
            count >= 2
            and (
                PERSON_AFTER_NAME.match(after)
                or SPEECH_AFTER_NAME.match(after)
                or SPEECH_BEFORE_NAME.search(before)
            )
        )
        if is_person and count <= 5:
            out.append(
                Mention(
                    kind="person",
                    text=text[start:end],
                    canonical=text[start:end],
                    start=start,
                    end=end,
                    detail=role,
                )
            )
        i = j + 1
    return out


def _title_before(text: str, start: int) -> str:
    """The title or role right before a name: "Turkish Defense Minister", "President"."""
    window = text[max(0, start - 80) : start]
    match = PERSON_TITLE_WORDS.search(window)
    if not match:
        return ""
    return " ".join(match.group("title").split())


def _resolve_people(people: list[Mention], text: str, tokens: list[Token]) -> list[Mention]:
    """Full name at first mention is canonical; later surname-only mentions map to it."""
    full: dict[str, str] = {}
    resolved: list[Mention] = []
    for person in sorted(people, key=lambda m: m.start):
        parts = person.text.split()
        if len(parts) >= 2:
            full.setdefault(parts[-1], person.text)
            resolved.append(person)
        elif parts and parts[0] in full:
            resolved.append(replace(person, canonical=full[parts[0]]))
        else:
            resolved.append(person)
    # Bare surnames of known people elsewhere in the text ("Kowalska said").
    seen = {(m.start, m.end) for m in resolved}
    people_at = Spans((m.start, m.end) for m in resolved)
    for tok in tokens:
        known = tok.text in full and (tok.start, tok.end) not in seen
        if known and not people_at.holds(tok.start):
            resolved.append(Mention("person", tok.text, full[tok.text], tok.start, tok.end))
    return sorted(resolved, key=lambda m: m.start)


def find_mentions(text: str) -> list[Mention]:
    """Every entity mention in the article text, sorted by position."""
    return find_mentions_and_phrases(text)[0]


def find_mentions_and_phrases(text: str) -> tuple[list[Mention], list[Mention]]:
    """The mentions, and the weapon phrases that name no model ("fighter jets", "arms")."""
    tokens = tokenize(text)
    mentions = _not_class_names(text, _drop_first_names(text, _gazetteer_matches(text, tokens)))
    mentions += _embedded_countries(text, mentions)
    mentions += _generic_orgs(text, mentions)
    mentions += _borders(text, mentions)
    mentions += _capital_places(text, mentions)
    mentions += _seat_bodies(mentions)
    mentions += find_ships(text, mentions)
    mentions += find_designations(text, mentions)
    phrases = find_weapon_phrases(text, mentions)
    mentions += [m for m in phrases if m.form == "class"]
    mentions = ships_of_their_class(text, mentions)
    mentions += find_bodies(text, mentions)
    blocked = Spans((m.start, m.end) for m in mentions)
    people = _person_spans(text, tokens, blocked)
    people = _resolve_people(people, text, tokens)
    mentions += people
    mentions += find_bodies(text, mentions, by_context=True)
    _attach_person_countries(mentions)
    generic = [m for m in phrases if m.form == "generic"]
    return sorted(mentions, key=lambda m: (m.start, m.kind)), generic


def _attach_person_countries(mentions: list[Mention]) -> None:
    """Give people the country of the demonym or organisation in their title, in place."""
    countries = sorted(
        (m for m in mentions if m.kind in {"country", "organization"} and m.iso3),
        key=lambda m: m.start,
    )
    starts = [c.start for c in countries]
    for index, m in enumerate(mentions):
        if m.kind != "person" or not m.detail:
            continue
        window_start = m.start - len(m.detail) - 25
        lo, hi = bisect_left(starts, window_start), bisect_left(starts, m.start)
        owner = [c for c in countries[lo:hi] if c.end <= m.start]
        if owner:
            mentions[index] = replace(m, iso3=owner[-1].iso3)


_SPACE = prefilter.compile(r"\s+")


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
