from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from attendance.models import LeaveStatus
from attendance.services.leave_decisions import leave_reject
from tests.dates import ONE_DAY
from tests.factories import leave_of_a
from tests.pages import page_text, words


def url(leave) -> str:
    return reverse("attendance:leave_detail", args=[leave.pk])


def test_the_request_is_shown_with_its_halves_days_cover_and_history(english, world, colleague):
    leave = leave_of_a(world, cover=colleague, starts_pm=True, emergency=True)
    leave.document.save("note.pdf", ContentFile(b"%PDF-1.4"), save=True)
    leave_reject(leave=leave, by=world.supervisor_a, note="人手不足")
    english.force_login(world.staff_a)
    response = english.get(url(leave))
    text = page_text(response)
    assert "Personal leave" in text
    assert "2026-10-13 from noon – 2026-10-14" in words(response)
    assert 'data-testid="days">2<' in text
    assert 'data-testid="cover">王五<' in text
    assert "家中有事" in text
    assert 'data-testid="emergency"' in text
    assert reverse("attendance:leave_document", args=[leave.pk]) in text
    assert 'data-testid="status">Rejected<' in text
    assert 'data-testid="decision-note">人手不足<' in text
    assert "status: <del>Pending</del> → Rejected" in text  # the history


def test_the_site_supervisor_may_decide_a_waiting_request_but_not_cancel_it(english, world):
    leave = leave_of_a(world)
    english.force_login(world.supervisor_a)
    text = page_text(english.get(url(leave)))
    assert 'data-testid="decide"' in text
    assert 'data-testid="cancel"' not in text


def test_the_requester_may_cancel_but_not_decide(english, world):
    leave = leave_of_a(world)
    english.force_login(world.staff_a)
    text = page_text(english.get(url(leave)))
    assert 'data-testid="decide"' not in text
    assert 'data-testid="cancel"' in text


def test_the_supervisor_may_cancel_approved_leave(english, world):
    leave = leave_of_a(world, status=LeaveStatus.APPROVED)
    english.force_login(world.supervisor_a)
    text = page_text(english.get(url(leave)))
    assert 'data-testid="cancel"' in text
    assert 'data-testid="decide"' not in text


def test_the_manager_decides_the_second_stage_only(english, world):
    leave = leave_of_a(world)
    english.force_login(world.manager)
    assert 'data-testid="decide"' not in page_text(english.get(url(leave)))
    leave.status = LeaveStatus.PENDING_MANAGER
    leave.save()
    assert 'data-testid="decide"' in page_text(english.get(url(leave)))


def test_hr_reads_without_acting(english, world):
    leave = leave_of_a(world)
    english.force_login(world.hr)
    text = page_text(english.get(url(leave)))
    assert "家中有事" in text
    assert 'data-testid="decide"' not in text
    assert 'data-testid="cancel"' not in text


def test_approved_leave_still_running_may_be_extended_by_the_requester(english, world):
    today = timezone.localdate()
    leave = leave_of_a(world, start=today - ONE_DAY, end=today, status=LeaveStatus.APPROVED)
    english.force_login(world.staff_a)
    assert reverse("attendance:leave_extend", args=[leave.pk]) in page_text(english.get(url(leave)))
    english.force_login(world.supervisor_a)
    text = page_text(english.get(url(leave)))
    assert reverse("attendance:leave_extend", args=[leave.pk]) not in text


def test_ended_leave_offers_no_extension(english, world):
    leave = leave_of_a(world, status=LeaveStatus.APPROVED)
    english.force_login(world.staff_a)
    text = page_text(english.get(url(leave)))
    assert reverse("attendance:leave_extend", args=[leave.pk]) not in text


def test_an_extension_and_the_leave_it_extends_link_to_each_other(english, world):
    original = leave_of_a(world, status=LeaveStatus.APPROVED)
    extension = leave_of_a(
        world, start=original.end + ONE_DAY, end=original.end + ONE_DAY, extends=original
    )
    english.force_login(world.staff_a)
    text = page_text(english.get(url(original)))
    assert f'href="{url(extension)}"><span class="text-nowrap">2026-10-15</span></a>' in text
    assert "2026-10-15 · Pending" in words(english.get(url(original)))
    text = page_text(english.get(url(extension)))
    assert f'href="{url(original)}" data-testid="extends">' in text
    assert "Extends2026-10-13 – 2026-10-14" in words(english.get(url(extension)))


def test_outside_the_scope_it_is_not_found(client, world, supervisor_b):
    leave = leave_of_a(world)
    for user in (supervisor_b, world.staff_b, world.finance, world.client_a, world.outsider):
        client.force_login(user)
        assert client.get(url(leave)).status_code == 404
