"""Temporal expressions -> uncertainty intervals, resolved against the publication date.

`find_dates` is pure: the reference date is always passed in, never read from the clock.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from armstrack.extract import prefilter
from armstrack.extract.memo import per_article
from armstrack.extract.patterns import (
    DATE_HINT,
    DATE_PATTERN,
    DATE_PREFIX,
    DATE_START,
    EDTF_SEASON,
    FUTURE_CUE,
    MONTHS,
    NUMBER_WORDS,
    PAST_CUE,
    PREFIX_QUALIFIER,
    SEASONS,
    WEEKDAYS,
    YEAR_NOT_DATE_AFTER,
)
from armstrack.records import DateInterval


@dataclass(frozen=True)
class _Base:
    earliest: date
    latest: date
    precision: str
    edtf: str
    approximate: bool = False


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, first: int, last: int) -> tuple[date, date]:
    if last < first:  # winter: December to February
        return date(year, first, 1), _month_end(year + 1, last)
    return date(year, first, 1), _month_end(year, last)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _year_base(year: int) -> _Base:
    return _Base(date(year, 1, 1), date(year, 12, 31), "year", f"{year:04d}")


def _month_base(year: int, month: int) -> _Base:
    return _Base(date(year, month, 1), _month_end(year, month), "month", f"{year:04d}-{month:02d}")


def _day_base(day: date) -> _Base:
    return _Base(day, day, "day", day.isoformat())


def _span_base(first: date, last: date, approximate: bool = True) -> _Base:
    width = (last - first).days + 1
    precision = (
        "day"
        if width <= 1
        else "week"
        if width <= 7
        else "month"
        if width <= 31
        else "quarter"
        if width <= 123
        else "year"
        if width <= 366
        else "decade"
    )
    return _Base(first, last, precision, f"{_edtf_day(first)}/{_edtf_day(last)}", approximate)


def _edtf_day(day: date) -> str:
    return day.isoformat()


def _number(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _year_ref(text: str, pub: date) -> int:
    """'2019' -> 2019; 'next year' -> pub.year + 1; 'the year' -> pub.year."""
    text = " ".join(text.lower().split())
    if text[:4].isdigit():
        return int(text[:4])
    if text in {"next year", "the coming year", "the next year", "the following year"}:
        return pub.year + 1
    if text in {"last year", "the previous year", "the past year"}:
        return pub.year - 1
    return pub.year


def _resolve_month(month: int, pub: date, future: bool | None) -> int:
    """The year of a month named without one: the nearest occurrence in the tense's direction,
    or simply the nearest when the tense is unknown."""
    if future is None:
        return pub.year + (1 if month - pub.month > 6 else -1 if pub.month - month > 6 else 0)
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _resolve_day(
    month: int, day: int, pub: date, future: bool | None, month_only: bool = False
) -> date | None:
    """The year of a day named without one, as `_resolve_month`; with `month_only` (the article
    is dated to its month, `pub` that month's last day) a day of that month is of that year
    whatever the tense: the report may have come before or after it."""
    year = _resolve_month(month, pub, future)
    try:
        candidate = date(year, month, day)
    except ValueError:
        return None
    if future is None or (month_only and (year, month) == (pub.year, pub.month)):
        return candidate
    if future and candidate < pub:
        return _safe_date(year + 1, month, day)
    if not future and candidate > pub:
        return _safe_date(year - 1, month, day)
    return candidate


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _part_of_year(part: str, year: int) -> _Base:
    part = " ".join(part.lower().split())
    if part == "early" or part.endswith(("start of", "beginning of")):
        return _span_base(date(year, 1, 1), date(year, 4, 30))
    if part.startswith("mid") or part.endswith("middle of"):
        return _span_base(date(year, 5, 1), date(year, 8, 31))
    if part == "late":
        return _span_base(date(year, 9, 1), date(year, 12, 31))
    if part.endswith("turn of"):
        return _span_base(date(year - 1, 12, 1), date(year, 1, 31))
    return _span_base(date(year, 11, 1), date(year, 12, 31))  # end of, close of


def _part_of_month(part: str, year: int, month: int) -> _Base:
    part = " ".join(part.lower().split())
    last = calendar.monthrange(year, month)[1]
    if part == "early" or part.endswith(("start of", "beginning of")):
        return _span_base(date(year, month, 1), date(year, month, 10))
    if part.startswith("mid") or part.endswith("middle of"):
        return _span_base(date(year, month, 11), date(year, month, 20))
    return _span_base(date(year, month, 21), date(year, month, last))


def _unit_delta(pub: date, count: int, unit: str) -> date:
    unit = unit.lower()
    if unit == "day":
        return pub + timedelta(days=count)
    if unit == "week":
        return pub + timedelta(weeks=count)
    if unit == "month":
        return _add_months(pub, count)
    if unit == "year":
        return _add_months(pub, 12 * count)
    return _add_months(pub, 120 * count)


def _vague(text: str, pub: date) -> _Base:
    text = " ".join(text.lower().split())
    back = {"days": 7, "weeks": 42, "months": 183, "years": 3 * 365}
    if text in {"recently"}:
        return _span_base(pub - timedelta(days=92), pub)
    if text == "soon":
        return _span_base(pub, pub + timedelta(days=183))
    if text == "in the near future":
        return _span_base(pub, pub + timedelta(days=365))
    unit = text.rsplit(" ", 1)[-1]
    if "recent" in text or "past" in text or "last" in text:
        return _span_base(pub - timedelta(days=back[unit]), pub)
    ahead = {"days": 7, "weeks": 42, "months": 183, "years": 5 * 365}
    return _span_base(pub, pub + timedelta(days=ahead[unit]))


def _base(
    match: re.Match[str], pub: date, future: bool | None, month_only: bool = False
) -> _Base | None:
    g = match.groupdict()
    if g["r1"]:
        from_year = int(g["r1"])
        to_year = int(g["r2"]) if len(g["r2"]) == 4 else from_year // 100 * 100 + int(g["r2"])
        if to_year <= from_year:
            return None
        return _Base(date(from_year, 1, 1), date(to_year, 12, 31), "year", f"{from_year}/{to_year}")
    if g["iso"]:
        y, m, d = (int(part) for part in g["iso"].split("-"))
        day = _safe_date(y, m, d)
        return _day_base(day) if day else None
    for mk, dk, yk in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
        if g[mk]:
            day = _safe_date(int(g[yk]), _month(g[mk]), int(g[dk]))
            return _day_base(day) if day else None
    if g["m5"]:
        month = _month(g["m5"])
        year = int(g["y5"]) if g["y5"] else _resolve_month(month, pub, future)
        return _part_of_month(g["pm"], year, month)
    if g["m6"]:
        return _month_base(_year_ref(g["y6"], pub), _month(g["m6"]))
    for mk, dk in (("m3", "d3"), ("m4", "d4")):
        if g[mk]:
            resolved = _resolve_day(_month(g[mk]), int(g[dk]), pub, future, month_only)
            return _day_base(resolved) if resolved else None
    if g["m8"]:
        month = _month(g["m8"])
        return _month_base(_resolve_month(month, pub, future), month)
    if g["m7"]:
        month = _month(g["m7"])
        rel = g["rm"].lower()
        if rel in {"next", "coming"}:
            year = pub.year if month > pub.month else pub.year + 1
        elif rel in {"last", "past", "previous"}:
            year = pub.year if month < pub.month else pub.year - 1
        else:
            year = pub.year
        return _month_base(year, month)
    if g["q"] or g["qn"]:
        word = (g["q"] or g["qn"]).lower()
        quarter = {"first": 1, "1st": 1, "1": 1, "second": 2, "2nd": 2, "2": 2, "third": 3}.get(
            word, 3 if word in {"3rd", "3"} else 4
        )
        year_text = g["qy"] or g["qy2"]
        year = _year_ref(year_text, pub) if year_text else pub.year
        first, last = _month_span(year, 3 * quarter - 2, 3 * quarter)
        return _Base(first, last, "quarter", f"{year:04d}-{32 + quarter}")
    if g["h"] or g["hn"]:
        word = (g["h"] or g["hn"]).lower()
        half = 1 if word in {"first", "1st", "1"} else 2
        year = _year_ref(g["hy"] or g["hy2"] or "", pub)
        first, last = _month_span(year, 6 * half - 5, 6 * half)
        return _Base(first, last, "quarter", f"{year:04d}-{39 + half}")
    if g["s"] or g["s2"]:
        season = (g["s"] or g["s2"]).lower()
        rel = (g["sr"] or g["sr2"] or "").lower()
        if g["sy"]:
            year = int(g["sy"])
        elif rel in {"next", "coming"}:
            year = pub.year + (1 if SEASONS[season][0] <= pub.month else 0)
        elif rel in {"last", "past"}:
            year = pub.year - (1 if SEASONS[season][0] >= pub.month else 0)
        else:
            year = pub.year
        first, last = _month_span(year, *SEASONS[season])
        return _Base(first, last, "quarter", f"{year:04d}-{EDTF_SEASON[season]}")
    if g["dec"]:
        start = int(g["dec"])
        if start % 10:
            return None
        part = (g["dp"] or "").lower()
        spans = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}
        if part:
            a, b = spans[part]
            return _span_base(date(start + a, 1, 1), date(start + b, 12, 31))
        return _Base(date(start, 1, 1), date(start + 9, 12, 31), "decade", f"{start // 10}X")
    if g["decrel"]:
        text = " ".join(g["decrel"].lower().split())
        decade = pub.year // 10 * 10
        if "next" in text or "coming" in text:
            decade += 10
        elif "last" in text or "past" in text or "previous" in text:
            decade -= 10
        if text.startswith("later"):
            return _span_base(pub, date(decade + 9, 12, 31))
        if text.startswith("earlier"):
            return _span_base(date(decade, 1, 1), pub)
        if "end of" in text:
            return _span_base(date(decade + 7, 1, 1), date(decade + 9, 12, 31))
        return _Base(date(decade, 1, 1), date(decade + 9, 12, 31), "decade", f"{decade // 10}X")
    if g["ye"]:
        return _part_of_year("end of", pub.year)
    if g["py"]:
        return _part_of_year(g["py"], _year_ref(g["pyy"], pub))
    if g["fy"]:
        digits = g["fy"]
        year = int(digits) if len(digits) == 4 else 2000 + int(digits)
        return replace(_year_base(year), approximate=True, edtf=f"{year:04d}~")
    if g["ely"]:
        word, rel, unit = g["ely"].lower(), g["elyr"].lower(), g["elyu"].lower()
        shift = {"this": 0, "next": 1, "last": -1}[rel]
        if unit == "year":
            year = pub.year + shift
            first, last = date(year, 1, 1), date(year, 12, 31)
        elif unit == "month":
            anchor = _add_months(pub, shift)
            first, last = date(anchor.year, anchor.month, 1), _month_end(anchor.year, anchor.month)
        else:
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift)
            first, last = monday, monday + timedelta(days=6)
        if shift == 0 and word in {"earlier", "early"}:
            return _span_base(first, pub)
        if shift == 0 and word in {"later", "late"}:
            return _span_base(pub, last)
        middle = first + (last - first) / 2
        return _span_base(first, middle) if word.startswith("ear") else _span_base(middle, last)
    if g["ry"]:
        return _year_base(_year_ref(g["ry"], pub))
    if g["ruu"]:
        rel, unit = g["ru"].lower(), g["ruu"].lower()
        shift = 1 if rel in {"next", "coming"} else -1 if rel in {"last", "past", "previous"} else 0
        if unit == "month":
            anchor = _add_months(pub, shift)
            return _month_base(anchor.year, anchor.month)
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift)
        if unit == "weekend":
            return _span_base(monday + timedelta(days=5), monday + timedelta(days=6), False)
        return _span_base(monday, monday + timedelta(days=6), False)
    if g["agou"]:
        count, unit = _number(g["agon"]), g["agou"].lower()
        point = _unit_delta(pub, -count, unit)
        if unit in {"day"}:
            return _day_base(point)
        if unit == "week":
            return _span_base(point - timedelta(days=3), point + timedelta(days=3))
        if unit == "month":
            return _month_base(point.year, point.month)
        if unit == "year":
            return replace(_year_base(point.year), approximate=count > 1)
        return _span_base(point - timedelta(days=365 * 2), point + timedelta(days=365 * 2))
    if g["inu"]:
        word = " ".join(g["inw"].lower().split())
        count, unit = _number(g["inn"]), g["inu"].lower()
        if "past" in word or "last" in word:
            return _span_base(_unit_delta(pub, -count, unit), pub, False)
        end = _unit_delta(pub, count, unit)
        if word == "in":
            if unit in {"day", "week"}:
                return _span_base(end, end)
            if unit == "month":
                return _month_base(end.year, end.month)
            return replace(_year_base(end.year), approximate=True, edtf=f"{end.year:04d}~")
        return _span_base(pub, end, False)
    if g["vg"]:
        return _vague(g["vg"], pub)
    if g["dw"]:
        word = " ".join(g["dw"].lower().split())
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return _day_base(pub + timedelta(days=shift))
    if g["wd"]:
        target = WEEKDAYS[g["wd"].lower()]
        rel = (g["wr"] or "").lower()
        ahead = rel == "next" or (rel != "last" and bool(future))
        if ahead:
            delta = (target - pub.weekday()) % 7 or 7
            return _day_base(pub + timedelta(days=delta))
        delta = (pub.weekday() - target) % 7
        if rel == "last" and delta == 0:
            delta = 7
        return _day_base(pub - timedelta(days=delta))
    if g["y"]:
        return _year_base(int(g["y"]))
    return None


_MONTH_GROUPS = ("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8")
_BARE_MONTH_BEFORE = prefilter.compile(
    r"\b(?:in|by|since|until|till|from|during|through|of|early|late|mid|last|next|this|before|after)[\s-]+\Z",
    re.I,
)
_WEAK_YEAR_BEFORE = prefilter.compile(r"(?:\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{2,})[\s-]\Z")


def _plausible(match: re.Match[str], text: str) -> bool:
    for key in _MONTH_GROUPS:
        value = match.group(key)
        if value and not value[0].isupper():
            return False  # "may" the modal verb, not the month
    if match.group("m8") and not _BARE_MONTH_BEFORE.search(
        text[max(0, match.start() - 12) : match.start()]
    ):
        return False
    if match.group("wd") and not match.group("wd")[0].isupper():
        return False
    if match.group("y") and YEAR_NOT_DATE_AFTER.match(text[match.end() : match.end() + 30]):
        return False  # "2000 rockets"
    return not (match.group("qn") and not match.group(0)[0].isupper())


def _qualify(base: _Base, prefix: str, pub: date) -> tuple[date | None, date | None, str, str]:
    """Apply a prefix ("by", "no earlier than", ...) to a base interval."""
    kind = PREFIX_QUALIFIER.get(prefix, "")
    approx = "~" if base.approximate else ""
    if kind == "not-before":
        return base.earliest, None, "not-before", f"{base.edtf.split('/')[0]}{approx}/.."
    if kind == "since":
        return base.earliest, pub, "not-before", f"{base.edtf.split('/')[0]}/{pub.isoformat()}"
    if kind == "after":
        after = base.latest + timedelta(days=1)
        return after, None, "after", f"{after.isoformat()}/.."
    if kind == "before":
        before = base.earliest - timedelta(days=1)
        return None, before, "before", f"../{before.isoformat()}"
    if kind in {"deadline", "deadline-start"}:
        latest = base.earliest if kind == "deadline-start" else base.latest
        earliest = pub if pub <= latest else None
        left = earliest.isoformat() if earliest else ".."
        return earliest, latest, "deadline", f"{left}/{latest.isoformat()}"
    if kind == "approximate" or base.approximate:
        edtf = base.edtf if base.edtf.endswith("~") else _approx_edtf(base.edtf)
        return base.earliest, base.latest, "approximate", edtf
    return base.earliest, base.latest, "exact", base.edtf


def _approx_edtf(edtf: str) -> str:
    return "/".join(f"{part}~" for part in edtf.split("/"))


_CLAUSE_BREAK = prefilter.compile(r"[,;:()\u2014\"“”]")
# A past auxiliary right before a verb gives that verb its tense ("was handed over").
_PAST_AUXILIARY = prefilter.compile(
    r"(?<!will\s)(?<!would\s)(?<!could\s)(?<!should\s)(?<!might\s)(?<!must\s)"
    r"\b(?:was|were|had|has|have)\s+(?:been\s+)?(?:\w+ly\s+)?\Z",
    re.I,
)

# A finite verb inside the span itself ("transfer was under way", "deliveries are under way").
_OWN_AUXILIARY = prefilter.compile(r"\b(?:was|were|is|are|has\s+been|have\s+been)\b", re.I)


@per_article
def tense_of(sentence: str, start: int = 0, end: int | None = None) -> bool | None:
    """True if the clause around [start, end) speaks of the future ("will meet on Monday"),
    False if of the past, None if it does not say."""
    end = len(sentence) if end is None else end
    if _OWN_AUXILIARY.search(sentence, start, end):
        return False  # "deliveries were under way, and pilots would fly": the cue's own verb
    if start > 0 and _PAST_AUXILIARY.search(sentence[max(0, start - 32) : start]):
        return False  # "was handed over …, though … will gift": the verb's own tense
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    right_break = _CLAUSE_BREAK.search(sentence, end)
    right = right_break.start() if right_break else len(sentence)
    tense = _tense_words(sentence[left:right] if left or right < len(sentence) else sentence)
    if tense is not None:
        return tense
    if right_break is not None:
        # A fronted phrase ("In August, the army received…") takes the tense of its clause.
        after = _CLAUSE_BREAK.search(sentence, right_break.end())
        tense = _tense_words(
            sentence[right_break.end() : after.start() if after else len(sentence)]
        )
        if tense is not None:
            return tense
    return _tense_words(sentence)


@per_article
def _tense_words(text: str) -> bool | None:
    """True if the text has a word of the future, else False if one of the past, else None
    (a clause is asked for each place in it: the answer is kept)."""
    if FUTURE_CUE.search(text):
        return True
    if PAST_CUE.search(text):
        return False
    return None


def is_future(sentence: str, start: int = 0, end: int | None = None) -> bool:
    return tense_of(sentence, start, end) is True


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """DATE_PATTERN's leftmost non-overlapping matches, as finditer gives them, tried only where
    a date expression can begin."""
    end = 0
    for start in prefilter.starts(DATE_START, text):
        if start < end:
            continue
        match = prefilter.match_folded(DATE_PATTERN, text, start)
        if match and match.end() > match.start():
            yield match
            end = match.end()


def find_dates(
    text: str, published: date, *, offset: int = 0, month_only: bool = False
) -> list[DateInterval]:
    """Every temporal expression in `text` (one sentence), resolved against `published`
    (with `month_only`, the last day of the month the article is dated to).

    Offsets in the result are `offset` + positions in `text`.
    """
    found: list[DateInterval] = []
    if not DATE_HINT.search(text):
        return found
    for match in _date_matches(text):
        if not _plausible(match, text):
            continue
        try:
            tense = tense_of(text, match.start(), match.end())
            base = _base(match, published, tense, month_only)
        except (ValueError, OverflowError):
            continue  # "the year after 9999-12-31": no calendar date, so no interval
        if base is None:
            continue
        start = match.start()
        prefix = ""
        pre = DATE_PREFIX.search(text, max(0, start - 30), start)
        if pre and pre.end() == start:
            prefix = " ".join(pre.group("pre").lower().split())
            start = pre.start()
        if match.group("rfrom"):
            prefix = ""  # "from 2018 to 2020" is a closed range
        try:
            earliest, latest, qualifier, edtf = _qualify(base, prefix, published)
        except (ValueError, OverflowError):
            continue
        if earliest is not None and latest is not None and earliest > latest:
            continue  # "since early 2099" in a 2024 report: an interval that cannot be
        shown_from = start if PREFIX_QUALIFIER.get(prefix) else match.start()
        weak = bool(match.group("y")) and _WEAK_YEAR_BEFORE.search(text[: match.start()])
        found.append(
            DateInterval(
                text=text[shown_from : match.end()].strip(),
                earliest=earliest,
                latest=latest,
                precision="year" if weak else base.precision,
                qualifier=qualifier,
                edtf=edtf,
                start=offset + shown_from,
                end=offset + match.end(),
                weak=bool(weak),
            )
        )
    return found
