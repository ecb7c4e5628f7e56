import datetime

import pytest
from django.urls import reverse

from attendance.models import Overtime, OvertimeStatus
from attendance.services.overtime import overtime_request
from onsite.roles import Role
from tests import factories
from tests.dates import day_ahead, day_before
from tests.factories import overtime_approved, overtime_asked_for
from tests.pages import page_text


def url(overtime) -> str:
    return reverse("attendance:overtime_decide", args=[overtime.pk])


def status_of(overtime) -> str:
    return Overtime.objects.get(pk=overtime.pk).status


@pytest.fixture
def pending(world):
    return overtime_asked_for(world, day_ahead())


@pytest.fixture
def beyond_cap(world):
    return overtime_asked_for(world, day_ahead(), "18:00", "22:00")


def test_the_supervisor_approves_and_is_taken_back_to_the_record(english, world, pending):
    english.force_login(world.supervisor_a)
    response = english.post(url(pending), {"decision": "approve", "note": "同意"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "attendance:overtime_detail", args=[pending.pk]
    )
    assert "Approved: HR files it next." in page_text(response)
    assert status_of(pending) == OvertimeStatus.APPROVED


def test_beyond_the_cap_the_supervisor_is_refused_with_the_cap(english, world, beyond_cap):
    english.force_login(world.supervisor_a)
    response = english.post(
        url(beyond_cap), {"decision": "approve", "override_reason": "割接"}, follow=True
    )
    text = page_text(response)
    assert "hours that day, above the cap of 3 hours a day" in text
    assert "Only a manager can allow this" in text
    assert status_of(beyond_cap) == OvertimeStatus.PENDING


def test_beyond_the_cap_a_manager_needs_a_reason(english, world, beyond_cap):
    english.force_login(world.manager)
    response = english.post(url(beyond_cap), {"decision": "approve", "note": "同意"}, follow=True)
    assert "above the cap of 3 hours a day" in page_text(response)
    assert status_of(beyond_cap) == OvertimeStatus.PENDING


def test_beyond_the_cap_a_manager_with_a_reason_approves_and_the_reason_stays(
    english, world, beyond_cap
):
    english.force_login(world.manager)
    response = english.post(
        url(beyond_cap),
        {"decision": "approve", "note": "同意", "override_reason": "系统割接只能在夜间进行"},
        follow=True,
    )
    assert "Approved: HR files it next." in page_text(response)
    overtime = Overtime.objects.get(pk=beyond_cap.pk)
    assert overtime.status == OvertimeStatus.APPROVED
    assert overtime.override_reason == "系统割接只能在夜间进行"
    history = page_text(response).split('data-testid="history"')[1]
    assert "系统割接只能在夜间进行" in history


def test_hr_files_an_approved_request(english, world):
    overtime = overtime_approved(world, day_ahead())
    english.force_login(world.hr)
    response = english.post(url(overtime), {"decision": "file"}, follow=True)
    assert "Filed: the overtime counts in its month." in page_text(response)
    assert status_of(overtime) == OvertimeStatus.FILED


def test_the_supervisor_confirms_an_emergency_which_then_waits_for_approval(english, world):
    overtime = overtime_request(
        staff=world.person_a,
        date=day_before(),
        start_time=datetime.time(18),
        end_time=datetime.time(20),
        reason="故障抢修",
        emergency=True,
        by=world.staff_a,
    )
    english.force_login(world.supervisor_a)
    response = english.post(url(overtime), {"decision": "confirm", "note": "属实"}, follow=True)
    assert "Emergency confirmed" in page_text(response)
    assert status_of(overtime) == OvertimeStatus.PENDING


def test_a_decision_of_another_stage_changes_nothing(english, world, pending):
    english.force_login(world.supervisor_a)
    response = english.post(url(pending), {"decision": "confirm"}, follow=True)
    assert "that decision does not apply now" in page_text(response)
    assert status_of(pending) == OvertimeStatus.PENDING


def test_only_hr_files(client, world):
    overtime = overtime_approved(world, day_ahead())
    for role in ("supervisor_a", "manager"):
        client.force_login(world.users[role])
        assert client.post(url(overtime), {"decision": "file"}).status_code == 403
    assert status_of(overtime) == OvertimeStatus.APPROVED


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.MANAGER])
def test_nobody_approves_their_own_overtime(client, world, pending, role):
    if role == Role.SUPERVISOR:
        factories.RoleGrantFactory(user=world.staff_a, role=role, site=world.site_a)
    else:
        factories.RoleGrantFactory(user=world.staff_a, role=role, company=world.company)
    client.force_login(world.staff_a)
    assert client.post(url(pending), {"decision": "approve"}).status_code == 403
    assert status_of(pending) == OvertimeStatus.PENDING
