"""attendance:approvals_decide — approving several requests at once, rejecting one with a reason,
refusals named one by one, requests outside the reader's scope, and two approvers at once."""

from __future__ import annotations

import html
import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from attendance.models import (
    Correction,
    CorrectionStatus,
    Leave,
    LeaveStatus,
    Overtime,
    OvertimeStatus,
)
from onsite.roles import Role
from tests import factories
from tests.dates import DECEMBER_MONDAY
from tests.factories import correction_on, leave_on, overtime_on
from tests.pages import page_text

URL = reverse("inbox:decide")
INBOX = reverse("inbox:list")


def status(record) -> str:
    record.refresh_from_db()
    return record.status


def notes(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def alerts(response) -> list[str]:
    """The messages as the page shows them (the test client's captured context is shared
    between threads, so the race test reads the page itself)."""
    return [
        html.unescape(text)
        for text in re.findall(r'role="alert">\s*(.*?)\s*<button', response.content.decode(), re.S)
    ]


@pytest.mark.parametrize("role", ["staff_a", "staff_b", "client_a", "outsider"])
def test_roles_that_decide_nothing_are_forbidden(client, world, role):
    leave = leave_on(world.person_a, world.site_a)
    client.force_login(world.users[role])
    assert client.post(URL, {"items": [f"leave:{leave.pk}"]}).status_code == 403
    assert status(leave) == LeaveStatus.PENDING


def test_it_only_takes_posts(client, world):
    client.force_login(world.supervisor_a)
    assert client.get(URL).status_code == 405


def test_a_supervisor_approves_several_requests_at_once(english, world):
    leave = leave_on(world.person_a, world.site_a)
    overtime = overtime_on(world.person_a, world.site_a)
    correction = correction_on(world.person_a, world.site_a)
    english.force_login(world.supervisor_a)
    response = english.post(
        URL,
        {"items": [f"leave:{leave.pk}", f"overtime:{overtime.pk}", f"correction:{correction.pk}"]},
        follow=True,
    )
    assert response.redirect_chain == [(INBOX, 302)]
    assert notes(response) == ["3 requests approved."]
    assert (status(leave), status(overtime), status(correction)) == (
        LeaveStatus.APPROVED,
        OvertimeStatus.APPROVED,
        CorrectionStatus.APPROVED,
    )
    assert leave.decided_by == world.supervisor_a
    assert "Nothing waits for your decision." in page_text(response)


def test_overtime_beyond_the_cap_is_refused_by_name_and_the_others_approved(english, world):
    leave = leave_on(world.person_a, world.site_a)
    over = overtime_on(world.person_a, world.site_a, start="18:00", end="22:00", over_cap=True)
    english.force_login(world.supervisor_a)
    response = english.post(
        URL, {"items": [f"overtime:{over.pk}", f"leave:{leave.pk}"]}, follow=True
    )
    approved, refused = notes(response)
    assert approved == "1 request approved."
    assert refused.startswith("张三, overtime 2026-12-04 18:00–22:00: Labour Law art. 41 caps")
    assert "4 hours that day, above the cap of 3 hours a day" in refused
    assert refused.endswith("Open the request to approve it with a reason for the override.")
    assert (status(over), status(leave)) == (OvertimeStatus.PENDING, LeaveStatus.APPROVED)


def test_leave_of_several_days_goes_on_to_the_manager(english, world):
    leave = leave_on(world.person_a, world.site_a, DECEMBER_MONDAY, DECEMBER_MONDAY.replace(day=11))
    english.force_login(world.supervisor_a)
    response = english.post(URL, {"items": [f"leave:{leave.pk}"]}, follow=True)
    assert notes(response) == ["1 request approved."]
    assert status(leave) == LeaveStatus.PENDING_MANAGER
    english.force_login(world.manager)
    response = english.post(URL, {"items": [f"leave:{leave.pk}"]}, follow=True)
    assert notes(response) == ["1 request approved."]
    assert status(leave) == LeaveStatus.APPROVED


def test_each_stage_of_overtime_is_approved_by_its_own_decider(english, world):
    emergency = overtime_on(
        world.person_a, world.site_a, status=OvertimeStatus.UNCONFIRMED, emergency=True
    )
    english.force_login(world.supervisor_a)
    english.post(URL, {"items": [f"overtime:{emergency.pk}"]})
    assert status(emergency) == OvertimeStatus.PENDING
    english.force_login(world.manager)
    english.post(URL, {"items": [f"overtime:{emergency.pk}"]})
    assert status(emergency) == OvertimeStatus.APPROVED
    english.force_login(world.hr)
    english.post(URL, {"items": [f"overtime:{emergency.pk}"]})
    assert status(emergency) == OvertimeStatus.FILED
    assert emergency.filed_by == world.hr


def test_a_request_outside_the_readers_scope_is_not_found_and_nothing_changes(client, world):
    mine = leave_on(world.person_a, world.site_a)
    theirs = leave_on(world.person_b, world.site_b)
    client.force_login(world.supervisor_a)
    response = client.post(URL, {"items": [f"leave:{mine.pk}", f"leave:{theirs.pk}"]})
    assert response.status_code == 404
    assert (status(mine), status(theirs)) == (LeaveStatus.PENDING, LeaveStatus.PENDING)
    assert client.post(URL, {"item": f"leave:{theirs.pk}", "note": "不行"}).status_code == 404
    assert status(theirs) == LeaveStatus.PENDING


@pytest.mark.parametrize("token", ["leave", "leave:x", "ticket:1", "overtime:999999"])
def test_a_request_that_does_not_exist_is_not_found(client, world, token):
    client.force_login(world.hr)
    assert client.post(URL, {"items": [token]}).status_code == 404


def test_a_request_seen_but_not_the_readers_to_decide_is_refused(english, world):
    """The manager sees 张三's leave, but its first stage is the supervisor's."""
    leave = leave_on(world.person_a, world.site_a)
    english.force_login(world.manager)
    response = english.post(URL, {"items": [f"leave:{leave.pk}"]}, follow=True)
    assert notes(response) == ["张三, leave 2026-12-07: You may not decide this leave."]
    assert status(leave) == LeaveStatus.PENDING


def test_a_request_decided_since_the_page_was_read_says_so(english, world):
    leave = leave_on(world.person_a, world.site_a, status=LeaveStatus.APPROVED)
    correction = correction_on(world.person_a, world.site_a, status=CorrectionStatus.REJECTED)
    english.force_login(world.supervisor_a)
    response = english.post(
        URL, {"items": [f"leave:{leave.pk}", f"correction:{correction.pk}"]}, follow=True
    )
    assert notes(response) == [
        "张三, leave 2026-12-07: This leave was decided meanwhile: it is now “Approved”.",
        "张三, punch correction 2026-11-16 17:35: This correction was decided meanwhile: it is "
        "now “Rejected”.",
    ]


def test_nothing_selected_says_so(english, world):
    english.force_login(world.supervisor_a)
    response = english.post(URL, {}, follow=True)
    assert notes(response) == ["Select the requests to approve."]


def test_a_rejection_needs_a_reason(english, world):
    leave = leave_on(world.person_a, world.site_a)
    english.force_login(world.supervisor_a)
    response = english.post(URL, {"item": f"leave:{leave.pk}", "note": "  "}, follow=True)
    assert notes(response) == ["张三, leave 2026-12-07: Say why the leave is rejected."]
    assert status(leave) == LeaveStatus.PENDING


@pytest.mark.parametrize("kind", ["leave", "overtime", "correction"])
def test_one_request_is_rejected_with_its_reason(english, world, kind):
    made = {"leave": leave_on, "overtime": overtime_on, "correction": correction_on}[kind]
    record = made(world.person_a, world.site_a)
    english.force_login(world.supervisor_a)
    response = english.post(
        URL, {"item": f"{kind}:{record.pk}", "note": "人手不足", "page": "2"}, follow=True
    )
    assert response.redirect_chain[0] == (f"{INBOX}?page=2", 302)
    assert notes(response)[0].startswith("Rejected: 张三, ")
    record.refresh_from_db()
    assert (record.status, record.decision_note) == ("rejected", "人手不足")


def test_each_request_is_decided_in_a_transaction_of_its_own(english, world):
    """A correction in a closed month is refused; the leave beside it stays approved."""
    from attendance.models import MonthClose, MonthStatus

    MonthClose.objects.create(
        site=world.site_a, month=DECEMBER_MONDAY.replace(month=11, day=1), status=MonthStatus.CLOSED
    )
    correction = correction_on(world.person_a, world.site_a)
    leave = leave_on(world.person_a, world.site_a)
    english.force_login(world.supervisor_a)
    response = english.post(
        URL, {"items": [f"leave:{leave.pk}", f"correction:{correction.pk}"]}, follow=True
    )
    approved, refused = notes(response)
    assert approved == "1 request approved."
    assert refused.startswith("张三, punch correction 2026-11-16 17:35: ")
    assert (status(leave), status(correction)) == (LeaveStatus.APPROVED, CorrectionStatus.PENDING)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("leave", "This leave was decided meanwhile: it is now “Approved”."),
        ("correction", "This correction was decided meanwhile: it is now “Approved”."),
        (
            "overtime",
            "This overtime was decided meanwhile: it is now “Approved, waiting to be filed”.",
        ),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_once_decide_once(kind, message, settings):
    from tests.conftest import build_world

    world = build_world()
    second = factories.UserFactory(username="supervisor_a2")
    factories.RoleGrantFactory(user=second, role=Role.SUPERVISOR, site=world.site_a)
    made = {"leave": leave_on, "overtime": overtime_on, "correction": correction_on}[kind]
    record = made(world.person_a, world.site_a)
    model = {"leave": Leave, "overtime": Overtime, "correction": Correction}[kind]
    clients = []
    for user in (world.supervisor_a, second):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(client):
        barrier.wait()
        try:
            response = client.post(URL, {"items": [f"{kind}:{record.pk}"]}, follow=True)
            outcomes.extend(alerts(response))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(
        ["1 request approved.", f"张三, {kind_text(kind, record)}: {message}"]
    )
    assert model.objects.get(pk=record.pk).history.filter(status="approved").count() == 1


def kind_text(kind: str, record) -> str:
    from attendance.workflows import describe

    what = {"leave": "leave", "overtime": "overtime", "correction": "punch correction"}[kind]
    return f"{what} {describe(kind, record)}"


def test_filing_overtime_from_the_inbox_says_filed_not_approved(client, world):
    overtime = overtime_on(world.person_a, world.site_a, status=OvertimeStatus.APPROVED)
    client.force_login(world.hr)
    response = client.post(URL, {"items": [f"overtime:{overtime.pk}"]}, follow=True)
    text = html.unescape(response.content.decode())
    assert "已备案 1 条加班。" in text
    assert "已批准" not in text.split('data-testid="approvals"')[0]
    assert status(overtime) == OvertimeStatus.FILED
