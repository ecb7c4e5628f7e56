from decimal import Decimal

import pytest
from django.urls import reverse

from attendance.models import LeaveStatus, MonthClose, MonthStatus
from onsite.models import Notification
from onsite.roles import Role
from tests import factories
from tests.factories import leave_of_a
from tests.pages import page_text


@pytest.fixture
def leave(world, colleague):
    return leave_of_a(world, cover=colleague)


def url(leave) -> str:
    return reverse("attendance:leave_decide", args=[leave.pk])


def detail(leave) -> str:
    return reverse("attendance:leave_detail", args=[leave.pk])


def test_approving_changes_the_status_and_keeps_the_note_in_the_history(english, world, leave):
    english.force_login(world.supervisor_a)
    response = english.post(url(leave), {"decision": "approve", "note": "同意"}, follow=True)
    assert response.redirect_chain == [(detail(leave), 302)]
    assert "The leave is approved." in page_text(response)
    leave.refresh_from_db()
    assert (leave.status, leave.decided_by, leave.decision_note) == (
        LeaveStatus.APPROVED,
        world.supervisor_a,
        "同意",
    )
    assert leave.history.latest().history_change_reason == "同意"
    assert "supervisor_a · changed · 同意" in page_text(response)


def test_the_requester_and_the_cover_are_told_with_a_link(english, world, leave, colleague):
    english.force_login(world.supervisor_a)
    english.post(url(leave), {"decision": "approve"})
    told = Notification.objects.filter(kind__in=["leave.decided", "leave.cover_decided"])
    assert {(n.kind, n.recipient) for n in told} == {
        ("leave.decided", world.staff_a),
        ("leave.cover_decided", colleague.user),
    }
    assert {n.url for n in told} == {detail(leave)}
    assert {n.params["status"] for n in told} == {"approved"}


def test_long_leave_passes_to_the_managers_who_are_told(english, world, leave):
    leave.days = Decimal(5)
    leave.save()
    english.force_login(world.supervisor_a)
    response = english.post(url(leave), {"decision": "approve"}, follow=True)
    assert "Passed on: the leave now waits for a manager." in page_text(response)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.PENDING_MANAGER
    asked = Notification.objects.get(recipient=world.manager)
    assert (asked.kind, asked.url) == ("leave.pending_manager", detail(leave))
    english.force_login(world.manager)
    english.post(url(leave), {"decision": "approve"})
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED


def test_rejecting_with_a_note_shows_it(english, world, leave):
    english.force_login(world.supervisor_a)
    response = english.post(url(leave), {"decision": "reject", "note": "人手不足"}, follow=True)
    assert "The leave is rejected." in page_text(response)
    assert 'data-testid="decision-note">人手不足<' in page_text(response)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.REJECTED


def test_a_closed_month_is_a_message(english, world, leave):
    MonthClose.objects.create(
        site=world.site_a, month=leave.start.replace(day=1), status=MonthStatus.CLOSED
    )
    english.force_login(world.supervisor_a)
    response = english.post(url(leave), {"decision": "approve"}, follow=True)
    assert "closed" in page_text(response)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.PENDING


def test_a_department_manager_on_a_stale_page_is_told_it_was_decided(english, world, leave):
    department = factories.DepartmentFactory(company=world.company, name="运维服务部")
    world.person_a.department = department
    world.person_a.save()
    theirs = factories.UserFactory()
    factories.RoleGrantFactory(
        user=theirs, role=Role.MANAGER, company=world.company, department=department
    )
    leave.status = LeaveStatus.PENDING_MANAGER
    leave.save()
    english.force_login(world.manager)
    english.post(url(leave), {"decision": "approve"})
    english.force_login(theirs)
    response = english.post(url(leave), {"decision": "approve"}, follow=True)
    assert response.status_code == 200
    assert "This leave was decided meanwhile: it is now “Approved”." in page_text(response)
