"""Arms deals: who supplies what to whom, at which stage, with quantity, value and dates.

Roles come from `roles`; this module reads the stage (status cues), quantities, money and the
order and delivery dates of each sentence, one frame per system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from armstrack.extract import prefilter
from armstrack.extract.claims import certainty_of
from armstrack.extract.context import SentenceInfo
from armstrack.extract.dates import is_future
from armstrack.extract.memo import per_article
from armstrack.extract.patterns import (
    AGREEMENT_PAPER,
    BATCH_TRANSFER,
    BUY_VERBS,
    COMPLETE_DELIVERY,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    LATER_BATCH,
    LOSER_AFTER,
    LOSER_CUE,
    MONEY,
    MULTIPLIERS,
    NEGATION_BEFORE,
    NEUTRAL_TRADE,
    NUMBER_WORDS,
    QUANTITY,
    QUANTITY_NOT,
    REPLACED_BEFORE,
    RUMOUR_CUE,
    SELL_VERBS,
    STATUS_CUES,
    TALKS_ON_HOLD,
    TALKS_PROPER,
    partial_delivery,
)
from armstrack.extract.roles import (
    Party,
    Roles,
    assign_roles,
    clause_of,
    masked_text,
    parties,
    pronoun_parties,
)
from armstrack.records import Certainty, DateInterval, Mention, Money
from armstrack.status import NO_ORDER, furthest_reported

_WISH_BEFORE = prefilter.compile(
    r"\b(?:wants?|hopes?|hoping|aims?|aiming|expects?|expecting|plans?|planning|intends?|seeks?|preparing)"
    r"\b[^.;,]*\Z",
    re.I,
)
_PAPER_BEFORE = prefilter.compile(
    r"\b(?:notice|notification|certification|letter|message|report|statement|request|proposal"
    r"|speech|remarks|warning|ultimatum)\b(?:\s+[\w,-]+){0,8}?\s+(?:(?:had|has|have|was|were)\s+"
    r"(?:been\s+)?)?\Z",
    re.I,
)
_PAPER_AFTER = prefilter.compile(
    r"\s+to\s+(?:the\s+)?(?:US\s+)?(?:Congress|lawmakers|parliament|legislators|committee)"
    r"|\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:clearances?|approvals?|permission|authori[sz]ations?|offers?"
    r"|requests?|bids?|proposals?|letters?|invitations?|assurances?|guarantees?|briefings?)\b",
    re.I,
)
# A stage word inside what is denied or left open: "does not indicate that a contract has
# been signed", "did not say whether the deal was signed".
_NEGATED_CLAIM = prefilter.compile(
    r"\b(?:not|n't|never|no\s+sign|unclear|uncertain)\b[^.;:,]{0,60}\b(?:that|whether|if)\b[^.;:,]*\Z",
    re.I,
)
_FUTURE_BEFORE = prefilter.compile(r"\b(?:to\s+be|will\s+be|would\s+be|be)\s+\Z", re.I)


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


_HEDGED_BEFORE = prefilter.compile(
    r"\b(?:potentially|possibly|perhaps|maybe|eventually)\b,?\s+(?:[\w-]+\s+){0,2}\Z", re.I
)


_REACHED = frozenset({"agreed", "signed", "delivering", "delivered"})


def _status(
    info: SentenceInfo, certainty: Certainty, future: bool, verbs: bool, system: Mention
) -> tuple[str | None, bool]:
    text = info.text
    sys_at = info.local(system.start)
    if not 0 <= sys_at < len(text):
        sys_at = int(str(info.extra.get("anaphor_at", 0)))
    sys_clause = clause_of(text, sys_at)
    # "Rafales and, potentially, American F-15s": the system is only a prospect, so a stage
    # the sentence reaches for another ("a day after Jakarta signed") is not its stage.
    hedged = _HEDGED_BEFORE.search(text[max(0, sys_at - 40) : sys_at]) is not None
    found: list[str] = []
    for status, matches in _status_matches(info):
        if hedged and status in _REACHED:
            continue
        for start in matches:
            in_clause = sys_clause[0] <= start < sys_clause[1]
            if status == "cancelled" and (
                not in_clause or not _nearest_system(info, system, start)
            ):
                continue  # "days before that suspension, they signed"; another system's end
            if not in_clause and _other_system_there(info, system, clause_of(text, start)):
                continue  # "the Hydra class was delivered in 1992, while talks on FREMMs…"
            # Any clause's cue counts: later clauses often carry the deal's later stages
            # ("signed in 2014 and has been receiving aircraft since 2022").
            found.append(status)
            break
    if "delivered" in found and partial_delivery(text):
        # "had received four submarines, completing the orders": a clause of the system's own
        # or one that names no other system says the whole order arrived
        done = any(
            clause_of(text, m.start()) == sys_clause
            or not _other_system_there(info, system, clause_of(text, m.start()))
            for m in COMPLETE_DELIVERY.finditer(text)
        )
        if not done:
            found.append("delivering")
    if "negotiating" in found and "proposed" in found and not TALKS_PROPER.search(text):
        found.remove("negotiating")  # "weighing offers of the F-16": an offer, not talks
    if (
        "delivered" not in found
        and "cancelled" not in found
        and LATER_BATCH.search(text)
        and BATCH_TRANSFER.search(text)
    ):
        found.append("delivering")  # "will deliver the fourth batch": deliveries under way
    if "cancelled" in found and TALKS_ON_HOLD.search(text):
        found = [s for s in found if s != "cancelled"] + ["negotiating"]
    if "signed" in found and AGREEMENT_PAPER.search(text) and not _CONTRACT_WORD.search(text):
        found = [s for s in found if s != "signed"] + ["agreed"]  # a signed MoU is agreed
    if _lost_bid(info, system, sys_at):
        return "cancelled", False
    if RUMOUR_CUE.search(text):
        return "rumored", False
    if found:
        if "delivered" in found and "delivering" in found:
            found.remove("delivered")
        best = furthest_reported(found)
        if (
            best == "agreed"
            and _AGREED_TO_BUY.search(text)
            and (find_money(text) or _CONTRACT_WORD.search(text) or _SALES_CHANNEL.search(text))
        ):
            # "agreed to buy 36 jets for $2bn", "…, one of several contracts": a priced or
            # contracted purchase; without either it stays an agreement ("agreed to buy two").
            best = "signed"
        return best, False
    if future and verbs and not hedged:
        if _CONTRACT_WORD.search(text):
            return "signed", False  # "under the contracts, Russia will supply"
        return ("rumored" if certainty.level == "possible" else "agreed"), True
    return None, False


def _status_matches(info: SentenceInfo) -> list[tuple[str, list[int]]]:
    """Where each stage cue stands in the sentence, without the cues its own words undo (a
    negation, a wish, a future, paperwork): read once per sentence, shared by its systems."""
    cached = info.extra.get("status_matches")
    if isinstance(cached, list):
        return cached
    text = info.text
    out: list[tuple[str, list[int]]] = []
    for status, pattern in STATUS_CUES:
        starts = []
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 25) : match.start()]
            if NEGATION_BEFORE.search(before) or _FUTURE_BEFORE.search(before):
                continue
            if _NEGATED_CLAIM.search(text[max(0, match.start() - 90) : match.start()]):
                continue  # "does not yet indicate that a contract has been signed"
            if status in {"delivered", "delivering", "signed"} and (
                is_future(text, match.start(), match.end())
                or _WISH_BEFORE.search(text[max(0, match.start() - 70) : match.start()])
            ):
                continue  # "they want the letter of acceptance signed by December"
            if status in {"delivered", "delivering"} and (
                _PAPER_BEFORE.search(text[max(0, match.start() - 70) : match.start()])
                or _PAPER_AFTER.match(text[match.end() :])
            ):
                continue  # "a notice delivered to Congress": paperwork, not hardware
            starts.append(match.start())
        if starts:
            out.append((status, starts))
    info.extra["status_matches"] = out
    return out


_AGREED_TO_BUY = prefilter.compile(
    r"\bagree[sd]?\s+(?:on\s+\w+\s+|\w+\s+)?to\s+(?:buy|purchase|acquire|procure|order)\b", re.I
)


_CONTRACT_WORD = prefilter.compile(r"\bcontracts?\b", re.I)
# A purchase made through a sales programme is contracted ("through foreign military sales").
_SALES_CHANNEL = prefilter.compile(
    r"\b(?:foreign\s+military\s+sales?|FMS|direct\s+commercial\s+sales?)\b", re.I
)


_SEMICOLON_OR_COLON = prefilter.compile(r"[;:]")
_CLAUSE_END = prefilter.compile(r"[;:]|\.\s")


_LIST_INTRO = prefilter.compile(r"[^;:.]{0,30}:")
_ITEM_END = prefilter.compile(r";|\.\s")


def _lost_bid(info: SentenceInfo, system: Mention, sys_at: int) -> bool:
    """Whether the system (or its seller's name before it) comes after a word of losing
    ("beat the Lynx offered by Germany", "preferred over the F-16"), within its clause."""
    text = info.text
    if not 0 <= sys_at < len(text):
        return False
    after = LOSER_AFTER.search(text, sys_at)
    if (
        after
        and after.start() - sys_at <= 60
        and not _SEMICOLON_OR_COLON.search(text[sys_at : after.start()])
    ):
        return True
    for cue in LOSER_CUE.finditer(text, 0, sys_at):
        between = text[cue.end() : sys_at]
        if len(between) <= 90 and not _CLAUSE_END.search(between):
            return True
        # A colon right after the cue lists the losers: "beat two rival offers: the F/A-18F
        # from Boeing, … and the Eurofighter".
        listed = _LIST_INTRO.match(between)
        if listed and len(between) <= 200 and not _ITEM_END.search(between[listed.end() :]):
            return True
    return False


def _nearest_system(info: SentenceInfo, system: Mention, at: int) -> bool:
    """Whether this system is the one named nearest to a cue (or no system is named). A weapon
    phrase counts where it stands ("no intention of supplying military equipment" is said of
    the equipment, not of a jet named before it)."""
    named = [m for m in info.of_kind("weapon_system") if 0 <= info.local(m.start) < len(info.text)]
    if not named:
        return True
    if system.form == "generic" and 0 <= info.local(system.start) < len(info.text):
        named.append(system)
    nearest = min(named, key=lambda m: abs(info.local(m.start) - at))
    return nearest.canonical == system.canonical


def _other_system_there(info: SentenceInfo, system: Mention, clause: tuple[int, int]) -> bool:
    """Whether a clause speaks of another system (and not of this one)."""
    inside = {
        m.canonical
        for m in info.of_kind("weapon_system")
        if clause[0] <= info.local(m.start) < clause[1]
    }
    return bool(inside) and system.canonical not in inside


def _quantity_of(info: SentenceInfo, system: Mention) -> int | None:
    """How many of the system the sentence names: beside its name, or beside the words that
    stand for it ("a dozen of the light warplanes"; not "the deal", which names no goods)."""
    if system in info.mentions:
        return _quantity(info, info.local(system.start))
    at = info.extra.get("anaphor_at")
    if (
        system is info.context_system
        and isinstance(at, int)
        and _GOODS_ANAPHOR.match(info.text, at)
    ):
        return _quantity(info, at)
    return None


# An anaphor that names goods ("the jets"), not a contract ("the deal").
_GOODS_ANAPHOR = prefilter.compile(
    r"the\s+(?!(?:deal|contract|sale|purchase|agreement|order)\b)", re.I
)


def _quantity(info: SentenceInfo, sys_start: int) -> int | None:
    text = info.text
    best: tuple[int, int] | None = None
    spans = [(info.local(m.start), info.local(m.end)) for m in info.mentions] + [
        (info.local(d.start), info.local(d.end)) for d in info.dates
    ]
    for match in QUANTITY.finditer(text):
        if QUANTITY_NOT.match(text[match.end("num") :]) or text[match.end("num") :].startswith(
            (".", ",")
        ):
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


_THOUSANDS = prefilter.compile(r",\d{3}\b")


@per_article
def find_money(text: str) -> tuple[Money, ...]:
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
        cleaned = num.replace(",", "") if _THOUSANDS.search(num) else num.replace(",", ".")
        try:
            amount = float(cleaned) * MULTIPLIERS.get(mult, 1.0)
        except ValueError:
            continue
        out.append(Money(amount, currency, match.group(0).strip()))
    return tuple(out)


_DELIVERY_TRIGGER = prefilter.compile(
    r"\b(?:deliver\w*|receiv\w*|arriv\w*|transfer\w*|hand\w*\s+over|ship\w*|supplied|provide\w*"
    r"|induct\w*|in\s+service|operational)\b",
    re.I,
)
_ORDER_TRIGGER = prefilter.compile(
    r"\b(?:sign\w*|contract\w*|order\w*|deal|agreement|agreed|talks|negotiat\w*|bought|purchas\w*"
    r"|acquir\w*|offer\w*|approv\w*|select\w*|ink\w*|award\w*|cancel\w*|scrap\w*)\b",
    re.I,
)


def _classify_dates(info: SentenceInfo) -> tuple[DateInterval | None, DateInterval | None]:
    """(order date, delivery date): each date goes to the nearer kind of trigger (read once
    per sentence)."""
    cached = info.extra.get("classified_dates")
    if isinstance(cached, tuple):
        return cached
    found = _classify(info) if any(not d.weak for d in info.dates) else (None, None)
    info.extra["classified_dates"] = found
    return found


def _classify(info: SentenceInfo) -> tuple[DateInterval | None, DateInterval | None]:
    text = info.text
    delivery = [m.start() for m in _DELIVERY_TRIGGER.finditer(text)]
    order = [m.start() for m in _ORDER_TRIGGER.finditer(text)]
    order_date = delivery_date = None

    def distance(start: int, p: int) -> int:
        # A date mostly follows its verb ("delivered in July 2019 under a 2017 agreement"):
        # a trigger after the date counts as twice as far.
        return start - p if p <= start else 2 * (p - start)

    for d in (d for d in info.dates if not d.weak):
        start = info.local(d.start)
        to_delivery = min((distance(start, p) for p in delivery), default=10_000)
        to_order = min((distance(start, p) for p in order), default=10_000)
        if to_delivery < to_order:
            delivery_date = delivery_date or d
        elif to_order < 10_000:
            order_date = order_date or d
    return order_date, delivery_date


# "would replace the F-16s Romania bought from Portugal": what is replaced was itself bought.
_BOUGHT_AFTER = prefilter.compile(
    r"\A\s+(?:(?:that|which)\s+)?(?:[\w-]+\s+){0,3}?(?:bought|acquired|purchased|ordered|received|leased)\b",
    re.I,
)


def trade_words(info: SentenceInfo) -> list[re.Match[str] | None]:
    """The first word of buying, of selling and of trade in a sentence (read once)."""
    cached = info.extra.get("trade")
    if isinstance(cached, list):
        return cached
    found = [p.search(info.text) for p in (BUY_VERBS, SELL_VERBS, NEUTRAL_TRADE)]
    info.extra["trade"] = found
    return found


def find_deal_frames(info: SentenceInfo) -> list[DealFrame]:
    """Every deal the sentence reports, one frame per system."""
    return [f for f in _deal_frames(info, True) if isinstance(f, DealFrame)]


def held(info: SentenceInfo, system: Mention) -> bool:
    """A system the sentence names as one its buyer holds or replaces ("an overhaul of its
    current Sukhoi and F-16 fleet", "to replace its MiG-21s"), not one it buys, unless the
    words after say it was bought ("the MiG-21s it bought in 1970")."""
    text = info.text
    at = info.local(system.start)
    return REPLACED_BEFORE.search(
        text[max(0, at - 60) : at]
    ) is not None and not _BOUGHT_AFTER.match(text[info.local(system.end) :])


def rule_triples(info: SentenceInfo) -> set[tuple[str, str, str]]:
    """The (supplier, recipient, system) the grammar reading finds in a sentence, without
    reading their stage (a cue for the fitted scorer)."""
    return {f for f in _deal_frames(info, False) if isinstance(f, tuple)}


def _deal_frames(info: SentenceInfo, full: bool) -> list[DealFrame | tuple[str, str, str]]:
    text = info.text
    trade = trade_words(info)
    if not any(trade):
        return []
    systems = [m for m in info.of_kind("weapon_system") if not held(info, m)]
    if not systems and info.context_system is not None:
        systems = [info.context_system]
    if not systems:
        return []
    masked, hidden = masked_text(info)
    info.extra["masked"] = masked
    named = parties(info)
    found = sorted(named + pronoun_parties(info, named), key=lambda p: p.start)
    found = [p for p in found if not any(s <= p.start < e for s, e in hidden)]
    if not found:
        return []
    frames: list[DealFrame | tuple[str, str, str]] = []
    verbs = [m for m in trade[:2] if m]
    anchor = min(m.start() for m in (verbs or [m for m in trade if m]))
    # The stage's cues, read only where full frames are asked for (the grammar reading's own
    # deals); the triples alone need none of them.
    stage = (
        (
            certainty_of(text, anchor),
            is_future(text, anchor, anchor + 1),
            *_classify_dates(info),
            find_money(text),
        )
        if full
        else None
    )
    unique = list({m.canonical: m for m in reversed(systems)}.values())[::-1]
    if any(m.detail != "engine" for m in unique):
        # Engines listed with the aircraft they power are parts of that package.
        unique = [m for m in unique if m.detail != "engine"]
    results = [(system, *assign_roles(info, found, system)) for system in unique]
    results = _distribute(info, found, results)
    # When one system found its parties in its own clause, another may not borrow them from
    # the rest of the sentence ("took delivery of Patriot batteries ..., prompting removal from the F-35").
    any_clause = any(in_clause for _, _, in_clause in results)
    for system, roles, in_clause in results:
        if any_clause and not in_clause:
            continue
        for supplier in roles.suppliers:
            for recipient in roles.recipients:
                if supplier == recipient:
                    continue
                if stage is None:
                    frames.append((supplier, recipient, system.canonical))
                    continue
                frames.append(_frame(info, system, supplier, recipient, trade, *stage))
    return frames


def _distribute(
    info: SentenceInfo, found: list[Party], results: list[tuple[Mention, Roles, bool]]
) -> list[tuple[Mention, Roles, bool]]:
    """ "Black Hawks to Jordan, Harpoons for Egypt": with several systems and several buyers in
    one sentence, each system keeps the buyers named between it and the next system."""
    named = [m for m, _, _ in results if 0 <= info.local(m.start) < len(info.text)]
    if len(named) < 2:
        return results
    starts = sorted(info.local(m.start) for m in named)
    out = []
    for system, roles, in_clause in results:
        at = info.local(system.start)
        if len(roles.recipients) > 1 and at in starts:
            following = [s for s in starts if s > at]
            end = following[0] if following else len(info.text)
            mine = [p.iso3 for p in found if at < p.start < end and p.iso3 in roles.recipients]
            if mine:
                roles = Roles(roles.suppliers, list(dict.fromkeys(mine)))
        out.append((system, roles, in_clause))
    return out


def _frame(
    info: SentenceInfo,
    system: Mention,
    supplier: str,
    recipient: str,
    trade: list[re.Match[str] | None],
    certainty: Certainty,
    future: bool,
    order_date: DateInterval | None,
    delivery_date: DateInterval | None,
    money: tuple[Money, ...],
) -> DealFrame:
    status, implied = _status(info, certainty, future, bool(trade[0] or trade[1]), system)
    return DealFrame(
        supplier=supplier,
        recipient=recipient,
        system=system.canonical,
        category=system.detail or "other",
        status=status,
        status_implied=implied,
        quantity=_quantity_of(info, system),
        value=money[0] if money else None,
        order_date=order_date if status not in NO_ORDER else None,
        delivery_date=delivery_date,
        certainty=certainty,
        future=future,
        info=info,
    )


def frame_for(info: SentenceInfo, system: Mention, supplier: str, recipient: str) -> DealFrame:
    """One sentence's report of a given deal, whoever decided the deal is there: its stage
    cues, quantity, value, dates and hedging read from the sentence. What depends only on the
    sentence and the system is read once and shared by every pair of countries."""
    cache = info.extra.setdefault("frames", {})
    assert isinstance(cache, dict)
    key = (system.start, system.canonical)
    if key not in cache:
        text = info.text
        trade = trade_words(info)
        found = [m for m in trade if m]
        verbs = [m for m in trade[:2] if m]
        anchor = min(m.start() for m in (verbs or found)) if found else 0
        certainty = certainty_of(text, anchor)
        future = is_future(text, anchor, anchor + 1)
        order_date, delivery_date = _classify_dates(info)
        cache[key] = _frame(
            info,
            system,
            "",
            "",
            trade,
            certainty,
            future,
            order_date,
            delivery_date,
            find_money(text),
        )
    template: DealFrame = cache[key]
    if recipient in _original_buyers(info):
        # "corvettes originally built for Peru": that buyer's order fell through.
        return replace(
            template,
            supplier=supplier,
            recipient=recipient,
            status="cancelled",
            status_implied=False,
            order_date=None,
        )
    # Made field by field: `dataclasses.replace` reads the fields anew on every call, and
    # every report of every candidate comes here.
    t = template
    return DealFrame(
        supplier=supplier, recipient=recipient, system=t.system, category=t.category,
        status=t.status, status_implied=t.status_implied, quantity=t.quantity, value=t.value,
        order_date=t.order_date, delivery_date=t.delivery_date, certainty=t.certainty,
        future=t.future, info=t.info,
    )  # fmt: skip


_ORIGINAL_BUYER = prefilter.compile(
    r"\b(?:originally|initially)\s+(?:built|intended|ordered|destined|meant|made|earmarked)"
    r"\s+for\s+(?:the\s+)?\Z",
    re.I,
)


def _original_buyers(info: SentenceInfo) -> set[str]:
    """The countries a sentence names as the first buyer of goods now going elsewhere."""
    cached = info.extra.get("original_buyers")
    if isinstance(cached, set):
        return cached
    found = {
        str(m.iso3)
        for m in info.mentions
        if m.kind in {"country", "organization"}
        and m.iso3
        and _ORIGINAL_BUYER.search(
            info.text[max(0, info.local(m.start) - 50) : info.local(m.start)]
        )
    }
    info.extra["original_buyers"] = found
    return found
