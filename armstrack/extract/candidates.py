"""Deal candidates and the named cues a fitted scorer weighs.

Every (supplier, recipient, system) an article could be reporting is a candidate: each sentence
naming a system (by name, by shape, as a weapon noun phrase, or taken up by "the jets") pairs the
countries around it with the system's maker and the countries the article is about. A candidate
holds one instance per sentence that could report it, each with named cue features:

- `s_…` / `r_…`: what the grammar says of the supplier / recipient country in that sentence: the
  role cues of `roles` (a preposition, the subject of buying or selling, a demonym on the system,
  a possessive), how it is named, whether it makes the system, whether the article is about it
  as a buyer or a seller;
- `pair_…`: the two together (the grammar reading gives both roles; both named in one sentence);
- `sys_…`: how the system is named; `sent_…`: the sentence's words of trade and its hedges;
- `art_…`: how often the pair and the system come up in the article.

The weights of these features are fitted on annotated articles (`armstrack.learn.train`); the
model reads a candidate as likely when any of its instances is (a noisy-or over sentences).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from armstrack import gazetteer
from armstrack.extract import prefilter
from armstrack.extract.context import SentenceInfo
from armstrack.extract.deals import trade_words
from armstrack.extract.events import sentence_triggers
from armstrack.extract.frames import Frames
from armstrack.extract.patterns import DATELINE, TRADE_LEMMA
from armstrack.extract.roles import (
    Party,
    Roles,
    Trace,
    assign_roles,
    masked_text,
    parties,
    pronoun_parties,
)
from armstrack.records import Mention

# How many of the article's most-named countries are tried as parties of every system.
TOP_COUNTRIES = 2
TITLE_INDEX = -1  # the sentence index given to the headline


@dataclass
class Instance:
    """One sentence's support for a candidate. Its features come in parts shared between the
    candidates of a sentence (what the sentence says of the system, of the supplier, of the
    recipient) and one of its own (the pair), so a model scores each part once."""

    sentence: int
    mention: Mention
    parts: tuple[dict[str, float], ...]
    # The sentence names the system as a part of another or a later item of a package's
    # contents (`_component`); it weighs nothing in the score.
    component: bool = False

    @property
    def features(self) -> dict[str, float]:
        merged: dict[str, float] = {}
        for part in self.parts:
            merged.update(part)
        return merged


@dataclass
class Candidate:
    supplier: str
    recipient: str
    key: str  # the system's key within the article
    system: Mention  # how the system is named (its first naming in the article)
    instances: list[Instance] = field(default_factory=list)


def system_key(mention: Mention) -> str:
    """One key per system within an article: canonical names, or a weapon phrase's words
    without a plural ending ("fighter jet" and "fighter jets" are one)."""
    if mention.form != "generic":
        return mention.canonical
    words = mention.canonical.lower().split()
    last = words[-1]
    if last.endswith("s") and not last.endswith("ss") and last not in {"arms", "apcs"}:
        last = last[:-1]
    return " ".join([*words[:-1], last])


def origin_of(mention: Mention) -> tuple[str | None, frozenset[str]]:
    info = gazetteer.weapon_systems().get(mention.family or mention.canonical)
    if info is None:
        return mention.iso3, frozenset()
    return info.origin, frozenset(info.partners)


# A part built into another system ("frigates equipped with MU90 torpedoes", "corvettes come
# with the Setis combat system"), and a package listing its contents ("the sale covers 18 Black
# Hawks, 40 T700 engines…"): the parts and the later items are rarely deals of their own.
_FITTED_WITH = prefilter.compile(
    r"\b(?:equipped|fitted|armed|outfitted|integrated)\s+with\b|\bcomes?\s+with\b"
    r"|\bpowered\s+by\b"
    # "Each ship carries Aster 15 and Aster 30 missiles": what every platform is armed with
    r"|\b(?:each|every)\s+(?:of\s+the\s+)?(?:ship|vessel|frigate|corvette|destroyer|boat"
    r"|submarine|aircraft|jet|fighter|helicopter|tank|vehicle)s?\s+(?:will\s+)?carr(?:y|ies)\b"
    # "The APCs will use MTU engines": what the platforms are built with
    r"|\b(?:the|these|those|its|their)\s+(?:[\w-]+\s+)?(?:APCs|IFVs|tanks|vehicles|ships|vessels"
    r"|frigates|corvettes|jets|aircraft|helicopters|fighters|boats|submarines|trainers)\s+"
    r"(?:will\s+|would\s+|are\s+to\s+)?(?:use|run\s+on)\s+(?:[\w-]+\s+){0,2}\Z",
    re.I,
)
_COPY_OF = prefilter.compile(
    r"\b(?:cop(?:y|ies)|clones?|knock-?offs?)\s+of\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?\Z", re.I
)
_PACKAGE_LISTS = prefilter.compile(
    r"\b(?:covers|includes|including|comprises|consists\s+of)\b", re.I
)
_QUANTITY_BEFORE = prefilter.compile(
    r"(?:\d[\d,]*|dozen|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+){0,3}\Z", re.I
)
_HEDGE = prefilter.compile(
    r"\b(?:could|might|may|would|considering|consider|potential|possible|possibly|plans?|planned"
    r"|wants?|hopes?|seeks?|interested|reportedly|rumou?r\w*|expected|likely|if)\b",
    re.I,
)
_FUTURE = prefilter.compile(
    r"\b(?:will|would|is\s+to|are\s+to|to\s+be|plans?\s+to|set\s+to|due\s+to)\b", re.I
)


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n == 2 else "3+"


@dataclass
class _Reading:
    """One sentence's reading of one system."""

    info: SentenceInfo
    system: Mention
    roles: Roles
    in_clause: bool
    trace: Trace
    found: list[Party]
    frames: Frames
    # Each country's frame reading in the sentence (the same for every system it names).
    party_frames: dict[str, dict[str, str]]


@dataclass
class _Article:
    """Article-level facts the features refer to."""

    country_counts: Counter[str]
    top: list[str]
    title_countries: set[str]
    title_text: str
    # How many (sentence, system) readings gave each country each role.
    as_supplier: Counter[str]
    as_recipient: Counter[str]
    pair_sentences: dict[tuple[str, str], int]
    # The sellers named in the text for each (system, buyer), with a role from the grammar.
    sellers: dict[tuple[str, str], set[str]]
    # What the headline and the lead sentence say of each country ("title_subj_buy").
    framing: dict[str, set[str]]
    key_sentences: Counter[str]
    key_forms: dict[str, set[str]]
    named_keys_by_pair: dict[tuple[str, str], int]
    # The country most often the buyer, and the seller (`_topic`).
    topic_buyer: str
    topic_seller: str


def sentence_systems(
    info: SentenceInfo, phrases: list[Mention], phrase_starts: list[int] | None = None
) -> list[Mention]:
    """The systems a sentence speaks of: named ones, weapon phrases, or the one an anaphor
    takes up."""
    named = info.of_kind("weapon_system")
    if info.sentence.index == TITLE_INDEX:
        own = info.extra.get("phrases")
        inside = list(own) if isinstance(own, list) else []
    else:
        starts = phrase_starts if phrase_starts is not None else [p.start for p in phrases]
        lo, hi = bisect_left(starts, info.start), bisect_left(starts, info.sentence.end)
        inside = phrases[lo:hi]
    out = named + inside
    if info.context_system is not None and not named:
        out.append(info.context_system)
    return out


# A system as the target of a hostile act, with no word of trade in the sentence.
_HOSTILE_BEFORE = prefilter.compile(
    r"\b(?:shot\s+down|shoots?\s+down|downed|destroyed|destroys|struck|strikes|hit|attacked"
    r"|intercepted|sank|sunk|damaged|captured|seized|crashed)\s+(?:[\w'’-]+\s+){0,4}\Z",
    re.I,
)
_BOTH_SIDES = prefilter.compile(
    r"\b(?:the\s+two\s+(?:countries|sides|nations|governments|states|neighbou?rs|allies)"
    r"|both\s+(?:countries|sides|nations|governments))\b",
    re.I,
)


def _both_sides(info: SentenceInfo, named: list[Party]) -> list[Party]:
    """ "The two nations signed…": the two countries of the sentence before."""
    match = _BOTH_SIDES.search(info.text)
    previous = info.extra.get("previous_actors")
    if not match or not isinstance(previous, tuple) or len(previous) < 2:
        return []
    have = {p.iso3 for p in named}
    return [
        Party(str(code), match.start(), match.end(), "pronoun")
        for code in previous[:2]
        if code not in have
    ]


def _read(info: SentenceInfo, systems: list[Mention]) -> list[_Reading]:
    masked, hidden = masked_text(info)
    info.extra["masked"] = masked
    named = parties(info)
    named += _both_sides(info, named)
    found = sorted(named + pronoun_parties(info, named), key=lambda p: p.start)
    found = [p for p in found if not any(s <= p.start < e for s, e in hidden)]
    out = []
    frames = Frames(info.text)
    party_frames = {
        p.iso3: frames.read(p.start, p.end, [(q.start, q.end) for q in found if q is not p])
        for p in found
    }
    traded = any(_sentence_words(info)[i] for i in (0, 1, 2, 5))
    for system in systems:
        at = info.local(system.start)
        if not traded and at >= 0 and _HOSTILE_BEFORE.search(info.text[max(0, at - 45) : at]):
            continue  # "shot down a Russian Su-24": a system met in combat, not in trade
        trace: Trace = {}
        if found:
            roles, in_clause = assign_roles(info, found, system, trace)
        elif system.form == "generic" or not system.iso3:
            continue  # no country here and no maker: nothing to pair
        else:
            roles, in_clause = Roles([], []), False
        out.append(_Reading(info, system, roles, in_clause, trace, found, frames, party_frames))
    return out


def find_candidates(
    infos: list[SentenceInfo],
    phrases: list[Mention],
    rule_frames: dict[int, set[tuple[str, str, str]]],
    title: SentenceInfo | None = None,
) -> list[Candidate]:
    """Every candidate deal of an article, one instance per supporting sentence."""
    readings: list[_Reading] = []
    sentences = ([title] if title is not None else []) + infos
    phrases = sorted(phrases, key=lambda m: m.start)
    starts = [p.start for p in phrases]
    for info in sentences:
        systems = sentence_systems(info, phrases, starts)
        if systems:
            readings.extend(_read(info, systems))
    facts = _article_facts(infos, title, readings)
    pooled: dict[tuple[str, str, str], Candidate] = {}
    for reading in readings:
        _instances(reading, rule_frames.get(reading.info.sentence.index, set()), facts, pooled)
    return in_text_order(pooled.values())


def in_text_order(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Candidates, and each one's instances, in the order the text first supports them: the
    same article reads the same however the interpreter orders its sets."""
    candidates = list(candidates)
    for cand in candidates:
        cand.instances.sort(key=lambda i: (i.sentence, i.mention.start, i.mention.end))
    return sorted(
        candidates,
        key=lambda c: (
            (c.instances[0].sentence, c.instances[0].mention.start) if c.instances else (-1, -1),
            c.key,
            c.supplier,
            c.recipient,
        ),
    )


def _article_facts(
    infos: list[SentenceInfo], title: SentenceInfo | None, readings: list[_Reading]
) -> _Article:
    counts: Counter[str] = Counter()
    pair_sentences: dict[tuple[str, str], int] = defaultdict(int)
    for info in infos:
        dateline = DATELINE.match(info.text) if info.sentence.index == 0 else None
        countries = [
            m.iso3
            for m in info.mentions
            if m.kind == "country"
            and m.iso3
            and not (dateline and info.local(m.start) < dateline.end())
        ]
        codes = set(countries)
        counts.update(countries)
        for a in codes:
            for b in codes:
                if a != b:
                    pair_sentences[(a, b)] += 1
    top = [c for c, _ in counts.most_common(TOP_COUNTRIES)]
    titled = (
        {m.iso3 for m in title.mentions if m.iso3 and m.kind in {"country", "organization"}}
        if title is not None
        else set()
    )
    as_supplier: Counter[str] = Counter()
    as_recipient: Counter[str] = Counter()
    sellers: dict[tuple[str, str], set[str]] = defaultdict(set)
    key_sentences: Counter[str] = Counter()
    key_forms: dict[str, set[str]] = defaultdict(set)
    seen: set[tuple[int, str]] = set()
    named_keys_by_pair: dict[tuple[str, str], int] = defaultdict(int)
    for r in readings:
        key = system_key(r.system)
        key_forms[key].add(r.system.form)
        if (r.info.sentence.index, key) not in seen:
            seen.add((r.info.sentence.index, key))
            key_sentences[key] += 1
        as_supplier.update(set(r.roles.suppliers))
        as_recipient.update(set(r.roles.recipients))
        named_here = {p.iso3 for p in r.found}
        for c in r.roles.recipients:
            sellers[(key, c)].update(x for x in r.roles.suppliers if x in named_here)
        at = r.info.local(r.system.start)
        if r.system.form != "generic" and 0 <= at < len(r.info.text):
            # a system named in this sentence, not one taken up from an earlier sentence
            for s in r.roles.suppliers:
                for c in r.roles.recipients:
                    named_keys_by_pair[(s, c)] += 1
    framing: dict[str, set[str]] = defaultdict(set)
    framed: list[tuple[str, SentenceInfo | None]] = [
        ("title", title),
        ("lead", infos[0] if infos else None),
    ]
    for where, framing_info in framed:
        if framing_info is None:
            continue
        named = parties(framing_info)
        frames = Frames(framing_info.text)
        for p in named:
            others = [(q.start, q.end) for q in named if q is not p]
            framing[p.iso3].add(f"{where}_named")
            for name, value in frames.read(p.start, p.end, others).items():
                framing[p.iso3].add(f"{where}_{name}_{value}")
    return _Article(
        counts,
        top,
        titled,
        title.text.lower() if title is not None else "",
        as_supplier,
        as_recipient,
        pair_sentences,
        sellers,
        framing,
        key_sentences,
        key_forms,
        named_keys_by_pair,
        _topic(as_recipient, titled),
        _topic(as_supplier, titled),
    )


_BEATEN_BEFORE = prefilter.compile(
    r"\b(?:beat|beats|beating|defeated|outbid|edged\s+out|won\s+(?:[\w-]+\s+){0,2}over"
    r"|prevailed\s+over|chosen\s+over|selected\s+over|picked\s+over|preferred\s+over"
    r"|rivals?|competitors?|competing)\s+(?:[\w'’-]+\s+){0,7}\Z",
    re.I,
)

# A system its buyer already holds, named as what is worked on or replaced, not traded: "an
# upgrade of its existing Mirage jets", "to replace its ageing MiG-21s".
_OTHER_GOODS_BEFORE = prefilter.compile(
    r"\bother\s+(?:[\w-]+\s+){0,2}?(?:vessels|ships|warships|boats|aircraft|jets|planes"
    r"|helicopters|arms|weapons|equipment|systems|tanks|vehicles|missiles)\b"
    r"|\bother\s+(?:[\w-]+\s+){0,2}\Z",
    re.I,
)
_HELD_BEFORE = prefilter.compile(
    r"\b(?:(?:its|their|the\s+country['’]s)\s+(?:existing|ageing|aging|current|old|older|legacy)"
    r"|retrofit\w*|upgrad\w*|overhaul\w*|refurbish\w*|moderni[sz]\w*|maint\w*"
    r"|replac\w*|retir\w*|phas\w*\s+out|in\s+place\s+of|instead\s+of|supersed\w*)"
    r"\s+(?:[\w'’-]+\s+){0,5}\Z",
    re.I,
)


def _topic(counter: Counter[str], titled: set[str] | frozenset[str] = frozenset()) -> str:
    """The country most often in this role; of several as often, the one the headline names,
    when it names one only."""
    if not counter:
        return ""
    top = max(counter.values())
    best = [code for code, n in counter.items() if n == top]
    if len(best) == 1:
        return best[0]
    in_title = [code for code in best if code in titled]
    return in_title[0] if len(in_title) == 1 else ""


_WORDS = prefilter.compile(r"[A-Za-z]+")


def _sentence_words(info: SentenceInfo) -> tuple[bool, bool, bool, bool, bool, bool]:
    """Whether a sentence has words of buying, selling, trade, hedging, the future, and any
    word of trade by meaning (`TRADE_WORDS`)."""
    cached = info.extra.get("words")
    if isinstance(cached, tuple):
        return cached
    text = info.text
    buy, sell, neutral = trade_words(info)
    found = (
        buy is not None,
        sell is not None,
        neutral is not None,
        _HEDGE.search(text) is not None,
        _FUTURE.search(text) is not None,
        not TRADE_LEMMA.keys().isdisjoint(map(str.lower, _WORDS.findall(text))),
    )
    info.extra["words"] = found
    return found


# Countries named in one coordination ("Kyrgyzstan and Turkmenistan both", "France, Spain and
# Korea bid"): they share a role, so rarely trade with each other, unless the words around make
# them the two sides ("between India and Armenia", "Minsk and Khartoum signed", "X and Y: deal").
_COORDINATED = prefilter.compile(
    r"\A\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?\Z", re.I
)
_BETWEEN_BEFORE = prefilter.compile(r"\bbetween\s+(?:the\s+)?\Z", re.I)
_MUTUAL_AFTER = prefilter.compile(
    r"\A\W*(?::|(?:\w+\s+){0,3}?(?:signed|sign|signs|agree[ds]?|inked|concluded|reached"
    r"|discuss\w*|talks|negotiat\w*|deal|cooperat\w*|memorandum|held|hold|holding)\b)",
    re.I,
)


def coordinated_groups(info: SentenceInfo, found: list[Party]) -> list[list[Party]]:
    """The named countries of a sentence in text order, grouped by coordination ("France, Spain
    and Korea"); a country alone is a group of its own."""
    named = sorted((p for p in found if p.form != "pronoun"), key=lambda p: p.start)
    groups: list[list[Party]] = []
    for i, p in enumerate(named):
        if i and _COORDINATED.match(info.text[named[i - 1].end : p.start]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _coordinations(info: SentenceInfo, found: list[Party]) -> dict[str, tuple[int, bool]]:
    """Each named country's coordination in the sentence: (group number, whether the group
    names the two sides of one exchange)."""
    cached = info.extra.get("coordinations")
    if isinstance(cached, dict):
        return cached
    text = info.text
    out: dict[str, tuple[int, bool]] = {}
    for number, members in enumerate(coordinated_groups(info, found)):
        first, last = members[0], members[-1]
        mutual = bool(
            _BETWEEN_BEFORE.search(text[max(0, first.start - 20) : first.start])
            or _MUTUAL_AFTER.match(text[last.end : last.end + 60])
        )
        for p in members:
            out.setdefault(p.iso3, (number, mutual))
    info.extra["coordinations"] = out
    return out


def _component(info: SentenceInfo, sys_at: int, key: str) -> bool:
    """Whether the sentence names the system (at `sys_at`) as built into another ("frigates
    equipped with MU90 torpedoes") or after the first item of a package's contents ("the sale
    covers 18 Black Hawks, 40 T700 engines"), or as the original of a copy ("a Chinese copy of
    the Russian MiG-21")."""
    before = info.text[:sys_at]
    if _FITTED_WITH.search(before) or _COPY_OF.search(before[-60:]):
        return True
    packages = list(_PACKAGE_LISTS.finditer(before))
    return bool(packages) and any(
        packages[-1].end() <= info.local(m.start) < sys_at and system_key(m) != key
        for m in info.of_kind("weapon_system")
    )


# What joins goods to the party right after them: "drones from Turkish Aerospace", "fighter
# jets and transport helicopters from US companies", "sold howitzers to Peru".
_JOINED_AFTER = prefilter.compile(
    r"\s+(?:[\w-]+\s+){0,1}(?P<prep>from|to)\s+(?:the\s+)?(?:[\w-]+\s+)?", re.I
)


def _instances(
    reading: _Reading,
    rule_frames: set[tuple[str, str, str]],
    facts: _Article,
    pooled: dict[tuple[str, str, str], Candidate],
) -> None:
    info, system, roles = reading.info, reading.system, reading.roles
    text = info.text
    found = reading.found
    sentence_codes = {p.iso3 for p in found}
    by_code: dict[str, list[Party]] = defaultdict(list)
    for p in found:
        by_code[p.iso3].append(p)
    buy, sell, neutral, hedged, future, trade_word = _sentence_words(info)
    key = system_key(system)
    origin, partners = origin_of(system)
    makers = ({origin} if origin else set()) | partners
    topic_buyer, topic_seller = facts.topic_buyer, facts.topic_seller
    base = {
        "bias_sentence": 1.0,
        "sent_buy": float(buy),
        "sent_sell": float(sell),
        "sent_neutral": float(neutral),
        "sent_no_trade": float(not (buy or sell or neutral)),
        "sent_no_trade_word": float(not (buy or sell or neutral or trade_word)),
        "sent_hedged": float(hedged),
        "sent_future": float(future),
        "sent_lead": float(info.sentence.index == 0),
        "sent_title": float(info.sentence.index == TITLE_INDEX),
        f"sent_countries_{_bucket(len(sentence_codes))}": 1.0,
        f"sys_{system.form if system.form in {'shape', 'class', 'generic'} else 'named'}": 1.0,
        "sys_has_maker": float(bool(origin)),
        f"art_system_sentences_{_bucket(facts.key_sentences[key])}": 1.0,
    }
    for kind, _ in sentence_triggers(info):
        base[f"sent_trigger_{kind}"] = 1.0
    sys_at = info.local(system.start)
    sys_end = info.local(system.end)
    in_sentence = 0 <= sys_at < len(text)
    base["sys_anaphor"] = float(not in_sentence)
    base["sys_quantity"] = float(
        in_sentence and _QUANTITY_BEFORE.search(text[max(0, sys_at - 40) : sys_at]) is not None
    )
    # "The gun beat the PzH 2000 offered by Germany", "won the contest over a German frigate": a losing bid
    base["sys_beaten"] = float(
        in_sentence and _BEATEN_BEFORE.search(text[max(0, sys_at - 80) : sys_at]) is not None
    )
    base["sys_held"] = float(
        in_sentence and _HELD_BEFORE.search(text[max(0, sys_at - 70) : sys_at]) is not None
    )
    # "acquired other vessels from the US in the past, including two patrol boats": goods
    # told apart from those the article is about
    base["sys_other"] = float(
        in_sentence
        and (
            _OTHER_GOODS_BEFORE.search(text[max(0, sys_at - 90) : sys_at]) is not None
            or text[sys_at:sys_end].lower().startswith("other ")
        )
    )
    base["sys_in_title"] = float(bool(facts.title_text) and key.lower() in facts.title_text)
    others_systems = {system_key(m) for m in info.of_kind("weapon_system") if system_key(m) != key}
    base["sys_several_in_sentence"] = float(bool(others_systems))
    component = in_sentence and _component(info, sys_at, key)
    if in_sentence:
        spans = [(p.start, p.end) for p in found]
        for name, value in reading.frames.read(sys_at, info.local(system.end), spans).items():
            base[f"sys_{name}_{value}"] = 1.0
    party_frames = reading.party_frames
    pool = set(sentence_codes) | set(roles.suppliers) | set(roles.recipients) | makers
    antecedent = str(info.extra.get("antecedent") or "")
    home = str(info.extra.get("home") or "")
    pool |= {antecedent, topic_buyer, topic_seller, *facts.top}
    pool.discard("")
    suppliers = sentence_codes | set(roles.suppliers) | makers | {topic_seller, antecedent}
    recipients = sentence_codes | set(roles.recipients) | {topic_buyer, antecedent}
    sides: dict[tuple[str, str], dict[str, float]] = {}
    coordination = _coordinations(info, found)
    # Makers of the sentence's other systems ("signed for T-50s from South Korea and… a contract
    # with Russia for Su-30s"): a seller elsewhere in the sentence is rarely this one's buyer.
    other_makers = {
        code
        for m in info.of_kind("weapon_system")
        if system_key(m) != key
        for code in (origin_of(m)[0],)
        if code
    } - makers

    def side_features(side: str, code: str) -> dict[str, float]:
        f = sides.get((side, code))
        if f is not None:
            return f
        f = {}
        _party_features(f, side, code, by_code.get(code, []), reading.trace, sys_at, in_sentence)
        for name, value in party_frames.get(code, {}).items():
            f[f"{side}_{name}_{value}"] = 1.0
        if in_sentence:
            for p in by_code.get(code, ()):
                joined = (
                    _JOINED_AFTER.fullmatch(text[sys_end : p.start]) if p.start >= sys_end else None
                )
                if joined:
                    # "drones from Turkish Aerospace", "helicopters to Peru": the goods' own source
                    f[f"{side}_{joined.group('prep').lower()}_right_after_system"] = 1.0
        if code in makers:
            f[f"{side}_maker"] = 1.0
            f[f"{side}_{'origin' if code == origin else 'partner'}"] = 1.0
            if code not in sentence_codes:
                f[f"{side}_maker_unnamed"] = 1.0
        if code in other_makers:
            f[f"{side}_makes_other_here"] = 1.0
        if code == antecedent:
            f[f"{side}_antecedent"] = 1.0
        if code == home:
            f[f"{side}_home"] = 1.0
        if code in facts.title_countries:
            f[f"{side}_in_title"] = 1.0
        if facts.top and code == facts.top[0]:
            f[f"{side}_top1"] = 1.0
        elif code in facts.top:
            f[f"{side}_top2"] = 1.0
        if facts.country_counts.get(code, 0) == 0:
            f[f"{side}_never_named"] = 1.0
        if code == topic_buyer:
            f[f"{side}_topic_buyer"] = 1.0
        if code == topic_seller:
            f[f"{side}_topic_seller"] = 1.0
        for cue in facts.framing.get(code, ()):
            f[f"{side}_{cue}"] = 1.0
        f[f"{side}_article_as_supplier_{_bucket(facts.as_supplier[code])}"] = 1.0
        f[f"{side}_article_as_recipient_{_bucket(facts.as_recipient[code])}"] = 1.0
        if side == "s":
            f["s_rule"] = float(code in roles.suppliers)
            f["s_rule_as_recipient"] = float(code in roles.recipients)
            f["other_supplier_here"] = float(any(c != code for c in roles.suppliers))
        else:
            f["r_rule"] = float(code in roles.recipients)
            f["r_rule_as_supplier"] = float(code in roles.suppliers)
            f["other_recipient_here"] = float(any(c != code for c in roles.recipients))
        sides[(side, code)] = f
        return f

    for s in pool & suppliers:
        for r in pool & recipients:
            if s == r or not (s in sentence_codes or r in sentence_codes or s in makers):
                continue  # a pair the sentence says nothing of
            f: dict[str, float] = {}
            s_rule, r_rule = s in roles.suppliers, r in roles.recipients
            if s_rule and r_rule:
                f["pair_rule"] = 1.0
                f["pair_rule_in_clause"] = float(reading.in_clause)
            if (s, r, system.canonical) in rule_frames:
                f["pair_rule_frame"] = 1.0
            s_named, r_named = s in sentence_codes, r in sentence_codes
            if s_named and r_named:
                f["pair_both_named"] = 1.0
                s_group, r_group = coordination.get(s), coordination.get(r)
                if s_group is not None and s_group == r_group:
                    f["pair_mutual" if s_group[1] else "pair_coordinated"] = 1.0
            elif not s_named and not r_named:
                f["pair_neither_named"] = 1.0
            elif s_named and s_rule and r == topic_buyer:
                f["pair_seller_here_topic_buyer"] = 1.0
            elif r_named and r_rule and s == topic_seller:
                f["pair_buyer_here_topic_seller"] = 1.0
            if not s_named and s in makers and r_named and r_rule:
                f["pair_maker_supplies_buyer_here"] = 1.0
            if s in makers and any(
                c != s and c in sentence_codes and "clause_from" in reading.trace.get(c, ())
                for c in roles.suppliers
            ):
                # "Russian MiG-29s arrived into Sudan from Belarus": the maker is not the seller
                f["pair_maker_beside_from"] = 1.0
            if (
                s in makers
                and not s_rule
                and any(c != s and c in sentence_codes for c in roles.suppliers)
            ):
                f["pair_maker_beside_seller"] = 1.0  # the sentence's grammar names another seller
            if not r_named and any(c != r for c in roles.recipients):
                f["pair_buyer_named_elsewhere"] = 1.0  # the sentence names another buyer
            if not s_named and any(c != s and c in sentence_codes for c in roles.suppliers):
                f["pair_seller_named_elsewhere"] = 1.0
            f[f"art_pair_sentences_{_bucket(facts.pair_sentences.get((s, r), 0))}"] = 1.0
            known = facts.sellers.get((key, r))
            if known and s not in known and not base["sys_beaten"]:
                # "the Netherlands… to Ukraine": not the maker; but a losing bid beside the
                # winner's sale is no rival to it
                f["pair_other_seller_named"] = 1.0
            if system.form == "generic" and facts.named_keys_by_pair.get((s, r), 0):
                f["sys_generic_beside_named"] = 1.0
            cand = pooled.get((s, r, key))
            if cand is None:
                cand = Candidate(s, r, key, system)
                pooled[(s, r, key)] = cand
            parts = (base, side_features("s", s), side_features("r", r), f)
            cand.instances.append(Instance(info.sentence.index, system, parts, component))


def _party_features(
    f: dict[str, float],
    side: str,
    code: str,
    named: list[Party],
    trace: Trace,
    sys_at: int,
    in_sentence: bool,
) -> None:
    if named:
        f[f"{side}_named"] = 1.0
        for p in named:
            f[f"{side}_form_{p.form}"] = 1.0
            if in_sentence:
                if p.end <= sys_at:
                    f[f"{side}_before_system"] = 1.0
                    if sys_at - p.end <= 30:
                        f[f"{side}_near_system"] = 1.0
                else:
                    f[f"{side}_after_system"] = 1.0
                    if p.start - sys_at <= 40:
                        f[f"{side}_near_system"] = 1.0
    for cue in trace.get(code, ()):
        f[f"{side}_cue_{cue}"] = 1.0
