import pytest
from django.urls import reverse

from attendance.models import Overtime
from tests.dates import day_ahead as ahead
from tests.dates import day_before as before
from tests.factories import overtime_filed as filed
from tests.factories import punch_at as punch
from tests.pages import page_text


def url(overtime) -> str:
    return reverse("attendance:overtime_hours", args=[overtime.pk])


def fresh(overtime) -> Overtime:
    return Overtime.objects.get(pk=overtime.pk)


@pytest.fixture
def worked(world):
    """Filed overtime of a past evening, 18:00–20:00, with punches covering 18:00–19:30."""
    overtime = filed(world, before())
    for hhmm in ("08:30", "19:30"):
        punch(world.person_a, overtime.date, hhmm)
    return overtime


def test_hr_confirms_the_hours_the_punches_show(english, world, worked):
    english.force_login(world.hr)
    response = english.post(url(worked), {"hours": "1.5"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("attendance:overtime_detail", args=[worked.pk])
    assert "Hours confirmed: 1.5." in page_text(response)
    overtime = fresh(worked)
    assert (overtime.actual_hours, overtime.confirmed_by, overtime.punches_missing) == (
        1.5,
        world.hr,
        False,
    )
    assert 'data-testid="hours-form"' not in response.content.decode()


def test_more_than_the_punches_show_needs_a_note(english, world, worked):
    english.force_login(world.supervisor_a)
    response = english.post(url(worked), {"hours": "2"}, follow=True)
    assert "The punches show 1.5 hours; say why 2 hours are confirmed." in page_text(response)
    assert fresh(worked).confirmed_at is None
    english.post(url(worked), {"hours": "2", "note": "设备故障未打下班卡"})
    assert fresh(worked).actual_hours == 2


def test_without_punches_zero_hours_are_confirmed_and_the_day_stays_flagged(english, world):
    overtime = filed(world, before())
    english.force_login(world.hr)
    response = english.post(url(overtime), {"hours": "0"}, follow=True)
    assert fresh(overtime).punches_missing
    assert 'data-flag="no_punches"' in response.content.decode()
    assert "No punches that day" in page_text(response)


def test_hours_before_the_day_are_refused(english, world):
    overtime = filed(world, ahead())
    english.force_login(world.hr)
    response = english.post(url(overtime), {"hours": "2", "note": "提前"}, follow=True)
    assert "Hours are confirmed after the day." in page_text(response)
    assert fresh(overtime).confirmed_at is None


def test_hours_that_are_not_a_number_are_refused(english, world, worked):
    english.force_login(world.hr)
    response = english.post(url(worked), {"hours": "two"}, follow=True)
    assert "Enter a number." in page_text(response)
    assert fresh(worked).confirmed_at is None


@pytest.mark.parametrize("role", ["staff_a", "manager"])
def test_those_who_do_not_confirm_hours_are_forbidden(client, world, worked, role):
    client.force_login(world.users[role])
    assert client.post(url(worked), {"hours": "1.5"}).status_code == 403
    assert fresh(worked).confirmed_at is None


@pytest.mark.parametrize("stranger", ["supervisor_b", "staff_b"])
def test_outside_the_scope_it_is_not_found(client, world, worked, supervisor_b, stranger):
    client.force_login(supervisor_b if stranger == "supervisor_b" else world.staff_b)
    assert client.post(url(worked), {"hours": "1.5"}).status_code == 404
