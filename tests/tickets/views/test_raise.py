"""Raising a ticket from the page (SPEC §11): the client on a phone, staff for a client."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _

from onsite.roles import Role
from tests import factories
from tests.pages import page_text
from tickets.models import Channel, Ticket, TicketAttachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def fields(**more) -> dict:
    return {
        "category": "fault",
        "priority": "high",
        "title": "机房空调漏水",
        "description": "三号机柜上方滴水",
        **more,
    }


def test_the_client_finds_their_site_chosen_and_no_question_for_whom(client, world):
    client.force_login(world.client_a)
    response = client.get(reverse("tickets:new"))
    form = response.context["form"]
    assert list(form.fields["site"].queryset) == [world.site_a]
    assert form["site"].value() == world.site_a.pk
    assert "raised_for" not in form.fields
    assert "channel" not in form.fields


def test_the_client_raises_a_ticket_with_two_files(client, world):
    client.force_login(world.client_a)
    response = client.post(
        reverse("tickets:new"),
        {
            **fields(site=world.site_a.pk, complaint="on"),
            "attachments": [upload("报价.pdf", PDF), upload("现场.png", PNG)],
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("tickets:detail", args=[ticket.pk])
    assert (ticket.site, ticket.raised_by, ticket.channel) == (
        world.site_a,
        world.client_a,
        Channel.ONLINE,
    )
    assert ticket.complaint is True
    assert sorted(TicketAttachment.objects.values_list("name", flat=True)) == [
        "报价.pdf",
        "现场.png",
    ]


def test_a_bad_file_is_refused_with_a_message_and_nothing_is_saved(client, world):
    client.force_login(world.client_a)
    response = client.post(
        reverse("tickets:new"),
        {
            **fields(site=world.site_a.pk),
            "attachments": [upload("ok.pdf", PDF), upload("setup.pdf", b"MZ\x90\x00binary")],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Ticket.objects.exists()
    assert not TicketAttachment.objects.exists()


def test_staff_raising_for_a_client_must_say_for_whom(client, world):
    client.force_login(world.supervisor_a)
    response = client.post(reverse("tickets:new"), fields(site=world.site_a.pk, channel="phone"))
    assert response.status_code == 200
    assert response.context["form"].errors["raised_for_name"]
    assert not Ticket.objects.exists()


def test_staff_raise_for_a_named_client_who_came_by(client, world):
    client.force_login(world.staff_a)
    client.post(
        reverse("tickets:new"),
        fields(site=world.site_a.pk, channel="walk_up", raised_for_name="王主任"),
    )
    ticket = Ticket.objects.get()
    assert (ticket.raised_by, ticket.raised_for_name, ticket.channel) == (
        world.staff_a,
        "王主任",
        Channel.WALK_UP,
    )


def test_staff_choose_a_client_contact_of_the_site_only(client, world, client_b):
    client.force_login(world.supervisor_a)
    response = client.get(reverse("tickets:new"))
    assert list(response.context["form"].fields["raised_for"].queryset) == [world.client_a]
    response = client.post(
        reverse("tickets:new"), fields(site=world.site_a.pk, raised_for=client_b.pk)
    )
    assert response.context["form"].errors["raised_for"]
    client.post(reverse("tickets:new"), fields(site=world.site_a.pk, raised_for=world.client_a.pk))
    assert Ticket.objects.get().raised_for == world.client_a


def test_a_site_not_ones_own_is_not_offered(client, world):
    client.force_login(world.client_a)
    response = client.post(reverse("tickets:new"), fields(site=world.site_b.pk))
    assert response.context["form"].errors["site"]
    assert not Ticket.objects.exists()
    assert _("Raise a ticket") in page_text(response)


def test_a_client_of_one_site_and_supervisor_of_another_raises_for_themselves_at_their_own(
    client, world
):
    factories.RoleGrantFactory(user=world.supervisor_a, role=Role.CLIENT_CONTACT, site=world.site_b)
    client.force_login(world.supervisor_a)
    response = client.post(reverse("tickets:new"), fields(site=world.site_a.pk))
    assert response.context["form"].errors["raised_for_name"]
    client.post(reverse("tickets:new"), fields(site=world.site_b.pk))
    ticket = Ticket.objects.get()
    assert (ticket.site, ticket.channel, ticket.raised_for_name) == (
        world.site_b,
        Channel.ONLINE,
        "",
    )
