"""Weeks, months and quarters across year boundaries, and labels that read back."""

import datetime

import pytest

from onsite.periods import Month, Quarter, Week, add_months, months_between

D = datetime.date


def test_week_one_of_2026_starts_on_monday_29_december_2025():
    week = Week.parse("2026-W01")
    assert (week.first, week.last) == (D(2025, 12, 29), D(2026, 1, 4))
    assert Week.containing(D(2025, 12, 31)) == week
    assert week.previous.label == "2025-W52"


def test_a_year_with_53_iso_weeks_ends_in_week_53_then_week_one():
    week = Week.containing(D(2026, 12, 31))
    assert week.label == "2026-W53"
    assert (week.first, week.last) == (D(2026, 12, 28), D(2027, 1, 3))
    assert week.next.label == "2027-W01"
    assert Week.parse("2027-W01").previous == week


def test_week_53_of_a_year_with_52_weeks_is_refused():
    with pytest.raises(ValueError, match="2025-W53"):
        Week.parse("2025-W53")


def test_week_runs_monday_to_sunday_and_contains_its_days():
    week = Week.parse("2026-W41")
    assert week.first.weekday() == 0 and week.last.weekday() == 6
    assert len(week.days()) == 7
    assert week.contains(D(2026, 10, 11)) and D(2026, 10, 5) in week
    assert not week.contains(D(2026, 10, 12))
    assert str(week) == "2026-W41"


def test_december_is_followed_by_january_of_the_next_year():
    december = Month.parse("2026-12")
    assert december.next == Month(2027, 1)
    assert december.next.previous == december
    assert (december.first, december.last) == (D(2026, 12, 1), D(2026, 12, 31))


def test_february_ends_on_the_28th_or_in_a_leap_year_the_29th():
    assert Month(2026, 2).last == D(2026, 2, 28)
    assert Month(2028, 2).last == D(2028, 2, 29)


def test_month_label_contains_and_shift_by_many():
    month = Month.containing(D(2026, 10, 15))
    assert month.label == "2026-10"
    assert month.contains(D(2026, 10, 31)) and not month.contains(D(2026, 11, 1))
    assert month.shift(-10) == Month(2025, 12)
    assert month.shift(15) == Month(2028, 1)


def test_previous_of_the_first_quarter_is_last_years_fourth():
    q1 = Quarter.parse("2026Q1")
    assert q1.previous == Quarter(2025, 4)
    assert q1.previous.label == "2025Q4"
    assert q1.previous.next == q1
    assert (q1.previous.first, q1.previous.last) == (D(2025, 10, 1), D(2025, 12, 31))


def test_quarter_containing_a_date_and_its_months():
    quarter = Quarter.containing(D(2026, 8, 31))
    assert quarter.label == "2026Q3"
    assert [m.label for m in quarter.months] == ["2026-07", "2026-08", "2026-09"]
    assert quarter.contains(D(2026, 7, 1)) and not quarter.contains(D(2026, 10, 1))
    assert Month(2026, 9).quarter == quarter


@pytest.mark.parametrize(
    "period, text",
    [
        (Week, "2026-W00"),
        (Week, "2026-W1"),
        (Week, "2026W41"),
        (Month, "2026-13"),
        (Month, "2026-00"),
        (Month, "2026-1"),
        (Month, "２０２６-10"),
        (Quarter, "2026Q5"),
        (Quarter, "2026Q0"),
        (Quarter, "2026-Q3"),
        (Month, ""),
        (Month, None),
    ],
)
def test_a_bad_label_is_a_clear_value_error(period, text):
    with pytest.raises(ValueError, match=f"not a {period.__name__.lower()} label"):
        period.parse(text)


@pytest.mark.parametrize("period", [Week, Month, Quarter])
def test_label_reads_back_as_the_same_period(period):
    for day in (D(2025, 12, 29), D(2026, 1, 1), D(2026, 6, 30), D(2026, 12, 31)):
        found = period.containing(day)
        assert period.parse(found.label) == found
        assert found.contains(day)


def test_add_months_keeps_the_day_or_takes_the_shorter_months_last():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)
    assert add_months(D(2026, 1, 15), -1) == D(2025, 12, 15)
    assert add_months(D(2026, 3, 31), -13) == D(2025, 2, 28)


def test_months_between_spans_the_year_boundary():
    months = months_between(D(2025, 11, 20), D(2026, 2, 1))
    assert [m.label for m in months] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert months_between(D(2026, 3, 5), D(2026, 3, 6)) == [Month(2026, 3)]
