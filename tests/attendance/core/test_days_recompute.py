"""attendance.services.days.days_recompute: the judged days follow the calendar, the
assignment, the leave and the marks, and a closed month stays as it was."""

from __future__ import annotations

import datetime
from decimal import Decimal

from attendance.models import AbsenceMark, Day, DayKind, DayStatus, LeaveStatus, MonthClose
from attendance.services.days import days_recompute
from tests.dates import OCTOBER, OCTOBER_END
from tests.factories import calendar_day, full_day, leave, punch

D = datetime.date


def recompute(world, start=OCTOBER, end=OCTOBER_END):
    return days_recompute(start=start, end=end, staff_ids=[world.person_a.pk])


def day_of(world, date) -> Day:
    return Day.objects.get(staff=world.person_a, date=date)


def test_a_workday_without_punches_is_absent_and_a_weekend_has_no_row(world):
    calendar_day(D(2026, 10, 13), DayKind.WORKDAY)
    calendar_day(D(2026, 10, 17), DayKind.REST)
    recompute(world, D(2026, 10, 13), D(2026, 10, 17))
    assert day_of(world, D(2026, 10, 13)).status == DayStatus.ABSENT
    assert not Day.objects.filter(staff=world.person_a, date=D(2026, 10, 17)).exists()


def test_a_make_up_saturday_is_scheduled(world):
    calendar_day(D(2026, 10, 10), DayKind.MAKEUP_WORKDAY, "国庆节调休")
    full_day(world.person_a, world.site_a, "2026-10-10", start="08:50")
    recompute(world, D(2026, 10, 10), D(2026, 10, 10))
    day = day_of(world, D(2026, 10, 10))
    assert day.scheduled == 1
    assert day.status == DayStatus.LATE
    assert day.late_minutes == 20


def test_punches_on_a_holiday_are_kept_as_unscheduled_evidence(world):
    calendar_day(D(2026, 10, 1), DayKind.HOLIDAY, "国庆节")
    full_day(world.person_a, world.site_a, "2026-10-01", start="09:00", end="15:00")
    recompute(world, D(2026, 10, 1), D(2026, 10, 1))
    day = day_of(world, D(2026, 10, 1))
    assert (day.status, day.scheduled, day.punch_count) == (DayStatus.OFF, 0, 2)
    assert day.day_kind == DayKind.HOLIDAY


def test_a_pending_leave_does_not_excuse_the_day(world):
    calendar_day(D(2026, 10, 14), DayKind.WORKDAY)
    leave(
        world.person_a, world.site_a, D(2026, 10, 14), D(2026, 10, 14), status=LeaveStatus.PENDING
    )
    recompute(world, D(2026, 10, 14), D(2026, 10, 14))
    assert day_of(world, D(2026, 10, 14)).status == DayStatus.ABSENT


def test_an_approved_leave_from_the_afternoon_to_a_morning_counts_halves(world):
    for date in (D(2026, 10, 13), D(2026, 10, 14), D(2026, 10, 15)):
        calendar_day(date, DayKind.WORKDAY)
    leave(
        world.person_a, world.site_a, D(2026, 10, 13), D(2026, 10, 15), starts_pm=True, ends_am=True
    )
    punch(world.person_a, world.site_a, "2026-10-13 08:30")
    punch(world.person_a, world.site_a, "2026-10-13 12:00")
    punch(world.person_a, world.site_a, "2026-10-15 14:00")
    punch(world.person_a, world.site_a, "2026-10-15 17:30")
    recompute(world, D(2026, 10, 13), D(2026, 10, 15))
    first, middle, last = (
        day_of(world, d) for d in (D(2026, 10, 13), D(2026, 10, 14), D(2026, 10, 15))
    )
    assert (first.status, first.leave, first.present) == (
        DayStatus.HALF_LEAVE,
        Decimal("0.5"),
        Decimal("0.5"),
    )
    assert (middle.status, middle.leave) == (DayStatus.LEAVE, 1)
    assert (last.status, last.leave, last.present) == (
        DayStatus.HALF_LEAVE,
        Decimal("0.5"),
        Decimal("0.5"),
    )


def test_days_outside_the_assignment_are_not_judged(world):
    assignment = world.person_a.assignments.get()
    assignment.end = D(2026, 10, 15)
    assignment.save()
    recompute(world)
    assert Day.objects.filter(staff=world.person_a).latest("date").date <= D(2026, 10, 15)


def test_a_mark_makes_a_present_day_absent_and_the_rule_says_why(world):
    calendar_day(D(2026, 10, 13), DayKind.WORKDAY)
    full_day(world.person_a, world.site_a, "2026-10-13")
    AbsenceMark.objects.create(
        staff=world.person_a,
        site=world.site_a,
        date=D(2026, 10, 13),
        reason="substitution",
        note="李四代岗",
        created_by=world.supervisor_a,
    )
    recompute(world, D(2026, 10, 13), D(2026, 10, 13))
    day = day_of(world, D(2026, 10, 13))
    assert day.status == DayStatus.ABSENT
    assert day.rule == "marked_absent"
    assert day.rule_args["note"] == "李四代岗"


def test_a_closed_month_is_not_judged_again(world):
    calendar_day(D(2026, 9, 15), DayKind.WORKDAY)
    recompute(world, D(2026, 9, 15), D(2026, 9, 15))
    assert day_of(world, D(2026, 9, 15)).status == DayStatus.ABSENT
    MonthClose.objects.create(site=world.site_a, month=D(2026, 9, 1), status="closed")
    full_day(world.person_a, world.site_a, "2026-09-15")
    recompute(world, D(2026, 9, 15), D(2026, 9, 15))
    assert day_of(world, D(2026, 9, 15)).status == DayStatus.ABSENT


def test_recomputing_twice_gives_the_same_rows(world):
    full_day(world.person_a, world.site_a, "2026-10-13")
    first = recompute(world)
    rows = list(Day.objects.filter(staff=world.person_a).values_list("date", "status", "present"))
    assert recompute(world) == first
    assert (
        list(Day.objects.filter(staff=world.person_a).values_list("date", "status", "present"))
        == rows
    )


def test_a_removed_punch_turns_an_off_day_row_away(world):
    calendar_day(D(2026, 10, 18), DayKind.REST)
    sunday = punch(world.person_a, world.site_a, "2026-10-18 10:00")
    recompute(world, D(2026, 10, 18), D(2026, 10, 18))
    assert Day.objects.filter(staff=world.person_a, date=D(2026, 10, 18)).exists()
    sunday.delete()
    recompute(world, D(2026, 10, 18), D(2026, 10, 18))
    assert not Day.objects.filter(staff=world.person_a, date=D(2026, 10, 18)).exists()


def test_a_site_schedule_change_is_judged_for_everyone_there(world):
    calendar_day(D(2026, 10, 13), DayKind.WORKDAY)
    full_day(world.person_a, world.site_a, "2026-10-13", start="08:50", end="17:35")
    days_recompute(start=D(2026, 10, 13), end=D(2026, 10, 13), site_ids=[world.site_a.pk])
    assert day_of(world, D(2026, 10, 13)).status == DayStatus.LATE
    world.site_a.schedule = "09:00-12:00,13:00-18:00"
    world.site_a.save()
    days_recompute(start=D(2026, 10, 13), end=D(2026, 10, 13), site_ids=[world.site_a.pk])
    day = day_of(world, D(2026, 10, 13))
    assert day.status == DayStatus.EARLY
    assert day.early_minutes == 25


def test_a_backup_placement_elsewhere_judges_each_day_once_at_the_own_site(world):
    from tests import factories

    own = world.person_a.assignments.get()
    factories.AssignmentFactory(
        staff=world.person_a,
        site=world.site_b,
        contract=own.contract,
        position=own.position,
        start=D(2026, 1, 1),
        backup=True,
    )
    calendar_day(D(2026, 10, 13), DayKind.WORKDAY)
    full_day(world.person_a, world.site_a, "2026-10-13")
    recompute(world, D(2026, 10, 13), D(2026, 10, 13))
    (day,) = Day.objects.filter(staff=world.person_a, date=D(2026, 10, 13))
    assert (day.site, day.status) == (world.site_a, DayStatus.PRESENT)


def test_the_nightly_pass_judges_yesterday_for_everyone_placed(world):
    from attendance.services.days import days_judge_yesterday

    calendar_day(D(2026, 10, 13), DayKind.WORKDAY)
    written = days_judge_yesterday(today=D(2026, 10, 14))
    assert written == 2
    assert set(Day.objects.filter(date=D(2026, 10, 13)).values_list("staff__name", "status")) == {
        ("张三", DayStatus.ABSENT),
        ("李四", DayStatus.ABSENT),
    }
    assert days_judge_yesterday(today=D(2026, 10, 14)) == 2
    assert Day.objects.filter(date=D(2026, 10, 13)).count() == 2


def test_future_days_are_not_judged(world):
    import datetime as dt

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert recompute(world, tomorrow, tomorrow + dt.timedelta(days=30)) == 0
    assert not Day.objects.filter(date__gte=tomorrow).exists()


def test_an_unchanged_day_is_not_written_again(world):
    full_day(world.person_a, world.site_a, "2026-10-13")
    recompute(world)
    before = dict(Day.objects.filter(staff=world.person_a).values_list("date", "pk"))
    punch(world.person_a, world.site_a, "2026-10-14 08:50")
    recompute(world)
    after = dict(Day.objects.filter(staff=world.person_a).values_list("date", "pk"))
    changed = {date for date in after if after[date] != before.get(date)}
    assert changed == {D(2026, 10, 14)}


def test_a_new_grace_judges_the_days_again(world):
    from onsite.models import PolicySetting

    full_day(world.person_a, world.site_a, "2026-10-13", start="08:40")
    recompute(world, D(2026, 10, 13), D(2026, 10, 13))
    assert day_of(world, D(2026, 10, 13)).status == DayStatus.PRESENT
    PolicySetting.objects.create(site=world.site_a, key="late_grace_minutes", value=5)
    recompute(world, D(2026, 10, 13), D(2026, 10, 13))
    day = day_of(world, D(2026, 10, 13))
    assert (day.status, day.late_minutes) == (DayStatus.LATE, 10)
