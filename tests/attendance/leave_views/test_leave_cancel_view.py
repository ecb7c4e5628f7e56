import pytest
from django.urls import reverse

from attendance.models import LeaveStatus
from tests.factories import leave_of_a
from tests.pages import page_text


@pytest.fixture
def leave(world):
    return leave_of_a(world)


def url(leave) -> str:
    return reverse("attendance:leave_cancel", args=[leave.pk])


def test_the_requester_withdraws_a_request_with_a_reason(english, world, leave):
    english.force_login(world.staff_a)
    response = english.post(url(leave), {"reason": "不需要了"}, follow=True)
    assert response.redirect_chain == [(reverse("attendance:leave_detail", args=[leave.pk]), 302)]
    assert "The leave is cancelled." in page_text(response)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.CANCELLED
    assert leave.history.latest().history_change_reason == "不需要了"


def test_a_reason_is_needed(english, world, leave):
    english.force_login(world.staff_a)
    response = english.post(url(leave), {"reason": ""}, follow=True)
    assert "Say why the leave is cancelled." in page_text(response)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.PENDING


def test_the_requester_gives_back_approved_leave(english, world, leave):
    leave.status = LeaveStatus.APPROVED
    leave.save()
    english.force_login(world.staff_a)
    english.post(url(leave), {"reason": "提前返岗"})
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.CANCELLED


def test_the_supervisor_cancels_approved_leave_but_not_a_waiting_request(client, world, leave):
    client.force_login(world.supervisor_a)
    assert client.post(url(leave), {"reason": "x"}).status_code == 403
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.PENDING
    leave.status = LeaveStatus.APPROVED
    leave.save()
    assert client.post(url(leave), {"reason": "已返岗"}).status_code == 302
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.CANCELLED


def test_cancelling_twice_is_a_message(english, world, leave):
    english.force_login(world.staff_a)
    english.post(url(leave), {"reason": "不需要了"})
    response = english.post(url(leave), {"reason": "再来一次"}, follow=True)
    assert "This leave was decided meanwhile: it is now “Cancelled”." in page_text(response)


def test_those_who_see_it_but_may_not_cancel_are_forbidden(client, world, leave):
    leave.status = LeaveStatus.APPROVED
    leave.save()
    for name in ("hr", "manager"):
        client.force_login(world.users[name])
        assert client.post(url(leave), {"reason": "x"}).status_code == 403
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED


def test_outside_the_scope_it_is_not_found(client, world, leave, supervisor_b):
    for user in (supervisor_b, world.staff_b, world.finance, world.client_a):
        client.force_login(user)
        assert client.post(url(leave), {"reason": "x"}).status_code == 404
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.PENDING
