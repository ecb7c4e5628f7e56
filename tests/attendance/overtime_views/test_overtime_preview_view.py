import datetime

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from attendance.models import DayKind
from tests.dates import NEW_YEAR_2027
from tests.dates import day_ahead as ahead
from tests.dates import day_before as before
from tests.factories import overtime_asked_for as ask
from tests.pages import page_text

URL = reverse("attendance:overtime_preview")


def preview(client, day, start="", end="") -> str:
    """The hint's text, without its markup."""
    return strip_tags(
        page_text(
            client.get(URL, {"date": f"{day:%Y-%m-%d}", "start_time": start, "end_time": end})
        )
    )


@pytest.fixture
def staff(english, world):
    english.force_login(world.staff_a)
    return english


def test_a_rest_day_is_paid_double_or_taken_as_time_off(staff):
    text = preview(staff, ahead(DayKind.REST))
    assert "Rest day · Rest-day overtime 200%" in text
    assert "Time off instead of pay is possible." in text


def test_a_workday_is_paid_one_and_a_half_and_never_time_off(staff):
    text = preview(staff, ahead())
    assert "Workday · Workday overtime 150%" in text
    assert "Paid only" in text


def test_a_statutory_holiday_is_paid_triple_and_named(staff):
    text = preview(staff, NEW_YEAR_2027)
    assert "Statutory holiday (元旦) · Holiday overtime 300%" in text


def test_the_hours_count_with_the_other_requests_against_the_caps(staff, world):
    ask(world, ahead(), "07:00", "08:00")
    text = preview(staff, ahead(), "18:00", "20:30")
    assert "Hours asked: 2.5" in text
    assert "This day: 3.5 of 3 hours · this month: 3.5 of 36 hours" in text
    assert "above the cap of 3 hours a day" in text
    assert "Only a manager can allow this" in text


def test_within_the_caps_there_is_no_warning(staff):
    text = preview(staff, ahead(), "18:00", "20:00")
    assert "This day: 2 of 3 hours · this month: 2 of 36 hours" in text
    assert "Only a manager can allow this" not in text


def test_an_end_before_the_start_is_pointed_out(staff):
    text = preview(staff, ahead(), "20:00", "18:00")
    assert "The overtime must end at least half an hour after it starts." in text
    assert "This day:" not in text


def test_a_past_day_needs_the_emergency_mark(staff):
    assert "mark the request as an emergency" in preview(staff, before())


def test_a_day_before_the_placement_is_not_placed(staff):
    assert "You are not placed at any site on 2025-12-01." in preview(
        staff, datetime.date(2025, 12, 1)
    )


def test_without_a_day_it_asks_for_one(staff):
    text = page_text(staff.get(URL))
    assert "Choose the day and the hours" in text


@pytest.mark.parametrize("role", ["hr", "supervisor_a", "manager", "client_a"])
def test_only_staff_get_the_hint(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL, {"date": f"{ahead():%Y-%m-%d}"}).status_code == 403
