"""Deals decided from an article's candidates: each weighed by the fitted model, the likelier
of rival readings kept (`standing`: one seller per system and buyer, parties listed together
excepted, the parts of a package left out), its status by the status model or the stage its best sentence
states, and its evidence the sentence that reports it best. Without fitted models, the grammar
reading's frames are merged into deals instead (`merge_frames`)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from armstrack.article import Article
from armstrack.extract import prefilter
from armstrack.extract.candidates import TITLE_INDEX, Candidate
from armstrack.extract.context import SentenceInfo, stable_id
from armstrack.extract.deals import DealFrame, frame_for
from armstrack.extract.lists import (
    beaten_bids,
    hypernyms_of_listed,
    listed_beside,
    lists_gone_on,
    respectively_crossed,
)
from armstrack.extract.patterns import NUMBER_WORDS
from armstrack.extract.scorer import DealModel, StatusModel
from armstrack.extract.stage import Report, stage_stated, status_features
from armstrack.extract.standing import an_alias, displace, fold_phrases, named_for_phrase, only_held
from armstrack.records import Deal, Evidence
from armstrack.status import (
    DELIVERY,
    NO_ORDER,
    PRE_DELIVERY,
    furthest_reported,
    report_rank,
    without_finished_delivery,
)


def reported_by(article: Article) -> str:
    """Who states what a sentence says when no one in it is quoted: the outlet, else the
    byline, else the report itself."""
    return article.meta.source or article.meta.byline or "the report (no outlet given)"


def decide_deals(
    article: Article,
    sentences: list[SentenceInfo],
    candidates: list[Candidate],
    model: DealModel,
    statuses: StatusModel | None,
    title: SentenceInfo | None = None,
) -> tuple[list[Deal], list[Deal]]:
    """(deals, candidates kept for review): each candidate weighed by the fitted model, its
    status by the status model (`title` is the headline read as a sentence), its evidence the
    sentence that best reports it."""
    outlet = reported_by(article)
    infos = {info.sentence.index: info for info in sentences}
    deals: list[Deal] = []
    review: list[Deal] = []
    memo: dict[int, float] = {}
    scored: list[tuple[Candidate, list[float], float]] = []
    for cand in candidates:
        logits = [model.score(inst.parts, memo) for inst in cand.instances]
        confidence = model.combine(logits)
        if confidence >= model.review_floor:
            scored.append((cand, logits, confidence))
    kept = {id(c) for c, _, _ in displace(scored, model.threshold)}
    gone_on = lists_gone_on(scored, kept, infos)
    kept |= listed_beside(scored, kept, infos) | set(gone_on) | beaten_bids(scored, kept, infos)
    kept -= respectively_crossed(scored, infos)
    hypernyms, items = hypernyms_of_listed(scored, kept, infos)
    kept = (kept - hypernyms) | items
    kept -= {id(c) for c, _, _ in scored if only_held(c) or an_alias(c, infos)}
    scored, kept = fold_phrases(scored, kept, named_for_phrase(scored, kept))
    earlier: set[str] = set()
    # Each sentence's likeliest reading of each system it names: an earlier order is read only
    # from a sentence where it is that reading ("the Philippines, Malaysia's neighbour, took
    # delivery of 12 FA-50s" is the Philippines' order, not Malaysia's).
    best_reading: dict[tuple[int, str], float] = {}
    for cand, logits, _ in scored:
        for z, inst in zip(logits, cand.instances, strict=True):
            at = (inst.sentence, cand.key)
            best_reading[at] = max(best_reading.get(at, z), z)
    for cand, logits, confidence in scored:
        shown = id(cand) in kept
        reports, roles = sentence_reports(cand, infos, logits, ORDERS_READ if shown else 1)
        if not reports:
            continue
        others = tuple(
            infos[i].evidence() for i in sorted({x.sentence for x in cand.instances}) if i in infos
        )
        headline = headline_frame(cand, title)
        split = earlier_order(reports, model, cand.key, best_reading) if shown else None
        if split is not None:
            old, reports = split
            first = _deal_from(
                article.id, cand, old[:REPORTS_READ], roles, statuses,
                model.combine([z for _, z, _ in old]), outlet, batch="earlier",
            )  # fmt: skip
            earlier.add(first.id)
            deals.append(first)
        deal = _deal_from(
            article.id, cand, reports[:REPORTS_READ], roles, statuses, confidence, outlet, others,
            headline, further=further_stage(reports, cand),
        )  # fmt: skip
        if id(cand) in gone_on:
            shown_here = [c for c, _, _ in scored if id(c) in kept and id(c) not in gone_on]
            deal = _stage_of_list(deal, cand, shown_here, infos[gone_on[id(cand)]])
        (deals if shown else review).append(deal)
    return _one_per_contract(deals, earlier), review


def _stage_of_list(
    deal: Deal, cand: Candidate, shown: list[Candidate], before: SentenceInfo
) -> Deal:
    """A deal named where a list goes on, its stage unsaid there, is at the stage the sentence
    the list began in gives the same seller and buyer ("Peru will buy 12 Mi-171s…": agreed)."""
    if deal.status_confidence is None:
        return deal  # its own sentence states the stage
    for other in shown:
        if (other.supplier, other.recipient) != (cand.supplier, cand.recipient):
            continue
        for inst in other.instances:
            if inst.sentence == before.sentence.index:
                frame = frame_for(before, inst.mention, cand.supplier, cand.recipient)
                if frame.status is not None:
                    return replace(deal, status=frame.status, status_confidence=None)
    return deal


# How many of a shown candidate's best sentences are read for an earlier order of the same
# system between the same countries.
ORDERS_READ = 8
# A report this much older than the article is of an order of its own when the article also
# reports a further batch of another size.
EARLIER_DAYS = 730
_FURTHER = prefilter.compile(
    r"\b(?:further|more|additional|another|follow-?on|extra|second\s+batch|new\s+batch)\b", re.I
)

# A batch the sentence itself calls further, of whatever size: "12 more", "a further 20".
_COUNT = r"(?:\d[\d,]*|" + "|".join(w for w in NUMBER_WORDS if " " not in w and len(w) > 2) + ")"
_FURTHER_BATCH = prefilter.compile(
    rf"\b{_COUNT}\s+(?:more|additional|extra|further)\b"
    rf"|\b(?:a\s+further|another|an\s+additional)\s+{_COUNT}\b",
    re.I,
)


def earlier_order(
    reports: list[Report], model: DealModel, key: str, best_reading: dict[tuple[int, str], float]
) -> tuple[list[Report], list[Report]] | None:
    """(the reports of an earlier order, the others) when a candidate's sentences report two
    orders of one system between the same countries — "took delivery of a dozen MiG-29s in
    2001" beside "is to supply a further 20 MiG-29s" — else None. The earlier order is stated,
    sized, dated well before publication, and a deal on its own sentence's showing, that
    sentence's likeliest reading of the system (`best_reading`); the other is a further batch
    of another size, or one the sentence calls further ("12 more")."""

    def is_earlier(report: Report) -> bool:
        frame, z, _ = report
        return (
            _earlier(frame)
            and model.combine([z]) >= model.threshold
            and z >= best_reading.get((frame.info.sentence.index, key), z)
        )

    old = [r for r in reports if is_earlier(r)]
    rest = [r for r in reports if not is_earlier(r)]
    old_sizes = {f.quantity for f, _, _ in old}
    further = [
        f
        for f, _, _ in rest
        if f.quantity
        and (
            (f.quantity not in old_sizes and _FURTHER.search(f.info.text))
            or _FURTHER_BATCH.search(f.info.text)
        )
    ]
    if not old or not further:
        return None
    return old, rest


def _earlier(frame: DealFrame) -> bool:
    published = frame.info.published
    when = frame.order_date or frame.delivery_date
    return (
        published is not None
        and stage_stated(frame)
        and bool(frame.quantity)
        and when is not None
        and when.latest is not None
        and (published - when.latest).days > EARLIER_DAYS
    )


# How many of a candidate's best sentences are read for its stage, quantity, value and dates.
REPORTS_READ = 3


def sentence_reports(
    cand: Candidate, infos: dict[int, SentenceInfo], logits: list[float], limit: int = REPORTS_READ
) -> tuple[list[Report], dict[str, float]]:
    """A candidate's body sentences as reports of it (frame, logit, the system's mention),
    best first, and the candidate features of the best one."""
    scored = sorted(zip(logits, cand.instances, strict=True), key=lambda t: -t[0])
    body = [(z, inst) for z, inst in scored if inst.sentence in infos]
    seen: set[int] = set()
    reports: list[Report] = []
    for z, inst in body:
        if inst.sentence in seen:
            continue  # one report per sentence: its best reading
        seen.add(inst.sentence)
        info = infos[inst.sentence]
        reports.append(
            (frame_for(info, inst.mention, cand.supplier, cand.recipient), z, inst.mention)
        )
        if len(reports) == limit:
            break
    return reports, (body[0][1].features if body else {})


def further_stage(reports: list[Report], cand: Candidate) -> DealFrame | None:
    """A later report that names both countries in their roles and states a stage ("The first
    F-16 jets are now on their way from Norway to Ukraine") beside the pledge that reports the
    deal best, or a delivery the buyer alone is said to have had of the goods named by their
    kind. The furthest such stage, if any."""
    # Sentences whose grammar gives both countries their roles ("from X to Y", "X sold Y"),
    # and that name no other system, whose stage it could be.
    paired = {
        i.sentence
        for i in cand.instances
        if i.parts[-1].get("pair_rule") and not i.parts[0].get("sys_several_in_sentence")
    }
    stated = [
        f
        for f, _, mention in reports
        if stage_stated(f)
        and f.info.sentence.index in paired
        and mention is not None
        and 0 <= f.info.local(mention.start) < len(f.info.text)
        and {cand.supplier, cand.recipient}
        <= {m.iso3 for m in f.info.mentions if m.kind == "country"}
    ]
    # A delivery the buyer alone is said to have had, of the goods it names by their kind ("Peru
    # has received 10 of the 24 helicopters"), in a sentence naming no other country.
    stated += [
        f
        for f, _, mention in reports
        if f.status in {"delivering", "delivered"}
        and stage_stated(f)
        and mention is not None
        and f.info.context_system is mention
        and {m.iso3 for m in f.info.mentions if m.kind == "country"} == {cand.recipient}
    ]
    return max(stated, key=lambda f: report_rank(str(f.status)), default=None)


def headline_frame(cand: Candidate, title: SentenceInfo | None) -> DealFrame | None:
    """The headline's report of the candidate, when the headline names its system, or names no
    system but both its countries ("Norway's export ban to Chile hits Kongsberg")."""
    if title is None:
        return None
    heading = next((i.mention for i in cand.instances if i.sentence == TITLE_INDEX), None)
    if heading is not None:
        return frame_for(title, heading, cand.supplier, cand.recipient)
    if title.of_kind("weapon_system") or title.extra.get("phrases"):
        return None  # the headline is about another system
    named = {m.iso3 for m in title.mentions if m.iso3 and m.kind in {"country", "organization"}}
    if not {cand.supplier, cand.recipient} <= named:
        return None
    return frame_for(title, cand.system, cand.supplier, cand.recipient)


def _deal_from(
    article_id: str,
    cand: Candidate,
    reports: list[Report],
    roles: dict[str, float],
    statuses: StatusModel | None,
    confidence: float,
    outlet: str,
    more_sources: tuple[Evidence, ...] = (),
    headline: DealFrame | None = None,
    batch: str = "",
    further: DealFrame | None = None,
) -> Deal:
    """A deal record from the reports of its sentences, best-reporting first; `batch` names an
    order of its own beside another of the same system between the same countries."""
    lead = reports[0][0]
    status_confidence = None
    group = [f for f, _, _ in reports]
    telling = next((f for f in group if stage_stated(f)), None)
    if statuses is not None and telling is None and headline and stage_stated(headline):
        # The headline states the stage the body leaves unsaid ("U.S. greenlights sale of
        # HIMARS" over "The package includes 18 HIMARS launchers"): the occasion of the report.
        status, stated = str(headline.status), True
    elif statuses is not None and telling is None:
        probabilities = statuses.probabilities(status_features(reports, roles))
        status = max(probabilities, key=lambda s: probabilities[s])
        status_confidence = probabilities[status]
        stated = True
    elif statuses is not None and telling is not None:
        # A stage stated in one of the sentences that best report the deal stands, and that
        # sentence is the evidence (it carries the status).
        status, stated, lead = str(telling.status), True, telling
        if further is not None and report_rank(str(further.status)) > report_rank(status):
            status, lead = str(further.status), further  # the deal has gone further since
    else:
        merged = merge_frames(article_id, group, outlet)[0]
        status, stated = merged.status, merged.status_stated
    delivery = next((f for f in group if f.delivery_date), None)
    order = next((f for f in group if f.order_date), None)
    quantity = next((f.quantity for f in group if f.quantity), None)
    value = next((f.value for f in group if f.value), None)
    hedge_from = delivery if delivery and delivery.future else lead
    sources = tuple(dict.fromkeys([f.info.evidence() for f in group] + list(more_sources)))
    return Deal(
        id=stable_id(
            article_id, cand.supplier, cand.recipient, cand.system.canonical, *filter(None, [batch])
        ),
        supplier=cand.supplier,
        recipient=cand.recipient,
        system=cand.system.canonical,
        category=cand.system.detail or "other",
        status=status,
        quantity=quantity,
        value=value,
        order_date=order.order_date if order and status not in NO_ORDER else None,
        delivery_date=delivery.delivery_date if delivery else None,
        attribution=lead.info.attribution or outlet,
        certainty=hedge_from.certainty,
        evidence=lead.info.evidence(),
        sources=sources,
        status_stated=stated,
        confidence=round(confidence, 4),
        status_confidence=None if status_confidence is None else round(status_confidence, 4),
    )


def _one_per_contract(
    deals: list[Deal], earlier: frozenset[str] | set[str] = frozenset()
) -> list[Deal]:
    """The same pair and system named twice (a phrase and its name, "the jets" and "F-16") is one
    deal: the likelier one stays. An earlier order (ids in `earlier`) stands beside it."""
    best: dict[tuple[str, str, str, str], Deal] = {}
    for d in deals:
        key = (d.supplier, d.recipient, d.system, d.id if d.id in earlier else "")
        if key not in best or (d.confidence or 0) > (best[key].confidence or 0):
            best[key] = d
    # A designation and its variant between the same countries ("F-7" and "F-7NI") are one
    # order told in two ways: the likelier stands.
    kept = list(best.values())
    for d in list(kept):
        for other in kept:
            if (
                other is not d
                and (other.supplier, other.recipient) == (d.supplier, d.recipient)
                and (
                    _variant_of(d.system, other.system)
                    or _variant_of(other.system, d.system)
                    or _goods_in_general(d, other)
                    or _weak_variant(d, other)
                )
                and d.id not in earlier
                and other.id not in earlier
                and (d.confidence or 0) < (other.confidence or 0)
            ):
                kept.remove(d)
                break
    # An earlier order follows the order of the same system it is background to.
    current = {(d.supplier, d.recipient, d.system): d for d in kept if d.id not in earlier}

    def place(d: Deal) -> tuple[int, int, float]:
        later = current.get((d.supplier, d.recipient, d.system)) if d.id in earlier else None
        return (
            (later.evidence.start, 1, 0.0) if later else (d.evidence.start, 0, -(d.confidence or 0))
        )

    return sorted(kept, key=place)


def _goods_in_general(a: Deal, b: Deal) -> bool:
    """Two unnamed goods of no kind told in one sentence ("banned arms sales to Venezuela, a
    buyer of American military equipment"): one trade in two words."""
    return (
        a.category == b.category == "other"
        and a.system[:1].islower()
        and b.system[:1].islower()
        and a.evidence.start == b.evidence.start
    )


def _weak_variant(d: Deal, base: Deal) -> bool:
    """A variant's designation ("F-7NI") named where the report is unsure of it, beside a
    likely deal of its base designation ("F-7"): the same order. A likely variant ("Algeria
    will receive 16 Su-30MKIs" beside a delivered "Su-30") is an order of its own."""
    name, variant = base.system, d.system
    return (
        len(variant) > len(name)
        and variant.startswith(name)
        and name[-1:].isdigit()
        and variant[len(name)].isalpha()
        and (d.confidence or 0) < 0.5 <= (base.confidence or 0)
    )


def _variant_of(name: str, variant: str) -> bool:
    """ "Pechora-2T" is a numbered variant of "Pechora", "Osa-1T" of "Osa". A designation's
    letters ("Su-30" and "Su-30MKA") may name another model of another order: two deals."""
    if len(variant) <= len(name) + 1 or not variant.startswith(name) or name[-1].isdigit():
        return False
    rest = variant[len(name) :]
    return rest[0] == "-" and rest[1].isdigit()


def merge_frames(article_id: str, frames: list[DealFrame], outlet: str) -> list[Deal]:
    """One deal per (supplier, recipient, system) in the article, every sentence kept."""
    groups: dict[tuple[str, str, str], list[DealFrame]] = defaultdict(list)
    for frame in frames:
        groups[(frame.supplier, frame.recipient, frame.system)].append(frame)
    deals: list[Deal] = []
    for (supplier, recipient, system), group in groups.items():
        news = [
            f for f in group if f.status in PRE_DELIVERY and not f.status_implied and _is_news(f)
        ]
        if news and all(_is_news(f) or f.status not in DELIVERY for f in group):
            news = []  # nothing older to set aside
        # The latest development reported as news ("approved on Tuesday") sets the status over
        # background of the same pair and system ("already flies older Black Hawks").
        current = news or group
        statuses = [f.status for f in current if f.status and not f.status_implied]
        stated = bool(statuses)
        statuses = statuses or [f.status for f in current if f.status]
        statuses = without_finished_delivery(statuses)
        status = furthest_reported(statuses) if statuses else "rumored"
        lead = next((f for f in group if f.status == status), group[0])
        delivery = next((f for f in group if f.delivery_date), None)
        order = next((f for f in group if f.order_date and f.status == status), None) or next(
            (f for f in group if f.order_date), None
        )
        quantity = next((f.quantity for f in [lead, *group] if f.quantity), None)
        value = next((f.value for f in [lead, *group] if f.value), None)
        hedge_from = delivery if delivery and delivery.future else lead
        sources = tuple(dict.fromkeys(f.info.evidence() for f in group))
        deals.append(
            Deal(
                id=stable_id(article_id, supplier, recipient, system),
                supplier=supplier,
                recipient=recipient,
                system=system,
                category=lead.category,
                status=status,
                quantity=quantity,
                value=value,
                order_date=order.order_date if order and status not in NO_ORDER else None,
                delivery_date=delivery.delivery_date if delivery else None,
                attribution=lead.info.attribution or outlet,
                certainty=hedge_from.certainty,
                evidence=lead.info.evidence(),
                sources=sources,
                status_stated=stated,
            )
        )
    return deals


def _is_news(frame: DealFrame) -> bool:
    """A frame dated to the days before publication: the occasion of the report."""
    published = frame.info.published
    if published is None:
        return False
    return any(
        d.latest is not None
        and d.precision in {"day", "week"}
        and 0 <= (published - d.latest).days <= 31
        for d in frame.info.dates
        if not d.weak
    )
