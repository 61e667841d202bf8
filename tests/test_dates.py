"""Table-driven tests: temporal expressions -> intervals resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from armstrack.extract.dates import find_dates

P = date(2016, 11, 21)  # a Monday
Q = date(2023, 4, 5)  # a Wednesday

# sentence, publication date, expected text, earliest, latest, precision, qualifier
CASES = [
    ("The newspaper reported Monday.", P, "Monday", "2016-11-21", "2016-11-21", "day", "exact"),
    ("The minister spoke on Tuesday.", P, "Tuesday", "2016-11-15", "2016-11-15", "day", "exact"),
    ("Talks will resume on Friday.", P, "Friday", "2016-11-25", "2016-11-25", "day", "exact"),
    ("The delegation will arrive on Monday.", P, "Monday", "2016-11-28", "2016-11-28", "day", "exact"),
    ("The deal was signed last Monday.", P, "last Monday", "2016-11-14", "2016-11-14", "day", "exact"),
    ("They will meet next Wednesday.", P, "next Wednesday", "2016-11-23", "2016-11-23", "day", "exact"),
    ("On Nov. 24, 2015, the jet was shot down.", P, "Nov. 24, 2015", "2015-11-24", "2015-11-24", "day", "exact"),
    ("It happened on November 24, 2015.", P, "November 24, 2015", "2015-11-24", "2015-11-24", "day", "exact"),
    ("It happened on 24 November 2015.", P, "24 November 2015", "2015-11-24", "2015-11-24", "day", "exact"),
    ("It happened on 3rd March 2021.", P, "3rd March 2021", "2021-03-03", "2021-03-03", "day", "exact"),
    ("The contract is dated 2019-06-30.", P, "2019-06-30", "2019-06-30", "2019-06-30", "day", "exact"),
    ("The contract was signed on March 3.", Q, "March 3", "2023-03-03", "2023-03-03", "day", "exact"),
    ("Deliveries will start on June 1.", Q, "June 1", "2023-06-01", "2023-06-01", "day", "exact"),
    ("The jets arrived on 12 December.", Q, "12 December", "2022-12-12", "2022-12-12", "day", "exact"),
    ("In May 2015, a delegation attended.", P, "May 2015", "2015-05-01", "2015-05-31", "month", "exact"),
    ("They signed in September 2014.", P, "September 2014", "2014-09-01", "2014-09-30", "month", "exact"),
    ("The order was placed in Sept. 2014.", P, "Sept. 2014", "2014-09-01", "2014-09-30", "month", "exact"),
    ("The ministry confirmed the order in May.", Q, "May", "2022-05-01", "2022-05-31", "month", "exact"),
    ("The first jets will arrive in May.", Q, "May", "2023-05-01", "2023-05-31", "month", "exact"),
    ("The deal, signed last May, covers 12 jets.", P, "last May", "2016-05-01", "2016-05-31", "month", "exact"),
    ("Talks resume next March.", P, "next March", "2017-03-01", "2017-03-31", "month", "exact"),
    ("The contract was signed in March of last year.", Q, "March of last year", "2022-03-01", "2022-03-31", "month", "exact"),
    ("Deliveries begin in early May 2024.", Q, "early May 2024", "2024-05-01", "2024-05-10", "month", "approximate"),
    ("Trials end in late June.", Q, "late June", "2023-06-21", "2023-06-30", "month", "approximate"),
    ("A meeting is planned by year's end.", P, "by year's end", "2016-11-21", "2016-12-31", None, "deadline"),
    ("Talks should conclude by the end of the year.", P, "by the end of the year", "2016-11-21", "2016-12-31", None, "deadline"),
    ("The first batch arrives by the end of 2025.", Q, "by the end of 2025", "2023-04-05", "2025-12-31", None, "deadline"),
    ("It must be done by 2030.", Q, "by 2030", "2023-04-05", "2030-12-31", "year", "deadline"),
    ("All units are due no later than 2027.", Q, "no later than 2027", "2023-04-05", "2027-12-31", "year", "deadline"),
    ("The transfer will take place no earlier than 2018.", P, "no earlier than 2018", "2018-01-01", None, "year", "not-before"),
    ("Deliveries are not expected before 2026.", Q, "before 2026", None, "2025-12-31", "year", "before"),
    ("Production starts not before 2027.", Q, "not before 2027", "2027-01-01", None, "year", "not-before"),
    ("The plant opens after 2025.", Q, "after 2025", "2026-01-01", None, "year", "after"),
    ("Exports have grown since 2014.", P, "since 2014", "2014-01-01", "2016-11-21", "year", "not-before"),
    ("Deliveries start from 2026.", Q, "from 2026", "2026-01-01", None, "year", "not-before"),
    ("Turkey would receive them sometime in the 2020s.", P, "sometime in the 2020s", "2020-01-01", "2029-12-31", "decade", "approximate"),
    ("Service entry is expected in the 2030s.", Q, "the 2030s", "2030-01-01", "2039-12-31", "decade", "exact"),
    ("The fleet was bought in the early 1990s.", Q, "the early 1990s", "1990-01-01", "1993-12-31", None, "approximate"),
    ("The jets will be retired in the late 2030s.", Q, "the late 2030s", "2036-01-01", "2039-12-31", None, "approximate"),
    ("A new tender is likely later this decade.", Q, "later this decade", "2023-04-05", "2029-12-31", None, "approximate"),
    ("A replacement is planned for the next decade.", Q, "the next decade", "2030-01-01", "2039-12-31", "decade", "exact"),
    ("In recent months, relations have improved.", P, "In recent months", "2016-05-22", "2016-11-21", None, "approximate"),
    ("In the coming months the ministry will decide.", Q, "In the coming months", "2023-04-05", "2023-10-05", None, "approximate"),
    ("The navy recently ordered two ships.", Q, "recently", "2023-01-03", "2023-04-05", None, "approximate"),
    ("The minister visited Seoul last week.", P, "last week", "2016-11-14", "2016-11-20", "week", "exact"),
    ("The parliament votes next week.", P, "next week", "2016-11-28", "2016-12-04", "week", "exact"),
    ("The agency signed the contract last month.", Q, "last month", "2023-03-01", "2023-03-31", "month", "exact"),
    ("More jets will arrive next month.", Q, "next month", "2023-05-01", "2023-05-31", "month", "exact"),
    ("The first jets will be delivered next year.", P, "next year", "2017-01-01", "2017-12-31", "year", "exact"),
    ("The country bought 12 tanks last year.", Q, "last year", "2022-01-01", "2022-12-31", "year", "exact"),
    ("The budget for this year is larger.", Q, "this year", "2023-01-01", "2023-12-31", "year", "exact"),
    ("The contract was signed earlier this year.", Q, "earlier this year", "2023-01-01", "2023-04-05", None, "approximate"),
    ("A decision is expected later this year.", Q, "later this year", "2023-04-05", "2023-12-31", None, "approximate"),
    ("Deliveries are due in early 2019.", P, "early 2019", "2019-01-01", "2019-04-30", None, "approximate"),
    ("The first squadron should be ready by mid-2020.", P, "by mid-2020", "2016-11-21", "2020-08-31", None, "deadline"),
    ("Trials are set for mid-2020.", P, "mid-2020", "2020-05-01", "2020-08-31", None, "approximate"),
    ("Testing ended in late 2019.", Q, "late 2019", "2019-09-01", "2019-12-31", None, "approximate"),
    ("A contract is expected at the end of 2024.", Q, "the end of 2024", "2024-11-01", "2024-12-31", None, "approximate"),
    ("Delivery is slated for the first quarter.", P, "the first quarter", "2016-01-01", "2016-03-31", "quarter", "exact"),
    ("Delivery is slated for the first quarter of 2019.", P, "the first quarter of 2019", "2019-01-01", "2019-03-31", "quarter", "exact"),
    ("Delivery is slated for the first quarter of next year.", P, "the first quarter of next year", "2017-01-01", "2017-03-31", "quarter", "exact"),
    ("Revenue rose in Q3 2022.", Q, "Q3 2022", "2022-07-01", "2022-09-30", "quarter", "exact"),
    ("Deliveries begin in the second half of 2024.", Q, "the second half of 2024", "2024-07-01", "2024-12-31", "quarter", "exact"),
    ("Sea trials are planned for H1 2025.", Q, "H1 2025", "2025-01-01", "2025-06-30", "quarter", "exact"),
    ("The ships will arrive in the spring of 2025.", Q, "spring of 2025", "2025-03-01", "2025-05-31", "quarter", "exact"),
    ("Exercises took place in winter 2021.", Q, "winter 2021", "2021-12-01", "2022-02-28", "quarter", "exact"),
    ("The vote is due next summer.", Q, "next summer", "2023-06-01", "2023-08-31", "quarter", "exact"),
    ("The programme ran from 2010 to 2014.", Q, "from 2010 to 2014", "2010-01-01", "2014-12-31", "year", "exact"),
    ("Deliveries took place between 2018 and 2020.", Q, "between 2018 and 2020", "2018-01-01", "2020-12-31", "year", "exact"),
    ("The 2014-15 contracts were smaller.", Q, "2014-15", "2014-01-01", "2015-12-31", "year", "exact"),
    ("Funds were allocated in fiscal 2021.", Q, "fiscal 2021", "2021-01-01", "2021-12-31", "year", "approximate"),
    ("Russia signed the deal in 2014.", P, "2014", "2014-01-01", "2014-12-31", "year", "exact"),
    ("The order dates to around 2012.", Q, "around 2012", "2012-01-01", "2012-12-31", "year", "approximate"),
    ("The country ordered the jets two years ago.", Q, "two years ago", "2021-01-01", "2021-12-31", "year", "approximate"),
    ("The minister said yesterday that talks went well.", Q, "yesterday", "2023-04-04", "2023-04-04", "day", "exact"),
    ("The ministry announced today that it had signed.", Q, "today", "2023-04-05", "2023-04-05", "day", "exact"),
    ("The contract will be signed within three years.", Q, "within three years", "2023-04-05", "2026-04-05", None, "exact"),
    ("The army will receive the guns over the next five years.", Q, "over the next five years", "2023-04-05", "2028-04-05", None, "exact"),
    ("The first jets will arrive in two years.", Q, "in two years", "2025-01-01", "2025-12-31", "year", "approximate"),
]


@pytest.mark.parametrize(("sentence", "pub", "text", "earliest", "latest", "precision", "qualifier"), CASES)
def test_date_resolution(
    sentence: str,
    pub: date,
    text: str,
    earliest: str | None,
    latest: str | None,
    precision: str | None,
    qualifier: str,
) -> None:
    found = find_dates(sentence, pub)
    matching = [d for d in found if d.text.lower() == text.lower()]
    assert matching, f"{text!r} not found in {[d.text for d in found]}"
    d = matching[0]
    assert (d.earliest.isoformat() if d.earliest else None) == earliest
    assert (d.latest.isoformat() if d.latest else None) == latest
    assert d.qualifier == qualifier
    if precision:
        assert d.precision == precision
    assert d.edtf


NOT_DATES = [
    "The army bought 2000 rockets.",
    "They may buy more jets.",
    "Prices fall when demand drops.",
    "The unit costs $2015 per hour.",
    "It weighs 1,950 kg.",
    "He said this may happen.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_a_date(sentence: str) -> None:
    assert find_dates(sentence, Q) == []


def test_offsets_point_into_the_text() -> None:
    text = "Deliveries will start no earlier than 2018, officials said."
    (d,) = find_dates(text, P, offset=100)
    assert text[d.start - 100 : d.end - 100] == "no earlier than 2018"


def test_name_year_is_weak() -> None:
    found = find_dates("In May 2015, a delegation attended the DEFX 2015 exhibition.", P)
    weak = [d for d in found if d.weak]
    assert [d.text for d in weak] == ["2015"]
    assert [d.text for d in found if not d.weak] == ["May 2015"]


def test_edtf_forms() -> None:
    by = {d.text: d.edtf for d in find_dates("It came in May 2015, then no earlier than 2018, and in the 2020s, by year's end.", P)}
    assert by["May 2015"] == "2015-05"
    assert by["no earlier than 2018"] == "2018/.."
    assert by["the 2020s"] == "202X"
    assert by["by year's end"] == "2016-11-21/2016-12-31"
