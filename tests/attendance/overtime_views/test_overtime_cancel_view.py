import pytest
from django.urls import reverse

from attendance.models import Overtime, OvertimeStatus
from tests.dates import day_ahead
from tests.factories import overtime_asked_for, overtime_filed
from tests.pages import page_text


def url(overtime) -> str:
    return reverse("attendance:overtime_cancel", args=[overtime.pk])


def status_of(overtime) -> str:
    return Overtime.objects.get(pk=overtime.pk).status


@pytest.fixture
def pending(world):
    return overtime_asked_for(world, day_ahead())


def test_the_requester_withdraws_with_a_reason_kept_in_the_history(english, world, pending):
    english.force_login(world.staff_a)
    response = english.post(url(pending), {"reason": "任务取消"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "attendance:overtime_detail", args=[pending.pk]
    )
    assert "Your overtime request is withdrawn." in page_text(response)
    assert status_of(pending) == OvertimeStatus.CANCELLED
    assert "任务取消" in page_text(response).split('data-testid="history"')[1]


def test_withdrawing_needs_a_reason(english, world, pending):
    english.force_login(world.staff_a)
    response = english.post(url(pending), {"reason": " "}, follow=True)
    assert "Say why the overtime is withdrawn." in page_text(response)
    assert status_of(pending) == OvertimeStatus.PENDING


def test_filed_overtime_is_not_withdrawn(english, world):
    overtime = overtime_filed(world, day_ahead())
    english.force_login(world.staff_a)
    response = english.post(url(overtime), {"reason": "任务取消"}, follow=True)
    assert "Cannot change from" in page_text(response) or "decided meanwhile" in page_text(response)
    assert status_of(overtime) == OvertimeStatus.FILED


@pytest.mark.parametrize("role", ["hr", "supervisor_a", "manager"])
def test_only_the_requester_withdraws(client, world, pending, role):
    client.force_login(world.users[role])
    assert client.post(url(pending), {"reason": "不需要"}).status_code == 403
    assert status_of(pending) == OvertimeStatus.PENDING


@pytest.mark.parametrize("stranger", ["supervisor_b", "staff_b"])
def test_outside_the_scope_it_is_not_found(client, world, pending, supervisor_b, stranger):
    client.force_login(supervisor_b if stranger == "supervisor_b" else world.staff_b)
    assert client.post(url(pending), {"reason": "不需要"}).status_code == 404
