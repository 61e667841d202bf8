"""Who supplies and who receives, read from the grammar around each country.

"to X" after a sale, "from X" after a purchase, "provide X with", the subject of "buy" or "sell",
"X's purchase", a demonym on the system ("South Korean K2 tanks"), a country taken up again by
"it" or "the kingdom". Only when the text leaves the supplier open does the producing country of
the named system fill it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from armstrack import gazetteer
from armstrack.extract import prefilter
from armstrack.extract.context import SentenceInfo
from armstrack.extract.memo import per_article
from armstrack.extract.patterns import (
    BUY_NOUNS,
    BUY_VERBS,
    BUY_WORDS,
    DATELINE,
    NEUTRAL_TRADE,
    NEUTRAL_WORDS,
    PURPOSE_BUY,
    PURPOSE_SELL,
    SELL_NOUNS,
    SELL_VERBS,
    SELL_WORDS,
)
from armstrack.records import Mention

_PREP = prefilter.compile(
    r"\b(?P<prep>to|from|with|by|for|of|in|at|between|and|against|over|near|on|about|into|under"
    r"|than|like|as|across|within|without|among|despite|during|behind|beyond|around)\s+"
    r"(?:(?:the|a|an)\s+)?(?:(?:state|state-owned|private|leading|government)\s+)?\Z",
    re.I,
)
_POSSESSIVE = prefilter.compile(r"\A['’]s?\s+(?P<words>(?:[\w-]+\s+){0,3}?)(?P<noun>[\w-]+)")
_PARTY_KINDS = {"country", "organization", "person"}


@dataclass(frozen=True)
class Party:
    iso3: str
    start: int  # sentence-local
    end: int
    form: str
    detail: str = ""  # an organisation's kind


_NOT_PARTY_ORGS = {"media", "think_tank", "international_org", "alliance"}
# "It signed for…", "its defence ministry ordered…", "the kingdom has been discussing…": a
# country named earlier, taken up again; only when a word of trade follows closely.
_PRONOUN_SUBJECT = prefilter.compile(
    r"(?:^|(?<=[,;:]\s)|(?<=[-—–]\s)|(?<=\band\s)|(?<=\bthat\s)|(?<=\d{4}\s))(?P<pro>[Ii]ts?|[Tt]he\s+(?:kingdom|country|island|emirate"
    r"|republic|nation|government|junta|ministry|Ministry\s+of\s+(?:National\s+)?Defen[cs]e"
    r"|(?:[Dd]efen[cs]e|[Ww]ar)\s+[Mm]inistry)(?:['’]s)?)\b(?=(?:\s+[\w-]+){0,4}?\s+(?:"
    + "|".join((BUY_WORDS, SELL_WORDS, NEUTRAL_WORDS))
    + r")\b)",
    lead=True,
)


# "the latter (country)", "the former": one of the two countries named just before, taken up
# as the subject of trade.
_FORMER_LATTER = prefilter.compile(
    r"\b[Tt]he\s+(?P<which>latter|former)(?:\s+(?:country|nation|government|state))?\b"
    r"(?=(?:\s+[\w-]+){0,5}?\s+(?:" + "|".join((BUY_WORDS, SELL_WORDS)) + r")\b)",
)
_APPOSITION = prefilter.compile(r"\s*,\s*")
# "the military government in Bamako" is that country acting, not a place.
_GOVERNMENT_IN = prefilter.compile(
    r"\b(?:government|authorities|officials|junta|leadership|regime|ministry|leaders)\s+in\s+\Z",
    re.I,
)


_MINISTRY = prefilter.compile(r"ministry", re.I)


def pronoun_parties(info: SentenceInfo, named: list[Party]) -> list[Party]:
    """A country taken up again as the subject of trade: "it", "the kingdom", "the government".
    An unnamed "the Ministry of Defence" is the country of the last ministry the article tied
    to a country ("the Defence Ministry in Sofia"), else the home country of the report (its
    dateline or its outlet's country), when it has one. Read once per sentence and parties."""
    memo = info.extra.setdefault("pronoun_parties", {})
    assert isinstance(memo, dict)
    key = tuple(named)
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(_pronoun_parties(info, named))
    return list(found)


def _pronoun_parties(info: SentenceInfo, named: list[Party]) -> list[Party]:
    antecedent = str(info.extra.get("antecedent") or "")
    home = str(info.extra.get("ministry_home") or info.extra.get("home") or "")
    for m in _FORMER_LATTER.finditer(info.text):
        # "US and UK parts, with the latter country having no intention of supplying…"
        before = list(dict.fromkeys(p.iso3 for p in named if p.end <= m.start()))
        if len(before) >= 2:
            code = before[-1] if m.group("which").lower() == "latter" else before[-2]
            return [Party(code, m.start(), m.end(), "pronoun")]
    for m in _PRONOUN_SUBJECT.finditer(info.text):
        if any(_APPOSITION.fullmatch(info.text[p.end : m.start("pro")]) for p in named):
            return []  # "to Indonesia, the country's first purchase": the country just named
        code = home if home and _MINISTRY.search(m.group("pro")) else antecedent
        if code and not any(p.iso3 == code for p in named):
            return [Party(code, m.start("pro"), m.end("pro"), "pronoun")]
        return []
    return []


def parties(info: SentenceInfo) -> list[Party]:
    """The countries and state bodies of a sentence that can take part in a trade (read once
    per sentence; each caller gets its own list)."""
    cached = info.extra.get("parties")
    if not isinstance(cached, tuple):
        cached = info.extra["parties"] = tuple(_parties(info))
    return list(cached)


def _parties(info: SentenceInfo) -> list[Party]:
    borders = [(m.start, m.end) for m in info.of_kind("place") if m.form == "border"]
    bodies = [
        (m.start, m.end)
        for m in info.of_kind("organization")
        if m.iso3 and m.detail not in _NOT_PARTY_ORGS
    ]
    parties: list[Party] = []
    dateline = DATELINE.match(info.text)
    for m in info.mentions:
        if dateline and info.local(m.start) < dateline.end():
            continue  # "RIYADH, Nov 14 —" says where the report was filed
        if m.kind not in _PARTY_KINDS or not m.iso3 or m.iso3 not in gazetteer.countries():
            continue
        if m.kind == "organization" and m.detail in _NOT_PARTY_ORGS:
            continue
        if m.kind == "country" and any(s <= m.start and m.end <= e for s, e in bodies):
            continue  # the country inside "Ministry of Defence of Vietnam" is that body
        if any(s <= m.start and m.end <= e for s, e in borders):
            continue  # "the Turkish-Syrian border"
        start, end = info.local(m.start), info.local(m.end)
        before = info.text[max(0, start - 40) : start]
        if (
            m.kind == "country"
            and m.form == "capital"
            and _IN_AT_BEFORE.search(before)
            and not _GOVERNMENT_IN.search(before)
        ):
            continue  # a meeting "in Moscow" is a place, not a party
        if m.kind == "country" and _ERA_AFTER.match(info.text, end):
            continue  # "rifles from the Soviet era", "Soviet-era jets": a time
        form = m.form if m.kind == "country" else m.kind
        parties.append(Party(m.iso3, start, end, form, m.detail or ""))
    return parties


# A country's name as the name of a time: "the Soviet era", "Russian-era", "in British times".
_ERA_AFTER = prefilter.compile(r"\s*-?\s*(?:era|eras|period|times|days|rule)\b", re.I)


_COORD_ASIDE = prefilter.compile(
    r"\b(?:and|or)\s*,\s*(?:[\w-]+\s+){0,3}?[\w-]+\s*,\s*(?:the\s+)?\Z", re.I
)
_MOTION_BEFORE = prefilter.compile(
    r"\b(?:travel\w*|fl[eo]w|flown|went|gone|go|goes|going|came|come|comes|visit\w*|trips?|journey\w*"
    r"|return\w*|head\w*|arriv\w*|moved|back|invitations?|invited)\s+(?:back\s+)?to\s+(?:the\s+)?\Z",
    re.I,
)
_TOLD_BEFORE = prefilter.compile(
    r"\b(?:told|tells|tell|informed|informs|inform|assured|assures|notified|notifies|warned"
    r"|warns|reminded|reminds|promised|promises)\s+(?:the\s+)?\Z",
    re.I,
)
_TURN_TO = prefilter.compile(
    r"\b(?:turn|turns|turned|turning|looked|looks|looking)\s+to\s+(?:the\s+)?\Z", re.I
)
_PEOPLE_FROM = prefilter.compile(
    r"\b(?:negotiators|officials|delegations?|representatives|envoys|diplomats|ministers|teams?"
    r"|counterparts|leaders|generals|officers|executives|engineers|experts|pilots|crews)\s+from\s+"
    r"(?:the\s+)?\Z",
    re.I,
)
_SIGNS = prefilter.compile(r"\b(?:sign(?:s|ed|ing)?|negotiat(?:es|ed|ing)|in\s+talks)\b", re.I)
_MASKED_NAME = prefilter.compile(r"x{2,}")  # a name blanked by masked_text
_STATE_OF = prefilter.compile(
    r"\b(?P<prep>to|from|with|by|for|and|between)\s+(?:the\s+)?(?:government|kingdom|republic"
    r"|state|authorities|federation|sultanate|emirate|ministry\s+of\s+(?:national\s+)?defen[cs]e"
    r"|(?:defen[cs]e|armed\s+forces)\s+ministry)\s+of\s+(?:the\s+)?\Z",
    re.I,
)
_SUCH_AS = prefilter.compile(r"\bsuch\s+as\s+(?:the\s+)?\Z", re.I)
_SKIP_PREPS = {
    "of", "in", "at", "against", "over", "near", "on", "about", "into", "under", "than", "like",
    "as", "across", "within", "without", "among", "despite", "during", "behind", "beyond", "around",
}  # fmt: skip
_PASSIVE_BEFORE = prefilter.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+\s+)?\Z", re.I)
_CLAUSE_SPLIT = prefilter.compile(
    r"[;:]|,\s+(?=(?:\w+ing|which|who|whose|while|whereas|but|although|though|after|before"
    r"|that|and|as|when|where|with|prompting)\b)"
    r"|\s(?=(?:and\s+)?instead\b|and\s+(?:will|would|has|have|had|is|are|was|were)\b)"
)
# A relative clause whose antecedent is the party just before it: "Greece, whose request".
_RELATIVE_START = prefilter.compile(r"\A\s*(?:whose|who|which)\b")
# A country's possessive that makes it act ("Poland's Armament Agency signed").
_ACTING_POSSESSIVE = prefilter.compile(
    r"\A['’]s?\s+(?:[\w-]+\s+){0,2}?(?:government|ministry|agency|army|air\s+force|navy|military|fleet"
    r"|armed\s+forces|forces|defen[cs]e|president|minister|officials|procurement|cabinet|parliament"
    r"|state|company|firm|industry|leadership|administration)",
    re.I,
)


# A word of trade before "to X" / "for X" makes X the buyer ("sale of jets to X").
_TRADE_BEFORE = prefilter.compile(
    r"\b(?:sell|sold|sale|sales|suppl\w+|provid\w+|deliver\w*|export\w*|transfer\w*|ship\w*|offer\w*"
    r"|approv\w+|clear\w*|contract\w*|deal|deals|order\w*|package|send|sent|donat\w+|pledg\w+"
    r"|gave|give|hand\w*\s+over|arms|weapons|jets|aircraft|tanks|missiles|systems|batteries|drones"
    r"|helicopters|ships|submarines|frigates|howitzers|vehicles|fighters)\b",
    re.I,
)
# Goods moved into a country: "into X" names where they went, as "to X" does.
_IN_AT_BEFORE = prefilter.compile(r"\b(?:in|at)\s+\Z")
_MOVED_INTO = prefilter.compile(
    r"\b(?:arriv\w*|deliver\w*|ship(?:s|ped|ping)?|import\w*|smuggl\w*|flown|brought|sent"
    r"|transferr?(?:s|ed|ing)?)\b[^.;]{0,40}?\binto\s+(?:the\s+)?\Z",
    re.I,
)
_GAP_STOP = frozenset("for to from with by of and or a an the in on at as than".split())


_PLAIN_GAP = prefilter.compile(r"(?:['’]s?)?[\s\w-]*")
_WORD = prefilter.compile(r"[\w-]+")


def _modifies(gap: str) -> bool:
    """Whether a country right before a system qualifies it: "South Korean K2", "Russia's
    advanced Su-35", "US-made F-16s" — at most two plain words between, no verb or preposition."""
    if len(gap) > 25 or not _PLAIN_GAP.fullmatch(gap):
        return False
    words = _WORD.findall(gap.removeprefix("'s").removeprefix("’s"))
    if len(words) > 2:
        return False
    return not any(
        w.lower() in _GAP_STOP
        or BUY_VERBS.fullmatch(w)
        or SELL_VERBS.fullmatch(w)
        or NEUTRAL_TRADE.fullmatch(w)
        for w in words
    )


def _possessed_trade(after: str) -> str:
    """ "Japan's largest arms export" -> "sell"; "India's planned purchase" -> "buy"; "Rabat's
    most advanced drones" -> "own" (what a country has, it received); "Angola's main arms
    supplier" -> "supplied" (the supplier is another); "Italy's biggest arms client" ->
    "customer" (the buyer is another); else ""."""
    words = _WORD.findall(after[:40])[:4]
    for word in words:
        if _SUPPLIER_NOUNS.fullmatch(word):
            return "supplied"
        if _CUSTOMER_NOUNS.fullmatch(word):
            return "customer"
        if SELL_NOUNS.fullmatch(word):
            return "sell"
        if BUY_NOUNS.fullmatch(word):
            return "buy"
        if _HELD_NOUNS.fullmatch(word):
            return "own"
    return ""


_SUPPLIER_NOUNS = prefilter.compile(r"(?:suppliers?|providers?|sources?|exporters?)", re.I)
_SUPPLIER_OF = prefilter.compile(
    r"\b(?:suppliers?|providers?|exporters?|sources?|vendors?)\s+(?:of|to)\s+(?:the\s+)?\Z", re.I
)
_CUSTOMER_NOUNS = prefilter.compile(r"(?:customers?|clients?|buyers?|importers?)", re.I)
_HELD_NOUNS = prefilter.compile(
    r"(?:fleet|arsenal|inventory|jets|fighters|aircraft|drones|tanks|submarines|frigates|ships"
    r"|helicopters|howitzers|batteries|missiles|launchers)",
    re.I,
)
# ", with which Serbia has a long history," inside a clause: its parties are not the deal's.
_RELATIVE_ASIDE = prefilter.compile(
    r",\s+(?:with\s+which|in\s+which|which|who|whose|where)\b[^,;:]*,"
)
# "despite hostilities with its neighbour Eritrea", "amid tensions with China": a country met
# as a foe is no party to the sentence's trade.
_FOE_BEFORE = prefilter.compile(
    r"\b(?:hostilities|tensions?|conflicts?|wars?|clash(?:es)?|fighting|fight|disputes?|standoff"
    r"|confrontation|feud|aggression|hostility|enmity|rivalry|difficulties)\s+(?:with|against)\s+"
    r"(?:(?:its|their|the|his|her|a|neighbou?r(?:ing)?|arch-?rival|rival|enemy|old|long-time)\s+){0,3}\Z",
    re.I,
)


def masked_text(info: SentenceInfo) -> tuple[str, list[tuple[int, int]]]:
    """The sentence with names blanked (so "Armed Forces" is no verb) and relative asides
    blanked (their parties play no part); returns the text and the hidden spans (read once per
    sentence)."""
    cached = info.extra.get("masked_text")
    if not isinstance(cached, tuple):
        cached = info.extra["masked_text"] = _masked_text(info)
    text, hidden = cached
    return text, list(hidden)


def _masked_text(info: SentenceInfo) -> tuple[str, list[tuple[int, int]]]:
    chars = list(info.text)
    for m in info.mentions:
        if m.kind in {"organization", "weapon_system", "person", "place"}:
            for i in range(max(0, info.local(m.start)), min(len(chars), info.local(m.end))):
                if chars[i].isalnum():
                    chars[i] = "x"
    hidden = []
    for m in info.mentions:
        at = info.local(m.start)
        if (
            m.kind == "country"
            and m.form == "name"
            and _FOE_BEFORE.search(info.text[max(0, at - 70) : at])
        ):
            hidden.append((at, info.local(m.end)))
    systems = [info.local(m.start) for m in info.of_kind("weapon_system")]
    for aside in _RELATIVE_ASIDE.finditer(info.text):
        if not any(aside.start() <= s < aside.end() for s in systems):
            hidden.append((aside.start() + 1, aside.end() - 1))
            for i in range(aside.start() + 1, aside.end() - 1):
                chars[i] = " "
    return "".join(chars), hidden


def _qualifies_noun(possessive: re.Match[str], after: str) -> bool:
    return not _possessed_trade(after) and not _ACTING_POSSESSIVE.match(after)


@dataclass
class Roles:
    suppliers: list[str]
    recipients: list[str]


def _add(items: list[str], code: str) -> None:
    if code not in items:
        items.append(code)


_DETERMINER_BEFORE = prefilter.compile(r"\b(?:the|a|an|this|that|its|their|his|her)\s+\Z", re.I)
_APPROVAL = prefilter.compile(r"approv|clear", re.I)
_SALE_AFTER = prefilter.compile(
    r"\A(?:\W+\w+){0,5}?\W+(?:sales?|exports?|transfers?|sell|deliver\w*|FMS)\b", re.I
)


@per_article
def _first_verb(
    pattern: prefilter.Pattern, text: str, start: int, end: int
) -> re.Match[str] | None:
    for match in pattern.finditer(text, start, end):
        if _DETERMINER_BEFORE.search(text[max(0, match.start() - 8) : match.start()]):
            continue
        if match.start() > 0 and match.group(0)[:1].isupper():
            continue  # "the Letter of Offer and Acceptance" is a title, not a verb
        if _APPROVAL.match(match.group(0)) and not _SALE_AFTER.match(
            text[match.end() : match.end() + 60]
        ):
            continue  # "parliament approved a plan to buy": approving a sale is selling, not this
        return match
    return None


_MAKERS = {"manufacturer", "company", "arms_exporter"}


def _foreign_maker(party: Party, origin: str | None) -> bool:
    return (
        party.form == "organization"
        and party.detail in _MAKERS
        and bool(origin)
        and party.iso3 != origin
    )


def _trade_verb(text: str, start: int, end: int) -> tuple[re.Match[str] | None, str]:
    """The first buy- or sell-type verb in text[start:end] and its kind ("buy" or "sell");
    a selling word used as a noun ("talks over the transfer of") names no seller."""
    buy = BUY_VERBS.search(text, start, end)  # "talks over the purchase": still the buyer's
    sell = _first_verb(SELL_VERBS, text, start, end)
    if buy and (not sell or buy.start() <= sell.start()):
        return buy, "buy"
    if sell:
        return sell, "sell"
    return None, ""


@per_article
def _clause_verbs(
    text: str, start: int, end: int
) -> tuple[re.Match[str] | None, str, bool, re.Match[str] | None]:
    """The words of trade of text[start:end]: the first verb of buying or selling, its kind
    (or the kind a purpose gives: "to buy"), whether it is passive, and the first word of trade
    of any kind. The roles of a clause are read once per system it names: the answer is kept."""
    verb, verb_kind = _trade_verb(text, start, end)
    if verb_kind == "" and PURPOSE_BUY.search(text, start, end):
        verb_kind = "buy"
    elif verb_kind == "" and PURPOSE_SELL.search(text, start, end):
        verb_kind = "sell"
    # "is being sent" is passive; "is sending" is the progressive of an active verb.
    passive = bool(
        verb
        and not verb.group(0).lower().endswith("ing")
        and _PASSIVE_BEFORE.search(text[max(0, verb.start() - 25) : verb.start()])
    )
    return verb, verb_kind, passive, NEUTRAL_TRADE.search(text, start, end)


@per_article
def _word_before(text: str, start: int, at: int) -> tuple[str, bool] | None:
    """The word that governs the party at `at`, read back no further than `start`: its
    preposition, or "and" after an aside ("from Portugal and, more recently, Norway"), and
    whether there is such an aside; None for a country that is no side of the trade (one that
    is told, a destination). Each party is read so for each system of its sentence: the answer
    is kept."""
    before = text[max(start, at - 30) : at]
    prep = _PREP.search(before)
    word = prep.group("prep").lower() if prep else ""
    aside = _COORD_ASIDE.search(text[max(start, at - 45) : at]) is not None
    if not word and aside:
        word = "and"  # "from Portugal and, more recently, Norway"
    if word == "as" and _SUCH_AS.search(before):
        word = ""  # "countries such as Poland, Estonia and Turkiye have bought": examples
    if not word and _TOLD_BEFORE.search(before):
        return None  # "Abu Dhabi has told BAE Systems that it will not buy": who is told
    if word == "into" and _MOVED_INTO.search(text, start, at):
        word = "to"  # "arrived into Zambia", "imported into India": the buyer
    if word == "to" and _TURN_TO.search(before):
        word = "from"  # "Jakarta turned to Moscow": the seller it went to
    if word == "to" and _MOTION_BEFORE.search(before):
        return None  # "a delegation travelled to Moscow": a destination, not a buyer
    if word == "from" and _PEOPLE_FROM.search(before):
        word = ""  # "negotiators from Madrid": people acting for their country
    if word == "of":
        # "with the Government of the United States" is "with the United States"
        state = _STATE_OF.search(text[max(start, at - 60) : at])
        word = state.group("prep").lower() if state else word
    return word, aside


Trace = dict[str, set[str]]


def _note(trace: Trace | None, code: str, cue: str) -> None:
    if trace is not None:
        trace.setdefault(code, set()).add(cue)


_NOUN_AFTER = prefilter.compile(r"\A\s+(?:[\w-]+\s+)?(?:arms\s+)?(?P<n>\w+)")
_SPACE_ONLY = prefilter.compile(r"\s*")


_JOINED_BY_AND = prefilter.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?")


def _roles_in(
    text: str,
    start: int,
    end: int,
    parties: list[Party],
    system: Mention,
    sys_start: int,
    trace: Trace | None = None,
) -> Roles:
    """Roles of the parties inside text[start:end] towards one system. With `trace`, every
    cue that gave a country a role is noted under its code (the features the scorer weighs)."""
    info_ws = gazetteer.weapon_systems().get(system.family or system.canonical)
    origin = system.iso3
    partners = set(info_ws.partners) if info_ws else set()
    roles = Roles([], [])
    counterparts: list[str] = []
    subjects: list[Party] = []
    subject_codes: list[str] = []
    verb, verb_kind, passive, neutral = _clause_verbs(text, start, end)
    # Subjects stand before the first word of trade ("Saudi Arabia has signed an agreement…").
    anchor = verb.start() if verb else (neutral.start() if neutral else end)
    previous_role: tuple[Party, str] | None = None
    made_by: list[str] = []
    for party in (p for p in parties if start <= p.start and p.end <= end):
        governed = _word_before(text, start, party.start)
        if governed is None:
            continue
        word, aside = governed
        before = text[max(start, party.start - 30) : party.start]
        after = text[party.end : min(end, party.end + 40)]
        possessive = _POSSESSIVE.match(after)
        role = ""
        why = ""
        gap = text[party.end : sys_start] if party.end <= sys_start else "|"
        modifies = _modifies(gap)
        # "the main weapons supplier of Pakistan", "a supplier to Azerbaijan": its buyer
        supplier_of = word in {"of", "to"} and bool(_SUPPLIER_OF.search(before))
        if supplier_of:
            word = "supplier_of"
        if word in _SKIP_PREPS and not _GOVERNMENT_IN.search(before) and not modifies:
            continue  # "delivery of Russian Mi-35s" still names the maker
        if (
            possessive
            and not modifies
            and _qualifies_noun(possessive, after)
            and not _MASKED_NAME.fullmatch(possessive.group("noun"))
        ):
            # "Malaysia's neighbour", "Poland's NATO allies": only qualifies a noun; but
            # "Brazil's Embraer" (a named body) acts for its country.
            continue
        partner_noun = _possessed_trade(after) if possessive else ""
        if supplier_of:
            role, why = "recipient", "supplier_of"
        elif partner_noun in {"supplied", "customer"}:
            # "Angola's main arms supplier", "Italy's biggest arms client": the noun names the
            # other side of the country's trade, whatever system stands in between.
            role = "recipient" if partner_noun == "supplied" else "supplier"
            why = f"possessive_{partner_noun}"
        elif modifies:
            own = party.iso3 == origin or origin is None or party.iso3 in partners
            role = "supplier" if own else "recipient"
            # "Germany's PzH 2000" with no maker on record: the country is all that says whose
            if own and (
                origin is not None
                or _MADE_BY.match(gap)
                or _MADE_BY.search(text, party.start, party.end)
            ):
                # "Russian MiG-29s", "US-made jets": who built them, maybe who sells
                made_by.append(party.iso3)
            why = (
                "modifies_unmade"
                if origin is None
                else "modifies_own"
                if own
                else "modifies_foreign"
            )
        elif _NOUN_AFTER.match(after) and party.form == "demonym":
            noun = _NOUN_AFTER.match(after)
            assert noun is not None
            if SELL_NOUNS.fullmatch(noun.group("n")):
                role, why = "supplier", "demonym_sell_noun"
            elif BUY_NOUNS.fullmatch(noun.group("n")):
                role, why = "recipient", "demonym_buy_noun"
        if not role and possessive:
            owned = _possessed_trade(after)
            role = {
                "buy": "recipient",
                "sell": "supplier",
                "supplied": "recipient",
                "customer": "supplier",
            }.get(owned, "")
            why = f"possessive_{owned}" if role else ""
            if owned == "own" and party.iso3 != origin:
                role, why = "recipient", "possessive_own"
        if not role:
            if word in {"to", "for"} and _TRADE_BEFORE.search(text, start, party.start):
                role, why = "recipient", f"{word}_after_trade"
            elif word == "from":
                role, why = "supplier", "from"
            elif (
                word == "and"
                and previous_role is not None
                and previous_role[1] in {"supplier", "recipient", "with"}
                and party.start - previous_role[0].end
                <= (45 if aside else 16)  # "from Sweden and Norway"
            ):
                role, why = previous_role[1], "and_list"
                _note(trace, previous_role[0].iso3, "list_head")  # "from Sweden and Norway"
            elif word in {"with", "between"}:
                role, why = "with", word
            elif word == "by":
                prior = text[start : party.start]
                last_buy = max((m.end() for m in BUY_VERBS.finditer(prior)), default=-1)
                last_sell = max((m.end() for m in SELL_VERBS.finditer(prior)), default=-1)
                role = (
                    "recipient"
                    if last_buy > last_sell
                    else "supplier"
                    if last_sell > last_buy
                    else "with"
                )
                why = f"by_{role}"
            elif (
                verb_kind == "sell"
                and verb is not None
                and verb.end() <= party.start
                and _SPACE_ONLY.fullmatch(text[verb.end() : party.start])
            ):
                role, why = (
                    "recipient",
                    "object_of_sell",
                )  # "provide China with", "sold Egypt 24 jets"
            elif party.start < anchor:
                role, why = "subject", "subject"
            else:
                continue
        if role in {"supplier", "with"} and _foreign_maker(party, origin):
            # "a contract with Airbus Defence and Space for C295s": the supplier is the state
            # that builds the system, not the group's seat.
            _note(trace, party.iso3, "foreign_maker")
            party = Party(str(origin), party.start, party.end, party.form, party.detail)
        if why:
            _note(trace, party.iso3, why)
        if role == "supplier":
            _add(roles.suppliers, party.iso3)
        elif role == "recipient":
            _add(roles.recipients, party.iso3)
        elif role == "with":
            _add(counterparts, party.iso3)
        elif role == "subject":
            subjects.append(party)
        previous_role = (party, role)
    if subjects:
        # The subject is the nearest party before the verb, with any joined to it by "and".
        group = [subjects[-1]]
        for earlier in reversed(subjects[:-1]):
            between = text[earlier.end : group[0].start]
            if _JOINED_BY_AND.fullmatch(between):
                group.insert(0, earlier)
            else:
                break
        codes = [p.iso3 for p in group]
        if len(codes) > 1:
            for code in codes:
                _note(trace, code, "listed")  # "Bahrain, Qatar and Kuwait bought…"
        if len(codes) > 1 and origin in codes and verb_kind in {"buy", ""}:
            # "Seoul and Warsaw signed a deal for K9s": the producing country is the seller.
            _add(roles.suppliers, str(origin))
            _note(trace, str(origin), "joint_subject_maker")
            codes = [c for c in codes if c != origin]
            verb_kind = "buy"
        signs_with = verb is not None and verb.group(0).lower().startswith(("sign", "contract"))
        if verb_kind == "buy" and signs_with and codes == [origin] and counterparts:
            # "South Korea signed a contract with Poland for K9s": the maker signs to sell.
            _add(roles.suppliers, str(origin))
            _note(trace, str(origin), "maker_signs_with")
            for code in counterparts:
                if code != origin:
                    _add(roles.recipients, code)
            counterparts = []
        elif (verb_kind == "buy" and not passive) or (verb_kind == "sell" and passive):
            for code in codes:
                _add(roles.recipients, code)
                _note(trace, code, "subject_of_buy" if not passive else "subject_of_passive_sell")
        elif verb_kind == "sell":
            for code in codes:
                _add(roles.suppliers, code)
                _note(trace, code, "subject_of_sell")
        else:
            for code in codes:
                _note(trace, code, "subject_of_neutral")
            counterparts = codes + counterparts
            subject_codes = codes
    others = [c for c in dict.fromkeys(counterparts) if c not in roles.suppliers + roles.recipients]
    if others:
        makers = [c for c in others if c == origin or c in partners]
        if roles.recipients and not roles.suppliers:
            roles.suppliers.extend(makers or others[:1])
            for code in makers or others[:1]:
                _note(trace, code, "counterpart_of_buyer")
        elif roles.suppliers and not roles.recipients:
            roles.recipients.extend(c for c in others if c not in makers)
            for code in others:
                if code not in makers:
                    _note(trace, code, "counterpart_of_seller")
        elif not roles.suppliers and not roles.recipients and makers and len(others) > len(makers):
            roles.suppliers.extend(makers)
            roles.recipients.extend(c for c in others if c not in makers)
            for code in others:
                _note(
                    trace, code, "counterpart_maker" if code in makers else "counterpart_of_maker"
                )
        elif (
            not roles.suppliers
            and not roles.recipients
            and others == subject_codes
            and len(others) == 1
            and origin
            and _SIGNS.search(text, start, end)
        ):
            # One country signing or negotiating for a system made elsewhere is its buyer.
            roles.recipients.append(others[0])
            _note(trace, others[0], "lone_signer")
    if made_by and any(c not in made_by for c in roles.suppliers):
        # "Norway pledged to deliver US-made jets", "Russian MiG-29s arrived from Belarus": the
        # maker is not the seller
        for code in made_by:
            if code in roles.suppliers:
                roles.suppliers.remove(code)
                _note(trace, code, "made_by_beside_seller")
    if not roles.suppliers and origin and roles.recipients and origin not in roles.recipients:
        roles.suppliers.append(origin)
        _note(trace, origin, "origin_fill")
    return roles


# A country written as the maker of the goods: "US-made", "Russian-built", "Chinese-designed".
_MADE_BY = prefilter.compile(
    r"(?:\A\s*)?-\s*(?:made|built|designed|manufactured|produced|developed|supplied)\b", re.I
)


# "The deal covers four Gripen fighters from Sweden": the buyer is the country just spoken of.
_DEAL_ANAPHOR = prefilter.compile(
    r"\A(?:[\w,]+\s+){0,3}?(?:the|this|that|another|an?\s+(?:separate|second|further|follow-on|new))\s+"
    r"(?:[\w-]+\s+)?(?:deal|contract|agreement|order|purchase"
    r"|package|sale|acquisition)\b",
    re.I,
)


_BOUGHT_FROM = prefilter.compile(
    r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bhas\s)(?<!\bhad\s)(?<!\bhave\s)\b(?:ordered|bought|purchased"
    r"|acquired|procured|leased)\s+(?:[\w-]+\s+){0,3}?from\b",
    re.I,
)


_SALE_OF = prefilter.compile(
    r"\b(?:possible\s+)?(?:foreign\s+military\s+)?sale\s+of\b(?![^.]*\bto\b)", re.I
)


def _bought_from(info: SentenceInfo, sys_start: int) -> bool:
    """Whether "ordered from …" follows this system, with no other system named between."""
    match = _BOUGHT_FROM.search(info.text, sys_start)
    if not match:
        return False
    between = [
        m for m in info.of_kind("weapon_system") if sys_start < info.local(m.start) < match.start()
    ]
    return not between and match.start() - sys_start < 120


def taken_up_buyer(info: SentenceInfo, roles: Roles, sys_start: int) -> Roles:
    """Suppliers but no buyer in a sentence about "the deal", or with a bare participle
    ("trainers ordered from Korea"): the buyer is the country spoken of."""
    antecedent = str(info.extra.get("antecedent") or "")
    text = info.text
    if (
        roles.suppliers
        and not roles.recipients
        and antecedent
        and antecedent not in roles.suppliers
        and (_DEAL_ANAPHOR.match(text) or _bought_from(info, sys_start) or _SALE_OF.search(text))
    ):
        return Roles(roles.suppliers, [antecedent])
    return roles


_ITS_PURCHASE = prefilter.compile(
    r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:acquisition|purchase|order|procurement|import)s?\s+of\s+"
    r"(?:[\w-]+\s+){0,4}?\Z",
    re.I,
)


def _possessive_owner(text: str, parties: list[Party], sys_start: int) -> str | None:
    """ "sanctions on Egypt's agency over its acquisition of Russian Su-35s": the buyer is
    the party that "its" takes up, the nearest one before it in the sentence."""
    match = _ITS_PURCHASE.search(text[:sys_start])
    if not match:
        return None
    before = [p for p in parties if p.end <= match.start() and p.form != "demonym"]
    return before[-1].iso3 if before else None


def assign_roles(
    info: SentenceInfo, parties: list[Party], system: Mention, trace: Trace | None = None
) -> tuple[Roles, bool]:
    """Roles within the system's clause, else within the whole sentence; the flag says whether
    the clause alone sufficed. With `trace`, the cues behind each country's role are noted.
    A sentence's readings are remembered, so the grammar reading and the candidate features
    read each (system, parties) once."""
    cache = info.extra.setdefault("roles", {})
    assert isinstance(cache, dict)
    key = (system.start, system.canonical, tuple(parties))
    hit = cache.get(key)
    if hit is None:
        full: Trace = {}
        roles, in_clause = _assign_roles(info, parties, system, full)
        hit = cache[key] = (roles, in_clause, full)
    if trace is not None:
        for code, cues in hit[2].items():
            trace.setdefault(code, set()).update(cues)
    return Roles(list(hit[0].suppliers), list(hit[0].recipients)), hit[1]


def _assign_roles(
    info: SentenceInfo, parties: list[Party], system: Mention, trace: Trace | None = None
) -> tuple[Roles, bool]:
    text = str(info.extra.get("masked", info.text))
    sys_start = info.local(system.start)
    if not 0 <= sys_start < len(text):
        # A system named in an earlier sentence: anchor on its anaphor ("the purchase").
        sys_start = int(str(info.extra.get("anaphor_at", 0)))
    clause_start, clause_end = clause_of(text, sys_start)
    clause_start, clause_end = _own_subject_clause(
        text, parties, clause_start, clause_end, sys_start
    )
    if _RELATIVE_START.match(text[clause_start:]):
        antecedent = [p for p in parties if 0 <= clause_start - p.end <= 3]
        if antecedent:
            clause_start = antecedent[-1].start
    # A country that describes another system ("Turkish TB2 drones") plays no part in this one.
    others = [
        info.local(m.start)
        for m in info.of_kind("weapon_system")
        if m.canonical != system.canonical and 0 <= info.local(m.start) < len(text)
    ]
    parties = [
        p for p in parties if not any(p.end <= at and _modifies(text[p.end : at]) for at in others)
    ]
    owner = _possessive_owner(text, parties, sys_start)
    clause_trace: Trace | None = {} if trace is not None else None
    roles = _roles_in(text, clause_start, clause_end, parties, system, sys_start, clause_trace)
    if owner is not None:
        roles = Roles([c for c in roles.suppliers if c != owner] or roles.suppliers, [owner])
        _note(clause_trace, owner, "its_purchase")
    if trace is not None and clause_trace is not None:
        for code, cues in clause_trace.items():
            trace.setdefault(code, set()).update(f"clause_{c}" for c in cues)
    if roles.recipients and roles.suppliers:
        if trace is not None:
            _roles_in(text, 0, len(text), parties, system, sys_start, trace)
        return roles, True
    whole = _roles_in(text, 0, len(text), parties, system, sys_start, trace)
    taken = taken_up_buyer(info, whole, sys_start)
    if taken is not whole:
        _note(trace, taken.recipients[0], "taken_up_buyer")
    return taken, False


# A clause of its own opened by a country and its verb of trade after a comma or "and": "Egypt
# buys jets from France, Qatar buys tanks from Germany"; "… and Qatar has ordered tanks".
_JOIN_BEFORE = prefilter.compile(r"(?:,|\band)\s*(?:the\s+)?\Z", re.I)
_OWN_VERB_AFTER = prefilter.compile(
    r"\A\s+(?:(?:also|now|then|has|have|had|will|would|is|are|was|were|in\s+turn)\s+){0,2}"
    rf"(?:{BUY_WORDS}|{SELL_WORDS}"
    r"|propos(?:es|ed|ing)|bids?|submit(?:s|ted)|sign(?:s|ed)|agreed|won|made)\b",
    re.I,
)


def _own_subject_clause(
    text: str, parties: list[Party], start: int, end: int, position: int
) -> tuple[int, int]:
    """The part of a clause that holds `position` when a country and its own verb of trade open
    a second clause there; the part before the country must hold a verb of trade of its own
    ("Egypt and Qatar buy jets" is one clause)."""
    for p in parties:
        if not start < p.start < end or p.form == "demonym":
            continue
        if not _JOIN_BEFORE.search(text[max(start, p.start - 12) : p.start]):
            continue
        if not _OWN_VERB_AFTER.match(text[p.end : p.end + 60]):
            continue
        if not _trade_verb(text, start, p.start)[0]:
            continue
        if position < p.start:
            end = p.start
        else:
            start = p.start
    return start, end


@per_article
def _clause_bounds(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in _CLAUSE_SPLIT.finditer(text)), len(text) + 1)


def clause_of(text: str, position: int) -> tuple[int, int]:
    bounds = _clause_bounds(text)
    for left, right in itertools.pairwise(bounds):
        if left <= max(position, 0) < right:
            return left, min(right, len(text))
    return 0, len(text)
