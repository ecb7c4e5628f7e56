"""Who owes a report and where it stands (SPEC §9), at each edge: the due time Monday 13:00 on
the site's clock, the end of the following Sunday, a week of leave, half a day of leave, a site in
another time zone, a move between sites, and the daily and monthly reports a policy turns on."""

import datetime

import pytest

from attendance.models import LeaveStatus
from onsite.periods import Day, Month, Week
from onsite.policy import policy_set
from tests import factories
from tests.dates import FRIDAY, MONDAY, OCTOBER, SUNDAY, WORKWEEK, at
from tickets.models import Report, ReportKind, ReportStatus
from tickets.selectors.duties import DutyStatus, duties, duty_of

WEEK = Week.containing(MONDAY)  # 2026-W42
NEXT_MONDAY = MONDAY + datetime.timedelta(days=7)
NEXT_SUNDAY = SUNDAY + datetime.timedelta(days=7)


def status(world, now, person=None, kind=ReportKind.WEEKLY, period=WEEK):
    duty = duty_of(staff=person or world.person_a, kind=kind, period=period, now=now)
    return duty.status


def submit(person, site, when, period=WEEK, kind=ReportKind.WEEKLY):
    return Report.objects.create(
        staff=person,
        site=site,
        kind=kind,
        period=period.label,
        starts_on=period.first,
        ends_on=period.last,
        due_at=when,
        status=ReportStatus.SUBMITTED,
        work_done="巡检",
        first_submitted_at=when,
        submitted_at=when,
    )


def test_everyone_placed_with_a_working_day_owes_the_week(world):
    found = duties(kind=ReportKind.WEEKLY, period=WEEK, now=at(MONDAY, "10:00"))
    assert [(d.staff.name, d.site.code, d.required, d.scheduled_days) for d in found] == [
        ("张三", "A", True, 5),
        ("李四", "B", True, 5),
    ]
    assert found[0].due_at == at(NEXT_MONDAY, "13:00")
    assert found[0].status == DutyStatus.OPEN


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(NEXT_MONDAY, "12:59"), DutyStatus.OPEN),
        (at(NEXT_MONDAY, "13:00"), DutyStatus.OVERDUE),
        (at(NEXT_SUNDAY, "23:59", 59), DutyStatus.OVERDUE),
        (at(NEXT_SUNDAY + datetime.timedelta(days=1), "00:00"), DutyStatus.MISSING),
    ],
)
def test_not_submitted_is_open_then_overdue_then_missing(world, now, expected):
    assert status(world, now) == expected


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [("13:00", DutyStatus.ON_TIME), ("13:01", DutyStatus.LATE)],
)
def test_submitted_by_the_due_time_is_on_time_after_it_late(world, submitted, expected):
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, submitted))
    assert status(world, at(NEXT_MONDAY + datetime.timedelta(days=30), "09:00")) == expected


def test_a_week_of_leave_exempts_half_a_day_does_not(world):
    leave = factories.LeaveFactory(
        staff=world.person_a,
        site=world.site_a,
        start=MONDAY,
        end=FRIDAY,
        status=LeaveStatus.APPROVED,
    )
    assert status(world, at(NEXT_MONDAY, "14:00")) == DutyStatus.EXEMPT
    leave.ends_am = True
    leave.save()
    assert status(world, at(NEXT_MONDAY, "14:00")) == DutyStatus.OVERDUE
    # Leave waiting for a decision excuses nothing.
    leave.ends_am, leave.status = False, LeaveStatus.PENDING
    leave.save()
    assert status(world, at(NEXT_MONDAY, "14:00")) == DutyStatus.OVERDUE


def test_a_week_without_a_working_day_is_exempt(world):
    for day in WORKWEEK:
        factories.CalendarDayFactory(date=day, site=world.site_a, kind="holiday", name="停电检修")
    duty = duty_of(
        staff=world.person_a, kind=ReportKind.WEEKLY, period=WEEK, now=at(MONDAY, "9:00")
    )
    assert (duty.required, duty.status) == (False, DutyStatus.EXEMPT)


def test_the_due_time_is_the_sites_clock(world):
    world.site_a.time_zone = "Asia/Urumqi"  # two hours behind Beijing
    world.site_a.save()
    duty = duty_of(
        staff=world.person_a, kind=ReportKind.WEEKLY, period=WEEK, now=at(MONDAY, "9:00")
    )
    assert duty.due_at == at(NEXT_MONDAY, "15:00")
    assert status(world, at(NEXT_MONDAY, "14:59")) == DutyStatus.OPEN
    assert status(world, at(NEXT_MONDAY, "15:00")) == DutyStatus.OVERDUE


def test_the_due_time_is_a_policy(world):
    policy_set(
        key="report_weekly_due_time",
        value=datetime.time(17, 30),
        company=world.company,
        by=world.hr,
    )
    assert status(world, at(NEXT_MONDAY, "17:29")) == DutyStatus.OPEN
    assert status(world, at(NEXT_MONDAY, "17:30")) == DutyStatus.OVERDUE


def test_a_person_moved_within_the_week_owes_it_to_the_last_site(world):
    placement = world.person_a.assignments.get()
    placement.end = datetime.date(2026, 10, 13)
    placement.save()
    factories.AssignmentFactory(
        staff=world.person_a,
        site=world.site_b,
        contract=placement.contract,
        position=placement.position,
        start=datetime.date(2026, 10, 14),
    )
    at_a = duties(kind=ReportKind.WEEKLY, period=WEEK, now=at(MONDAY, "9:00"), sites=[world.site_a])
    at_b = duties(kind=ReportKind.WEEKLY, period=WEEK, now=at(MONDAY, "9:00"), sites=[world.site_b])
    assert [d.staff.name for d in at_a] == []
    assert [(d.staff.name, d.scheduled_days) for d in at_b] == [("张三", 3), ("李四", 5)]


def test_daily_and_monthly_reports_are_off_until_a_policy_turns_them_on(world):
    day = MONDAY
    assert status(world, at(MONDAY, "21:00"), kind=ReportKind.DAILY, period=Day(day)) == (
        DutyStatus.EXEMPT
    )
    policy_set(key="report_daily_on", value=True, site=world.site_a, by=world.hr)
    assert status(world, at(MONDAY, "19:59"), kind=ReportKind.DAILY, period=Day(day)) == (
        DutyStatus.OPEN
    )
    assert status(world, at(MONDAY, "20:00"), kind=ReportKind.DAILY, period=Day(day)) == (
        DutyStatus.OVERDUE
    )
    # The other site's people keep the default.
    assert (
        status(
            world,
            at(MONDAY, "21:00"),
            person=world.person_b,
            kind=ReportKind.DAILY,
            period=Day(day),
        )
        == DutyStatus.EXEMPT
    )
    month = Month.containing(OCTOBER)
    policy_set(key="report_monthly_on", value=True, company=world.company, by=world.hr)
    # Due by the end of 3 November.
    november_3 = datetime.date(2026, 11, 3)
    assert status(world, at(november_3, "23:59"), kind=ReportKind.MONTHLY, period=month) == (
        DutyStatus.OPEN
    )
    assert (
        status(
            world,
            at(november_3 + datetime.timedelta(days=1), "00:00"),
            kind=ReportKind.MONTHLY,
            period=month,
        )
        == DutyStatus.OVERDUE
    )
