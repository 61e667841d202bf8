"""A deal's stage (its status) as named cue features for the fitted status model.

The features of a deal come from the sentences that report it: the stage the grammar reading
gives each sentence (`deals`), the stage cue words of `patterns.STATUS_CUES`, the meanings of the
words of trade (`patterns.TRADE_WORDS`), negation, tense, hedging, and how old the sentence's
dates are against publication. They are read twice: from the sentence that best reports the deal
(`b_…`) and from all of them (`a_…`).
"""

from __future__ import annotations

import re

from armstrack.extract.deals import DealFrame
from armstrack.extract.patterns import (
    NEGATION_BEFORE,
    PARTIAL_DELIVERY,
    STATUS_CUES,
    STATUS_RANK,
    TRADE_LEMMA,
)

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_FINAL = re.compile(r"\b(?:final|last|remaining|all\s+(?:the\s+)?\w+|completed?|entire|whole)\b", re.I)
_FIRST = re.compile(r"\b(?:first|initial|batch|tranche|part\s+of|some\s+of|so\s+far)\b", re.I)
_REPORT_WORDS = re.compile(r"\b(?:allegation|alleged|accused|accuses|denied|denies|claims?|rumou?r)\w*", re.I)


def _sentence_cues(frame: DealFrame) -> set[str]:
    info = frame.info
    text = info.text
    out: set[str] = set()
    if frame.status:
        out.add(f"rule_{frame.status}")
        if frame.status_implied:
            out.add("rule_implied")
    else:
        out.add("rule_none")
    for status, pattern in STATUS_CUES:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 25) : match.start()]
            negated = NEGATION_BEFORE.search(before) is not None
            out.add(f"cue_{status}{'_negated' if negated else ''}")
    for word in _WORD.finditer(text):
        lemma = TRADE_LEMMA.get(word.group(0).lower())
        if lemma:
            before = text[max(0, word.start() - 25) : word.start()]
            out.add(f"word_{lemma}")
            if NEGATION_BEFORE.search(before):
                out.add(f"word_{lemma}_negated")
    if frame.future:
        out.add("future")
    out.add(f"hedge_{frame.certainty.level}")
    if PARTIAL_DELIVERY.search(text):
        out.add("partial")
    if _FINAL.search(text):
        out.add("final")
    if _FIRST.search(text):
        out.add("first")
    if _REPORT_WORDS.search(text):
        out.add("alleged")
    published = info.published
    for d in info.dates:
        if d.weak or published is None or d.earliest is None:
            continue
        days = (published - (d.latest or d.earliest)).days
        if days > 730:
            out.add("date_years_ago")
        elif days > 31:
            out.add("date_months_ago")
        elif days >= 0:
            out.add("date_recent")
        else:
            out.add("date_future")
    if frame.quantity:
        out.add("quantity")
    if frame.value:
        out.add("value")
    return out


# Deal-candidate features that also speak of the stage: the words of trade each party and the
# system stand in ("s_subj_offer", "sys_obj_beat", "r_via_to_sell") and the role cues.
_ROLE_WORDS = re.compile(r"^(?:s|r|sys)_(?:subj|obj|via|cue)_")


def status_features(
    frames: list[tuple[DealFrame, float]], roles: dict[str, float] | None = None
) -> dict[str, float]:
    """Features of one deal from its sentences' frames, each with how well it reports the deal,
    and the candidate features of its best sentence (`roles`)."""
    if not frames:
        return {"bias": 1.0, "no_frames": 1.0}
    best = max(frames, key=lambda t: t[1])[0]
    f: dict[str, float] = {"bias": 1.0}
    for name, value in (roles or {}).items():
        if _ROLE_WORDS.match(name):
            f[f"d_{name}"] = value
    for cue in _sentence_cues(best):
        f[f"b_{cue}"] = 1.0
    stated = [fr.status for fr, _ in frames if fr.status and not fr.status_implied]
    for fr, _ in frames:
        for cue in _sentence_cues(fr):
            f[f"a_{cue}"] = 1.0
    if stated:
        f[f"max_{max(stated, key=lambda s: STATUS_RANK[s])}"] = 1.0
    f["generic"] = float(best.category == "other" and best.system.islower())
    return f
