import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance.models import DayKind, LeaveStatus
from tests.dates import ONE_DAY, monday_ahead
from tests.factories import calendar_day, leave_of_a, plain_weeks
from tests.factories import colleague_of as make_colleague
from tests.pages import page_text

URL = reverse("attendance:leave_preview")


@pytest.fixture
def monday():
    day = monday_ahead()
    plain_weeks(day)
    return day


def preview(client, **query):
    values = {"kind": "personal"}
    values.update(
        {k: f"{v:%Y-%m-%d}" if isinstance(v, datetime.date) else v for k, v in query.items()}
    )
    return client.get(URL, values, headers={"HX-Request": "true"})


def test_the_days_over_a_weekend_count_only_the_workdays(english, world, monday):
    english.force_login(world.staff_a)
    friday = monday + 4 * ONE_DAY
    response = preview(english, start=friday, end=friday + 3 * ONE_DAY)
    text = page_text(response)
    assert "Working days counted: 2" in text
    assert "<html" not in text  # a fragment for the box under the dates


def test_a_holiday_does_not_count_and_halves_do(english, world, monday):
    calendar_day(monday + 7 * ONE_DAY, DayKind.HOLIDAY, "假日")
    english.force_login(world.staff_a)
    friday = monday + 4 * ONE_DAY
    text = page_text(
        preview(english, start=friday, starts_pm="on", end=friday + 4 * ONE_DAY, ends_am="on")
    )
    # Friday afternoon, the holiday Monday not at all, Tuesday morning.
    assert "Working days counted: 1" in text


def test_the_balance_counts_what_is_approved_and_what_waits(english, world, monday):
    world.person_a.career_start = datetime.date(2015, 1, 1)  # 10–20 years of service: 10 days
    world.person_a.save()
    january = monday.replace(month=1, day=1)
    leave_of_a(
        world,
        kind="annual",
        start=january,
        end=january,
        days=Decimal(3),
        status=LeaveStatus.APPROVED,
    )
    leave_of_a(world, kind="annual", start=january, end=january, days=Decimal(1))
    english.force_login(world.staff_a)
    response = preview(english, kind="annual", start=monday, end=monday + ONE_DAY)
    shown = response.context["preview"]
    assert (shown.balance.entitled, shown.balance.taken, shown.balance.asked) == (10, 3, 1)
    assert shown.left_after == 4
    assert 'data-testid="preview-left">4<' in page_text(response)


def test_a_balance_overdrawn_shows_in_red(english, world, monday):
    # Hired on 1 January of that year: under a year of service, no annual leave yet.
    world.person_a.career_start = None
    world.person_a.employment_start = monday.replace(month=1, day=1)
    world.person_a.save()
    english.force_login(world.staff_a)
    text = page_text(preview(english, kind="annual", start=monday, end=monday))
    assert 'text-danger" data-testid="preview-left">-1<' in text


def test_without_a_start_of_service_the_preview_says_so(english, world, monday):
    world.person_a.career_start = world.person_a.employment_start = None
    world.person_a.save()
    english.force_login(world.staff_a)
    text = page_text(preview(english, kind="annual", start=monday, end=monday))
    assert "the start of employment of 张三 is not on record" in text
    assert "preview-left" not in text


def test_kinds_without_a_balance_show_none(english, world, monday):
    english.force_login(world.staff_a)
    text = page_text(preview(english, start=monday, end=monday))
    assert "preview-balance" not in text


def test_a_needed_document_is_announced(english, world, monday):
    english.force_login(world.staff_a)
    assert "needs a document" in page_text(preview(english, kind="sick", start=monday, end=monday))
    assert "needs a document" not in page_text(preview(english, start=monday, end=monday))


def test_the_notice_rule_shows_before_sending(english, world):
    today = timezone.localdate()
    calendar_day(today, DayKind.WORKDAY)
    english.force_login(world.staff_a)
    text = page_text(preview(english, start=today, end=today))
    assert f"The earliest start you can ask for now is {today + ONE_DAY}" in text
    assert "earliest start" not in page_text(
        preview(english, start=today, end=today, emergency="on")
    )


@pytest.mark.parametrize(
    "query",
    [{}, {"start": "2026-13-45", "end": "x"}, {"start": "2026-11-10"}, {"kind": "nonsense"}],
)
def test_missing_or_bad_dates_give_a_hint(english, world, query):
    english.force_login(world.staff_a)
    response = english.get(URL, query)
    assert response.status_code == 200
    assert "Choose the first and the last day" in page_text(response)


def test_an_end_before_the_start_gives_a_hint(english, world, monday):
    english.force_login(world.staff_a)
    text = page_text(preview(english, start=monday, end=monday - ONE_DAY))
    assert "The leave ends before it starts." in text


def test_an_extension_is_counted_from_the_day_after_without_the_notice_rule(english, world):
    today = timezone.localdate()
    plain_weeks(today - today.weekday() * ONE_DAY)
    approved = leave_of_a(world, start=today - ONE_DAY, end=today, status=LeaveStatus.APPROVED)
    english.force_login(world.staff_a)
    end = today + 7 * ONE_DAY
    shown = preview(english, extends=approved.pk, end=end).context["preview"]
    assert shown.problems == ()
    assert shown.days == 5


def test_only_staff_preview(client, world):
    for name in ("hr", "supervisor_a", "manager", "finance", "client_a", "outsider"):
        client.force_login(world.users[name])
        assert client.get(URL).status_code == 403


def test_the_cover_chosen_is_checked_for_those_days(english, world, monday, colleague):
    """On leave: refused, said before sending; covering someone else: a warning only."""
    english.force_login(world.staff_a)
    leave_of_a(world, staff=colleague, start=monday, end=monday, status=LeaveStatus.APPROVED)
    text = page_text(preview(english, start=monday, end=monday, cover=colleague.pk))
    assert f"王五 is on leave from {monday:%Y-%m-%d} to {monday:%Y-%m-%d}" in text
    tuesday = monday + ONE_DAY
    other = make_colleague(world, "赵六")
    leave_of_a(world, staff=other, start=tuesday, end=tuesday, cover=colleague)
    response = preview(english, start=tuesday, end=tuesday, cover=colleague.pk)
    assert f"王五 already covers 赵六 from {tuesday:%Y-%m-%d} to {tuesday:%Y-%m-%d}." in page_text(
        response
    )
    assert 'data-testid="preview-cover-warning"' in response.content.decode()
