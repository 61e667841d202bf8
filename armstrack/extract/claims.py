"""Who says so (attribution) and how hedged it is (certainty), per sentence."""

from __future__ import annotations

import re

from armstrack.extract import prefilter
from armstrack.extract.memo import per_article
from armstrack.extract.patterns import (
    ATTRIBUTION_VERBS,
    CERTAINTY_CUES,
    PRONOUN_SPEAKER,
    REPORTED_CUE,
)
from armstrack.records import Certainty, Mention

_CLAUSE_BREAK = prefilter.compile(r"[,;:\"“”()—]|\bthat\b|\band\b", lead=True)
_VERB = prefilter.compile(rf"\b(?:{ATTRIBUTION_VERBS})\b")
_ACCORDING = prefilter.compile(r"\baccording\s+to\s+(?P<speaker>[^,;:.\"“”()]{2,100})", re.I)
_AUX = prefilter.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|also|later|earlier|previously|separately|publicly"
    r"|officially|recently|reportedly|then))+\s*\Z",
    re.I,
)
_LEADING = prefilter.compile(r"\A(?:\s|but|and|however|meanwhile|the|then)+\s", re.I)
_INDEFINITE = prefilter.compile(r"\A(?:a|an|one|two|three|several|some|senior|unnamed)\b", re.I)
_INVERTED_START = prefilter.compile(r"\A\s*(?:the\s+)?(?P<speaker>[A-Z][^,;:.\"“”()]{1,100})")
_SOURCE_WORDS = prefilter.compile(
    r"\b(?:source|sources|official|officials|people|person|diplomat|insider)s?\b"
)


_CLAUSE_MARK = prefilter.compile(r"[;:]")


@per_article
def _hedges(clause: str) -> tuple[tuple[str, int, int, str], ...]:
    """Every hedge of a clause: (level, start, end, words), level by level in the order of
    CERTAINTY_CUES (the clause is read for each fact anchored in it: the answer is kept)."""
    return tuple(
        (level, match.start(), match.end(), match.group(0))
        for level, pattern in CERTAINTY_CUES
        for match in pattern.finditer(clause)
    )


@per_article
def certainty_of(sentence: str, anchor: int) -> Certainty:
    """The hedge nearest `anchor` (a position in the sentence) within the same clause."""
    left = max((m.end() for m in _CLAUSE_MARK.finditer(sentence[:anchor])), default=0)
    right_match = _CLAUSE_MARK.search(sentence[anchor:])
    right = anchor + right_match.start() if right_match else len(sentence)
    # A sentence of one clause is read as itself (its folded form is already at hand).
    clause = sentence if left == 0 and right == len(sentence) else sentence[left:right]
    rel = anchor - left
    best: tuple[int, str, str] | None = None
    for level, start, end, cue in _hedges(clause):
        if start > rel + 15:
            continue  # "the potential sale" after the verb describes its object
        distance = min(abs(start - rel), abs(end - rel))
        if best is None or distance < best[0]:
            best = (distance, level, cue)
    if best is not None:
        return Certainty(best[1], " ".join(best[2].split()))
    reported = REPORTED_CUE.search(sentence)
    if reported:
        return Certainty("reported", " ".join(reported.group(0).split()))
    return Certainty("certain", "")


def _speaker_name(span_start: int, span_end: int, raw: str, mentions: list[Mention]) -> str:
    """Prefer a known person (with title) or organisation over the raw noun phrase."""
    raw = _LEADING.sub("", raw.strip()).strip()
    if _INDEFINITE.match(raw) or (_SOURCE_WORDS.search(raw) and len(raw.split()) > 1):
        return raw
    inside = [m for m in mentions if span_start <= m.start and m.end <= span_end]
    for kind in ("person", "organization", "country"):
        found = [m for m in inside if m.kind == kind]
        if found:
            m = found[-1]
            if kind == "person":
                return f"{m.detail} {m.canonical}".strip() if m.detail else m.canonical
            return m.canonical
    return raw


def attribution_of(
    sentence: str, offset: int, mentions: list[Mention], previous: str
) -> tuple[str, bool]:
    """(speaker, explicit) for a sentence; `previous` is used for "he said" and bare quotes."""
    according = _ACCORDING.search(sentence)
    if according:
        start, end = according.span("speaker")
        return _speaker_name(
            offset + start, offset + end, according.group("speaker"), mentions
        ), True
    for verb in reversed(list(_VERB.finditer(sentence))):
        before = sentence[: verb.start()]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
        start = breaks[-1] if breaks else 0
        raw = _AUX.sub("", before[start:])
        if raw.strip() and len(raw.split()) <= 12:
            if PRONOUN_SPEAKER.match(raw.strip()):
                return (previous, bool(previous)) if previous else (raw.strip(), True)
            name = _speaker_name(offset + start, offset + start + len(raw), raw, mentions)
            if name:
                return name, True
        # Inverted order: '"...," said Defence Minister X.'
        after = sentence[verb.end() :]
        inverted = _INVERTED_START.match(after)
        if inverted and (not raw.strip() or before.rstrip().endswith((",", '"', "”"))):
            s = verb.end() + inverted.start("speaker")
            e = verb.end() + inverted.end("speaker")
            return _speaker_name(offset + s, offset + e, inverted.group("speaker"), mentions), True
    if previous and sentence.lstrip()[:1] in {'"', "“"}:
        return previous, False
    return "", False
