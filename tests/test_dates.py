"""The date resolver: worked examples and properties over any publication date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tools.dates import DateContext, find_dates, format_date

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def resolve(text: str, published: date):
    return [(m.value, m.precision, m.planned) for m in find_dates(text, DateContext(published))]


@pytest.mark.parametrize("text, published, expected", [
    ("He said on Thursday that", date(2023, 6, 22), ("2023-06-22", "day", False)),
    ("He said on Wednesday that", date(2023, 6, 22), ("2023-06-21", "day", False)),
    ("talks in Washington next week", date(2023, 6, 22), ("2023-06-26", "week", True)),
    ("Earlier this week he said", date(2024, 12, 6), ("2024-12-02", "week", False)),
    ("In late September, they met", date(2024, 12, 6), ("2024-09", "month", False)),
    ("ideas in mid-March, which", date(2022, 4, 7), ("2022-03", "month", False)),
    ("a similar approach a year prior.", date(2022, 4, 7), ("2021", "year", False)),
    ("On 5 March, two soldiers", date(2023, 3, 10), ("2023-03-05", "day", False)),
    ("a flare-up on March 25, in which", date(2022, 4, 7), ("2022-03-25", "day", False)),
    ("met on December 20, a day", date(2023, 1, 5), ("2022-12-20", "day", False)),
    ("the meeting will be held on January 10", date(2023, 12, 20), ("2024-01-10", "day", True)),
    ("on November 20, 2023", date(2023, 11, 16), ("2023-11-20", "day", True)),
    ("since November 2020", date(2023, 3, 10), ("2020-11", "month", False)),
])
def test_worked_examples(text, published, expected):
    assert resolve(text, published)[0] == expected


def test_that_same_day_follows_the_last_resolved_date():
    context = DateContext(date(2024, 12, 6))
    find_dates("On Thursday, the agency reported", context)
    same = find_dates("That same day, the ministry announced", context)
    assert same[0].value == "2024-12-05"


def test_may_the_verb_is_not_a_month():
    assert resolve("Armenia may sign", date(2023, 6, 1)) == []


@pytest.mark.parametrize("value, precision, qualifier, text", [
    ("2023-06-22", "day", None, "22 June 2023"),
    ("2022-03", "month", None, "March 2022"),
    ("2024-09", "month", "late", "late September 2024"),
    ("2024-12-02", "week", None, "week of 2 December 2024"),
])
def test_dates_are_written_for_readers(value, precision, qualifier, text):
    assert format_date(value, precision, qualifier) == text


@given(published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
       weekday=st.sampled_from(WEEKDAYS))
def test_a_past_weekday_is_within_the_week_before_publication(published, weekday):
    found = find_dates(f"The minister said on {weekday} that talks had ended.",
                       DateContext(published))
    day = date.fromisoformat(found[0].value)
    assert published - timedelta(days=6) <= day <= published
    assert WEEKDAYS[day.weekday()] == weekday
    assert not found[0].planned


@given(published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
       weekday=st.sampled_from(WEEKDAYS))
def test_a_future_weekday_is_within_the_week_after_publication(published, weekday):
    found = find_dates(f"The ministers will meet on {weekday} in Brussels.",
                       DateContext(published))
    day = date.fromisoformat(found[0].value)
    assert published < day <= published + timedelta(days=7)
    assert WEEKDAYS[day.weekday()] == weekday
    assert found[0].planned


@given(published=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
       day=st.integers(1, 28), month=st.integers(1, 12))
def test_a_day_and_month_without_year_is_the_closest_before_publication(published, day, month):
    name = date(2000, month, 1).strftime("%B")
    found = find_dates(f"They met on {day} {name}.", DateContext(published))
    resolved = date.fromisoformat(found[0].value)
    assert resolved <= published < resolved.replace(year=resolved.year + 1)
