from django.urls import reverse

from staffing.models import OnboardingItem
from tests.staffing.movement.conftest import page_text


def url(placement, name="staffing:onboarding_detail"):
    return reverse(name, args=[placement.pk])


def test_the_page_lists_every_item_with_its_state(english, world, placement_a):
    OnboardingItem.objects.create(
        assignment=placement_a, kind="badge", done_by=world.hr, done_at="2026-11-01T09:00Z"
    )
    english.force_login(world.supervisor_a)
    text = page_text(english.get(url(placement_a)))
    assert text.count("data-item=") == 11
    assert 'data-item="badge" data-done="yes"' in text
    assert "1 of 11 done" in text
    assert "Mark done" in text


def test_hr_ticks_an_item_with_a_note_and_is_sent_back(english, world, placement_a):
    english.force_login(world.hr)
    response = english.post(
        url(placement_a, "staffing:onboarding_item"),
        {"kind": "confidentiality", "action": "done", "note": "已签署"},
        follow=True,
    )
    assert response.redirect_chain == [(url(placement_a), 302)]
    assert "Done: Confidentiality agreement signed." in page_text(response)
    item = OnboardingItem.objects.get(assignment=placement_a, kind="confidentiality")
    assert (item.done_by, item.note) == (world.hr, "已签署")


def test_the_sites_supervisor_reopens_an_item(english, world, placement_a):
    OnboardingItem.objects.create(
        assignment=placement_a, kind="badge", done_by=world.hr, done_at="2026-11-01T09:00Z"
    )
    english.force_login(world.supervisor_a)
    response = english.post(
        url(placement_a, "staffing:onboarding_item"),
        {"kind": "badge", "action": "reopen"},
        follow=True,
    )
    assert "The item is open again." in page_text(response)
    assert OnboardingItem.objects.get(assignment=placement_a, kind="badge").done_at is None


def test_an_unknown_item_is_named_as_the_problem(english, world, placement_a):
    english.force_login(world.hr)
    response = english.post(
        url(placement_a, "staffing:onboarding_item"), {"kind": "visa"}, follow=True
    )
    assert "Select a valid choice. visa is not one of the available choices." in page_text(response)
    assert not OnboardingItem.objects.exists()


def test_the_person_and_a_manager_see_the_checklist_but_cannot_tick(client, world, placement_a):
    for user in (world.staff_a, world.manager):
        client.force_login(user)
        assert "Mark done" not in page_text(client.get(url(placement_a)))
        response = client.post(
            url(placement_a, "staffing:onboarding_item"), {"kind": "badge", "action": "done"}
        )
        assert response.status_code == 403
    assert not OnboardingItem.objects.exists()


def test_a_supervisor_of_another_site_gets_404(client, world, placement_a, supervisor_b):
    client.force_login(supervisor_b)
    assert client.get(url(placement_a)).status_code == 404
    response = client.post(
        url(placement_a, "staffing:onboarding_item"), {"kind": "badge", "action": "done"}
    )
    assert response.status_code == 404
