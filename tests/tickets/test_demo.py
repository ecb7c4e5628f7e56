"""The demo's tickets and inspections (tickets/demo.py): what a first look at the ticket pages
needs to show, built by the services so that it holds together."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from onsite.demo import COMPANY_NAME
from onsite.org.models import Company
from tickets.models import (
    Channel,
    Inspection,
    InspectionResult,
    SiteDesk,
    Ticket,
    TicketComment,
    TicketStatus,
)
from tickets.selectors.clock import clock


@pytest.fixture
def demo(db):
    call_command("seed_demo")
    return Company.objects.get(name=COMPANY_NAME)


def test_the_demo_site_has_a_ticket_in_every_state(demo):
    states = set(
        Ticket.objects.filter(company=demo, site__code="JN-DC").values_list("status", flat=True)
    )
    assert states == set(TicketStatus.values)


def test_the_demo_has_a_breached_ticket_and_its_other_open_tickets_are_on_time(demo):
    now = timezone.now()
    breached = [t for t in Ticket.objects.open() if clock(t, now).breached]
    assert [t.title for t in breached] == ["档案室两台电脑无法访问内网"]
    assert breached[0].status == TicketStatus.IN_PROGRESS
    # Every answered ticket was answered within its response time.
    for ticket in Ticket.objects.exclude(status=TicketStatus.NEW):
        assert clock(ticket, now).response.met, ticket.title


def test_the_demo_has_a_rated_ticket_and_a_complaint_both_closed(demo):
    rated = Ticket.objects.filter(rating__isnull=False)
    assert sorted(rated.values_list("rating", flat=True)) == [3, 5]
    assert all(t.status == TicketStatus.CLOSED and t.rated_at for t in rated)
    complaint = Ticket.objects.get(complaint=True)
    assert complaint.status == TicketStatus.CLOSED
    assert complaint.rating == 3


def test_the_client_raises_and_staff_raise_on_the_clients_behalf(demo, django_user_model):
    client = django_user_model.objects.get(username="client")
    staff = django_user_model.objects.get(username="staff")
    assert Ticket.objects.filter(raised_by=client, channel=Channel.ONLINE).count() >= 5
    on_behalf = Ticket.objects.get(raised_by=staff, raised_for=client)
    assert on_behalf.channel == Channel.PHONE
    assert on_behalf.status == TicketStatus.RESOLVED
    # Everyone placed at the demo site answers through the staff login's own person.
    desk = SiteDesk.objects.get(site__code="JN-DC")
    assert desk.default_assignee.user == staff
    assert not Ticket.objects.filter(site__code="JN-DC", assignee__isnull=True).exists()


def test_every_move_of_a_demo_ticket_is_in_its_thread_in_order_and_before_now(demo):
    now = timezone.now()
    reopened = Ticket.objects.get(status=TicketStatus.REOPENED)
    moves = list(
        TicketComment.objects.filter(ticket=reopened)
        .exclude(to_status="")
        .values_list("to_status", flat=True)
    )
    assert moves == ["new", "acknowledged", "in_progress", "resolved", "reopened"]
    for comment in TicketComment.objects.all():
        assert comment.created_at <= now
        assert comment.created_at >= comment.ticket.raised_at
    # Tickets are numbered per site in the order they came.
    numbers = list(
        Ticket.objects.filter(site__code="JN-DC")
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_week_of_inspections_with_one_failed_item_that_opened_a_fault_ticket(demo):
    today = timezone.localdate()
    inspections = Inspection.objects.filter(site__code="JN-DC").order_by("date")
    assert [i.date for i in inspections] == [
        today - datetime.timedelta(days=n) for n in range(7, 0, -1)
    ]
    items = inspections[0].site.checklist_items.filter(active=True).count()
    assert items >= 5
    assert all(i.results.count() == items for i in inspections)
    failed = InspectionResult.objects.get(ok=False)
    assert failed.note
    ticket = failed.ticket
    assert ticket.category == "fault"
    assert ticket.site_id == failed.inspection.site_id
    assert timezone.localdate(ticket.raised_at) == failed.inspection.date
    assert ticket.is_open
