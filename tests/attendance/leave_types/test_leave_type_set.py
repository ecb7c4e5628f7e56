"""attendance.services.leave_types.leave_type_set: who may set a company's leave types, what is
kept, and that a setting changes what the leave rules and the sheet do (SPEC §7)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from attendance.models import DayKind, LeaveType, LeaveTypeDefaults
from attendance.selectors.sheet import person_row
from attendance.services.days import days_recompute
from attendance.services.leave import LeaveSettings, leave_request, leave_settings
from attendance.services.leave_types import leave_type_set
from onsite.roles import Role
from onsite.transitions import Refused
from tests import factories
from tests.dates import LEAVE_ASKED_ON
from tests.factories import calendar_day, leave

D = datetime.date
SPEC_SICK = LeaveSettings(paid=True, deducted=False, document_required=True, balance_tracked=False)
FIELDS = ("paid", "deducted", "document_required", "balance_tracked")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def set_kind(world, kind="sick", by=None, **changes):
    """The kind's SPEC settings with `changes`, saved for the world's company."""
    values = dict(
        zip(FIELDS, LeaveTypeDefaults.TABLE.get(kind, LeaveTypeDefaults.TABLE["sick"]), strict=True)
    )
    values.update(changes)
    return leave_type_set(company=world.company, kind=kind, by=by or world.hr, **values)


def test_hr_saves_the_companys_own_row_and_the_settings_follow_it(world):
    assert leave_settings(company_id=world.company.pk)["sick"] == SPEC_SICK
    row = set_kind(world, paid=False, document_required=False)
    assert (row.company, row.kind) == (world.company, "sick")
    assert leave_settings(company_id=world.company.pk)["sick"] == LeaveSettings(
        paid=False, deducted=False, document_required=False, balance_tracked=False
    )


def test_another_company_keeps_specs_defaults(world):
    other = factories.CompanyFactory()
    set_kind(world, deducted=True)
    assert leave_settings(company_id=other.pk)["sick"] == SPEC_SICK
    assert leave_settings(company_id=world.company.pk)["sick"].deducted is True


def test_saving_again_updates_the_one_row(world):
    set_kind(world, kind="personal", paid=False, deducted=True)
    set_kind(world, kind="personal", paid=True, deducted=True)
    assert LeaveType.objects.filter(company=world.company, kind="personal").count() == 1
    assert leave_settings(company_id=world.company.pk)["personal"].paid is True


def test_the_history_records_who_made_each_change(world):
    second_hr = factories.UserFactory(username="hr2")
    factories.RoleGrantFactory(user=second_hr, role=Role.HR_ADMIN, company=world.company)
    set_kind(world, document_required=False)
    row = set_kind(world, document_required=False, paid=False, by=second_hr)
    versions = list(row.history.order_by("history_date"))
    assert [(v.history_type, v.history_user) for v in versions] == [
        ("+", world.hr),
        ("~", second_hr),
    ]
    assert (versions[0].paid, versions[1].paid) == (True, False)


def test_saving_the_same_values_again_writes_no_history(world):
    set_kind(world, paid=False)
    set_kind(world, paid=False)
    assert LeaveType.history.count() == 1


@pytest.mark.parametrize("role", ["manager", "finance", "supervisor_a", "staff_a", "outsider"])
def test_anyone_but_hr_is_refused(world, role):
    with pytest.raises(Refused, match="Only an HR admin of 恒信技术服务"):
        set_kind(world, document_required=False, by=world.users[role])
    assert not LeaveType.objects.exists()


def test_hr_of_another_company_is_refused(world):
    other = factories.CompanyFactory()
    with pytest.raises(Refused, match="Only an HR admin"):
        leave_type_set(
            company=other,
            kind="sick",
            paid=True,
            deducted=True,
            document_required=True,
            balance_tracked=True,
            by=world.hr,
        )
    assert not LeaveType.objects.exists()


def test_a_superuser_may_set_any_company(world):
    root = factories.UserFactory(username="root", is_superuser=True)
    assert set_kind(world, paid=False, by=root).history.get().history_user == root


def test_an_unknown_kind_is_refused(world):
    with pytest.raises(Refused, match="Unknown leave type"):
        set_kind(world, kind="sabbatical")
    assert not LeaveType.objects.exists()


# --- a setting changes what happens ----------------------------------------------------------


@pytest.fixture
def colleague(world):
    contract = world.person_a.assignments.get().contract
    person = factories.StaffFactory(company=world.company, name="王五")
    factories.AssignmentFactory(
        staff=person, site=world.site_a, contract=contract, start=D(2026, 1, 1)
    )
    return person


def ask(world, colleague, **changes):
    values = {
        "staff": world.person_a,
        "kind": "sick",
        "start": D(2026, 11, 4),
        "end": D(2026, 11, 4),
        "reason": "发烧",
        "cover": colleague,
        "by": world.staff_a,
        "today": LEAVE_ASKED_ON,
    }
    values.update(changes)
    return leave_request(**values)


def test_sick_leave_without_a_document_is_accepted_once_hr_drops_the_requirement(world, colleague):
    with pytest.raises(Refused, match="needs a document"):
        ask(world, colleague)
    set_kind(world, kind="sick", document_required=False)
    assert not ask(world, colleague).document


def test_annual_leave_beyond_the_entitlement_passes_once_its_balance_is_not_tracked(
    world, colleague
):
    world.person_a.career_start = D(2020, 1, 1)  # 6 years: 5 days
    week_and_a_day = {"kind": "annual", "start": D(2026, 11, 9), "end": D(2026, 11, 16)}
    with pytest.raises(Refused, match="left for 2026: 5 days"):
        ask(world, colleague, **week_and_a_day)
    set_kind(world, kind="annual", balance_tracked=False)
    assert ask(world, colleague, **week_and_a_day).days == 6


def test_personal_leave_no_longer_deducted_leaves_the_sheets_deduction(world):
    tuesday = D(2026, 10, 13)
    calendar_day(tuesday, DayKind.WORKDAY)
    leave(world.person_a, world.site_a, tuesday, tuesday, kind="personal")
    days_recompute(start=D(2026, 10, 1), end=D(2026, 10, 31), staff_ids=[world.person_a.pk])

    def deduction_beyond_absence():
        row = person_row(staff=world.person_a, site=world.site_a, month=D(2026, 10, 1))
        return row.deduction_days - row.absent

    assert deduction_beyond_absence() == Decimal(1)
    set_kind(world, kind="personal", deducted=False)
    assert deduction_beyond_absence() == Decimal(0)


def test_sick_leave_counted_toward_the_deduction_adds_to_the_sheets_deduction(world):
    tuesday = D(2026, 10, 13)
    calendar_day(tuesday, DayKind.WORKDAY)
    leave(world.person_a, world.site_a, tuesday, tuesday, kind="sick", ends_am=True)
    days_recompute(start=D(2026, 10, 1), end=D(2026, 10, 31), staff_ids=[world.person_a.pk])
    row = person_row(staff=world.person_a, site=world.site_a, month=D(2026, 10, 1))
    assert row.deduction_days == row.absent
    set_kind(world, kind="sick", deducted=True)
    row = person_row(staff=world.person_a, site=world.site_a, month=D(2026, 10, 1))
    assert row.deduction_days == row.absent + Decimal("0.5")


def test_a_balance_is_kept_only_for_kinds_that_earn_days(world):
    with pytest.raises(Refused, match="Only annual and compensatory leave have days"):
        set_kind(world, kind="sick", balance_tracked=True)
    assert not LeaveType.objects.exists()
    assert set_kind(world, kind="annual", balance_tracked=False).balance_tracked is False
    assert set_kind(world, kind="annual", balance_tracked=True).balance_tracked is True
