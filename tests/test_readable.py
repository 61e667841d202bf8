"""Dates, money and counts in the words the pages show them in."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from armstrack.readable import counted, date_words, money_words

D = date
DATES = [
    # (earliest, latest, precision, qualifier, words)
    (D(2020, 1, 1), D(2020, 12, 31), "year", "exact", "2020"),
    (D(2017, 1, 1), D(2018, 12, 31), "year", "exact", "2017–2018"),
    (D(2017, 1, 1), D(2017, 12, 31), "year", "approximate", "2017, approx."),
    (D(2023, 1, 1), D(2023, 11, 10), "year", "approximate", "2023, approx."),
    (D(1990, 1, 1), D(1999, 12, 31), "decade", "exact", "1990s"),
    (D(2020, 1, 1), D(2029, 12, 31), "decade", "approximate", "2020s, approx."),
    (D(2013, 1, 1), D(2016, 12, 31), "decade", "approximate", "2013–2016, approx."),
    (D(2021, 12, 1), D(2021, 12, 31), "month", "exact", "December 2021"),
    (D(2017, 3, 1), D(2017, 3, 31), "month", "exact", "March 2017"),
    (D(2019, 3, 1), D(2019, 5, 31), "quarter", "exact", "March–May 2019"),
    (D(2021, 9, 1), D(2021, 12, 31), "quarter", "approximate", "September–December 2021, approx."),
    (D(2023, 12, 1), D(2024, 2, 29), "month", "exact", "December 2023 – February 2024"),
    (D(2024, 2, 12), D(2024, 2, 19), "month", "exact", "12–19 February 2024"),
    (D(2026, 11, 1), D(2026, 11, 20), "month", "approximate", "1–20 November 2026, approx."),
    (D(2025, 9, 29), D(2025, 9, 29), "day", "exact", "29 September 2025"),
    (D(2025, 10, 14), D(2025, 10, 14), "day", "approximate", "14 October 2025, approx."),
    (D(2023, 10, 2), D(2023, 10, 8), "week", "exact", "2–8 October 2023"),
    (D(2014, 10, 19), D(2014, 10, 25), "week", "approximate", "19–25 October 2014, approx."),
    (D(2023, 9, 28), D(2023, 10, 4), "week", "exact", "28 September – 4 October 2023"),
    (D(2023, 12, 28), D(2024, 1, 3), "week", "exact", "28 December 2023 – 3 January 2024"),
    # Open and one-sided intervals
    (None, D(2008, 12, 31), "year", "deadline", "by end of 2008"),
    (D(2016, 11, 21), D(2016, 12, 31), "year", "deadline", "by end of 2016"),
    (None, D(2024, 5, 31), "month", "deadline", "by end of May 2024"),
    (None, D(2024, 5, 20), "day", "deadline", "by 20 May 2024"),
    (None, D(2029, 12, 31), "decade", "before", "before 2030"),
    (None, D(2006, 9, 30), "month", "before", "before October 2006"),
    (None, D(2007, 10, 31), "quarter", "before", "before November 2007"),
    (None, D(2018, 3, 14), "day", "before", "before 15 March 2018"),
    (D(2019, 1, 1), None, "year", "after", "after 2018"),
    (D(2019, 4, 1), None, "month", "after", "after March 2019"),
    (D(2019, 4, 3), None, "day", "after", "after 2 April 2019"),
    (D(2028, 1, 1), None, "year", "not-before", "from 2028"),
    (D(2026, 7, 1), None, "quarter", "not-before", "from July 2026"),
    (D(1999, 1, 1), D(2024, 12, 20), "year", "not-before", "from 1999"),
    (D(2023, 12, 1), D(2024, 10, 3), "month", "not-before", "from December 2023"),
    (D(2030, 1, 1), None, "year", "exact", "from 2030"),
    (None, D(2030, 12, 31), "year", "exact", "by end of 2030"),
    # No date, or the fields missing
    (None, None, None, None, ""),
    (None, None, "year", "exact", ""),
    (D(2016, 5, 4), D(2016, 5, 4), None, None, "4 May 2016"),
]


@pytest.mark.parametrize(("earliest", "latest", "precision", "qualifier", "words"), DATES)
def test_date_words(
    earliest: date | None, latest: date | None, precision: str, qualifier: str, words: str
) -> None:
    assert date_words(earliest, latest, precision, qualifier) == words


def test_date_words_reads_pandas_values() -> None:
    lo, hi = pd.Timestamp("2017-03-01"), pd.Timestamp("2017-03-31")
    assert date_words(lo, hi, "month", "exact") == "March 2017"
    assert date_words(pd.NaT, pd.Timestamp("2016-12-31"), "year", "deadline") == "by end of 2016"
    assert date_words(pd.NaT, pd.NaT, pd.NA, pd.NA) == ""


MONEY = [
    (2_500_000_000, "USD", "US$2.5 bn"),
    (13_900_000_000, "USD", "US$13.9 bn"),
    (827_000_000, "EUR", "€827 m"),
    (10_000_000_000, "AUD", "A$10 bn"),
    (1_250_000_000, "GBP", "£1.25 bn"),
    (1_234_567, "INR", "₹1.23 m"),
    (60_000_000, "BRL", "R$60 m"),
    (45_000, "PLN", "PLN 45,000"),
    (45_000, "USD", "US$45,000"),
    (999_999, "EUR", "€999,999"),
    (5_000_000, None, "5 m"),
    (5_000_000, "", "5 m"),
    (None, "USD", ""),
    (float("nan"), "USD", ""),
    (pd.NA, None, ""),
]


@pytest.mark.parametrize(("amount", "currency", "words"), MONEY)
def test_money_words(amount: object, currency: str | None, words: str) -> None:
    assert money_words(amount, currency) == words


@pytest.mark.parametrize(
    ("number", "noun", "plural", "words"),
    [
        (1, "deal", None, "1 deal"),
        (0, "deal", None, "0 deals"),
        (642, "deal", None, "642 deals"),
        (1469, "event", None, "1,469 events"),
        (1, "country", "countries", "1 country"),
        (3, "country", "countries", "3 countries"),
    ],
)
def test_counted(number: int, noun: str, plural: str | None, words: str) -> None:
    assert counted(number, noun, plural) == words
