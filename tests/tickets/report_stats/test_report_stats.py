"""The statistics selector (SPEC §9): a site's week and its trend, and the on-time rate of a
person or a site's people over a quarter, counted from tickets.selectors.duties."""

from __future__ import annotations

import pytest

from onsite.periods import Quarter, Week
from tests.dates import at
from tests.tickets.report_stats.conftest import LATER, NEXT_MONDAY, WEEK, submit
from tests.tickets.report_stats.test_report_status_command import colleague
from tickets.selectors.duties import DutyStatus
from tickets.selectors.report_stats import (
    parse_week,
    person_quarter_rate,
    quarter_rates,
    site_quarter_rates,
    week_table,
    weeks_of,
)

Q4 = Quarter(2026, 4)


def test_a_week_belongs_to_the_quarter_of_its_thursday():
    weeks = weeks_of(Q4)
    # Thursday 1 October 2026 and Thursday 31 December 2026 are both in the fourth quarter.
    assert (weeks[0].label, weeks[-1].label, len(weeks)) == ("2026-W40", "2026-W53", 14)
    assert weeks_of(Quarter(2027, 1))[0].label == "2027-W01"


@pytest.mark.parametrize("text", ["2026-W54", "2025-W53", "2026-W00", "2026W41", "0000-W01"])
def test_an_impossible_week_is_refused(text):
    with pytest.raises(ValueError):
        parse_week(text)


def test_the_week_table_counts_and_the_trend(world):
    late = colleague(world, "王五")
    colleague(world, "赵六")
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, "12:59"))
    submit(late, world.site_a, at(NEXT_MONDAY, "13:01"))
    table = week_table(site=world.site_a, week=WEEK, now=LATER)
    assert [(row.staff.name, row.status) for row in table.rows] == [
        ("张三", DutyStatus.ON_TIME),
        ("王五", DutyStatus.LATE),
        ("赵六", DutyStatus.MISSING),
    ]
    assert table.rows[1].late_minutes == 1
    assert table.counts[DutyStatus.ON_TIME] == table.counts[DutyStatus.LATE] == 1
    assert table.on_time_rate == pytest.approx(1 / 3)
    chart = table.chart()
    assert len(chart["weeks"]) == 8 and chart["weeks"][-1] == "2026-W42"
    on_time = next(s for s in chart["series"] if s["key"] == DutyStatus.ON_TIME)
    missing = next(s for s in chart["series"] if s["key"] == DutyStatus.MISSING)
    assert on_time["data"][-1] == 1
    # Nobody filed the seven weeks before: all three missing each week.
    assert missing["data"][:-1] == [3] * 7


def test_the_week_table_costs_the_same_queries_however_many_people(
    world, django_assert_num_queries
):
    # The placements, then eight weeks of duties with one policy table: 1 + 1 + 8 × 7.
    with django_assert_num_queries(50):
        week_table(site=world.site_a, week=WEEK, now=LATER)
    for n in range(5):
        submit(colleague(world, f"同事{n}"), world.site_a, at(NEXT_MONDAY, "09:00"))
    with django_assert_num_queries(50):
        table = week_table(site=world.site_a, week=WEEK, now=LATER)
    assert len(table.rows) == 6


def test_a_persons_quarter_rate_counts_the_weeks_due(world, django_assert_num_queries):
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, "09:00"))
    following = Week.containing(NEXT_MONDAY)
    submit(world.person_a, world.site_a, at(NEXT_MONDAY.replace(day=26), "13:01"), following)
    # As of 18 November: W40–W46 due (W46 overdue), W47–W53 not due yet.
    with django_assert_num_queries(1 + 14 * 6):
        found = person_quarter_rate(staff=world.person_a, quarter=Q4, now=LATER)
    assert (found.required, found.on_time, found.late, found.missing, found.open) == (
        7,
        1,
        1,
        5,
        7,
    )
    assert found.rate == pytest.approx(1 / 7)
    assert found.percent == "14.3%"


def test_nothing_required_has_no_rate(world):
    found = person_quarter_rate(staff=world.person_a, quarter=Quarter(2025, 4), now=LATER)
    assert (found.required, found.rate, found.percent) == (0, None, "—")


def test_rates_of_many_people_cost_the_same_queries(world, django_assert_num_queries):
    people = [colleague(world, f"同事{n}") for n in range(4)]
    ids = [world.person_a.pk, world.person_b.pk, *(p.pk for p in people)]
    with django_assert_num_queries(1 + 14 * 6):
        rates = quarter_rates(staff_ids=ids, quarter=Q4, now=LATER)
    assert set(rates) == set(ids)
    assert all(r.required == 7 and r.on_time == 0 for r in rates.values())


def test_the_site_quarter_table_lists_the_sites_people(world):
    colleague(world, "王五")
    rates = site_quarter_rates(site=world.site_a, quarter=Q4, now=LATER)
    assert [r.staff.name for r in rates] == ["张三", "王五"]
