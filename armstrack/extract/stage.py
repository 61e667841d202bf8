"""A deal's stage (its status) as named cue features for the fitted status model.

The features of a deal come from the sentences that report it, read around the system: the stage
the grammar reading gives the sentence (`deals`), the stage cue words of `patterns.STATUS_CUES`
and the meanings of the words of trade (`patterns.TRADE_WORDS`) — each marked as standing in the
system's own clause (`c_…`), near the system (`n_…`) or elsewhere in the sentence (`b_…`) —
negation, tense, hedging, and how old the sentence's dates are against publication. The sentence
that best reports the deal gives most features; the others add only the furthest stage they state.
"""

from __future__ import annotations

import re

from armstrack.extract import prefilter
from armstrack.extract.context import SentenceInfo
from armstrack.extract.dates import tense_of
from armstrack.extract.deals import DealFrame
from armstrack.extract.patterns import (
    NEGATION_BEFORE,
    STATUS_CUES,
    TRADE_LEMMA,
    partial_delivery,
)
from armstrack.extract.roles import clause_of
from armstrack.records import Mention
from armstrack.status import furthest_reported

_WORD = prefilter.compile(r"[A-Za-z][\w'’-]*")
_FINAL = prefilter.compile(
    r"\b(?:final|last|remaining|all\s+(?:the\s+)?\w+|completed?|entire|whole)\b", re.I
)
_FIRST = prefilter.compile(
    r"\b(?:first|initial|batch|tranche|part\s+of|some\s+of|so\s+far)\b", re.I
)
_REPORT_WORDS = prefilter.compile(
    r"\b(?:allegation|alleged|accused|accuses|denied|denies|claims?|rumou?r)\w*", re.I
)
# Deal-candidate features that also speak of the stage: the words of trade each party and the
# system stand in ("s_subj_offer", "sys_obj_beat", "r_via_to_sell") and the role cues.
_ROLE_WORDS = prefilter.compile(r"^(?:s|r|sys)_(?:subj|obj|via|cue)_")
_NEAR = 45  # characters either side of the system that count as "near"

Report = tuple[DealFrame, float, Mention | None]


def _where(start: int, sys_at: int, clause: tuple[int, int]) -> str:
    if clause[0] <= start < clause[1]:
        return "c" if abs(start - sys_at) > _NEAR else "n"
    return "b"


def _sentence_cues(frame: DealFrame, mention: Mention | None) -> set[str]:
    info = frame.info
    text = info.text
    sys_at = info.local(mention.start) if mention is not None else -1
    if not 0 <= sys_at < len(text):
        sys_at = int(str(info.extra.get("anaphor_at", 0)))
    out: set[str] = set()
    if frame.status:
        out.add(f"rule_{frame.status}")
        if frame.status_implied:
            out.add("rule_implied")
    else:
        out.add("rule_none")
    if frame.future:
        out.add("future")
    out.add(f"hedge_{frame.certainty.level}")
    if frame.quantity:
        out.add("quantity")
    if frame.value:
        out.add("value")
    # The words around the system are the same for every deal about it in this sentence.
    cache = info.extra.setdefault("stage_cues", {})
    assert isinstance(cache, dict)
    if sys_at not in cache:
        cache[sys_at] = _words_around(info, sys_at)
    around: set[str] = cache[sys_at]
    return out | around


def _words_around(info: SentenceInfo, sys_at: int) -> set[str]:
    text = info.text
    clause = clause_of(text, sys_at)
    out: set[str] = set()
    for status, pattern in STATUS_CUES:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 25) : match.start()]
            negated = "_negated" if NEGATION_BEFORE.search(before) else ""
            out.add(f"{_where(match.start(), sys_at, clause)}_cue_{status}{negated}")
    nearest: tuple[int, str] | None = None
    for word in _WORD.finditer(text):
        lemma = TRADE_LEMMA.get(word.group(0).lower())
        if lemma:
            before = text[max(0, word.start() - 25) : word.start()]
            negated = "_negated" if NEGATION_BEFORE.search(before) else ""
            where = _where(word.start(), sys_at, clause)
            out.add(f"{where}_word_{lemma}{negated}")
            distance = abs(word.start() - sys_at) + (0 if where != "b" else 200)
            if nearest is None or distance < nearest[0]:
                tense = tense_of(text, word.start(), word.end())
                when = "_future" if tense is True else "_past" if tense is False else ""
                nearest = (distance, f"nearest_{lemma}{negated}{when}")
    if nearest is not None:
        out.add(nearest[1])
        out.add(nearest[1].split("_")[0] + "_" + nearest[1].split("_")[1])
    if partial_delivery(text):
        out.add("partial")
    for name, pattern in (
        ("final", _FINAL),
        ("first", _FIRST),
        ("alleged", _REPORT_WORDS),
    ):
        if pattern.search(text):
            out.add(name)
    published = info.published
    for d in info.dates:
        if d.weak or published is None or d.earliest is None:
            continue
        days = (published - (d.latest or d.earliest)).days
        out.add(
            "date_years_ago"
            if days > 730
            else "date_months_ago"
            if days > 31
            else "date_recent"
            if days >= 0
            else "date_future"
        )
    return out


def stage_stated(frame: DealFrame) -> bool:
    """Whether the grammar reading finds the stage stated in the sentence ("signed", "offered"):
    then it stands, and the fitted model decides only where the sentence does not say."""
    return bool(frame.status) and not frame.status_implied


def status_features(
    reports: list[Report], roles: dict[str, float] | None = None
) -> dict[str, float]:
    """Features of one deal from the sentences reporting it (frame, how well it reports the
    deal, the system's mention there), and the candidate features of its best sentence."""
    if not reports:
        return {"bias": 1.0, "no_frames": 1.0}
    best, _, mention = max(reports, key=lambda t: t[1])
    f: dict[str, float] = {"bias": 1.0}
    for cue in _sentence_cues(best, mention):
        f[cue] = 1.0
    for name, value in (roles or {}).items():
        if _ROLE_WORDS.match(name):
            f[f"d_{name}"] = value
    stated = [fr.status for fr, _, _ in reports if fr.status and not fr.status_implied]
    if stated:
        f[f"furthest_{furthest_reported(stated)}"] = 1.0
    f["generic"] = float(best.category == "other" and best.system.islower())
    return f
