import pytest
from django.urls import reverse

from attendance.services.corrections import correction_reject
from tests.factories import correction_requested
from tests.pages import page_text


@pytest.fixture
def correction(world):
    return correction_requested(world)


def url(correction) -> str:
    return reverse("attendance:correction_detail", args=[correction.pk])


def test_the_supervisor_sees_the_request_and_the_decide_buttons(english, world, correction):
    english.force_login(world.supervisor_a)
    text = page_text(english.get(url(correction)))
    assert "2026-10-12 17:35" in text
    assert "下班忘记打卡" in text
    assert 'data-testid="approve"' in text and 'data-testid="reject"' in text


def test_the_person_sees_their_request_without_buttons(english, world, correction):
    english.force_login(world.staff_a)
    text = page_text(english.get(url(correction)))
    assert "下班忘记打卡" in text
    assert 'data-testid="decide"' not in text


def test_the_decision_shows_in_the_history(english, world, correction):
    correction_reject(correction=correction, by=world.supervisor_a, note="监控显示提前离岗")
    english.force_login(world.staff_a)
    text = page_text(english.get(url(correction)))
    assert "监控显示提前离岗" in text
    assert "Pending</del> → Rejected" in text
    assert 'data-testid="decide"' not in text


def test_outside_the_scope_the_request_does_not_exist(client, world, correction, supervisor_b):
    for user in (world.staff_b, supervisor_b, world.finance, world.client_a, world.outsider):
        client.force_login(user)
        assert client.get(url(correction)).status_code == 404
