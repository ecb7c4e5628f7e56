import pytest
from django.urls import reverse
from django.utils import timezone

from attendance.models import Leave, LeaveStatus
from onsite.models import Notification
from tests.dates import ONE_DAY
from tests.factories import leave_of_a, plain_weeks
from tests.pages import page_text


@pytest.fixture
def today():
    day = timezone.localdate()
    plain_weeks(day - day.weekday() * ONE_DAY, weeks=3)
    return day


@pytest.fixture
def approved(world, colleague, today):
    """Approved leave of 张三 that ends today."""
    return leave_of_a(
        world, start=today - ONE_DAY, end=today, status=LeaveStatus.APPROVED, cover=colleague
    )


def url(leave) -> str:
    return reverse("attendance:leave_extend", args=[leave.pk])


def test_the_requester_sees_where_the_extension_starts(english, world, approved, today):
    english.force_login(world.staff_a)
    text = page_text(english.get(url(approved)))
    assert f'data-testid="extension-start">{today + ONE_DAY}<' in text
    assert f'<input type="hidden" name="extends" value="{approved.pk}">' in text
    assert 'hx-target="#leave-preview"' in text


def test_asking_files_a_new_request_that_waits_for_approval(english, world, approved, today):
    english.force_login(world.staff_a)
    end = today + 7 * ONE_DAY
    response = english.post(url(approved), {"end": f"{end}", "reason": "还需几天"}, follow=True)
    extension = Leave.objects.get(extends=approved)
    assert response.redirect_chain == [
        (reverse("attendance:leave_detail", args=[extension.pk]), 302)
    ]
    assert "Your extension is sent to your supervisor." in page_text(response)
    assert (extension.start, extension.end, extension.status, extension.days) == (
        today + ONE_DAY,
        end,
        LeaveStatus.PENDING,
        5,
    )
    told = Notification.objects.get(recipient=world.supervisor_a)
    assert told.url == reverse("attendance:leave_detail", args=[extension.pk])
    approved.refresh_from_db()
    assert (approved.status, approved.end) == (LeaveStatus.APPROVED, today)


def test_every_refusal_is_shown_on_the_form(english, world, approved, today):
    tomorrow = today + ONE_DAY
    leave_of_a(world, start=tomorrow, end=tomorrow)
    english.force_login(world.staff_a)
    response = english.post(url(approved), {"end": f"{tomorrow}", "reason": ""})
    text = page_text(response)
    assert "Give a reason for the leave." in text
    assert "You already have leave on some of these days." in text
    assert not Leave.objects.filter(extends=approved).exists()


def test_the_cover_on_leave_is_a_refusal(english, world, approved, colleague, today):
    Leave.objects.create(
        staff=colleague,
        site=world.site_a,
        kind="personal",
        start=today + ONE_DAY,
        end=today + ONE_DAY,
        status=LeaveStatus.APPROVED,
    )
    english.force_login(world.staff_a)
    response = english.post(url(approved), {"end": f"{today + ONE_DAY}", "reason": "还需一天"})
    day = today + ONE_DAY
    assert f"王五 is on leave from {day} to {day} and cannot cover for you" in page_text(response)
    assert not Leave.objects.filter(extends=approved).exists()


def test_ended_leave_says_to_file_an_emergency_leave(english, world, colleague, today):
    ended = leave_of_a(
        world,
        start=today - 2 * ONE_DAY,
        end=today - ONE_DAY,
        status=LeaveStatus.APPROVED,
        cover=colleague,
    )
    english.force_login(world.staff_a)
    response = english.post(url(ended), {"end": f"{today + ONE_DAY}", "reason": "还需一天"})
    assert "file an emergency leave instead" in page_text(response)
    assert 'name="end"' not in page_text(response)
    assert not Leave.objects.filter(extends=ended).exists()


def test_waiting_leave_is_not_extended(english, world, approved):
    approved.status = LeaveStatus.PENDING
    approved.save()
    english.force_login(world.staff_a)
    assert "Only approved leave can be extended." in page_text(english.get(url(approved)))


def test_only_the_requester_extends(client, world, approved):
    for name in ("supervisor_a", "hr", "manager"):
        client.force_login(world.users[name])
        assert client.get(url(approved)).status_code == 403
        assert client.post(url(approved), {}).status_code == 403


def test_outside_the_scope_it_is_not_found(client, world, approved, supervisor_b):
    for user in (supervisor_b, world.staff_b, world.finance, world.client_a):
        client.force_login(user)
        assert client.get(url(approved)).status_code == 404
