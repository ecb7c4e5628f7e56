"""Service tickets (SPEC §11). A ticket at site A, raised by its client contact (client_a), is
seen by client_a, site A's supervisor, HR and the manager of the company: everyone else gets
404, staff placed at A too while it is not theirs. The supervisor works on it, HR and the
supervisor assign it, the client answers and rates it."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from tests.conftest import World
from tests.dates import SHANGHAI
from tests.matrix import Row, only, statuses
from tickets.models import TicketAttachment, TicketComment
from tickets.services.tickets import ticket_raise

RAISED_AT = datetime.datetime(2026, 10, 12, 9, 0, tzinfo=SHANGHAI)
READERS = ("hr", "supervisor_a", "staff_a", "staff_b", "manager", "client_a")
# Who raises tickets: the client of A, the people placed at a site, its supervisor, HR.
RAISERS = ("hr", "supervisor_a", "staff_a", "staff_b", "client_a")
SEE_A = ("hr", "supervisor_a", "manager", "client_a")
# The people with two roles are staff placed at A too.
TWINS = ("hr_staff", "supervisor_staff")


def ticket_of_a(w: World):
    return ticket_raise(
        site=w.site_a,
        by=w.client_a,
        category="fault",
        priority="normal",
        title="打印机无法打印",
        now=RAISED_AT,
    )


def ticket_a(w: World) -> list:
    return [ticket_of_a(w).pk]


def attachment_of_a(*, internal: bool):
    def make(w: World) -> list:
        ticket = ticket_of_a(w)
        comment = TicketComment.objects.create(
            ticket=ticket, author=w.supervisor_a, body="机柜照片", internal=internal
        )
        attachment = TicketAttachment(
            ticket=ticket, comment=comment, name="photo.png", size=4, uploaded_by=w.supervisor_a
        )
        attachment.file.save("photo.png", ContentFile(b"\x89PNG"), save=True)
        return [ticket.pk, attachment.pk]

    return make


ROWS = [
    Row("tickets:list", only((*READERS, *TWINS), other=403)),
    Row("tickets:export", only((*READERS, *TWINS), other=403)),
    Row("tickets:new", only((*RAISERS, *TWINS), other=403)),
    # An empty POST is the form again with its errors.
    Row(
        "tickets:new", only((*RAISERS, *TWINS), other=403), method="post", label="tickets:new POST"
    ),
    Row("tickets:detail", only(SEE_A), args=ticket_a),
    Row("tickets:clock", only(SEE_A), args=ticket_a),
    # Acknowledging: the supervisor of the site (the ticket has no assignee yet).
    Row(
        "tickets:move",
        statuses(404, hr=403, supervisor_a=302, manager=403, client_a=403),
        method="post",
        args=ticket_a,
        data=lambda w: {"action": "acknowledge"},
        label="tickets:move acknowledge",
    ),
    # Confirming is the client's; on a new ticket the service says what the ticket is now.
    Row(
        "tickets:move",
        statuses(404, hr=403, supervisor_a=403, manager=403, client_a=302),
        method="post",
        args=ticket_a,
        data=lambda w: {"action": "confirm"},
        label="tickets:move confirm",
    ),
    Row(
        "tickets:assign",
        statuses(404, hr=302, supervisor_a=302, manager=403, client_a=403),
        method="post",
        args=ticket_a,
        data=lambda w: {"staff": w.person_a.pk},
    ),
    Row(
        "tickets:rate",
        statuses(404, hr=403, supervisor_a=403, manager=403, client_a=302),
        method="post",
        args=ticket_a,
        data=lambda w: {"rating": 5},
    ),
    Row(
        "tickets:comment",
        only(SEE_A, ok=302),
        method="post",
        args=ticket_a,
        data=lambda w: {"body": "已联系"},
    ),
    Row("tickets:attachment", only(SEE_A), args=attachment_of_a(internal=False)),
    # A file of an internal note never reaches the client.
    Row(
        "tickets:attachment",
        only(("hr", "supervisor_a", "manager")),
        args=attachment_of_a(internal=True),
        label="tickets:attachment internal",
    ),
]

# The ticket desks: the supervisor of site A and HR set who takes new tickets; a desk page of a
# site out of reach is 404; those without the role are refused first (403).
ROWS += [
    Row("tickets:desk", only(("hr", "supervisor_a"), other=403)),
    Row(
        "tickets:desk_set",
        statuses(403, hr=302, supervisor_a=302),
        method="post",
        args=lambda w: [w.site_a.pk],
    ),
]
