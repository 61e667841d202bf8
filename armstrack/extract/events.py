"""Events: one per reported happening and type in a sentence, with date, actors and place."""

from __future__ import annotations

import re
from datetime import date as date_type

from armstrack import gazetteer
from armstrack.extract import prefilter
from armstrack.extract.claims import certainty_of
from armstrack.extract.context import SentenceInfo, publication_interval, stable_id
from armstrack.extract.dates import tense_of
from armstrack.extract.patterns import (
    EVENT_TRIGGERS,
    NEGATION_BEFORE,
    ONGOING_TALKS,
    PRESENT_TENSE,
    SPEECH_VERBS,
)
from armstrack.records import Certainty, DateInterval, Event, Mention

# Types that need an arms context in the sentence (their triggers are common words).
_NEEDS_ARMS = {"negotiation", "offer", "approval", "contract", "delivery", "cancellation", "test"}
_SPEECH = prefilter.compile(rf"\b(?:{SPEECH_VERBS}|reported|announced)\b")
_DENIAL = prefilter.compile(r"\b(?:neither|nor|not|nothing|no|never|declined|refused)\b", re.I)
# "In September 2023, ...": a date opening the sentence dates what the sentence reports.
_OPENING_DATE = prefilter.compile(r"\A\s*(?:(?:in|on|by|during|since)\s+)?\Z", re.I)
_NOT_TRIGGER = prefilter.compile(r"\bin\s+order\s+to\b|\bin\s+order\s+for\b", re.I)


def _overlaps(start: int, end: int, mentions: list[Mention], offset: int) -> bool:
    return any(m.start - offset < end and start < m.end - offset for m in mentions)


_NOT_ACTOR_ORGS = {"media", "think_tank"}
_BOTH_SIDES = prefilter.compile(
    r"\b(?:the\s+two\s+(?:countries|sides|nations|governments)|both\s+(?:countries|sides|nations|governments))\b",
    re.I,
)


def event_id(info: SentenceInfo, *parts: object) -> str:
    """An event's id: stable for its sentence's place and its kind, and unique across articles
    once the sentence knows its article (`extra["article_id"]`)."""
    local = stable_id(*parts)
    if "article_id" not in info.extra:
        return local
    return stable_id(info.extra["article_id"], local)


def actors_of(info: SentenceInfo) -> tuple[str, ...]:
    """Countries involved: named, or owning a named organisation, person or place; "the two
    countries" refers back to the previous sentence's. Read once per sentence."""
    previous = info.extra.get("previous_actors", ())
    cached = info.extra.get("actors")
    if isinstance(cached, tuple) and cached[0] is previous:
        return cached[1]  # type: ignore[no-any-return]
    seen: list[str] = []
    if _BOTH_SIDES.search(info.text):
        seen.extend(str(code) for code in previous)  # type: ignore[attr-defined]
    for m in info.mentions:
        if m.kind == "organization" and m.detail in _NOT_ACTOR_ORGS:
            continue
        if m.iso3 and m.kind in {"country", "organization", "person", "place"}:
            if m.kind == "place" and m.form == "border" and m.detail:
                codes = [m.iso3, m.detail]
            else:
                codes = [m.iso3]
            for code in codes:
                if code not in seen and code in gazetteer.countries():
                    seen.append(code)
    info.extra["actors"] = (previous, tuple(seen))
    return tuple(seen)


def _summary(
    kind: str,
    actors: tuple[str, ...],
    systems: tuple[str, ...],
    place: str | None,
    info: SentenceInfo,
) -> str:
    """'Delivery: Norway, South Korea — K9 (at Oslo)'. Without a country, the organisations or
    people the sentence names; without those either, the sentence's opening words."""
    label = kind.replace("_", " ").capitalize()
    named = dict.fromkeys(
        m.canonical for m in info.mentions if m.kind in {"organization", "person"}
    )
    names = ", ".join(gazetteer.country_name(a) for a in actors) or ", ".join(list(named)[:2])
    if not names and not systems:
        words = info.text.split()
        names = "“" + " ".join(words[:10]) + ("…”" if len(words) > 10 else "”")
    text = f"{label}: {names}" if names else label
    if systems:
        text += f" — {', '.join(systems)}"
    if place:
        text += f" (at {place})"
    return text


def _place_near(info: SentenceInfo, anchor: int) -> str | None:
    places = info.of_kind("place")
    if not places:
        return None
    nearest = min(places, key=lambda m: abs(info.local(m.start) - anchor))
    return nearest.canonical


def sentence_triggers(info: SentenceInfo) -> list[tuple[str, list[re.Match[str]]]]:
    """Every trigger word of every type in a sentence (read once per sentence)."""
    cached = info.extra.get("triggers")
    if isinstance(cached, list):
        return cached
    text = info.text
    found: list[tuple[str, list[re.Match[str]]]] = []
    for kind, pattern in EVENT_TRIGGERS:
        matches = list(pattern.finditer(text))
        if matches:
            found.append((kind, matches))
    info.extra["triggers"] = found
    return found


def _trigger_matches(info: SentenceInfo) -> list[tuple[str, re.Match[str]]]:
    text = info.text
    blocked = [m for m in info.mentions if m.kind in {"organization", "weapon_system", "person"}]
    found: list[tuple[str, re.Match[str]]] = []
    arms = info.about_arms()
    for kind, matches in sentence_triggers(info):
        if kind in _NEEDS_ARMS and not arms:
            continue
        candidates = []
        for match in matches:
            if _overlaps(match.start(), match.end(), blocked, info.start):
                continue
            if NEGATION_BEFORE.search(text[max(0, match.start() - 25) : match.start()]):
                continue
            if kind == "contract" and _NOT_TRIGGER.search(
                text[max(0, match.start() - 3) : match.end() + 4]
            ):
                continue
            candidates.append(match)
        if candidates:
            # Of several cues of one type, the one nearest a date reports the dated happening.
            found.append((kind, min(candidates, key=lambda m: _to_nearest_date(info, m))))
    return found


def _to_nearest_date(info: SentenceInfo, match: re.Match[str]) -> int:
    strong = [d for d in info.dates if not d.weak]
    if not strong:
        return match.start()
    return min(
        _gap(info.local(d.start), info.local(d.end), match.start(), match.end()) for d in strong
    )


_QUOTE_OR_COMMA = prefilter.compile(r"[\"“”,]")


def find_events(info: SentenceInfo, outlet: str) -> list[Event]:
    """Events reported in one sentence."""
    events: list[Event] = []
    actors = actors_of(info)
    systems = tuple(dict.fromkeys(m.canonical for m in info.of_kind("weapon_system")))
    present = PRESENT_TENSE.search(info.text) is not None
    triggers = _trigger_matches(info)
    speech = _SPEECH.search(info.text)
    named_speaker = info.attribution and info.attribution[:2].lower() not in {"a ", "an"}
    # "Neither Jakarta nor Hanoi has confirmed": the subject before the verb, outside quotes.
    subject = _QUOTE_OR_COMMA.split(info.text[: speech.start()])[-1] if speech else ""
    denied = _DENIAL.search(subject) is not None
    if speech and named_speaker and info.extra.get("explicit_attribution") and not denied:
        triggers.append(("statement", speech))
    systems_or_parties = bool(systems) or info.context_system is not None or len(actors) >= 2
    triggers = [
        (kind, match)
        for kind, match in triggers
        if kind not in _NEEDS_ARMS
        or systems_or_parties
        or kind == "cancellation"
        or (kind == "contract" and info.dates)
    ]
    dated = [m for kind, m in triggers if kind != "statement"]
    owner = {dated[i].start(): d for i, d in _date_owners(info, dated).items()}
    opening = next(
        (
            d
            for d in info.dates
            if not d.weak
            and _OPENING_DATE.match(info.text[: info.local(d.start)])
            and info.text[info.local(d.end) : info.local(d.end) + 1] == ","
        ),
        None,
    )
    for kind, match in triggers:
        anchor = match.start()
        date = owner.get(anchor) or (opening if kind != "statement" else None)
        if kind == "statement":
            date = _date_next_to(info, match) or (
                publication_interval(info.published) if present else None
            )
        elif kind == "negotiation" and date is None and ONGOING_TALKS.search(info.text):
            date = publication_interval(info.published)
        place = _place_near(info, anchor)
        events.append(
            Event(
                id=event_id(info, info.sentence.start, kind),
                type=kind,
                summary=_summary(kind, actors, systems, place, info),
                actors=actors,
                place=place,
                date=date,
                attribution=info.attribution or outlet,
                certainty=Certainty("certain")
                if kind == "statement"
                else certainty_of(info.text, anchor),
                evidence=info.evidence(),
                trigger=match.group(0),
                systems=systems,
            )
        )
    return _drop_framing_statements(events)


def _drop_framing_statements(events: list[Event]) -> list[Event]:
    """'X ordered jets, the ministry announced on Tuesday': the announcement only frames the
    order; it stands as an event of its own only when nothing else happened in the sentence
    or it has a date of its own."""
    others = [e for e in events if e.type != "statement"]
    if not others:
        return events
    other_dates = {(e.date.earliest, e.date.latest) for e in others if e.date}
    return [
        e
        for e in events
        if e.type != "statement"
        or (e.date is not None and (e.date.earliest, e.date.latest) not in other_dates)
    ]


def _date_owners(info: SentenceInfo, triggers: list[re.Match[str]]) -> dict[int, DateInterval]:
    """Each date goes to the trigger nearest to it; each trigger keeps its nearest such date.
    A year inside a name ("DEFX 2015") is used only where a trigger has no other date."""
    owners: dict[int, DateInterval] = {}
    if not triggers:
        return owners
    for weak in (False, True):
        for d in (d for d in info.dates if d.weak == weak):
            start, end = info.local(d.start), info.local(d.end)
            distances = [_weighted_gap(start, end, t) for t in triggers]
            best = min(range(len(triggers)), key=lambda i: distances[i])
            held = owners.get(best)
            if held is None or (
                not weak
                and distances[best]
                < _weighted_gap(info.local(held.start), info.local(held.end), triggers[best])
            ):
                owners[best] = d
    return owners


def _weighted_gap(start: int, end: int, trigger: re.Match[str]) -> int:
    """Distance from a date to a trigger; a date usually follows its verb ("signed in 2014"),
    so a trigger after the date counts as farther."""
    if trigger.start() >= end:
        return 2 * (trigger.start() - end) + 10
    return _gap(start, end, trigger.start(), trigger.end())


def _gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


_COMMA_OR_COLON = prefilter.compile(r"[,;:]")


def _date_next_to(info: SentenceInfo, verb: re.Match[str]) -> DateInterval | None:
    """A date right by a speech verb: "said on Tuesday", "reported Monday"."""
    for d in info.dates:
        start, end = info.local(d.start), info.local(d.end)
        after = info.text[verb.end() : start]
        if (
            0 <= start - verb.end() <= 45 and not _COMMA_OR_COLON.search(after)
        ) or 0 <= verb.start() - end <= 5:
            return d
    return None


# --- dated happenings as candidates for the fitted event model --------------------------------

_RELATIVE_WORDS = prefilter.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|last|ago"
    r"|earlier|this|recent)\b",
    re.I,
)
_FUTURE_NEAR = prefilter.compile(
    r"\b(?:will|would|shall|expected|expects|plans?|planned|scheduled|due|to\s+be|set\s+to|aims?"
    r"|intends?|should|could|may|might|hopes?)\b",
    re.I,
)


def _age(date: DateInterval, published: date_type | None) -> str:
    if published is None or date.earliest is None:
        return "unknown"
    if date.earliest > published:
        return "future"
    latest = date.latest or date.earliest
    if latest > published:
        return "spans_publication"
    days = (published - latest).days
    if days <= 1:
        return "day"
    if days <= 8:
        return "week"
    if days <= 40:
        return "month"
    if days <= 400:
        return "year"
    return "years"


def event_candidates(
    info: SentenceInfo, rule_events: list[Event], outlet: str
) -> list[tuple[Event, dict[str, float]]]:
    """Every dated happening a sentence could report, with named features: the events the
    trigger words give, and one more for each date no trigger took ("Modi's election this May")."""
    out: list[tuple[Event, dict[str, float]]] = []
    text = info.text
    used: set[tuple[object, object]] = set()
    triggers = _all_triggers(info)
    speech = _SPEECH.search(text)
    for event in rule_events:
        if event.date is None:
            continue
        used.add((event.date.earliest, event.date.latest))
        out.append((event, _event_features(info, event, event.date, True, triggers, speech)))
    actors = actors_of(info)
    systems = tuple(dict.fromkeys(m.canonical for m in info.of_kind("weapon_system")))
    for d in info.dates:
        if d.weak or d.earliest is None or (d.earliest, d.latest) in used:
            continue
        used.add((d.earliest, d.latest))
        start = info.local(d.start)
        near = min(triggers, key=lambda t: abs(t[1].start() - start), default=None)
        kind = near[0] if near and abs(near[1].start() - start) <= 60 else "other"
        place = _place_near(info, start)
        event = Event(
            id=event_id(info, info.sentence.start, "date", d.start),
            type=kind,
            summary=_summary(kind, actors, systems, place, info),
            actors=actors,
            place=place,
            date=d,
            attribution=info.attribution or outlet,
            certainty=certainty_of(text, start),
            evidence=info.evidence(),
            trigger=near[1].group(0) if near and kind != "other" else "",
            systems=systems,
        )
        out.append((event, _event_features(info, event, d, False, triggers, speech)))
    return out


def _all_triggers(info: SentenceInfo) -> list[tuple[str, re.Match[str]]]:
    return [(kind, match) for kind, matches in sentence_triggers(info) for match in matches]


def _event_features(
    info: SentenceInfo,
    event: Event,
    d: DateInterval,
    from_rule: bool,
    triggers: list[tuple[str, re.Match[str]]],
    speech: re.Match[str] | None,
) -> dict[str, float]:
    text = info.text
    start, end = info.local(d.start), info.local(d.end)
    tense = tense_of(text, start, end)
    f: dict[str, float] = {
        "bias": 1.0,
        f"type_{event.type}": 1.0,
        "from_rule": float(from_rule),
        f"precision_{d.precision}": 1.0,
        f"qualifier_{d.qualifier}": 1.0,
        f"age_{_age(d, info.published)}": 1.0,
        f"certainty_{event.certainty.level}": 1.0,
        "lead": float(info.sentence.index == 0),
        "arms": float(info.about_arms()),
        "relative": float(_RELATIVE_WORDS.search(d.text) is not None),
        "opening": float(_OPENING_DATE.match(text[:start]) is not None),
        "future_before": float(_FUTURE_NEAR.search(text[max(0, start - 60) : start]) is not None),
        "future_tense": float(tense is True),
        "past_tense": float(tense is False),
        "n_dates": min(3.0, float(len([x for x in info.dates if not x.weak]))),
        "actors": min(3.0, float(len(event.actors))),
        "systems": float(bool(event.systems)),
    }
    if speech is not None:
        f["speech"] = 1.0
        if 0 <= start - speech.end() <= 45 or 0 <= speech.start() - end <= 5:
            f["speech_date"] = 1.0
    near = [t for t in triggers if abs(t[1].start() - start) <= 60]
    for kind, _ in near:
        f[f"near_{kind}"] = 1.0
    if not triggers:
        f["no_trigger"] = 1.0
    return f
