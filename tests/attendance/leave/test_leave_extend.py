"""attendance.services.leave.leave_extend: more days after approved leave are a new request
that waits for its own approval (SPEC §7), with the checks of a request but the notice rule."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from attendance.models import Leave, LeaveStatus, MonthClose, MonthStatus
from attendance.services.leave import leave_extend, leave_request
from attendance.services.leave_decisions import leave_approve
from onsite.models import Notification
from onsite.transitions import Refused
from tests import factories
from tests.dates import LEAVE_ENDS_ON
from tests.factories import leave

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def colleague(world):
    contract = world.person_a.assignments.get().contract
    person = factories.StaffFactory(
        company=world.company, name="王五", user=factories.UserFactory(username="wangwu")
    )
    factories.AssignmentFactory(
        staff=person, site=world.site_a, contract=contract, start=D(2026, 1, 1)
    )
    return person


@pytest.fixture
def approved(world, colleague):
    return leave(
        world.person_a,
        world.site_a,
        D(2026, 11, 4),
        LEAVE_ENDS_ON,
        days=Decimal(2),
        cover=colleague,
        reason="家中有事",
    )


def extend(world, original, **changes):
    values = {
        "leave": original,
        "end": D(2026, 11, 9),
        "reason": "还需两天",
        "by": world.staff_a,
        "today": LEAVE_ENDS_ON,
    }
    values.update(changes)
    return leave_extend(**values)


def test_an_extension_starts_the_next_day_and_waits_for_its_own_approval(
    world, colleague, approved
):
    extension = extend(world, approved)
    assert (extension.start, extension.starts_pm, extension.end) == (
        D(2026, 11, 6),
        False,
        D(2026, 11, 9),
    )
    assert (extension.kind, extension.site, extension.cover, extension.extends) == (
        "personal",
        world.site_a,
        colleague,
        approved,
    )
    assert (extension.status, extension.days) == (LeaveStatus.PENDING, 2)
    assert extension.history.latest().history_user == world.staff_a
    approved.refresh_from_db()
    assert (approved.status, approved.end) == (LeaveStatus.APPROVED, LEAVE_ENDS_ON)


def test_leave_ending_at_noon_is_extended_from_that_afternoon(world, approved):
    Leave.objects.filter(pk=approved.pk).update(ends_am=True, days=Decimal("1.5"))
    approved.refresh_from_db()
    extension = extend(world, approved, end=LEAVE_ENDS_ON)
    assert (extension.start, extension.starts_pm, extension.days) == (
        LEAVE_ENDS_ON,
        True,
        Decimal("0.5"),
    )


def test_the_notice_rule_does_not_apply_to_an_extension(world, colleague, approved):
    # Three more days asked on the last day: as a new request they would be two days late.
    with pytest.raises(Refused, match="at least 2 days ahead"):
        leave_request(
            staff=world.person_a,
            kind="personal",
            start=D(2026, 11, 6),
            end=D(2026, 11, 10),
            reason="还需三天",
            cover=colleague,
            by=world.staff_a,
            today=LEAVE_ENDS_ON,
        )
    assert extend(world, approved, end=D(2026, 11, 10)).days == 3


def test_only_the_person_on_leave_asks_to_extend_it(world, approved):
    with pytest.raises(Refused, match="Only the person on leave"):
        extend(world, approved, by=world.supervisor_a)
    assert Leave.objects.count() == 1


def test_only_approved_leave_is_extended(world, approved):
    Leave.objects.filter(pk=approved.pk).update(status=LeaveStatus.PENDING)
    approved.refresh_from_db()
    with pytest.raises(Refused, match="Only approved leave can be extended"):
        extend(world, approved)


def test_after_the_approved_last_day_an_emergency_leave_is_asked_instead(world, approved):
    with pytest.raises(Refused, match=r"ended on 2026-11-05.*file an emergency leave instead"):
        extend(world, approved, today=D(2026, 11, 6))
    assert Leave.objects.count() == 1


def test_the_extension_ends_after_the_approved_leave(world, approved):
    with pytest.raises(Refused, match="ends after the approved leave, which ends on 2026-11-05"):
        extend(world, approved, end=LEAVE_ENDS_ON)


def test_the_cover_must_still_be_free(world, colleague, approved):
    leave(colleague, world.site_a, D(2026, 11, 9), D(2026, 11, 9), status=LeaveStatus.PENDING)
    with pytest.raises(Refused, match="王五 is on leave"):
        extend(world, approved)


def test_the_balance_counts_the_approved_days(world, approved):
    world.person_a.career_start = D(2020, 1, 1)  # 6 years of service: 5 days of annual leave
    world.person_a.save()
    Leave.objects.filter(pk=approved.pk).update(
        kind="annual", start=D(2026, 11, 2), days=Decimal(4)
    )
    approved.refresh_from_db()
    with pytest.raises(Refused, match=r"left for 2026: 1(\.0)? days"):
        extend(world, approved)
    assert extend(world, approved, end=D(2026, 11, 6)).days == 1


def test_sick_leave_is_extended_with_a_document(world, approved):
    Leave.objects.filter(pk=approved.pk).update(kind="sick")
    approved.refresh_from_db()
    with pytest.raises(Refused, match="Sick leave needs a document"):
        extend(world, approved)
    note = SimpleUploadedFile("病假条.pdf", b"%PDF-1.4 note", content_type="application/pdf")
    assert extend(world, approved, document=note).document


def test_days_already_asked_for_are_refused(world, colleague, approved):
    other = factories.StaffFactory(company=world.company)
    factories.AssignmentFactory(
        staff=other, site=world.site_a, contract=colleague.assignments.get().contract
    )
    leave(world.person_a, world.site_a, D(2026, 11, 9), D(2026, 11, 9), cover=other)
    with pytest.raises(Refused, match="already have leave on some of these days"):
        extend(world, approved)


def test_a_closed_month_is_refused(world, approved):
    MonthClose.objects.create(site=world.site_a, month=D(2026, 11, 1), status=MonthStatus.CLOSED)
    with pytest.raises(Refused, match="closed"):
        extend(world, approved)
    assert Leave.objects.count() == 1


def test_the_site_supervisors_are_told_with_a_link(world, approved):
    extension = extend(world, approved)
    told = Notification.objects.get(recipient=world.supervisor_a)
    assert told.kind == "leave.pending"
    assert told.url == reverse("attendance:leave_detail", args=[extension.pk])
    assert told.title == "张三 asks to extend leave: 2026-11-06 to 2026-11-09"


def test_the_supervisor_approves_the_extension_like_a_request(world, approved):
    extension = extend(world, approved, end=D(2026, 11, 6))  # 2 + 1 days: within 3
    leave_approve(leave=extension, by=world.supervisor_a)
    assert extension.status == LeaveStatus.APPROVED


def test_an_extension_counts_with_the_leave_it_extends_for_the_managers_stage(world, colleague):
    """SPEC §7: 3 days approved, then 2 more asked: 5 days, so a manager decides the extension."""
    three = leave(
        world.person_a,
        world.site_a,
        D(2026, 11, 3),
        LEAVE_ENDS_ON,
        days=Decimal(3),
        cover=colleague,
        reason="家中有事",
    )
    extension = extend(world, three)  # Friday 6 and Monday 9
    assert extension.days == 2
    leave_approve(leave=extension, by=world.supervisor_a)
    assert extension.status == LeaveStatus.PENDING_MANAGER
    assert Notification.objects.filter(recipient=world.manager, kind="leave.pending_manager")
    leave_approve(leave=extension, by=world.manager)
    assert extension.status == LeaveStatus.APPROVED


def test_an_extension_of_an_extension_counts_the_whole_chain(world, approved):
    first = extend(world, approved, end=D(2026, 11, 6))
    leave_approve(leave=first, by=world.supervisor_a)
    assert first.status == LeaveStatus.APPROVED  # 3 days in all
    second = extend(world, first, end=D(2026, 11, 9))
    leave_approve(leave=second, by=world.supervisor_a)
    assert second.status == LeaveStatus.PENDING_MANAGER  # 4 days in all


def test_no_extension_past_the_end_of_the_placement(world, approved):
    world.person_a.assignments.update(end=LEAVE_ENDS_ON)
    with pytest.raises(Refused, match="not placed at 甲机房 on 2026-11-06"):
        extend(world, approved)
