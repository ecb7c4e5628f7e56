"""attendance.selectors.sheet: the month's sums and SPEC §6 outcomes at and around each
threshold."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from attendance.models import DayKind, LeaveKind, MonthClose, MonthStatus
from attendance.selectors.sheet import SheetRow, apply_outcomes, month_sheet
from attendance.services.days import days_recompute
from onsite.models import PolicySetting
from onsite.policy import POLICIES
from tests.factories import calendar_day, full_day, leave, punch

D = datetime.date


def row(**values) -> SheetRow:
    r = SheetRow(staff_id=1, staff_no="001", name="张三", monthly_salary=Decimal("6600"))
    for name, value in values.items():
        setattr(r, name, value)
    apply_outcomes(r, lambda key: POLICIES[key].default)
    return r


@pytest.mark.parametrize(("absent", "required"), [(3, False), (Decimal("3.5"), True), (4, True)])
def test_an_explanation_is_required_above_three_absent_days(absent, required):
    r = row(absent=Decimal(absent), scheduled=Decimal(22))
    assert r.explanation_required is required
    if required:
        assert "3" in r.explanation[0].rule


@pytest.mark.parametrize(("minutes", "required"), [(180, False), (181, True)])
def test_an_explanation_is_required_above_180_late_minutes(minutes, required):
    assert row(late_minutes=minutes, late_count=5).explanation_required is required


@pytest.mark.parametrize(("late", "early", "fine"), [(2, 0, 0), (1, 1, 0), (2, 1, 20), (3, 2, 60)])
def test_late_and_early_beyond_two_cost_twenty_each(late, early, fine):
    r = row(late_count=late, early_count=early)
    assert r.fine == fine
    assert (r.fine_outcome is not None) is (fine > 0)


def test_the_fine_rule_names_its_numbers():
    r = row(late_count=3, early_count=1)
    assert r.fine_outcome.args == {"count": 4, "free": 2, "extra": 2, "each": 20}
    assert "20" in r.fine_outcome.rule


@pytest.mark.parametrize(("absent", "flag"), [(Decimal("2.5"), False), (3, True), (5, True)])
def test_three_absent_days_flag_a_dismissal_review(absent, flag):
    r = row(absent=Decimal(absent), scheduled=Decimal(22))
    assert r.dismissal_review is flag


def test_deduction_is_salary_over_scheduled_days_times_absent_and_personal_leave():
    r = row(
        scheduled=Decimal(22),
        absent=Decimal("1.5"),
        leave_by_kind={LeaveKind.PERSONAL: Decimal(1), LeaveKind.SICK: Decimal(2)},
    )
    assert r.deduction_days == Decimal("2.5")
    assert r.deduction_amount == Decimal("750.00")  # 6600 / 22 × 2.5


def test_no_deduction_without_absence_or_personal_leave():
    r = row(scheduled=Decimal(22), leave_by_kind={LeaveKind.ANNUAL: Decimal(3)})
    assert (r.deduction_days, r.deduction_amount, r.deduction_outcome) == (0, 0, None)


def workdays(*dates):
    for date in dates:
        calendar_day(date, DayKind.WORKDAY)


def test_the_sheet_sums_a_month_so_that_present_absent_and_leave_add_up(world):
    days = [D(2026, 10, d) for d in (12, 13, 14, 15, 16)]
    workdays(*days)
    full_day(world.person_a, world.site_a, "2026-10-12")
    full_day(world.person_a, world.site_a, "2026-10-13", start="08:50")  # late 20
    full_day(world.person_a, world.site_a, "2026-10-14", end="17:00")  # early 30
    punch(world.person_a, world.site_a, "2026-10-15 08:30")  # missing punch
    leave(world.person_a, world.site_a, days[4], days[4], ends_am=True)  # morning personal
    days_recompute(start=days[0], end=days[-1], staff_ids=[world.person_a.pk])
    sheet = month_sheet(site=world.site_a, month=D(2026, 10, 1))
    (r,) = [r for r in sheet.rows if r.staff_id == world.person_a.pk]
    # Other October workdays come from the calendar seeded by migrate (or Mon–Fri).
    assert r.present + r.absent + r.leave == r.scheduled
    assert (r.late_count, r.late_minutes, r.early_count, r.early_minutes) == (1, 20, 1, 30)
    assert r.leave == Decimal("0.5")
    assert r.leave_by_kind[LeaveKind.PERSONAL] == Decimal("0.5")
    assert r.deduction_days == r.absent + Decimal("0.5")
    assert sheet.status == "open"


def test_a_site_setting_changes_the_outcome(world):
    PolicySetting.objects.create(site=world.site_a, key="fine_free_occurrences", value=0)
    PolicySetting.objects.create(site=world.site_a, key="fine_per_occurrence", value=50)
    workdays(D(2026, 10, 13))
    full_day(world.person_a, world.site_a, "2026-10-13", start="08:50")
    days_recompute(start=D(2026, 10, 13), end=D(2026, 10, 13), staff_ids=[world.person_a.pk])
    sheet = month_sheet(site=world.site_a, month=D(2026, 10, 1))
    (r,) = [r for r in sheet.rows if r.staff_id == world.person_a.pk]
    assert r.fine == 50


def test_the_sheet_of_a_site_lists_only_people_placed_there(world):
    days_recompute(
        start=D(2026, 10, 1), end=D(2026, 10, 31), staff_ids=None, site_ids=[world.site_a.pk]
    )
    names = [r.name for r in month_sheet(site=world.site_a, month=D(2026, 10, 1)).rows]
    assert names == ["张三"]


def judged_to_the_4th_of_november(world, salary="12500"):
    """November 2026 as seen on the 4th: present on the 2nd and 3rd, absent on the 4th."""
    world.person_a.monthly_salary = Decimal(salary)
    world.person_a.save()
    full_day(world.person_a, world.site_a, "2026-11-02")
    full_day(world.person_a, world.site_a, "2026-11-03")
    days_recompute(start=D(2026, 11, 1), end=D(2026, 11, 4), staff_ids=[world.person_a.pk])


def mine(world, sheet):
    return [r for r in sheet.rows if r.staff_id == world.person_a.pk]


def test_an_open_month_deducts_over_the_scheduled_days_of_the_whole_month(world):
    judged_to_the_4th_of_november(world)
    sheet = month_sheet(site=world.site_a, month=D(2026, 11, 1))
    (r,) = [r for r in sheet.rows if r.staff_id == world.person_a.pk]
    assert (r.scheduled, r.absent) == (3, 1)  # the days judged so far
    # November 2026 has 21 workdays: 12,500 ÷ 21 × 1, not 12,500 ÷ 3.
    assert r.month_scheduled == 21
    assert r.deduction_amount == Decimal("595.24")
    assert r.deduction_outcome.args["scheduled"] == "21"


def test_the_divisor_counts_only_the_days_the_person_is_placed_there(world):
    world.person_a.assignments.update(start=D(2026, 11, 2), end=D(2026, 11, 13))
    judged_to_the_4th_of_november(world)
    (r,) = mine(world, month_sheet(site=world.site_a, month=D(2026, 11, 1)))
    assert r.month_scheduled == 10
    assert r.deduction_amount == Decimal("1250.00")


def test_a_deduction_is_provisional_until_the_month_is_closed(world):
    judged_to_the_4th_of_november(world)
    (r,) = mine(world, month_sheet(site=world.site_a, month=D(2026, 11, 1)))
    assert r.provisional
    with translation.override("en"):
        assert "provisional" in r.deduction_outcome.rule
    MonthClose.objects.create(site=world.site_a, month=D(2026, 11, 1), status=MonthStatus.CLOSED)
    (r,) = mine(world, month_sheet(site=world.site_a, month=D(2026, 11, 1)))
    assert not r.provisional
    with translation.override("en"):
        assert "provisional" not in r.deduction_outcome.rule
