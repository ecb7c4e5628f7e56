import pytest
from django.urls import reverse

from attendance.models import DayKind, Overtime, OvertimeStatus
from tests.dates import day_ahead as ahead
from tests.dates import day_before as before
from tests.factories import overtime_asked_for as ask
from tests.pages import page_text

URL = reverse("attendance:overtime_new")


def form(day, start="18:00", end="20:00", **extra) -> dict:
    return {
        "date": f"{day:%Y-%m-%d}",
        "start_time": start,
        "end_time": end,
        "reason": "机房割接",
        "compensation": "pay",
        **extra,
    }


def test_a_request_is_saved_and_shown_with_a_message(english, world):
    english.force_login(world.staff_a)
    response = english.post(URL, form(ahead(DayKind.REST), compensation="time_off"), follow=True)
    overtime = Overtime.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "attendance:overtime_detail", args=[overtime.pk]
    )
    assert "Your overtime request is sent for approval." in page_text(response)
    assert "only a manager" not in page_text(response)
    assert overtime.status == OvertimeStatus.PENDING
    assert overtime.compensation == "time_off"
    assert (overtime.staff, overtime.site, overtime.rate) == (world.person_a, world.site_a, 200)


def test_a_request_beyond_the_cap_says_only_a_manager_can_approve_it(english, world):
    english.force_login(world.staff_a)
    response = english.post(URL, form(ahead(), "18:00", "22:00"), follow=True)
    assert Overtime.objects.get().over_cap
    assert (
        "It is beyond the legal cap on overtime (Labour Law art. 41): only a manager can approve "
        "it, with a reason." in page_text(response)
    )


def test_an_emergency_after_the_day_waits_for_the_supervisor(english, world):
    english.force_login(world.staff_a)
    response = english.post(URL, form(before(), emergency="on"), follow=True)
    overtime = Overtime.objects.get()
    assert (overtime.status, overtime.emergency) == (OvertimeStatus.UNCONFIRMED, True)
    assert "your supervisor confirms it first" in page_text(response)


def test_a_past_day_without_the_emergency_mark_is_refused(english, world):
    english.force_login(world.staff_a)
    response = english.post(URL, form(before()))
    assert response.status_code == 200
    assert "Overtime is asked for before the day" in page_text(response)
    assert not Overtime.objects.exists()


def test_time_off_on_a_workday_is_refused(english, world):
    english.force_login(world.staff_a)
    response = english.post(URL, form(ahead(), compensation="time_off"))
    assert "Only rest-day overtime can be taken as time off" in page_text(response)
    assert not Overtime.objects.exists()


def test_overlapping_hours_are_refused(english, world):
    ask(world, ahead(), "18:00", "20:00")
    english.force_login(world.staff_a)
    response = english.post(URL, form(ahead(), "19:00", "21:00"))
    assert "You already asked for overtime at these hours." in page_text(response)
    assert Overtime.objects.count() == 1


def test_every_refusal_is_shown_at_once(english, world):
    ask(world, before(), "18:00", "20:00")
    english.force_login(world.staff_a)
    response = english.post(URL, form(before(), "19:00", "21:00", compensation="time_off"))
    text = page_text(response)
    assert "Overtime is asked for before the day" in text
    assert "Only rest-day overtime can be taken as time off" in text
    assert "You already asked for overtime at these hours." in text
    assert Overtime.objects.count() == 1


def test_missing_fields_are_marked_and_nothing_is_saved(english, world):
    english.force_login(world.staff_a)
    response = english.post(URL, {"date": "", "start_time": "18:00"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"date", "end_time", "reason", "compensation"}
    assert not Overtime.objects.exists()


def test_the_form_shows_the_hint_for_what_was_typed(english, world):
    english.force_login(world.staff_a)
    response = english.post(URL, form(ahead(DayKind.REST), "09:00", "13:30", reason=""))
    text = page_text(response)
    assert "Rest-day overtime 200%" in text
    assert "Hours asked: 4.5" in text
    assert "above the cap of 3 hours a day" in text


def test_the_empty_form_offers_the_fields_and_the_hint(english, world):
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    for name in ("date", "start_time", "end_time", "reason", "compensation", "emergency"):
        assert f'name="{name}"' in text
    assert reverse("attendance:overtime_preview") in text


@pytest.mark.parametrize("role", ["hr", "supervisor_a", "manager", "finance", "outsider"])
def test_only_staff_ask_for_overtime(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, form(ahead())).status_code == 403
    assert not Overtime.objects.exists()
