"""Article -> Extraction: the pure pipeline (no I/O, no clock)."""

from __future__ import annotations

import gc
import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from armstrack import gazetteer
from armstrack.article import Article, ArticleError
from armstrack.extract import memo, prefilter
from armstrack.extract.candidates import TITLE_INDEX, Candidate, find_candidates
from armstrack.extract.claims import attribution_of
from armstrack.extract.context import SentenceInfo
from armstrack.extract.dates import find_dates
from armstrack.extract.deals import (
    DealFrame,
    find_deal_frames,
    held,
    rule_triples,
)
from armstrack.extract.decide import decide_deals, merge_frames, reported_by
from armstrack.extract.entities import find_mentions, find_mentions_and_phrases
from armstrack.extract.events import actors_of, event_candidates, find_events
from armstrack.extract.patterns import (
    ANAPHOR_CATEGORIES,
    DATELINE,
    NUMBER_WORDS,
    SYSTEM_ANAPHORA,
)
from armstrack.extract.roles import clause_of
from armstrack.extract.scorer import (
    EventModel,
    deal_model,
    event_model,
    status_model,
)
from armstrack.extract.systems import find_weapon_phrases, shorthands_named_in_full
from armstrack.records import (
    DateInterval,
    Deal,
    Event,
    Extraction,
    Mention,
    Sentence,
)

# How many sentences back "the system" or "a contract" may reach for its weapon system.
CONTEXT_SENTENCES = 3


@dataclass
class Reading:
    """What a pass over an article's sentences found, before deals are decided."""

    article: Article
    mentions: list[Mention]
    infos: list[SentenceInfo]
    dates: list[DateInterval]
    events: list[Event]
    frames: list[DealFrame]
    # The rule frames of each sentence as (supplier, recipient, system) triples.
    frames_by_sentence: dict[int, set[tuple[str, str, str]]]
    # Weapon phrases that name no model ("fighter jets", "arms").
    phrases: list[Mention]
    # Every dated happening a sentence could report, with its features (for the event model).
    event_options: list[tuple[Event, dict[str, float]]]

    @cached_property
    def title(self) -> SentenceInfo | None:
        """The headline read as a sentence of its own (its offsets are the title's)."""
        return _title_info(self)


class ExtractionTimeout(ArticleError):
    """An article took longer than its time budget to read."""


def _check_deadline(article: Article, deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeout(
            f"{article.meta.title[:60] or article.meta.id}: reading stopped at the time budget "
            "($ARMSTRACK_EXTRACT_BUDGET seconds); the article is too long or too tangled to read "
            "whole, split it and add the parts"
        )


def read_article(
    article: Article, rules_only: bool = False, deadline: float | None = None
) -> Reading:
    """Entities, dates, events and the grammar reading's deals of one article, sentence by
    sentence; `rules_only` reads each deal's full frame (for extraction without fitted models)."""
    text = article.text
    mentions, phrases = find_mentions_and_phrases(text)
    mentions = shorthands_named_in_full(mentions, _named_in_full(mentions))
    outlet = reported_by(article)
    published = article.meta.reference_day
    month_only = article.meta.published_precision == "month"
    infos: list[SentenceInfo] = []
    recent: list[tuple[int, Mention, bool]] = []  # (sentence, system, traded) newest last
    previous_speaker = ""
    previous_paragraph = -1
    cursor = 0
    all_dates = []
    events: list[Event] = []
    event_options: list[tuple[Event, dict[str, float]]] = []
    frames: list[DealFrame] = []
    by_sentence: dict[int, set[tuple[str, str, str]]] = {}
    previous_actors: tuple[str, ...] = ()
    paragraph_date: tuple[int, DateInterval] | None = None
    antecedent = ""
    home = _home_country(article, mentions)
    ministry_home = ""
    for sentence in article.sentences:
        if sentence.index % 50 == 0:
            _check_deadline(article, deadline)
        while cursor < len(mentions) and mentions[cursor].start < sentence.start:
            cursor += 1
        inside = []
        for m in mentions[cursor:]:  # sorted by start: stop at the first past the sentence
            if m.start >= sentence.end:
                break
            if m.end <= sentence.end:
                inside.append(m)
        dates = (
            find_dates(sentence.text, published, offset=sentence.start, month_only=month_only)
            if published
            else []
        )
        dateline = DATELINE.match(sentence.text)
        if dateline:
            # "BEIJING, Aug 14 —": the date the report was filed, not of what it reports.
            dates = [d for d in dates if d.start - sentence.start >= dateline.end()]
        all_dates.extend(dates)
        if sentence.paragraph != previous_paragraph:
            previous_speaker = ""
            previous_paragraph = sentence.paragraph
        speaker, explicit = attribution_of(sentence.text, sentence.start, inside, previous_speaker)
        if explicit and speaker:
            previous_speaker = speaker
        info = SentenceInfo(sentence, inside, dates, speaker, published)
        info.extra["explicit_attribution"] = explicit
        info.extra["article_id"] = article.id
        info.extra["previous_actors"] = previous_actors
        info.extra["antecedent"] = antecedent
        info.extra["home"] = home
        info.extra["ministry_home"] = ministry_home
        systems = info.of_kind("weapon_system")
        if not systems:
            anaphor = SYSTEM_ANAPHORA.search(sentence.text) or _counted_kind(
                sentence.text, phrases, sentence.start, sentence.end
            )
            if anaphor:
                info.context_system = _antecedent(anaphor.group(0), recent, sentence.index)
                info.extra["anaphor_at"] = anaphor.start()
        if rules_only:
            found = find_deal_frames(info)
            frames.extend(found)
            triples = {(f.supplier, f.recipient, f.system) for f in found}
        else:
            triples = rule_triples(info)
        by_sentence[sentence.index] = triples
        traded = {system for _, _, system in triples}
        # A system named only as held is no antecedent of "the deal" or "the jets".
        recent.extend(
            (sentence.index, m, m.canonical in traded) for m in systems if not held(info, m)
        )
        # Only the last few sentences' systems can be an anaphor's antecedent.
        while recent and sentence.index - recent[0][0] > CONTEXT_SENTENCES:
            recent.pop(0)
        if info.context_system is not None and triples:
            recent.append((sentence.index, info.context_system, True))
        sentence_events: list[Event] = []
        for event in find_events(info, outlet):
            if event.date is not None:
                paragraph_date = (sentence.paragraph, event.date)
            elif (
                event.type == "statement"
                and paragraph_date
                and paragraph_date[0] == sentence.paragraph
                and _recent_day(paragraph_date[1], published)
            ):
                # "X happened on Wednesday. The minister told guests at the ceremony ...".
                event = replace(event, date=paragraph_date[1])
            sentence_events.append(event)
        events.extend(sentence_events)
        event_options.extend(event_candidates(info, sentence_events, outlet))
        previous_actors = actors_of(info) or previous_actors
        antecedent = _subject_country(info) or antecedent
        ministry_home = _ministry_country(info) or ministry_home
        infos.append(info)
    return Reading(
        article, mentions, infos, all_dates, events, frames, by_sentence, phrases, event_options
    )


def deal_candidates(reading: Reading) -> list[Candidate]:
    """Every deal the article could be reporting, with the cue features the scorer weighs."""
    return find_candidates(
        reading.infos, reading.phrases, reading.frames_by_sentence, title=reading.title
    )


def _named_in_full(mentions: list[Mention]) -> set[str]:
    """The systems an article names from the reference data."""
    return {m.canonical for m in mentions if m.kind == "weapon_system" and m.form == ""}


def _title_info(reading: Reading) -> SentenceInfo | None:
    """The headline read as a sentence of its own (its offsets are the title's, not the text's)."""
    meta = reading.article.meta
    title = meta.title
    if not title or reading.article.text.lstrip().startswith(title):
        return None  # an untitled article's first line is already its first sentence
    body = [m for info in reading.infos for m in info.mentions]
    mentions = shorthands_named_in_full(find_mentions(title), _named_in_full(body))
    sentence = Sentence(TITLE_INDEX, -1, 0, len(title), title)
    info = SentenceInfo(sentence, mentions, [], "", meta.reference_day)
    info.extra["home"] = reading.infos[0].extra.get("home", "") if reading.infos else ""
    info.extra["phrases"] = [m for m in find_weapon_phrases(title, mentions) if m.form == "generic"]
    return info


def warm_up() -> None:
    """Build now what extraction otherwise builds on first use: the gazetteer's lexicons and
    records, and the patterns' copies compiled when first needed. Forked workers then share
    them, and a measure of reading counts no building."""
    gazetteer.warm_up()
    prefilter.warm_up()


# Objects (net of those freed) allocated between two collections of the youngest generation
# while an article is read. Reading allocates many records and matches that reference counting
# frees, and holds many that stay alive until the end, which each collection scans again: over
# the 53 bench articles, Python's default of 700 made 128 collections taking about 40 ms, this
# makes 26 taking 13 ms. The few cycles an article leaves are freed at the next collection;
# memory stays bounded by this many objects.
YOUNG_OBJECTS = 50_000
_collector = threading.Lock()
_readers = 0
_saved_threshold = gc.get_threshold()


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Young collections at most every YOUNG_OBJECTS objects while any thread reads an
    article; the collector's own setting comes back when the last one is done."""
    global _readers, _saved_threshold
    with _collector:
        if _readers == 0:
            _saved_threshold = gc.get_threshold()
            gc.set_threshold(max(YOUNG_OBJECTS, _saved_threshold[0]), *_saved_threshold[1:])
        _readers += 1
    try:
        yield
    finally:
        with _collector:
            _readers -= 1
            if _readers == 0:
                gc.set_threshold(*_saved_threshold)


def extract(article: Article, budget_s: float | None = None) -> Extraction:
    """Entities, dates, events and deals of one article, every fact with its evidence. With
    `budget_s`, an article that takes longer raises ExtractionTimeout (an ArticleError)."""
    with _fewer_collections():
        return _extract(article, budget_s)


def _extract(article: Article, budget_s: float | None) -> Extraction:
    deadline = time.monotonic() + budget_s if budget_s is not None else None
    memo.new_article()
    model = deal_model()
    reading = read_article(article, rules_only=model is None, deadline=deadline)
    outlet = reported_by(article)
    if model is None:
        deals = merge_frames(article.id, reading.frames, outlet)
        review: list[Deal] = []
    else:
        candidates = deal_candidates(reading)
        _check_deadline(article, deadline)
        deals, review = decide_deals(
            article, reading.infos, candidates, model, status_model(), reading.title
        )
    events = decide_events(reading, event_model())
    return Extraction(
        article=article.meta,
        mentions=tuple(reading.mentions),
        dates=tuple(reading.dates),
        events=tuple(events),
        deals=tuple(deals),
        country_roles=_country_roles(reading.mentions, events, deals),
        review=tuple(review),
    )


def is_plan(when: DateInterval, published: date | None) -> bool:
    """A date that had not come by publication: it starts later, or is a deadline ("by the
    fourth quarter") that runs past it. Plans are not events."""
    if published is None:
        return False
    if when.earliest is not None and when.earliest > published:
        return True
    return when.qualifier == "deadline" and when.latest is not None and when.latest > published


def decide_events(reading: Reading, model: EventModel | None) -> list[Event]:
    """The article's events: with the fitted event model, every dated happening it finds likely
    (each with its confidence) and the undated ones the trigger words give; without it, the
    trigger words' events, none dated after publication."""
    published = reading.article.meta.reference_day
    if model is None:
        return [e for e in reading.events if not (e.date and is_plan(e.date, published))]
    kept: dict[tuple[int, object, object], Event] = {}
    for event, features in reading.event_options:
        p = model.probability(features)
        if p < model.threshold or event.date is None or is_plan(event.date, published):
            continue
        key = (event.evidence.start, event.date.earliest, event.date.latest)
        held = kept.get(key)
        if held is None or p > (held.confidence or 0.0):
            kept[key] = replace(event, confidence=round(p, 3))
    undated = [e for e in reading.events if e.date is None]
    return sorted([*kept.values(), *undated], key=lambda e: (e.evidence.start, e.type))


_AFTER_PREPOSITION = prefilter.compile(
    r"\b(?:to|from|with|by|for|of|in|at|on|against|over|near|between|into|than|like|as)\s+(?:the\s+)?\Z",
    re.I,
)


_TOPIC = prefilter.compile(r"\A(?:Start|Begin|Take|Consider|Look\s+at)\s+(?:with\s+)?(?:the\s+)?")
_TAKEN_UP = prefilter.compile(
    r"\A(?:It|Its|The\s+(?:kingdom|country|island|emirate|republic|nation|government|junta))\b"
)
_ACTOR_AFTER = prefilter.compile(
    r"\A\s+(?:[\w-]+\s+)?(?:government|officials|ministry|minister|cabinet|navy|army|air\s+force"
    r"|military|forces|president|prime\s+minister|leaders|leadership|authorities|delegation"
    r"|negotiators|parliament|junta)\b",
    re.I,
)
_STATE_BODIES = {"government_agency", "ministry", "military", "legislature"}
# What joins two countries one preposition governs: "between Beijing and Washington".
_JOINED = prefilter.compile(r"\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?")


def _subject_country(info: SentenceInfo) -> str:
    """The country a sentence is about: the first country (or state body) of its main clause
    not governed by a preposition. A company is not its state ("Diehl will deliver")."""
    if _TAKEN_UP.match(info.text):
        return ""  # "The kingdom chose the Swedish jet": still about the country before
    _, main_end = clause_of(info.text, 0)
    topic = _TOPIC.match(info.text)
    governed_until = -1  # "between Beijing and Washington": both governed by the preposition
    dateline = DATELINE.match(info.text)
    for m in info.mentions:
        if info.local(m.start) >= main_end:
            break
        if dateline and info.local(m.start) < dateline.end():
            continue  # "HONG KONG, Jan 30 -": where the report was filed
        if topic and m.kind == "country" and m.iso3 and info.local(m.start) == topic.end():
            return m.iso3  # "Start with Thailand, which…": the country the passage is about
        before = info.text[: info.local(m.start)]
        if governed_until >= 0 and _JOINED.fullmatch(before[governed_until:]):
            governed_until = info.local(m.end)
            continue
        if (
            m.kind == "country"
            and m.form == "demonym"
            and not _ACTOR_AFTER.match(info.text[info.local(m.end) :])
        ):
            continue  # "the Swedish jet" describes a thing; "Thai officials" act
        if m.kind not in {"country", "organization"} or not m.iso3:
            continue
        if m.kind == "organization" and m.detail not in _STATE_BODIES:
            continue
        if not _AFTER_PREPOSITION.search(before[-20:]):
            return m.iso3
        governed_until = info.local(m.end)
    return ""


def _home_country(article: Article, mentions: list[Mention]) -> str:
    """The country a report is filed from: its dateline ("BUENOS AIRES, 27 March -"), else the
    country in its outlet's name ("Ministry of Defence of the Argentine Republic")."""
    if article.sentences:
        first = article.sentences[0]
        dateline = DATELINE.match(first.text)
        if dateline:
            for m in mentions:
                if (
                    m.kind == "country"
                    and m.iso3
                    and first.start <= m.start < first.start + dateline.end()
                ):
                    return m.iso3
    named = [m.iso3 for m in find_mentions(article.meta.source) if m.kind == "country" and m.iso3]
    if len(set(named)) != 1:
        return ""
    # A Russian broadcaster's copy about Bulgaria is not filed from Russia: the outlet's country
    # is the report's home only when the report itself names it.
    told = any(m.kind == "country" and m.iso3 == named[0] for m in mentions)
    return named[0] if told else ""


_MINISTRY_NAME = prefilter.compile(
    r"\bministry\b|\bdepartment\s+of\s+(?:national\s+)?defen[cs]e\b", re.I
)
# "the Defence Ministry in Sofia", "the Ministry of Defence of Bulgaria": the country just after.
_MINISTRY_OF = prefilter.compile(r"\s*(?:in|of)\s+(?:the\s+)?\Z")
# "Bulgaria's Defence Ministry", "the Bulgarian Defence Ministry": the country just before.
_MINISTRY_BEFORE = prefilter.compile(r"\A(?:['’]s)?\s*(?:(?:national|federal|state)\s+)?\Z", re.I)


def _ministry_country(info: SentenceInfo) -> str:
    """The country of the last ministry a sentence ties to a country, so that a later unnamed
    "the ministry" is read as that country's."""
    found = ""
    text = info.text
    mentions = info.mentions
    for i, m in enumerate(mentions):
        if m.kind != "organization" or not _MINISTRY_NAME.search(m.text):
            continue
        if m.iso3 and m.iso3 in gazetteer.countries():
            found = m.iso3
            continue
        start, end = info.local(m.start), info.local(m.end)
        after = next((n for n in mentions[i + 1 :] if n.kind == "country" and n.iso3), None)
        if after is not None and _MINISTRY_OF.fullmatch(text[end : info.local(after.start)]):
            found = after.iso3 or found
            continue
        before = next((n for n in reversed(mentions[:i]) if n.kind == "country" and n.iso3), None)
        if before is not None and _MINISTRY_BEFORE.match(text[info.local(before.end) : start]):
            found = before.iso3 or found
    return found


def _recent_day(value: DateInterval, published: date | None) -> bool:
    """A day-precise date in the week before publication: the occasion of a news story."""
    if published is None or value.precision != "day" or value.earliest is None:
        return False
    return 0 <= (published - value.earliest).days <= 7


# A count right before a kind of weapon: "18 fighters", "six helicopters".
_COUNTED = prefilter.compile(
    r"\b(?:\d[\d,]*|" + "|".join(w for w in NUMBER_WORDS if w not in {"a", "an"}) + r")\s+\Z",
    re.I,
)


def _counted_kind(text: str, phrases: list[Mention], start: int, end: int) -> re.Match[str] | None:
    """A counted kind of weapon ("Peru has received 12 helicopters") in a sentence that names
    no system: it stands for the system of its kind named just before, as "the fighters" would.
    The match is the kind's noun, read like an anaphor's."""
    for phrase in phrases:
        if not start <= phrase.start < end or phrase.form != "generic":
            continue
        noun = phrase.text.split()[-1].lower()
        if noun in ANAPHOR_CATEGORIES and _COUNTED.search(text[: phrase.start - start]):
            return prefilter.compile(re.escape(noun), re.I).search(
                text, phrase.end - start - len(noun)
            )
    return None


def _antecedent(
    anaphor: str, recent: list[tuple[int, Mention, bool]], index: int
) -> Mention | None:
    """The system an anaphor ("the jets", "the deal") stands for: the latest one of a fitting
    category within a few sentences, preferring systems that were traded over ones merely named."""
    noun = anaphor.lower().split()[-1]
    categories = ANAPHOR_CATEGORIES.get(noun)
    window = [(i, m, t) for i, m, t in recent if index - i <= CONTEXT_SENTENCES]
    fitting = [(i, m, t) for i, m, t in window if categories is None or m.detail in categories]
    for want_traded in (True, False):
        for _, mention, traded in reversed(fitting):
            if traded == want_traded:
                return mention
    return None


def _country_roles(
    mentions: list[Mention], events: list[Event], deals: list[Deal]
) -> dict[str, tuple[str, ...]]:
    roles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind == "country" and m.iso3:
            roles[m.iso3].add("mentioned")
        elif m.kind == "place" and m.iso3:
            roles[m.iso3].add("location")
            if m.form == "border" and m.detail:
                roles[m.detail].add("location")
    for e in events:
        for actor in e.actors:
            roles[actor].add("actor")
    for d in deals:
        roles[d.supplier].add("supplier")
        roles[d.recipient].add("recipient")
    return {iso3: tuple(sorted(r)) for iso3, r in roles.items()}
