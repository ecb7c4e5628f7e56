"""Every move and every refusal of the ticket services (tickets.services.tickets): who raises
and for whom, assigning, acknowledging, starting, resolving, confirming, reopening, rating,
comments and internal notes, and the escalation of urgent faults and complaints."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from onsite.models import Notification
from onsite.roles import Role
from onsite.transitions import Refused
from tests import factories
from tests.tickets.conftest import RAISED_AT, raise_ticket
from tickets.models import Channel, TicketComment, TicketStatus
from tickets.services import tickets as svc

S = TicketStatus
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _english():
    """The refusals are read in English here (their Chinese is in the po fragment)."""
    with translation.override("en"):
        yield


def told(kind):
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    )


def refused(call, message):
    with pytest.raises(Refused) as caught:
        call()
    assert message in str(caught.value), str(caught.value)


@pytest.fixture
def resolved(world, ticket):
    worker = world.supervisor_a
    ticket = svc.ticket_acknowledge(ticket=ticket, by=worker, now=RAISED_AT + HOUR)
    ticket = svc.ticket_start(ticket=ticket, by=worker, now=RAISED_AT + HOUR)
    return svc.ticket_resolve(
        ticket=ticket, by=worker, comment="更换硒鼓", now=RAISED_AT + 2 * HOUR
    )


@pytest.fixture
def closed(world, resolved):
    return svc.ticket_confirm(ticket=resolved, by=world.client_a, now=RAISED_AT + 3 * HOUR)


# --- raising ------------------------------------------------------------------------------------


def test_a_client_raises_for_itself_online_and_the_supervisor_is_told(world, ticket):
    assert (ticket.raised_by, ticket.raised_for, ticket.channel) == (
        world.client_a,
        None,
        Channel.ONLINE,
    )
    assert told("tickets.raised") == ["supervisor_a"]
    (line,) = ticket.comments.all()
    assert (line.to_status, line.body, line.author) == (S.NEW, "三楼打印机卡纸", world.client_a)


def test_a_clients_on_behalf_fields_are_ignored(world):
    ticket = raise_ticket(world, channel=Channel.WALK_UP, raised_for_name="某人")
    assert (ticket.channel, ticket.raised_for_name) == (Channel.ONLINE, "")


@pytest.mark.parametrize("who", ["staff_a", "supervisor_a", "hr"])
def test_the_companys_side_raises_for_a_client_and_must_say_for_whom(world, who):
    by = world.users[who]
    refused(lambda: raise_ticket(world, by=by), "Say for whom")
    ticket = raise_ticket(world, by=by, raised_for_name="王科长")
    assert (ticket.channel, ticket.raised_for_name) == (Channel.PHONE, "王科长")
    walk_up = raise_ticket(world, by=by, raised_for=world.client_a, channel=Channel.WALK_UP)
    assert (walk_up.raised_for, walk_up.channel) == (world.client_a, Channel.WALK_UP)


def test_on_behalf_of_someone_who_is_not_the_sites_client_is_refused(world, client_b):
    refused(
        lambda: raise_ticket(world, by=world.staff_a, raised_for=client_b),
        "not a client contact of 甲机房",
    )


@pytest.mark.parametrize("who", ["staff_b", "manager", "finance", "outsider"])
def test_who_is_neither_client_nor_placed_there_raises_nothing(world, who):
    refused(
        lambda: raise_ticket(world, by=world.users[who], raised_for_name="王科长"), "Only the site"
    )
    assert not world.site_a.tickets.exists()


def test_the_other_sites_client_raises_nothing_here(world, client_b):
    refused(lambda: raise_ticket(world, by=client_b), "Only the site")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"category": "other"}, "Choose a category"),
        ({"priority": "asap"}, "Choose a category"),
        ({"title": "  "}, "Give the ticket a title"),
        ({"title": "长" * 121}, "within 120"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world, options, message):
    refused(lambda: raise_ticket(world, **options), message)
    assert not world.site_a.tickets.exists()


def test_a_name_too_long_is_refused(world):
    refused(lambda: raise_ticket(world, by=world.staff_a, raised_for_name="名" * 61), "within 60")


def test_without_a_contract_serving_the_site_nothing_is_raised(world):
    site = factories.SiteFactory(client=world.site_a.client, code="Z", name="丙楼")
    contact = factories.UserFactory(username="client_z")
    factories.RoleGrantFactory(user=contact, role=Role.CLIENT_CONTACT, site=site)
    refused(lambda: raise_ticket(world, site=site, by=contact), "No contract serves 丙楼")
    # Nor at site A once its contract has ended (it runs to the end of 2027).
    later = datetime.datetime(2028, 1, 3, 9, 0, tzinfo=RAISED_AT.tzinfo)
    refused(lambda: raise_ticket(world, now=later), "No contract serves 甲机房")


def test_numbers_are_per_site(world, client_b):
    assert [raise_ticket(world).number for _ in range(3)] == [1, 2, 3]
    other = raise_ticket(world, site=world.site_b, by=client_b)
    assert (other.number, other.reference) == (1, "B-0001")


def test_the_desks_default_assignee_takes_a_new_ticket(world):
    from tickets.models import SiteDesk

    SiteDesk.objects.create(site=world.site_a, default_assignee=world.person_a)
    ticket = raise_ticket(world)
    assert ticket.assignee == world.person_a
    assert told("tickets.raised") == ["staff_a", "supervisor_a"]


# --- escalation ---------------------------------------------------------------------------------


def test_an_urgent_fault_goes_to_the_managers_at_once_and_once(world):
    ticket = raise_ticket(world, priority="urgent", category="fault")
    assert told("tickets.escalated") == ["manager"]
    assert svc.ticket_escalate(ticket=ticket) == 0
    assert told("tickets.escalated") == ["manager"]


def test_a_complaint_of_any_kind_goes_to_the_managers(world):
    raise_ticket(world, priority="low", category="general", complaint=True)
    assert told("tickets.escalated") == ["manager"]


@pytest.mark.parametrize(("priority", "category"), [("urgent", "general"), ("high", "fault")])
def test_other_tickets_are_not_escalated(world, priority, category):
    raise_ticket(world, priority=priority, category=category)
    assert told("tickets.escalated") == []


# --- assigning ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["supervisor_a", "hr"])
def test_the_supervisor_or_hr_assigns_someone_placed_at_the_site(world, ticket, who):
    ticket = svc.ticket_assign(
        ticket=ticket, staff=world.person_a, by=world.users[who], now=RAISED_AT
    )
    assert ticket.assignee == world.person_a
    assert told("tickets.assigned") == ["staff_a"]
    assert ticket.comments.last().body == "Assigned to 张三."


def test_someone_placed_elsewhere_is_not_assigned(world, ticket):
    refused(
        lambda: svc.ticket_assign(
            ticket=ticket, staff=world.person_b, by=world.supervisor_a, now=RAISED_AT
        ),
        "李四 is not placed at 甲机房",
    )
    ticket.refresh_from_db()
    assert ticket.assignee is None


@pytest.mark.parametrize("who", ["staff_a", "client_a", "manager"])
def test_others_do_not_assign(world, ticket, who):
    refused(
        lambda: svc.ticket_assign(
            ticket=ticket, staff=world.person_a, by=world.users[who], now=RAISED_AT
        ),
        "Only the site's supervisor or HR",
    )


def test_a_closed_ticket_is_not_assigned(world, closed):
    refused(
        lambda: svc.ticket_assign(ticket=closed, staff=world.person_a, by=world.supervisor_a),
        "closed ticket",
    )


# --- working it ---------------------------------------------------------------------------------


def test_the_assignee_works_the_ticket_and_the_client_is_told(world, ticket):
    ticket = svc.ticket_assign(
        ticket=ticket, staff=world.person_a, by=world.supervisor_a, now=RAISED_AT
    )
    ticket = svc.ticket_acknowledge(ticket=ticket, by=world.staff_a, now=RAISED_AT + HOUR)
    assert (ticket.status, ticket.acknowledged_at) == (S.ACKNOWLEDGED, RAISED_AT + HOUR)
    assert told("tickets.progress") == ["client_a"]
    ticket = svc.ticket_start(ticket=ticket, by=world.staff_a, comment="到场查看")
    assert ticket.status == S.IN_PROGRESS
    ticket = svc.ticket_resolve(
        ticket=ticket, by=world.staff_a, comment="已修复", now=RAISED_AT + 3 * HOUR
    )
    assert (ticket.status, ticket.resolved_at) == (S.RESOLVED, RAISED_AT + 3 * HOUR)
    assert told("tickets.progress") == ["client_a", "client_a"]


@pytest.mark.parametrize("who", ["staff_a", "staff_b", "client_a", "manager", "hr"])
def test_only_the_assignee_or_the_supervisor_works_it(world, ticket, who):
    # staff_a is placed at the site but the ticket is nobody's yet.
    refused(lambda: svc.ticket_acknowledge(ticket=ticket, by=world.users[who]), "Only the assignee")
    ticket.refresh_from_db()
    assert ticket.status == S.NEW


def test_a_resolution_says_how(world, ticket):
    ticket = svc.ticket_acknowledge(ticket=ticket, by=world.supervisor_a)
    ticket = svc.ticket_start(ticket=ticket, by=world.supervisor_a)
    refused(
        lambda: svc.ticket_resolve(ticket=ticket, by=world.supervisor_a, comment=" "), "Say how"
    )


@pytest.mark.parametrize(
    "move",
    [
        lambda w, t: svc.ticket_start(ticket=t, by=w.supervisor_a),
        lambda w, t: svc.ticket_resolve(ticket=t, by=w.supervisor_a, comment="好了"),
        lambda w, t: svc.ticket_confirm(ticket=t, by=w.client_a),
        lambda w, t: svc.ticket_reopen(ticket=t, by=w.client_a, comment="还是不行"),
    ],
)
def test_a_new_ticket_only_gets_acknowledged(world, ticket, move):
    refused(lambda: move(world, ticket), "A ticket that is “New” cannot be")
    assert ticket.comments.count() == 1


def test_a_move_someone_made_meanwhile_is_named(world, ticket):
    stale = type(ticket).objects.get(pk=ticket.pk)
    svc.ticket_acknowledge(ticket=ticket, by=world.supervisor_a)
    refused(lambda: svc.ticket_acknowledge(ticket=stale, by=world.supervisor_a), "moved meanwhile")
    assert ticket.comments.filter(to_status=S.ACKNOWLEDGED).count() == 1


# --- the client's answer ------------------------------------------------------------------------


def test_the_client_confirms_and_the_ticket_closes(world, closed):
    assert (closed.status, closed.closed_at) == (S.CLOSED, RAISED_AT + 3 * HOUR)
    assert closed.comments.last().body == "Confirmed resolved."


@pytest.mark.parametrize("who", ["supervisor_a", "staff_a", "hr"])
def test_only_the_clients_side_confirms_or_reopens(world, resolved, who):
    by = world.users[who]
    refused(lambda: svc.ticket_confirm(ticket=resolved, by=by), "Only the client's side")
    refused(
        lambda: svc.ticket_reopen(ticket=resolved, by=by, comment="不行"), "Only the client's side"
    )


def test_the_other_sites_client_does_not_answer(world, resolved, client_b):
    refused(lambda: svc.ticket_confirm(ticket=resolved, by=client_b), "Only the client's side")


def test_a_reopened_ticket_goes_back_to_the_assignee_with_why(world, ticket):
    ticket = svc.ticket_assign(
        ticket=ticket, staff=world.person_a, by=world.supervisor_a, now=RAISED_AT
    )
    for move in (svc.ticket_acknowledge, svc.ticket_start):
        ticket = move(ticket=ticket, by=world.staff_a)
    ticket = svc.ticket_resolve(ticket=ticket, by=world.staff_a, comment="已修复")
    refused(
        lambda: svc.ticket_reopen(ticket=ticket, by=world.client_a, comment=" "),
        "Say what is still wrong",
    )
    ticket = svc.ticket_reopen(ticket=ticket, by=world.client_a, comment="仍然卡纸")
    assert (ticket.status, ticket.resolved_at) == (S.REOPENED, None)
    (notification,) = Notification.objects.filter(kind="tickets.reopened")
    assert (notification.recipient, notification.params["note"]) == (world.staff_a, "仍然卡纸")
    ticket = svc.ticket_start(ticket=ticket, by=world.staff_a)
    assert ticket.status == S.IN_PROGRESS


# --- rating -------------------------------------------------------------------------------------


def test_the_client_rates_a_closed_ticket_once(world, closed):
    ticket = svc.ticket_rate(ticket=closed, by=world.client_a, rating=4, comment=" 及时 ")
    assert (ticket.rating, ticket.rating_comment) == (4, "及时")
    refused(lambda: svc.ticket_rate(ticket=closed, by=world.client_a, rating=5), "already rated")


def test_a_ticket_not_closed_is_not_rated(world, resolved):
    refused(
        lambda: svc.ticket_rate(ticket=resolved, by=world.client_a, rating=5), "once it is closed"
    )


@pytest.mark.parametrize("rating", [0, 6, True, "5", None])
def test_a_rating_is_1_to_5(world, closed, rating):
    refused(
        lambda: svc.ticket_rate(ticket=closed, by=world.client_a, rating=rating), "Rate from 1 to 5"
    )


def test_a_rating_comment_too_long_is_refused(world, closed):
    refused(
        lambda: svc.ticket_rate(ticket=closed, by=world.client_a, rating=3, comment="长" * 501),
        "within 500",
    )
    closed.refresh_from_db()
    assert closed.rating is None


@pytest.mark.parametrize("who", ["supervisor_a", "staff_a"])
def test_only_the_client_rates(world, closed, who):
    refused(
        lambda: svc.ticket_rate(ticket=closed, by=world.users[who], rating=5),
        "Only the client's side",
    )


# --- the thread ---------------------------------------------------------------------------------


def test_both_sides_comment_and_only_the_company_writes_internal_notes(world, ticket):
    svc.ticket_comment(ticket=ticket, by=world.client_a, body="请尽快")
    svc.ticket_comment(ticket=ticket, by=world.supervisor_a, body="备件在路上", internal=True)
    refused(
        lambda: svc.ticket_comment(ticket=ticket, by=world.client_a, body="内部？", internal=True),
        "Only the company's side",
    )
    refused(
        lambda: svc.ticket_comment(ticket=ticket, by=world.client_a, body="  "), "Write a comment"
    )
    rows = list(TicketComment.objects.filter(ticket=ticket).values_list("body", "internal"))
    assert rows[1:] == [("请尽快", False), ("备件在路上", True)]


@pytest.mark.parametrize("who", ["staff_b", "outsider", "finance"])
def test_who_does_not_see_the_ticket_writes_nothing_in_it(world, ticket, who):
    refused(
        lambda: svc.ticket_comment(ticket=ticket, by=world.users[who], body="你好"),
        "Only those who see",
    )
    assert ticket.comments.count() == 1
