"""Organisations the reference data does not list, recognised by their form.

- A run of capitalised words ending in a word that names a body: "Department of Foreign
  Affairs", "Federal Administrative Court", "Santierul Naval Constanta"'s "… Shipyard",
  "PGW Defense Technologies", "Kurdistan Regional Government".
- A capitalised name a descriptor marks as a body: "the arms firm Teteraedr", "the daily
  El Watan", "Kuwait's news agency Kuna", "Belapan news agency".
- A capitalised name in the place of a source: "according to Belapan", "told Russia TV",
  "Axar.az reports".
- An acronym defined in the text, "Tata Advanced Systems Limited (TASL)", is the same body.

Every one is kept as written (the annotated form is the fullest one in the article).
"""

from __future__ import annotations

import re

from armstrack.extract import memo, prefilter
from armstrack.extract.patterns import (
    MEDIA_AFTER_NAME,
    MEDIA_BEFORE_NAME,
    NOT_NAME_WORDS,
    ORG_AFTER_NAME,
    ORG_BEFORE_NAME,
    ORG_HEADS,
    ORG_WEAK_HEADS,
)
from armstrack.extract.spans import Spans, first_inside
from armstrack.records import Mention

# A capitalised word (or an acronym, or a word with a dot like "Axar.az"), and the small words
# a body's name may hold.
_CAP = r"(?:[A-Z][\w’'&.-]*[\w’']|[A-Z])"
_LINK = r"(?:of|and|for|de|the|&|del|di|des|du|la|le)"
_NAME_RUN = prefilter.compile(rf"{_CAP}(?:\s+(?:{_LINK}\s+)?{_CAP})*")
_ACRONYM_AFTER = prefilter.compile(r"\A\s*\((?P<acr>[A-Z][A-Za-z&.-]{1,9})\)")
_SENTENCE_START = prefilter.compile(r"(?:\A|[.!?]\s+|\n\s*|[\"“]\s*)\Z")
_NOT_BODY_WORDS = frozenset(w.capitalize() for w in NOT_NAME_WORDS) | {
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "He", "She", "They", "This", "That",
}  # fmt: skip


def find_bodies(text: str, mentions: list[Mention], by_context: bool = False) -> list[Mention]:
    """Organisation mentions by form, over spans no other mention holds: named by their last
    word, or (`by_context`) by a descriptor or the place of a source around them."""
    # A country named inside a body ("Philippine Embassy") does not keep the body out.
    spans = Spans((m.start, m.end) for m in mentions if m.kind not in {"country", "place"})
    all_spans = Spans((m.start, m.end) for m in mentions)
    countries = sorted(
        (m for m in mentions if m.kind == "country" and m.iso3), key=lambda m: m.start
    )
    country_starts = [m.start for m in countries]
    places = [m for m in mentions if m.kind in {"country", "place"}]
    out: list[Mention] = []
    for start, end, words, name in _name_runs(text):
        if spans.overlaps(start, end):
            continue
        kind = _body_kind(text, start, end, words, by_context)
        if not kind:
            continue
        if by_context and any(m.start <= start and end <= m.end for m in places):
            continue  # "Russia reported": the country itself, not a body named after it
        if by_context and all_spans.overlaps(start, end) and len(words) < 2:
            continue
        for at, until, part in _list_parts(text, start, name, by_context):
            acronym = _ACRONYM_AFTER.match(text, until)
            shown = part
            if acronym:
                shown = f"{part} ({acronym.group('acr')})"
                until = acronym.end()
            inside = first_inside(countries, country_starts, at, until)
            out.append(
                Mention(
                    kind="organization",
                    text=text[at:until],
                    canonical=shown,
                    start=at,
                    end=until,
                    iso3=inside.iso3 if inside else None,
                    detail="government_agency" if kind == "body" and inside else kind,
                )
            )
            spans.add(at, until)
            all_spans.add(at, until)
    return out


@memo.per_article
def _name_runs(text: str) -> tuple[tuple[int, int, tuple[str, ...], str], ...]:
    """Each run of capitalised words that could name a body, trimmed of the words around a
    name ("The", "-based", a trailing "of" or possessive): (start, end, words, name). Both
    passes of `find_bodies` read the same runs, so they are read once per text."""
    runs = []
    for run in _NAME_RUN.finditer(text):
        start = run.start()
        words = run.group(0).split()
        # Trim leading function words ("The Philippine Embassy" keeps "Philippine Embassy").
        while words and words[0] in {"The", "A", "An"}:
            start += len(words[0]) + 1
            words = words[1:]
        while words and words[0].endswith("-based"):
            start += len(words[0]) + 1  # "Winnipeg-based PGW Defense Technologies"
            words = words[1:]
        while words and words[-1] in {"of", "and", "for", "de", "the", "&"}:
            words = words[:-1]
        if words and words[-1].endswith(("'s", "’s")):
            words[-1] = words[-1][:-2]
        if not words or not words[-1]:
            continue
        name = " ".join(words)
        if not text.startswith(name, start):
            continue
        runs.append((start, start + len(name), tuple(words), name))
    return tuple(runs)


# "newspapers Kathimerini and Vedomosti": a plural descriptor lists several bodies.
_PLURAL_BEFORE = prefilter.compile(
    r"\b(?:newspapers|dailies|broadcasters|firms|companies|agencies)\s+\Z", re.I
)


def _list_parts(text: str, start: int, name: str, by_context: bool) -> list[tuple[int, int, str]]:
    """The bodies a run names: itself, or each of a list a plural descriptor announces."""
    if not (
        by_context and " and " in name and _PLURAL_BEFORE.search(text[max(0, start - 30) : start])
    ):
        return [(start, start + len(name), name)]
    out = []
    at = start
    for part in name.split(" and "):
        out.append((at, at + len(part), part))
        at += len(part) + len(" and ")
    return out


def _body_kind(text: str, start: int, end: int, words: tuple[str, ...], by_context: bool) -> str:
    last = words[-1].rstrip(".’'")
    if not by_context and last in ORG_HEADS and len(words) >= (2 if last in ORG_WEAK_HEADS else 1):
        if len(words) == 1 and (last in {"Army", "Navy", "Government"} or _at_start(text, start)):
            return ""
        return "company" if last in _COMPANY_HEADS else "body"
    if not by_context or len(words) > 4 or (len(words) == 1 and words[0] in _NOT_BODY_WORDS):
        return ""
    if words[0] in _NOT_BODY_WORDS and _at_start(text, start):
        return ""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    if ORG_BEFORE_NAME.search(before) or ORG_AFTER_NAME.match(after):
        return "company"
    if MEDIA_BEFORE_NAME.search(before) or MEDIA_AFTER_NAME.match(after):
        return "media"
    return ""


def _at_start(text: str, start: int) -> bool:
    """Whether a name begins a sentence, a line or a quotation (its capital says nothing)."""
    return _SENTENCE_START.search(text[max(0, start - 4) : start]) is not None


_COMPANY_HEADS = frozenset(
    """Industries Industry Technologies Technology Aerospace Aviation Dynamics Group Corporation
    Corp Company Co Inc Ltd Limited Shipyard Shipyards Works Holding Holdings Enterprises
    Electronics Systems Solutions Engineering Motors Marine Shipbuilding""".split()
)
