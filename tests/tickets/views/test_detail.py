"""The ticket's page: its clock, its thread (internal notes for the company's side only), its
files, and the actions each reader may take, safe against a second click or a stale page."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tests.pages import page_text
from tests.tickets.conftest import raise_ticket
from tickets.models import TicketAttachment, TicketStatus
from tickets.services.tickets import (
    MEANWHILE,
    ticket_acknowledge,
    ticket_comment,
    ticket_confirm,
    ticket_resolve,
    ticket_start,
)
from tickets.views.tickets import duration

pytestmark = pytest.mark.django_db
S = TicketStatus
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def resolved(world, ticket):
    ticket = ticket_acknowledge(ticket=ticket, by=world.supervisor_a)
    ticket = ticket_start(ticket=ticket, by=world.supervisor_a)
    return ticket_resolve(ticket=ticket, by=world.supervisor_a, comment="已更换硒鼓")


def closed(world, ticket):
    return ticket_confirm(ticket=resolved(world, ticket), by=world.client_a)


def detail(client, user, ticket, *, follow_post=None):
    client.force_login(user)
    return client.get(reverse("tickets:detail", args=[ticket.pk]))


def test_durations_read_in_hours_and_minutes():
    with translation.override("en"):
        assert duration(datetime.timedelta(hours=3, minutes=20, seconds=40)) == "3 h 20 min"
        assert duration(datetime.timedelta(minutes=-40)) == "40 min"
        assert duration(datetime.timedelta(days=2, hours=4)) == "2 d 4 h"


def test_the_clock_says_how_late_and_refreshes_itself(client, world, ticket):
    client.force_login(world.client_a)
    response = client.get(reverse("tickets:clock", args=[ticket.pk]))
    text = page_text(response)
    # Raised in October, never answered: both targets are late.
    assert text.count('data-breached="1"') == 2
    assert 'hx-trigger="every 60s"' in text
    assert f'hx-get="{reverse("tickets:clock", args=[ticket.pk])}"' in text


def test_a_fresh_ticket_shows_time_left(client, world):
    ticket = raise_ticket(world, now=None, priority="low")
    client.force_login(world.client_a)
    response = client.get(reverse("tickets:detail", args=[ticket.pk]))
    lines = response.context["clock"]
    assert [line["breached"] for line in lines] == [False, False]
    assert all(line["tone"] == "primary" for line in lines)


def test_internal_notes_and_their_files_never_reach_the_client(client, world, ticket):
    note = ticket_comment(
        ticket=ticket,
        by=world.supervisor_a,
        body="客户机房钥匙在保安处",
        internal=True,
        files=[SimpleUploadedFile("钥匙.pdf", PDF)],
    )
    attachment = TicketAttachment.objects.get(comment=note)
    url = reverse("tickets:attachment", args=[ticket.pk, attachment.pk])
    text = page_text(detail(client, world.client_a, ticket))
    assert "客户机房钥匙在保安处" not in text
    assert "钥匙.pdf" not in text
    assert client.get(url).status_code == 404
    text = page_text(detail(client, world.supervisor_a, ticket))
    assert "客户机房钥匙在保安处" in text
    assert _("Internal note") in text
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_ticket_of_another_site_is_not_found(client, world, ticket, client_b):
    client.force_login(client_b)
    assert client.get(reverse("tickets:detail", args=[ticket.pk])).status_code == 404


def test_the_thread_names_people_not_logins(client, world, ticket):
    world.client_a.first_name, world.client_a.last_name = "丽", "王"
    world.client_a.save()
    ticket_acknowledge(ticket=ticket, by=world.supervisor_a, comment="马上处理")
    text = page_text(detail(client, world.client_a, ticket))
    assert "王丽" in text
    assert "马上处理" in text
    assert ">client_a<" not in text


def test_the_supervisor_moves_the_ticket_along(client, world, ticket):
    client.force_login(world.supervisor_a)
    url = reverse("tickets:move", args=[ticket.pk])
    client.post(url, {"action": "acknowledge", "comment": "收到"})
    client.post(url, {"action": "start"})
    # Resolving says how.
    response = client.post(url, {"action": "resolve"}, follow=True)
    ticket.refresh_from_db()
    assert ticket.status == S.IN_PROGRESS
    assert _("Say how the ticket was resolved.") in page_text(response)
    client.post(url, {"action": "resolve", "comment": "已更换硒鼓"})
    ticket.refresh_from_db()
    assert ticket.status == S.RESOLVED


def test_a_second_click_reads_moved_meanwhile(client, world, ticket):
    resolved(world, ticket)
    client.force_login(world.client_a)
    url = reverse("tickets:move", args=[ticket.pk])
    page = {"action": "confirm", "seen": S.RESOLVED}
    assert client.post(url, page).status_code == 302
    response = client.post(url, page, follow=True)
    assert response.status_code == 200
    expected = str(MEANWHILE) % {"status": S.CLOSED.label}
    assert expected in page_text(response)
    assert ticket.comments.filter(to_status=S.CLOSED).count() == 1


def test_assigning_a_closed_ticket_reads_moved_meanwhile(client, world, ticket):
    closed(world, ticket)
    client.force_login(world.supervisor_a)
    response = client.post(
        reverse("tickets:assign", args=[ticket.pk]), {"staff": world.person_a.pk}, follow=True
    )
    assert response.status_code == 200
    assert str(MEANWHILE) % {"status": S.CLOSED.label} in page_text(response)
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_only_people_placed_at_the_site_are_assignable(client, world, ticket):
    client.force_login(world.supervisor_a)
    url = reverse("tickets:assign", args=[ticket.pk])
    client.post(url, {"staff": world.person_b.pk})
    ticket.refresh_from_db()
    assert ticket.assignee is None
    client.post(url, {"staff": world.person_a.pk})
    ticket.refresh_from_db()
    assert ticket.assignee == world.person_a
    # Now it is theirs: 张三 sees it and may acknowledge it.
    response = detail(client, world.staff_a, ticket)
    assert [code for code, *_rest in response.context["moves"]] == ["acknowledge"]


def test_the_client_rates_a_closed_ticket_once(client, world, ticket):
    closed(world, ticket)
    response = detail(client, world.client_a, ticket)
    assert response.context["rate_form"] is not None
    url = reverse("tickets:rate", args=[ticket.pk])
    client.post(url, {"rating": 4, "comment": "响应快"})
    response = client.post(url, {"rating": 1}, follow=True)
    ticket.refresh_from_db()
    assert (ticket.rating, ticket.rating_comment) == (4, "响应快")
    assert _("This ticket is already rated.") in page_text(response)


def test_the_client_reopens_with_a_reason(client, world, ticket):
    resolved(world, ticket)
    client.force_login(world.client_a)
    url = reverse("tickets:move", args=[ticket.pk])
    client.post(url, {"action": "reopen"})
    ticket.refresh_from_db()
    assert ticket.status == S.RESOLVED
    client.post(url, {"action": "reopen", "comment": "还是卡纸"})
    ticket.refresh_from_db()
    assert ticket.status == S.REOPENED


def test_a_client_cannot_write_an_internal_note(client, world, ticket):
    client.force_login(world.client_a)
    client.post(
        reverse("tickets:comment", args=[ticket.pk]), {"body": "我也想内部", "internal": "on"}
    )
    comment = ticket.comments.get(body="我也想内部")
    assert comment.internal is False


def test_a_comment_with_files(client, world, ticket):
    client.force_login(world.supervisor_a)
    client.post(
        reverse("tickets:comment", args=[ticket.pk]),
        {
            "body": "现场照片",
            "internal": "on",
            "attachments": [SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)],
        },
    )
    comment = ticket.comments.get(body="现场照片")
    assert comment.internal is True
    assert comment.attachments.count() == 2


def test_the_assign_form_offers_only_the_people_placed_at_the_site(client, world, ticket):
    response = detail(client, world.hr, ticket)
    assert list(response.context["assign_form"].fields["staff"].queryset) == [world.person_a]
    # The client and the manager do not assign.
    assert detail(client, world.client_a, ticket).context["assign_form"] is None
    assert detail(client, world.manager, ticket).context["assign_form"] is None
