"""Arms deals: who supplies what to whom, at which stage, read from sentence structure.

Roles come from the grammar around each country: "to X" after a sale, "from X" after a
purchase, "provide X with", the subject of "buy" or "sell", "X's purchase". Only when the text
leaves a role open does the producing country of the named system fill it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from armstrack import gazetteer
from armstrack.extract.claims import certainty_of
from armstrack.extract.context import SentenceInfo, publication_interval
from armstrack.extract.dates import is_future
from armstrack.extract.patterns import (
    BUY_NOUNS,
    BUY_VERBS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    MONEY,
    MULTIPLIERS,
    NEGATION_BEFORE,
    NEUTRAL_TRADE,
    NUMBER_WORDS,
    PURPOSE_BUY,
    PURPOSE_SELL,
    QUANTITY,
    QUANTITY_NOT,
    SELL_NOUNS,
    SELL_VERBS,
    STATUS_CUES,
    STATUS_RANK,
)
from armstrack.records import Certainty, DateInterval, Mention, Money

_PREP = re.compile(r"\b(?P<prep>to|from|with|by|for|of|in|at|between|and|against|over|near)\s+(?:the\s+)?\Z", re.I)
_POSSESSIVE = re.compile(r"\A['’]s?\s+(?:\w+\s+){0,2}?(?P<noun>\w+)")
_FUTURE_BEFORE = re.compile(r"\b(?:to\s+be|will\s+be|would\s+be|be)\s+\Z", re.I)
_PARTY_KINDS = {"country", "organization", "person"}


@dataclass(frozen=True)
class Party:
    iso3: str
    start: int  # sentence-local
    end: int
    form: str


@dataclass(frozen=True)
class DealFrame:
    """One sentence's report of one deal."""

    supplier: str
    recipient: str
    system: str
    category: str
    status: str | None
    # True when the status is only implied by a future transfer ("will supply"), not stated.
    status_implied: bool
    quantity: int | None
    value: Money | None
    order_date: DateInterval | None
    delivery_date: DateInterval | None
    certainty: Certainty
    future: bool
    info: SentenceInfo


def _parties(info: SentenceInfo) -> list[Party]:
    places = [(m.start, m.end) for m in info.of_kind("place")]
    parties: list[Party] = []
    for m in info.mentions:
        if m.kind not in _PARTY_KINDS or not m.iso3 or m.iso3 not in gazetteer.countries():
            continue
        if m.kind == "organization" and m.detail in {"media", "think_tank", "international_org", "alliance"}:
            continue
        if any(s <= m.start and m.end <= e for s, e in places):
            continue  # "the Turkish-Syrian border"
        start, end = info.local(m.start), info.local(m.end)
        before = info.text[max(0, start - 12) : start]
        if m.kind == "country" and m.form == "capital" and re.search(r"\b(?:in|at)\s+\Z", before):
            continue  # a meeting "in Moscow" is a place, not a party
        parties.append(Party(m.iso3, start, end, m.form if m.kind == "country" else m.kind))
    return parties


def _first(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(text)


def _assign_roles(info: SentenceInfo, parties: list[Party], system: Mention) -> tuple[str | None, str | None]:  # noqa: C901
    text = info.text
    supplier: str | None = None
    recipient: str | None = None
    counterparts: list[str] = []
    subjects: list[str] = []
    buy_verb = _first(BUY_VERBS, text)
    sell_verb = _first(SELL_VERBS, text)
    first_verb = min((v.start() for v in (buy_verb, sell_verb) if v), default=len(text))
    origin = system.iso3
    sys_start = info.local(system.start)
    for party in parties:
        before = text[max(0, party.start - 30) : party.start]
        after = text[party.end : party.end + 40]
        prep = _PREP.search(before)
        word = prep.group("prep").lower() if prep else ""
        possessive = _POSSESSIVE.match(after)
        # A demonym or name right before the system: "South Korean K2 tanks", "Russia's S-400".
        gap = text[party.end : sys_start]
        if 0 <= sys_start - party.end <= 25 and re.fullmatch(r"(?:['’]s?)?[\s\w-]{0,20}", gap):
            if party.iso3 == origin or origin is None:
                supplier = supplier or party.iso3
                continue
            if possessive:
                recipient = recipient or party.iso3
                continue
        if possessive and possessive.group("noun"):
            noun = possessive.group("noun")
            if BUY_NOUNS.fullmatch(noun):
                recipient = recipient or party.iso3
                continue
            if SELL_NOUNS.fullmatch(noun):
                supplier = supplier or party.iso3
                continue
        if word == "to":
            recipient = recipient or party.iso3
        elif word == "from":
            supplier = supplier or party.iso3
        elif word in {"with", "between", "and"}:
            counterparts.append(party.iso3)
        elif word == "for":
            recipient = recipient or party.iso3
        elif word == "by":
            prior = text[: party.start]
            last_buy = max((m.end() for m in BUY_VERBS.finditer(prior)), default=-1)
            last_sell = max((m.end() for m in SELL_VERBS.finditer(prior)), default=-1)
            if last_buy > last_sell:
                recipient = recipient or party.iso3
            elif last_sell > last_buy:
                supplier = supplier or party.iso3
            else:
                counterparts.append(party.iso3)
        elif word in {"of", "in", "at", "against", "over", "near"}:
            continue
        elif (
            sell_verb
            and sell_verb.end() <= party.start
            and re.fullmatch(r"\s*", text[sell_verb.end() : party.start])
        ):
            recipient = recipient or party.iso3  # "provide China with", "sold Egypt 24 jets"
        elif party.start < first_verb or not (buy_verb or sell_verb):
            subjects.append(party.iso3)
        else:
            counterparts.append(party.iso3)
    if subjects:
        verb_is_buy = buy_verb is not None and (sell_verb is None or buy_verb.start() < sell_verb.start())
        verb_is_sell = sell_verb is not None and not verb_is_buy
        if PURPOSE_BUY.search(text) and not verb_is_sell:
            verb_is_buy = True
        elif PURPOSE_SELL.search(text) and not verb_is_buy:
            verb_is_sell = True
        for subject in subjects:
            if verb_is_buy and recipient is None:
                recipient = subject
            elif verb_is_sell and supplier is None:
                supplier = subject
            else:
                counterparts.append(subject)
    others = [c for c in dict.fromkeys(counterparts) if c not in {supplier, recipient}]
    if others:
        if supplier is None and recipient is not None:
            supplier = origin if origin in others else others[0]
        elif recipient is None and supplier is not None:
            recipient = others[0]
        elif supplier is None and recipient is None:
            if origin in others and len(others) > 1:
                supplier = origin
                recipient = next(o for o in others if o != origin)
            elif len(others) == 1 and origin and origin != others[0]:
                supplier, recipient = origin, others[0]
    if supplier is None and origin and origin != recipient:
        supplier = origin
    return supplier, recipient


def _status(
    info: SentenceInfo, certainty: Certainty, future: bool, verbs: bool
) -> tuple[str | None, bool]:
    text = info.text
    found: list[str] = []
    for status, pattern in STATUS_CUES:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 25) : match.start()]
            if NEGATION_BEFORE.search(before) or _FUTURE_BEFORE.search(before):
                continue
            if status in {"delivered", "signed"} and is_future(text, match.start(), match.end()):
                continue
            found.append(status)
            break
    if found:
        if "delivered" in found and "delivering" in found:
            found.remove("delivered")
        return max(found, key=lambda s: STATUS_RANK[s]), False
    if future and verbs:
        return ("rumored" if certainty.level == "possible" else "agreed"), True
    return None, False


def _quantity(info: SentenceInfo, system: Mention) -> int | None:
    text = info.text
    sys_start = info.local(system.start)
    best: tuple[int, int] | None = None
    spans = [(info.local(m.start), info.local(m.end)) for m in info.mentions] + [
        (info.local(d.start), info.local(d.end)) for d in info.dates
    ]
    for match in QUANTITY.finditer(text):
        if QUANTITY_NOT.match(text[match.end("num") :]) or text[match.end("num") :].startswith((".", ",")):
            continue
        if any(s <= match.start() < e for s, e in spans):
            continue
        raw = " ".join(match.group("num").lower().split())
        value = int(raw.replace(",", "")) if raw[0].isdigit() else NUMBER_WORDS.get(raw)
        if value is None or value <= 0 or (1950 <= value <= 2100 and raw.isdigit()):
            continue
        distance = sys_start - match.end()
        if -60 <= distance <= 60 and (best is None or abs(distance) < abs(best[0])):
            best = (distance, value)
    return best[1] if best else None


def find_money(text: str) -> list[Money]:
    out: list[Money] = []
    for match in MONEY.finditer(text):
        num = match.group("num") or match.group("num2")
        mult = (match.group("mult") or match.group("mult2") or "").lower()
        if match.group("sym"):
            currency = CURRENCY_SYMBOLS.get(match.group("sym").lower(), "USD")
        else:
            currency = CURRENCY_WORDS[match.group("word").lower()]
            if not mult and len(num.replace(",", "").split(".")[0]) < 4:
                continue  # "two won" is not a price
        cleaned = num.replace(",", "") if re.search(r",\d{3}\b", num) else num.replace(",", ".")
        try:
            amount = float(cleaned) * MULTIPLIERS.get(mult, 1.0)
        except ValueError:
            continue
        out.append(Money(amount, currency, match.group(0).strip()))
    return out


def _classify_dates(info: SentenceInfo) -> tuple[DateInterval | None, DateInterval | None]:
    """(order date, delivery date): each date goes to the nearer kind of trigger."""
    text = info.text
    delivery = [m.start() for m in re.finditer(
        r"\b(?:deliver\w*|receiv\w*|arriv\w*|transfer\w*|hand\w*\s+over|ship\w*|supplied|provide\w*"
        r"|induct\w*|in\s+service|operational)\b", text, re.I)]  # fmt: skip
    order = [m.start() for m in re.finditer(
        r"\b(?:sign\w*|contract\w*|order\w*|deal|agreement|agreed|talks|negotiat\w*|bought|purchas\w*"
        r"|acquir\w*|offer\w*|approv\w*|select\w*|ink\w*|award\w*|cancel\w*|scrap\w*)\b", text, re.I)]  # fmt: skip
    order_date = delivery_date = None
    for d in (d for d in info.dates if not d.weak):
        start = info.local(d.start)
        to_delivery = min((abs(start - p) for p in delivery), default=10_000)
        to_order = min((abs(start - p) for p in order), default=10_000)
        if to_delivery < to_order:
            delivery_date = delivery_date or d
        elif to_order < 10_000:
            order_date = order_date or d
    return order_date, delivery_date


def find_deal_frames(info: SentenceInfo) -> list[DealFrame]:
    """Every deal the sentence reports, one frame per system."""
    text = info.text
    trade = [p.search(text) for p in (BUY_VERBS, SELL_VERBS, NEUTRAL_TRADE)]
    if not any(trade):
        return []
    systems = info.of_kind("weapon_system")
    if not systems and info.context_system is not None:
        systems = [info.context_system]
    if not systems:
        return []
    parties = _parties(info)
    if not parties:
        return []
    frames: list[DealFrame] = []
    verbs = [m for m in trade[:2] if m]
    anchor = min(m.start() for m in (verbs or [m for m in trade if m]))
    certainty = certainty_of(text, anchor)
    future = is_future(text, anchor, anchor + 1)
    order_date, delivery_date = _classify_dates(info)
    money = find_money(text)
    seen: set[str] = set()
    for system in systems:
        if system.canonical in seen:
            continue
        seen.add(system.canonical)
        supplier, recipient = _assign_roles(info, parties, system)
        if not supplier or not recipient or supplier == recipient:
            continue
        status, implied = _status(info, certainty, future, bool(trade[0] or trade[1]))
        if order_date is None and status in {"negotiating", "agreed", "proposed"}:
            present = re.search(r"\b(?:is|are|has|have)\b", text) is not None
            fallback = publication_interval(info.published) if present else None
        else:
            fallback = None
        frames.append(
            DealFrame(
                supplier=supplier,
                recipient=recipient,
                system=system.canonical,
                category=system.detail or "other",
                status=status,
                status_implied=implied,
                quantity=_quantity(info, system) if system in info.mentions else None,
                value=money[0] if money else None,
                order_date=order_date or fallback,
                delivery_date=delivery_date,
                certainty=certainty,
                future=future,
                info=info,
            )
        )
    return frames
