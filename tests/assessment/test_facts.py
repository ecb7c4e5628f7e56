"""The facts of a person's period (SPEC §12) that attendance, tickets and staffing register in
onsite.facts: the registry merges them in order, and each source counts its own data."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from attendance.selectors.facts import attendance_facts
from attendance.selectors.sheet import person_row
from attendance.services.days import days_recompute
from onsite.facts import facts_of
from staffing.models import RecordKind
from staffing.selectors.facts import reward_facts
from tests import factories
from tests.dates import (
    FRIDAY,
    MONDAY,
    NEXT_TUESDAY,
    OCTOBER,
    OCTOBER_END,
    THURSDAY,
    TUESDAY,
    WEDNESDAY,
    at,
)
from tests.tickets.report_stats.conftest import LATER, NEXT_MONDAY, freeze, submit
from tickets.selectors.facts import report_facts, ticket_facts

pytestmark = pytest.mark.django_db

# A quarter before anyone of the test world was placed: nothing happened in it.
EMPTY = (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))
Q4 = (OCTOBER, datetime.date(2026, 12, 31))


def values(facts) -> dict[str, str]:
    return {fact.label: fact.value for fact in facts}


def test_the_registry_merges_every_apps_facts_in_their_order(world, monkeypatch):
    freeze(monkeypatch, LATER)
    facts = facts_of(staff=world.person_a, first=OCTOBER, last=OCTOBER_END)
    assert [f.group for f in facts] == ["attendance"] * 4 + ["tickets"] * 2 + ["reports"] + [
        "rewards"
    ] * 2
    assert [f.order for f in facts] == sorted(f.order for f in facts)
    assert [f.label for f in facts] == [
        "出勤",
        "迟到",
        "缺勤",
        "请假",
        "处理的服务工单",
        "服务时限达标率",
        "周报按时率（2026Q4）",
        "奖励",
        "处罚",
    ]
    assert all(f.url for f in facts)


# Attendance -------------------------------------------------------------------------------------


def judged_reference_week(world):
    """Person A in the reference week: on time Monday, Wednesday and Thursday, 30 minutes late on
    Tuesday, no punch on Friday; approved personal leave on Monday and Tuesday of the week after."""
    person, site = world.person_a, world.site_a
    for day in (MONDAY, WEDNESDAY, THURSDAY):
        factories.full_day(person, site, day.isoformat())
    factories.full_day(person, site, TUESDAY.isoformat(), start="09:00")
    factories.leave(person, site, NEXT_TUESDAY - datetime.timedelta(days=1), NEXT_TUESDAY)
    days_recompute(start=OCTOBER, end=OCTOBER_END, staff_ids=[person.pk])


def test_attendance_counts_a_week_as_the_sheet_judges_it(world, django_assert_num_queries):
    judged_reference_week(world)
    with django_assert_num_queries(1):
        facts = attendance_facts(staff=world.person_a, first=MONDAY, last=FRIDAY)
    assert values(facts) == {
        "出勤": "4 天",
        "迟到": "1 次（30 分钟）",
        "缺勤": "1 天",
        "请假": "0 天",
    }
    assert facts[0].url == reverse("attendance:person_month", args=[world.person_a.pk, OCTOBER])


def test_attendance_of_a_month_is_the_month_sheets_row(world):
    judged_reference_week(world)
    row = person_row(staff=world.person_a, site=world.site_a, month=OCTOBER)
    found = values(attendance_facts(staff=world.person_a, first=OCTOBER, last=OCTOBER_END))
    assert (row.present, row.late_count, row.late_minutes, row.leave) == (4, 1, 30, 2)
    assert found["出勤"] == f"{row.present:f}".removesuffix(".0") + " 天"
    assert found["缺勤"] == f"{row.absent:f}".removesuffix(".0") + " 天"
    assert found["请假"] == "2 天" and found["迟到"] == "1 次（30 分钟）"


def test_attendance_of_a_period_without_days_is_zero(world):
    assert values(attendance_facts(staff=world.person_a, first=EMPTY[0], last=EMPTY[1])) == {
        "出勤": "0 天",
        "迟到": "0 次",
        "缺勤": "0 天",
        "请假": "0 天",
    }


def test_a_half_day_counts_half(world):
    factories.DayFactory(
        staff=world.person_a,
        site=world.site_a,
        date=MONDAY,
        status="half_leave",
        scheduled=1,
        present=Decimal("0.5"),
        leave=Decimal("0.5"),
        leave_kind="personal",
    )
    found = values(attendance_facts(staff=world.person_a, first=MONDAY, last=MONDAY))
    assert (found["出勤"], found["请假"]) == ("0.5 天", "0.5 天")


# Tickets ----------------------------------------------------------------------------------------


def handled(
    world, person=None, *, day=MONDAY, raised=None, answered="10:30", resolved="16:00", **extra
):
    """A ticket raised at 10:00 (on `raised`, else `day`: response due 14:00, resolution due
    10:00 the day after), answered that day and resolved by the assignee on `day`."""
    raised = raised or day
    return factories.TicketFactory(
        site=world.site_a,
        company=world.company,
        assignee=person or world.person_a,
        raised_at=at(raised, "10:00"),
        acknowledged_at=at(raised, answered),
        resolved_at=at(day, resolved),
        status=extra.pop("status", "resolved"),
        **extra,
    )


def test_tickets_handled_and_the_share_that_met_both_targets(world, django_assert_num_queries):
    handled(world)
    handled(world, status="closed", closed_at=at(TUESDAY, "09:00"))
    with django_assert_num_queries(1):
        facts = ticket_facts(staff=world.person_a, first=OCTOBER, last=OCTOBER_END)
    assert values(facts) == {
        "处理的服务工单": "2 张",
        "服务时限达标率": "100.0%（2 张中 2 张达标）",
    }
    assert facts[0].url == reverse("tickets:list")
    # Answered after its four hours; resolved a day and a half after raising: two breaches.
    handled(world, answered="15:00")
    handled(world, raised=TUESDAY, day=WEDNESDAY, resolved="23:30")
    found = values(ticket_facts(staff=world.person_a, first=OCTOBER, last=OCTOBER_END))
    assert found == {"处理的服务工单": "4 张", "服务时限达标率": "50.0%（4 张中 2 张达标）"}


def test_only_the_persons_tickets_resolved_in_the_period_count(world):
    handled(world)
    # Resolved the day after the period, reopened since, or another person's: none counts.
    handled(world, day=datetime.date(2026, 11, 1))
    handled(world, status="in_progress")
    handled(world, person=world.person_b)
    found = values(ticket_facts(staff=world.person_a, first=OCTOBER, last=OCTOBER_END))
    assert found == {"处理的服务工单": "1 张", "服务时限达标率": "100.0%（1 张中 1 张达标）"}


def test_no_tickets_has_no_compliance(world):
    assert values(ticket_facts(staff=world.person_a, first=EMPTY[0], last=EMPTY[1])) == {
        "处理的服务工单": "0 张",
        "服务时限达标率": "—",
    }


# Weekly reports ---------------------------------------------------------------------------------


def test_the_weekly_report_rate_of_the_quarter_links_to_the_sites_statistics(world, monkeypatch):
    freeze(monkeypatch, LATER)
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, "09:00"))
    (fact,) = report_facts(staff=world.person_a, first=Q4[0], last=Q4[1])
    # As of 18 November: W40–W46 due, one of them on time (as report_stats counts it).
    assert (fact.label, fact.value) == ("周报按时率（2026Q4）", "14.3%（应交 7 周，按时 1 周）")
    assert fact.url == reverse("tickets:report_stats_quarter", args=[world.site_a.pk, "2026Q4"])
    assert fact.order == 30


def test_a_period_of_two_quarters_has_a_rate_each(world, monkeypatch):
    freeze(monkeypatch, LATER)
    facts = report_facts(staff=world.person_a, first=datetime.date(2026, 9, 1), last=OCTOBER_END)
    assert [(f.label, f.order) for f in facts] == [
        ("周报按时率（2026Q3）", 30),
        ("周报按时率（2026Q4）", 31),
    ]
    # Nobody filed in the third quarter: every week due is missed.
    assert facts[0].value == "0.0%（应交 13 周，按时 0 周）"


def test_no_report_due_has_no_rate_and_no_site(world, monkeypatch):
    freeze(monkeypatch, LATER)
    (fact,) = report_facts(staff=world.person_a, first=EMPTY[0], last=EMPTY[1])
    assert (fact.value, fact.url) == ("—", "")


# Rewards and penalties --------------------------------------------------------------------------


def record(world, kind, date=MONDAY, amount=None):
    return factories.RewardPenaltyFactory(staff=world.person_a, kind=kind, date=date, amount=amount)


def test_rewards_and_penalties_dated_in_the_period_with_their_money(
    world, django_assert_num_queries
):
    record(world, RecordKind.COMMENDATION)
    record(world, RecordKind.BONUS, amount=Decimal("500"))
    record(world, RecordKind.FINE, date=OCTOBER_END, amount=Decimal("50"))
    record(world, RecordKind.VERBAL_WARNING, date=OCTOBER)
    # The day before the period and the day after: not counted.
    record(world, RecordKind.FINE, date=datetime.date(2026, 9, 30), amount=Decimal("200"))
    record(world, RecordKind.DISMISSAL, date=datetime.date(2026, 11, 1))
    with django_assert_num_queries(1):
        facts = reward_facts(staff=world.person_a, first=OCTOBER, last=OCTOBER_END)
    assert values(facts) == {"奖励": "2 次，奖金 ¥500.00", "处罚": "2 次，罚款 ¥50.00"}
    assert facts[0].url == reverse("staffing:staff_detail", args=[world.person_a.pk])


def test_penalties_without_money_are_counted_alone(world):
    record(world, RecordKind.WRITTEN_NOTICE)
    found = values(reward_facts(staff=world.person_a, first=MONDAY, last=MONDAY))
    assert found == {"奖励": "0 次", "处罚": "1 次"}
    assert values(reward_facts(staff=world.person_a, first=TUESDAY, last=FRIDAY)) == {
        "奖励": "0 次",
        "处罚": "0 次",
    }


def test_a_persons_facts_cost_the_same_queries_however_much_happened(
    world, monkeypatch, django_assert_num_queries
):
    freeze(monkeypatch, LATER)
    # One query each for attendance, tickets and 奖惩; the placements, then report_stats' cost
    # of the quarter's 14 weeks (tickets.selectors.report_stats.person_quarter_rate).
    expected = 3 + 1 + (1 + 14 * 6)
    with django_assert_num_queries(expected):
        facts_of(staff=world.person_a, first=Q4[0], last=Q4[1])
    judged_reference_week(world)
    for day in (MONDAY, TUESDAY, WEDNESDAY):
        handled(world, day=day)
        record(world, RecordKind.BONUS, date=day, amount=Decimal("100"))
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, "09:00"))
    with django_assert_num_queries(expected):
        facts = facts_of(staff=world.person_a, first=Q4[0], last=Q4[1])
    assert values(facts)["奖励"] == "3 次，奖金 ¥300.00"


def test_many_peoples_facts_are_each_persons_and_the_report_rates_are_read_once(
    world, monkeypatch, django_assert_max_num_queries
):
    from onsite.facts import facts_of_many

    freeze(monkeypatch, LATER)
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, "09:00"))
    people = [world.person_a, world.person_b, factories.colleague_of(world, "王五")]
    one = {p.pk: facts_of(staff=p, first=Q4[0], last=Q4[1]) for p in people}
    # Attendance, tickets and 奖惩 a query per person; the placements and the quarter's 14 weeks
    # of report duties once for everyone (not 85 queries a person).
    with django_assert_max_num_queries(3 * len(people) + 1 + (1 + 14 * 6) + 1):
        many = facts_of_many(staff=people, first=Q4[0], last=Q4[1])
    assert many == one
