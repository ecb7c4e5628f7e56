"""attendance.services.leave_decisions: the supervisor's decision, the manager's second stage,
cancellation, closed months, notifications and two approvers at once (SPEC §7)."""

from __future__ import annotations

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from attendance.models import Day, DayStatus, LeaveStatus, MonthClose, MonthStatus
from attendance.services.days import days_recompute
from attendance.services.leave_decisions import leave_approve, leave_cancel, leave_reject
from onsite.access import OwnRecordRefused
from onsite.models import Notification
from onsite.roles import Role
from onsite.transitions import Refused
from tests import factories
from tests.factories import leave
from tests.pages import own

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def asked(world, days=2, **extra):
    cover = factories.StaffFactory(company=world.company, name="王五", user=factories.UserFactory())
    return leave(
        world.person_a,
        world.site_a,
        D(2026, 10, 13),
        D(2026, 10, 13 + days - 1),
        status=LeaveStatus.PENDING,
        days=Decimal(days),
        cover=cover,
        **extra,
    )


def test_the_supervisor_approves_short_leave_and_the_days_become_leave(
    world, django_capture_on_commit_callbacks
):
    request = asked(world)
    with django_capture_on_commit_callbacks(execute=True):
        leave_approve(leave=request, by=world.supervisor_a, note="同意")
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.decision_note) == (
        LeaveStatus.APPROVED,
        world.supervisor_a,
        "同意",
    )
    assert Day.objects.get(staff=world.person_a, date=D(2026, 10, 13)).status == DayStatus.LEAVE
    assert request.history.latest().history_change_reason == "同意"


def test_long_leave_waits_for_a_manager_after_the_supervisor(world):
    request = asked(world, days=4)
    leave_approve(leave=request, by=world.supervisor_a)
    assert request.status == LeaveStatus.PENDING_MANAGER
    with pytest.raises(Refused, match="may not decide"):
        leave_approve(leave=request, by=world.supervisor_a)
    leave_approve(leave=request, by=world.manager)
    assert request.status == LeaveStatus.APPROVED


def test_the_manager_of_the_persons_department_decides_the_second_stage(world):
    department = factories.DepartmentFactory(company=world.company, name="运维服务部")
    other = factories.DepartmentFactory(company=world.company, name="技术支持部")
    world.person_a.department = department
    world.person_a.save()
    theirs, elsewhere = factories.UserFactory(), factories.UserFactory()
    for user, unit in ((theirs, department), (elsewhere, other)):
        factories.RoleGrantFactory(
            user=user, role=Role.MANAGER, company=world.company, department=unit
        )
    request = asked(world, days=4)
    leave_approve(leave=request, by=world.supervisor_a)
    with pytest.raises(Refused, match="may not decide"):
        leave_approve(leave=request, by=elsewhere)
    assert leave_approve(leave=request, by=theirs).status == LeaveStatus.APPROVED


def test_the_second_stage_is_a_policy_setting(world):
    from onsite.models import PolicySetting

    PolicySetting.objects.create(company=world.company, key="leave_second_stage_days", value=1)
    request = asked(world, days=2)
    leave_approve(leave=request, by=world.supervisor_a)
    assert request.status == LeaveStatus.PENDING_MANAGER


def test_nobody_decides_leave_of_a_site_they_do_not_supervise_or_their_own(world):
    request = asked(world)
    for user in (world.manager, world.staff_b, world.hr):
        with pytest.raises(Refused, match="may not decide"):
            leave_approve(leave=request, by=user)
    with pytest.raises(OwnRecordRefused, match=own()):
        leave_approve(leave=request, by=world.staff_a)
    assert request.status == LeaveStatus.PENDING


def test_a_rejection_needs_a_reason_and_tells_the_requester_and_the_cover(world):
    request = asked(world)
    with pytest.raises(Refused, match="why"):
        leave_reject(leave=request, by=world.supervisor_a, note=" ")
    leave_reject(leave=request, by=world.supervisor_a, note="人手不足")
    assert request.status == LeaveStatus.REJECTED
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert told == {world.staff_a.pk, request.cover.user_id}


def test_a_decision_on_a_closed_month_waits_for_hr_to_reopen_it(world):
    request = asked(world)
    MonthClose.objects.create(site=world.site_a, month=D(2026, 10, 1), status=MonthStatus.CLOSED)
    with pytest.raises(Refused, match="closed"):
        leave_approve(leave=request, by=world.supervisor_a)
    assert request.status == LeaveStatus.PENDING


def test_the_requester_cancels_before_and_after_approval(world, django_capture_on_commit_callbacks):
    request = asked(world)
    leave_cancel(leave=request, by=world.staff_a, reason="不需要了")
    assert request.status == LeaveStatus.CANCELLED
    approved = asked(world)
    with django_capture_on_commit_callbacks(execute=True):
        leave_approve(leave=approved, by=world.supervisor_a)
    assert Day.objects.get(staff=world.person_a, date=D(2026, 10, 13)).status == DayStatus.LEAVE
    with django_capture_on_commit_callbacks(execute=True):
        leave_cancel(leave=approved, by=world.staff_a, reason="提前返岗")
    assert approved.status == LeaveStatus.CANCELLED
    assert Day.objects.get(staff=world.person_a, date=D(2026, 10, 13)).status == DayStatus.ABSENT


def test_someone_else_cannot_cancel(world):
    request = asked(world)
    with pytest.raises(Refused, match="may not cancel"):
        leave_cancel(leave=request, by=world.staff_b, reason="x")


def test_days_beyond_the_approved_end_are_absence(world):
    request = asked(world, days=1)
    leave_approve(leave=request, by=world.supervisor_a)
    days_recompute(start=D(2026, 10, 13), end=D(2026, 10, 14), staff_ids=[world.person_a.pk])
    statuses = dict(Day.objects.filter(staff=world.person_a).values_list("date", "status"))
    assert statuses[D(2026, 10, 13)] == DayStatus.LEAVE
    assert statuses[D(2026, 10, 14)] == DayStatus.ABSENT


@pytest.mark.django_db(transaction=True)
def test_two_supervisors_approving_at_once_decide_once():
    from tests.conftest import build_world

    world = build_world()
    second = factories.UserFactory(username="supervisor_a2")
    factories.RoleGrantFactory(user=second, role=Role.SUPERVISOR, site=world.site_a)
    request = asked(world)
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(user):
        from attendance.models import Leave

        barrier.wait()
        try:
            with translation.override("en"):
                leave_approve(leave=Leave.objects.get(pk=request.pk), by=user)
            outcomes.append("approved")
        except Refused as refused:
            outcomes.append(str(refused))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in (world.supervisor_a, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("approved") == 1
    (other,) = [o for o in outcomes if o != "approved"]
    assert other == "This leave was decided meanwhile: it is now “Approved”."
    assert request.history.filter(status=LeaveStatus.APPROVED).count() == 1


def test_in_chinese_the_requester_is_told_of_your_leave_and_the_cover_of_theirs(world):
    request = asked(world)
    with translation.override("zh-hans"):
        leave_approve(leave=request, by=world.supervisor_a)
    mine = Notification.objects.get(recipient=world.staff_a)
    cover = Notification.objects.get(recipient_id=request.cover.user_id)
    with translation.override("zh-hans"):
        assert mine.title == "您的请假（2026-10-13 至 2026-10-14）：已批准"
        assert cover.title == "张三的请假（2026-10-13 至 2026-10-14）：已批准"


def test_a_supervisor_who_comes_after_the_decision_is_told_what_happened(world):
    # The second of two supervisors who loads the request only once the first has approved it
    # (the race above, when the first thread wins by a whole request).
    second = factories.UserFactory(username="supervisor_a2")
    factories.RoleGrantFactory(user=second, role=Role.SUPERVISOR, site=world.site_a)
    request = asked(world)
    leave_approve(leave=request, by=world.supervisor_a)
    request.refresh_from_db()
    with translation.override("en"), pytest.raises(Refused) as refused:
        leave_approve(leave=request, by=second)
    assert str(refused.value) == "This leave was decided meanwhile: it is now “Approved”."
    # Someone who never could decide it is still refused as before.
    with translation.override("en"), pytest.raises(Refused) as refused:
        leave_approve(leave=request, by=world.client_a)
    assert str(refused.value) == "You may not decide this leave."
