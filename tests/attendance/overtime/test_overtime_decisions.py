"""Deciding overtime (SPEC §8): the department head approves (workday overtime, the site's
supervisor too), HR files; beyond the art. 41 cap only a manager approves, with a reason; an
emergency filed after the day is confirmed by the supervisor first; two deciders at once give
one decision."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import translation

from attendance.models import DayKind, MonthClose, MonthStatus, Overtime, OvertimeStatus
from attendance.services.overtime import (
    overtime_approve,
    overtime_cancel,
    overtime_confirm_emergency,
    overtime_file,
    overtime_reject,
)
from onsite.access import OwnRecordRefused
from onsite.models import Notification
from onsite.roles import Role
from onsite.transitions import Refused
from tests import factories
from tests.dates import SATURDAY, D, T
from tests.factories import calendar_day
from tests.factories import overtime_asked as ask
from tests.factories import overtime_made as made
from tests.pages import own


def test_the_supervisor_approves_and_hr_is_asked_to_file(world):
    request = ask(world)
    approved = overtime_approve(overtime=request, by=world.supervisor_a, note="同意")
    assert (approved.status, approved.approved_by) == (OvertimeStatus.APPROVED, world.supervisor_a)
    (to_file,) = Notification.objects.filter(recipient=world.hr, kind="overtime.to_file")
    assert to_file.title == "Overtime of 张三 on 2026-10-14 is approved; file it"
    (told,) = Notification.objects.filter(recipient=world.staff_a, kind="overtime.decided")
    assert told.title == "Your overtime on 2026-10-14: Approved, waiting to be filed"


def test_the_department_head_approves(world):
    approved = overtime_approve(overtime=ask(world), by=world.manager)
    assert approved.status == OvertimeStatus.APPROVED


def test_hr_files_approved_overtime_and_the_person_hears_of_it(world):
    request = overtime_approve(overtime=ask(world), by=world.manager)
    filed = overtime_file(overtime=request, by=world.hr)
    assert (filed.status, filed.filed_by) == (OvertimeStatus.FILED, world.hr)
    assert Notification.objects.filter(
        recipient=world.staff_a, kind="overtime.decided", params__status=OvertimeStatus.FILED
    ).exists()
    assert [h.status for h in filed.history.order_by("history_id")] == [
        OvertimeStatus.PENDING,
        OvertimeStatus.APPROVED,
        OvertimeStatus.FILED,
    ]


def test_only_hr_files(world):
    request = overtime_approve(overtime=ask(world), by=world.manager)
    for user in (world.supervisor_a, world.manager, world.staff_b):
        with pytest.raises(Refused, match="Only HR of the company files overtime"):
            overtime_file(overtime=request, by=user)
    with pytest.raises(OwnRecordRefused, match=own()):
        overtime_file(overtime=request, by=world.staff_a)


def test_nobody_approves_their_own_overtime(world):
    # The person is also a supervisor of their own site: still not their own approver.
    factories.RoleGrantFactory(user=world.staff_a, role=Role.SUPERVISOR, site=world.site_a)
    with pytest.raises(OwnRecordRefused, match=own()):
        overtime_approve(overtime=ask(world), by=world.staff_a)


def test_a_supervisor_of_another_site_may_not_approve(world):
    other = factories.UserFactory()
    factories.RoleGrantFactory(user=other, role=Role.SUPERVISOR, site=world.site_b)
    with pytest.raises(Refused, match="You may not approve this overtime"):
        overtime_approve(overtime=ask(world), by=other)


def test_beyond_the_cap_the_supervisor_is_refused_with_the_rule(world):
    request = ask(world, start_time=T(18, 0), end_time=T(22, 0))
    with pytest.raises(Refused) as refused:
        overtime_approve(overtime=request, by=world.supervisor_a)
    assert refused.value.messages == [
        "Labour Law art. 41 caps overtime: 4 hours that day, above the cap of 3 hours a day. "
        "Only a manager can allow this, with a reason for the override."
    ]
    request.refresh_from_db()
    assert request.status == OvertimeStatus.PENDING


def test_beyond_the_cap_a_manager_needs_a_reason(world):
    request = ask(world, start_time=T(18, 0), end_time=T(22, 0))
    with pytest.raises(Refused, match=r"art\. 41"):
        overtime_approve(overtime=request, by=world.manager)
    approved = overtime_approve(
        overtime=request, by=world.manager, override_reason="数据中心搬迁，客户书面要求"
    )
    assert (approved.status, approved.over_cap) == (OvertimeStatus.APPROVED, True)
    assert approved.override_reason == "数据中心搬迁，客户书面要求"
    assert "数据中心搬迁" in approved.history.latest().history_change_reason


def test_the_caps_are_counted_again_when_approving(world):
    first = ask(world, start_time=T(7, 0), end_time=T(9, 0))
    second = ask(world, start_time=T(18, 0), end_time=T(20, 0))
    assert second.over_cap
    overtime_cancel(overtime=first, by=world.staff_a, reason="客户取消了早上的工作")
    approved = overtime_approve(overtime=second, by=world.supervisor_a)
    assert (approved.status, approved.over_cap) == (OvertimeStatus.APPROVED, False)


def test_an_emergency_is_confirmed_by_the_supervisor_before_approval(world):
    request = ask(world, date=D(2026, 10, 9), emergency=True)
    with pytest.raises(Refused, match="A supervisor confirms this emergency overtime"):
        overtime_approve(overtime=request, by=world.manager)
    with pytest.raises(Refused, match="Only a supervisor of the site confirms"):
        overtime_confirm_emergency(overtime=request, by=world.manager)
    confirmed = overtime_confirm_emergency(overtime=request, by=world.supervisor_a, note="属实")
    assert confirmed.status == OvertimeStatus.PENDING
    assert overtime_approve(overtime=confirmed, by=world.manager).status == OvertimeStatus.APPROVED


def test_a_rejection_needs_a_reason_and_tells_the_person(world):
    request = ask(world)
    with pytest.raises(Refused, match="Say why the overtime is rejected"):
        overtime_reject(overtime=request, by=world.supervisor_a, note=" ")
    rejected = overtime_reject(overtime=request, by=world.supervisor_a, note="不需要加班")
    assert (rejected.status, rejected.decision_note) == (OvertimeStatus.REJECTED, "不需要加班")
    (told,) = Notification.objects.filter(
        recipient=world.staff_a, kind="overtime.decided", params__status=OvertimeStatus.REJECTED
    )
    assert (told.body, told.url) == ("不需要加班", f"/attendance/overtime/{request.pk}/")


def test_hr_may_refuse_to_file(world):
    request = overtime_approve(overtime=ask(world), by=world.manager)
    rejected = overtime_reject(overtime=request, by=world.hr, note="不符合加班条件")
    assert rejected.status == OvertimeStatus.REJECTED


def test_the_person_withdraws_a_request_with_a_reason(world):
    request = ask(world)
    with pytest.raises(Refused, match="Only the person who asked"):
        overtime_cancel(overtime=request, by=world.supervisor_a, reason="x")
    with pytest.raises(Refused, match="Say why the overtime is withdrawn"):
        overtime_cancel(overtime=request, by=world.staff_a, reason="")
    assert overtime_cancel(overtime=request, by=world.staff_a, reason="不用了").status == (
        OvertimeStatus.CANCELLED
    )


def test_filed_overtime_cannot_be_withdrawn(world):
    filed = made(world)
    with pytest.raises(Refused, match="decided meanwhile: it is now “Filed”"):
        overtime_cancel(overtime=filed, by=world.staff_a, reason="不用了")


def test_a_decision_on_a_closed_month_is_refused(world):
    request = ask(world)
    MonthClose.objects.create(site=world.site_a, month=D(2026, 10, 1), status=MonthStatus.CLOSED)
    with pytest.raises(Refused, match="closed"):
        overtime_approve(overtime=request, by=world.supervisor_a)
    request.refresh_from_db()
    assert request.status == OvertimeStatus.PENDING


@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_once_decide_once():
    from tests.conftest import build_world

    world = build_world()
    request = ask(world)
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(user):
        barrier.wait()
        try:
            with translation.override("en"):
                overtime_approve(overtime=Overtime.objects.get(pk=request.pk), by=user)
            outcomes.append("approved")
        except Refused as refused:
            outcomes.append(str(refused))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(u,)) for u in (world.supervisor_a, world.manager)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("approved") == 1
    (other,) = [o for o in outcomes if o != "approved"]
    assert (
        other == "This overtime was decided meanwhile: it is now “Approved, waiting to be filed”."
    )
    assert request.history.filter(status=OvertimeStatus.APPROVED).count() == 1


@pytest.mark.parametrize("kind", [DayKind.REST, DayKind.HOLIDAY_REST, DayKind.HOLIDAY])
def test_rest_day_and_holiday_overtime_is_the_department_heads_not_the_supervisors(world, kind):
    """SPEC §8 [000: 需提前报公司部门主管批准]: a site supervisor cannot approve it in their place."""
    calendar_day(SATURDAY, kind)
    request = ask(world, date=SATURDAY, start_time=T(9, 0), end_time=T(12, 0))
    with pytest.raises(Refused, match="approved by the department head"):
        overtime_approve(overtime=request, by=world.supervisor_a)
    with pytest.raises(Refused, match="approved by the department head"):
        overtime_reject(overtime=request, by=world.supervisor_a, note="不需要")
    request.refresh_from_db()
    assert request.status == OvertimeStatus.PENDING
    assert overtime_approve(overtime=request, by=world.manager).status == OvertimeStatus.APPROVED


def test_the_supervisor_still_approves_workday_overtime(world):
    request = ask(world)  # a Wednesday evening
    assert overtime_approve(overtime=request, by=world.supervisor_a).status == (
        OvertimeStatus.APPROVED
    )


def test_rest_day_emergency_overtime_is_confirmed_by_the_supervisor_then_approved_by_the_head(
    world,
):
    calendar_day(D(2026, 10, 10), DayKind.REST)  # the Saturday before TODAY
    request = ask(world, date=D(2026, 10, 10), emergency=True)
    confirmed = overtime_confirm_emergency(overtime=request, by=world.supervisor_a, note="属实")
    with pytest.raises(Refused, match="approved by the department head"):
        overtime_approve(overtime=confirmed, by=world.supervisor_a)
    assert overtime_approve(overtime=confirmed, by=world.manager).status == (
        OvertimeStatus.APPROVED
    )
