"""Values in the words an analyst reads: dates as intervals, money with its currency, counts.

Pure functions of their inputs (no clock, no locale). The machine forms (EDTF, ISO 4217 code and
the plain number) stay in the stored tables and the downloads; these are for the page.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# Symbols readers of English-language defence reporting know; any other currency keeps its code.
CURRENCY_SYMBOLS = {
    "USD": "US$", "EUR": "€", "GBP": "£", "AUD": "A$", "CAD": "C$", "BRL": "R$", "JPY": "¥",
    "INR": "₹", "NZD": "NZ$", "HKD": "HK$", "SGD": "S$",
}  # fmt: skip


def _day(value: Any) -> date | None:
    """A date from a date, a datetime, a pandas Timestamp or a missing value."""
    if value is None or value is pd.NaT:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    return None


def _is_month_start(day: date) -> bool:
    return day.day == 1


def _is_month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def _day_words(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _month_words(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _point(day: date, precision: str) -> str:
    """One end of an interval at the precision it was written with."""
    if precision in ("year", "decade"):
        return str(day.year)
    if precision in ("month", "quarter", "season", "half"):
        return _month_words(day)
    return _day_words(day)


def _span(lo: date, hi: date, precision: str) -> str:
    """A closed interval: '2016', '1990s', '2017–2018', 'March–May 2019', '2–8 October 2023'."""
    whole_years = (lo.month, lo.day) == (1, 1) and (hi.month, hi.day) == (12, 31)
    if whole_years or precision in ("year", "decade"):
        if precision == "decade" and whole_years and lo.year % 10 == 0 and hi.year == lo.year + 9:
            return f"{lo.year}s"
        return str(lo.year) if lo.year == hi.year else f"{lo.year}–{hi.year}"
    # Month words only where the interval is whole months: "within seven days" written in a
    # month-precise sentence still knows its days.
    if _is_month_start(lo) and _is_month_end(hi):
        if (lo.year, lo.month) == (hi.year, hi.month):
            return _month_words(lo)
        if lo.year == hi.year:
            return f"{MONTHS[lo.month - 1]}–{MONTHS[hi.month - 1]} {lo.year}"
        return f"{_month_words(lo)} – {_month_words(hi)}"
    if lo == hi:
        return _day_words(lo)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.day}–{hi.day} {MONTHS[lo.month - 1]} {lo.year}"
    if lo.year == hi.year:
        return f"{lo.day} {MONTHS[lo.month - 1]} – {_day_words(hi)}"
    return f"{_day_words(lo)} – {_day_words(hi)}"


def _by_end(day: date) -> str:
    """The last day of an interval said as a deadline: 'end of 2016', 'end of May 2024'."""
    if (day.month, day.day) == (12, 31):
        return f"end of {day.year}"
    if _is_month_end(day):
        return f"end of {_month_words(day)}"
    return _day_words(day)


def _before(day: date) -> str:
    """'before 2030' for an interval whose last day is 31 December 2029."""
    after = day + timedelta(days=1)
    if (after.month, after.day) == (1, 1):
        return str(after.year)
    if after.day == 1:
        return _month_words(after)
    return _day_words(after)


def _after(day: date) -> str:
    """'after 2008' for an interval whose first day is 1 January 2009."""
    before = day - timedelta(days=1)
    if (before.month, before.day) == (12, 31):
        return str(before.year)
    if _is_month_end(before):
        return _month_words(before)
    return _day_words(before)


def date_words(earliest: Any, latest: Any, precision: Any, qualifier: Any) -> str:
    """A date interval in words: '2016', 'March 2017', '2020s, approx.', 'after 2018',
    'by end of 2016', 'from 2028'. Empty when there is no date."""
    lo, hi = _day(earliest), _day(latest)
    precision = precision if isinstance(precision, str) else "day"
    qualifier = qualifier if isinstance(qualifier, str) else "exact"
    if lo is None and hi is None:
        return ""
    if qualifier == "deadline" and hi is not None:
        return f"by {_by_end(hi)}"
    if qualifier == "before" and hi is not None:
        return f"before {_before(hi)}"
    if qualifier == "after" and lo is not None:
        return f"after {_after(lo)}"
    if qualifier == "not-before" and lo is not None:
        # "since 1999" is stored as running to the publication date; "from 2028" as open.
        return f"from {_point(lo, precision)}"
    if lo is None:
        assert hi is not None
        return f"by {_by_end(hi)}"
    if hi is None:
        return f"from {_point(lo, precision)}"
    words = _span(lo, hi, precision)
    return f"{words}, approx." if qualifier == "approximate" else words


def money_words(amount: Any, currency: Any) -> str:
    """'US$2.5 bn', '€827 m', 'PLN 45,000': the amount with its currency, large values in
    billions or millions. Empty when there is no amount."""
    if amount is None or pd.isna(amount):
        return ""
    value = float(amount)
    code = currency if isinstance(currency, str) and currency else ""
    symbol = CURRENCY_SYMBOLS.get(code)
    number = f"{value:,.0f}"
    for size, unit in ((1e9, "bn"), (1e6, "m")):
        if abs(value) >= size:
            scaled = f"{value / size:,.2f}".rstrip("0").rstrip(".")
            number = f"{scaled} {unit}"
            break
    if symbol:
        return f"{symbol}{number}"
    return f"{code} {number}".strip()


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """'1 deal', '642 deals', '1,469 events': a count with its noun in the right number."""
    word = noun if number == 1 else (plural or f"{noun}s")
    return f"{number:,} {word}"
