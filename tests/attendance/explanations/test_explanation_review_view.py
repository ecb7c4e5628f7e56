import pytest
from django.urls import reverse

from attendance.models import ExplanationStatus
from tests.attendance.explanations.helpers import write
from tests.attendance.punches.helpers import page_text


@pytest.fixture
def explanation(world):
    return write(world)


def url(explanation) -> str:
    return reverse("attendance:explanation_review", args=[explanation.pk])


def test_the_supervisor_accepts_it(english, world, explanation):
    english.force_login(world.supervisor_a)
    response = english.post(url(explanation), {"decision": "accept", "note": ""}, follow=True)
    assert "The explanation is accepted." in page_text(response)
    explanation.refresh_from_db()
    assert explanation.status == ExplanationStatus.ACCEPTED


def test_returning_it_needs_a_note(english, world, explanation):
    english.force_login(world.supervisor_a)
    response = english.post(url(explanation), {"decision": "return", "note": ""}, follow=True)
    assert "Say what the explanation is missing." in page_text(response)
    explanation.refresh_from_db()
    assert explanation.status == ExplanationStatus.SUBMITTED


def test_returning_it_with_a_note(english, world, explanation):
    english.force_login(world.hr)
    response = english.post(url(explanation), {"decision": "return", "note": "不完整"}, follow=True)
    assert "The explanation is returned for rewriting." in page_text(response)
    explanation.refresh_from_db()
    assert explanation.status == ExplanationStatus.RETURNED


def test_a_second_review_is_a_message_not_an_error(english, world, explanation):
    english.force_login(world.supervisor_a)
    english.post(url(explanation), {"decision": "accept"})
    response = english.post(url(explanation), {"decision": "return", "note": "x"}, follow=True)
    assert response.status_code == 200
    assert "Cannot change from “Accepted” to “Returned for rewriting”." in page_text(response)


def test_those_who_see_it_but_may_not_review_are_forbidden(client, world, explanation):
    for name in ("staff_a", "manager"):
        client.force_login(world.users[name])
        assert client.post(url(explanation), {"decision": "accept"}).status_code == 403


def test_outside_the_scope_it_is_not_found(client, world, explanation, supervisor_b):
    client.force_login(supervisor_b)
    assert client.post(url(explanation), {"decision": "accept"}).status_code == 404
