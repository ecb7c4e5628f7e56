import datetime

from django.urls import reverse
from django.utils import timezone

from onsite.org.models import StaffStatus
from staffing.models import Offboarding, OffboardingStatus
from tests.staffing.movement.conftest import page_text, tick_all


def detail_url(placement):
    return reverse("staffing:offboarding_detail", args=[placement.pk])


def test_hr_sees_the_start_form_until_an_offboarding_starts(english, world, placement_a):
    english.force_login(world.hr)
    text = page_text(english.get(detail_url(placement_a)))
    assert 'data-testid="start"' in text
    english.force_login(world.supervisor_a)
    text = page_text(english.get(detail_url(placement_a)))
    assert "No offboarding has started for this placement." in text


def test_hr_starts_an_offboarding(english, world, placement_a):
    english.force_login(world.hr)
    response = english.post(
        reverse("staffing:offboarding_start", args=[placement_a.pk]),
        {
            "reason": "replacement",
            "leaving_on": timezone.localdate().isoformat(),
            "successor": world.person_b.pk,
        },
        follow=True,
    )
    assert response.redirect_chain == [(detail_url(placement_a), 302)]
    text = page_text(response)
    assert "Offboarding of 张三 has started." in text
    assert "0 of 6 done" in text
    offboarding = Offboarding.objects.get(assignment=placement_a)
    assert offboarding.successor == world.person_b
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.LEAVING


def test_the_start_form_says_what_is_wrong(english, world, placement_a):
    english.force_login(world.hr)
    response = english.post(
        reverse("staffing:offboarding_start", args=[placement_a.pk]),
        {"reason": "contract_end", "leaving_on": "2025-12-31", "successor": world.person_a.pk},
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Select a valid choice." in text  # the person is not offered as their own successor
    response = english.post(
        reverse("staffing:offboarding_start", args=[placement_a.pk]),
        {"reason": "contract_end", "leaving_on": "2025-12-31"},
    )
    assert "The last working day is before the placement started, on 2026-01-01." in page_text(
        response
    )
    assert not Offboarding.objects.exists()


def test_completing_with_open_items_is_refused_with_the_list(english, world, offboarding_a):
    english.force_login(world.hr)
    response = english.post(
        reverse("staffing:offboarding_complete", args=[offboarding_a.pk]), follow=True
    )
    text = page_text(response)
    assert "Offboarding cannot be completed while items are open: Work handed over、" in text
    offboarding_a.refresh_from_db()
    assert offboarding_a.status == OffboardingStatus.OPEN


def test_the_supervisor_ticks_items_and_hr_completes(english, world, offboarding_a):
    english.force_login(world.supervisor_a)
    for item in offboarding_a.items.all():
        english.post(
            reverse("staffing:offboarding_item", args=[offboarding_a.pk]),
            {"kind": item.kind, "action": "done"},
        )
    assert not offboarding_a.items.filter(done_at__isnull=True).exists()
    english.force_login(world.hr)
    response = english.post(
        reverse("staffing:offboarding_complete", args=[offboarding_a.pk]), follow=True
    )
    assert "张三 has left 甲机房." in page_text(response)
    offboarding_a.refresh_from_db()
    assert offboarding_a.status == OffboardingStatus.COMPLETED
    assert offboarding_a.assignment.end == datetime.date(2026, 11, 22)


def test_the_supervisor_cannot_start_or_complete(client, world, placement_a, offboarding_a):
    tick_all(offboarding_a, world.hr)
    client.force_login(world.supervisor_a)
    url = reverse("staffing:offboarding_complete", args=[offboarding_a.pk])
    assert client.post(url).status_code == 403
    url = reverse("staffing:offboarding_start", args=[placement_a.pk])
    assert client.post(url, {"reason": "dismissal"}).status_code == 403


def test_the_person_sees_their_checklist_without_buttons(english, world, offboarding_a):
    english.force_login(world.staff_a)
    text = page_text(english.get(detail_url(offboarding_a.assignment)))
    assert 'data-testid="checklist"' in text
    assert "Mark done" not in text and 'data-testid="complete"' not in text
    url = reverse("staffing:offboarding_item", args=[offboarding_a.pk])
    assert english.post(url, {"kind": "badge", "action": "done"}).status_code == 403


def test_strangers_get_404(client, world, offboarding_a, supervisor_b):
    for user in (world.staff_b, world.outsider, supervisor_b, world.client_a, world.finance):
        client.force_login(user)
        assert client.get(detail_url(offboarding_a.assignment)).status_code == 404
        url = reverse("staffing:offboarding_item", args=[offboarding_a.pk])
        assert client.post(url, {"kind": "badge", "action": "done"}).status_code == 404


def test_a_completed_offboarding_shows_no_buttons(english, world, offboarding_a):
    tick_all(offboarding_a, world.hr)
    english.force_login(world.hr)
    english.post(reverse("staffing:offboarding_complete", args=[offboarding_a.pk]))
    text = page_text(english.get(detail_url(offboarding_a.assignment)))
    assert "Completed" in text
    assert "Reopen" not in text and 'data-testid="complete"' not in text
