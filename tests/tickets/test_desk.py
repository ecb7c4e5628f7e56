"""A site's ticket desk: its supervisor (or HR) names who takes new tickets; the next ticket goes
to that person; someone not placed there, or a reader without the right, changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from onsite.transitions import Refused
from tests.pages import page_text
from tests.tickets.conftest import raise_ticket
from tickets.models import SiteDesk
from tickets.services.desk import desk_set_default


def test_the_next_ticket_goes_to_the_default_assignee(world):
    desk_set_default(site=world.site_a, staff=world.person_a, by=world.supervisor_a)
    assert raise_ticket(world).assignee == world.person_a


def test_someone_not_placed_at_the_site_is_refused(world):
    with translation.override("en"), pytest.raises(Refused) as refusal:
        desk_set_default(site=world.site_a, staff=world.person_b, by=world.supervisor_a)
    assert refusal.value.messages == ["李四 is not placed at 甲机房."]
    assert not SiteDesk.objects.filter(default_assignee__isnull=False).exists()


def test_a_client_contact_does_not_set_it(world):
    with pytest.raises(Refused):
        desk_set_default(site=world.site_a, staff=world.person_a, by=world.client_a)


def test_the_page_sets_it_and_says_so(client, world):
    client.force_login(world.supervisor_a)
    page = page_text(client.get(reverse("tickets:desk")))
    assert "甲机房" in page and "乙中心" not in page
    response = client.post(
        reverse("tickets:desk_set", args=[world.site_a.pk]),
        {"assignee": world.person_a.pk},
        follow=True,
    )
    assert "甲机房的新工单将交给张三。" in page_text(response)
    assert SiteDesk.objects.get(site=world.site_a).default_assignee == world.person_a


def test_a_forged_choice_changes_nothing(client, world):
    client.force_login(world.supervisor_a)
    response = client.post(
        reverse("tickets:desk_set", args=[world.site_a.pk]), {"assignee": world.person_b.pk}
    )
    assert response.status_code == 302
    assert not SiteDesk.objects.filter(default_assignee__isnull=False).exists()


def test_another_sites_desk_is_not_found(client, world):
    client.force_login(world.supervisor_a)
    response = client.post(reverse("tickets:desk_set", args=[world.site_b.pk]), {"assignee": ""})
    assert response.status_code == 404
