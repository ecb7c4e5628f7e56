import pytest
from django.urls import reverse

from attendance.models import CorrectionStatus, DayStatus, Punch
from tests.attendance.corrections.helpers import request_afternoon
from tests.attendance.punches.helpers import MONDAY, day_of, page_text


@pytest.fixture
def correction(world):
    return request_afternoon(world)


def url(correction) -> str:
    return reverse("attendance:correction_decide", args=[correction.pk])


def test_approving_adds_the_punch_and_says_so(english, world, correction):
    english.force_login(world.supervisor_a)
    response = english.post(url(correction), {"decision": "approve", "note": ""}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "attendance:correction_detail", args=[correction.pk]
    )
    assert "Approved: the punch is added." in page_text(response)
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.APPROVED
    assert day_of(world.person_a, MONDAY).status == DayStatus.PRESENT


def test_rejecting_needs_a_note(english, world, correction):
    english.force_login(world.supervisor_a)
    response = english.post(url(correction), {"decision": "reject", "note": ""}, follow=True)
    assert "Give a reason for the rejection." in page_text(response)
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING


def test_rejecting_with_a_note(english, world, correction):
    english.force_login(world.hr)
    response = english.post(url(correction), {"decision": "reject", "note": "不属实"}, follow=True)
    assert "The correction is rejected." in page_text(response)
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.REJECTED
    assert Punch.objects.count() == 1


def test_a_second_decision_is_a_message_not_an_error(english, world, correction):
    english.force_login(world.supervisor_a)
    english.post(url(correction), {"decision": "approve"})
    response = english.post(url(correction), {"decision": "reject", "note": "改主意"}, follow=True)
    assert response.status_code == 200
    assert "Cannot change from “Approved” to “Rejected”." in page_text(response)


def test_an_unknown_decision_changes_nothing(english, world, correction):
    english.force_login(world.supervisor_a)
    response = english.post(url(correction), {"decision": "maybe"}, follow=True)
    assert "Select a valid choice." in page_text(response)
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING


def test_those_who_see_it_but_may_not_decide_are_forbidden(client, world, correction):
    for name in ("staff_a", "manager"):
        client.force_login(world.users[name])
        assert client.post(url(correction), {"decision": "approve"}).status_code == 403
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING


def test_outside_the_scope_it_is_not_found(client, world, correction, supervisor_b):
    client.force_login(supervisor_b)
    assert client.post(url(correction), {"decision": "approve"}).status_code == 404
