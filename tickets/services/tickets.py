"""Writes of service tickets (SPEC §11): raising, assigning, each move of `new → acknowledged →
in_progress → resolved → closed` and `resolved → reopened → in_progress` (a transition with who,
when and a comment, written to the thread), comments, the automatic close and the rating.
Every refusal is a translated Refused; every rule is checked here, whoever calls."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onsite.org.models import Assignment, Contract, Site, Staff
from onsite.policy import policy_for
from onsite.recipients import supervisors
from onsite.services import notification_create
from onsite.templatetags.onsite import person_name
from onsite.transitions import Refused, transition
from tickets import permissions as rules
from tickets.models import (
    Category,
    Channel,
    Priority,
    SiteDesk,
    Ticket,
    TicketAttachment,
    TicketComment,
    TicketStatus,
)
from tickets.services import sla

S = TicketStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.ACKNOWLEDGED}),
    S.ACKNOWLEDGED: frozenset({S.IN_PROGRESS}),
    S.IN_PROGRESS: frozenset({S.RESOLVED}),
    S.RESOLVED: frozenset({S.CLOSED, S.REOPENED}),
    S.REOPENED: frozenset({S.IN_PROGRESS}),
    S.CLOSED: frozenset(),
}
# The lengths of the fields people type into, refused here rather than failing in the database.
TITLE_LENGTH = Ticket._meta.get_field("title").max_length
NAME_LENGTH = Ticket._meta.get_field("raised_for_name").max_length
RATING_COMMENT_LENGTH = Ticket._meta.get_field("rating_comment").max_length
MEANWHILE = gettext_lazy("This ticket was moved meanwhile: it is now “%(status)s”.")


def managers(company_id: int):
    from django.contrib.auth import get_user_model

    from onsite.roles import Role

    return (
        get_user_model()
        .objects.filter(
            role_grants__role=Role.MANAGER,
            role_grants__company_id=company_id,
            role_grants__department__isnull=True,
            is_active=True,
        )
        .distinct()
    )


def _params(ticket: Ticket, **more) -> dict:
    return {
        "ticket": ticket.pk,
        "reference": ticket.reference,
        "title": ticket.title,
        "site": ticket.site.name,
        **more,
    }


def serving_company(site: Site, day: datetime.date):
    """The dispatch company whose contract covers the site on `day` (the earliest signed when
    two do), or None."""
    contract = (
        Contract.objects.filter(sites=site, start__lte=day)
        .exclude(end__lt=day)
        .order_by("start", "pk")
        .select_related("company")
        .first()
    )
    return contract.company if contract else None


def _client_of(user, site: Site) -> bool:
    from onsite.access import access_for

    return site.pk in access_for(user).client_sites


def _desk(site: Site) -> SiteDesk:
    desk, _created = SiteDesk.objects.get_or_create(site=site)
    return desk


def _check_assignee(ticket_site: Site, staff: Staff, day: datetime.date) -> None:
    if not Assignment.objects.active_on(day).filter(staff=staff, site=ticket_site).exists():
        raise Refused(
            _("%(name)s is not placed at %(site)s.")
            % {"name": staff.name, "site": ticket_site.name}
        )


def ticket_raise(
    *,
    site: Site,
    by,
    category: str,
    priority: str,
    title: str,
    description: str = "",
    complaint: bool = False,
    channel: str = Channel.ONLINE,
    raised_for=None,
    raised_for_name: str = "",
    files=(),
    now: datetime.datetime | None = None,
) -> Ticket:
    """A new ticket at `site`, numbered in the site's order, with its due times fixed from the
    policy and the site's clock. Staff raising it for a client say for whom. An urgent fault or a
    complaint is told to the company's managers at once."""
    now = now or timezone.now()
    if not rules.may_raise(by, site):
        raise Refused(_("Only the site's client contacts, or its people for them, raise tickets."))
    if category not in Category.values or priority not in Priority.values:
        raise Refused(_("Choose a category and a priority."))
    title = title.strip()
    if not title:
        raise Refused(_("Give the ticket a title."))
    if len(title) > TITLE_LENGTH:
        raise Refused(_("Keep the title within %(n)s characters.") % {"n": TITLE_LENGTH})
    on_behalf = rules.raises_for_client(by, site)
    raised_for_name = raised_for_name.strip()
    if on_behalf and raised_for is None and not raised_for_name:
        raise Refused(_("Say for whom you raise this ticket."))
    if len(raised_for_name) > NAME_LENGTH:
        raise Refused(_("Keep the name within %(n)s characters.") % {"n": NAME_LENGTH})
    if on_behalf and raised_for is not None and not _client_of(raised_for, site):
        raise Refused(
            _("%(name)s is not a client contact of %(site)s.")
            % {"name": person_name(raised_for), "site": site.name}
        )
    if not on_behalf:
        channel, raised_for, raised_for_name = Channel.ONLINE, None, ""
    elif channel == Channel.ONLINE:
        channel = Channel.PHONE
    company = serving_company(site, timezone.localdate(now))
    if company is None:
        raise Refused(_("No contract serves %(site)s now.") % {"site": site.name})
    policy = policy_for(company=company, site=site)
    working = sla.clock_is_working_hours(site, policy)
    response_hours, resolution_hours = sla.targets(priority, policy)
    with transaction.atomic():
        desk = _desk(site)
        # The desk's row lock gives each ticket the next number, however many arrive at once.
        desk = SiteDesk.objects.select_for_update().get(pk=desk.pk)
        desk.last_number = F("last_number") + 1
        desk.save(update_fields=["last_number"])
        desk.refresh_from_db()
        ticket = Ticket(
            site=site,
            company=company,
            number=desk.last_number,
            category=category,
            priority=priority,
            title=title,
            description=description.strip(),
            complaint=complaint,
            channel=channel,
            raised_by=by,
            raised_for=raised_for,
            raised_for_name=raised_for_name,
            assignee=desk.default_assignee,
            raised_at=now,
            response_due=sla.due_at(
                site=site, start=now, hours=response_hours, working_hours=working
            ),
            resolution_due=sla.due_at(
                site=site, start=now, hours=resolution_hours, working_hours=working
            ),
        )
        ticket._history_user = by
        ticket.save()
        comment = TicketComment.objects.create(
            ticket=ticket, author=by, body=ticket.description, to_status=S.NEW, created_at=now
        )
        for upload in files:
            attachment_add(ticket=ticket, upload=upload, by=by, comment=comment)
        told = {*supervisors([site.pk])}
        if ticket.assignee and ticket.assignee.user:
            told.add(ticket.assignee.user)
        notification_create(
            recipients=sorted(told - {by}, key=lambda u: u.pk),
            kind="tickets.raised",
            params=_params(ticket, priority=priority),
        )
        if complaint or (priority == Priority.URGENT and category == Category.FAULT):
            ticket_escalate(ticket=ticket)
    return ticket


def ticket_escalate(*, ticket: Ticket) -> int:
    """An urgent fault or a complaint goes to the company's managers at once, once (the claim)."""
    from onsite.reminders import reminder_claim

    if not reminder_claim(kind="tickets.escalated", key=str(ticket.pk), period="raised"):
        return 0
    told = list(managers(ticket.company_id))
    params = _params(ticket, complaint=ticket.complaint)
    notification_create(recipients=told, kind="tickets.escalated", params=params)
    # And in the site's and the company's group chats, once like the notification.
    from tickets.services.reminders import ticket_group_post

    ticket_group_post(ticket=ticket, kind="tickets.escalated", params=params)
    return len(told)


def attachment_add(*, ticket: Ticket, upload, by, comment: TicketComment | None = None):
    """A file on the ticket; its size, type and first bytes are checked by the field."""
    from django.core.exceptions import ValidationError

    attachment = TicketAttachment(
        ticket=ticket,
        comment=comment,
        name=upload.name[:200],
        size=upload.size,
        uploaded_by=by,
        file=upload,
    )
    try:
        attachment.full_clean(exclude=["ticket", "comment", "uploaded_by"])
    except ValidationError as error:
        raise Refused(*[m for ms in error.message_dict.values() for m in ms]) from None
    attachment.save()
    return attachment


def ticket_assign(*, ticket: Ticket, staff: Staff, by, now=None) -> Ticket:
    """The supervisor (or HR) gives the ticket to someone placed at the site."""
    if ticket.status == S.CLOSED:
        raise Refused(_("A closed ticket is not assigned any more."))
    if not rules.may_assign(by, ticket):
        raise Refused(_("Only the site's supervisor or HR assigns tickets."))
    now = now or timezone.now()
    _check_assignee(ticket.site, staff, timezone.localdate(now))
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if locked.status == S.CLOSED:
            raise Refused(str(MEANWHILE) % {"status": locked.get_status_display()})
        locked.assignee = staff
        locked._history_user = by
        locked._change_reason = _("Assigned to %(name)s") % {"name": staff.name}
        locked.save(update_fields=["assignee"])
        TicketComment.objects.create(
            ticket=locked,
            author=by,
            body=_("Assigned to %(name)s.") % {"name": staff.name},
            internal=False,
            created_at=now,
        )
        if staff.user:
            notification_create(
                recipients=[staff.user], kind="tickets.assigned", params=_params(locked)
            )
    return locked


def _move(ticket: Ticket, *, to: str, by, comment: str, also=None, internal=False, now=None):
    """The transition (row lock, re-check, history) and its line in the thread."""
    now = now or timezone.now()
    before = ticket.status
    if to not in TRANSITIONS.get(before, ()):
        raise Refused(
            _("A ticket that is “%(status)s” cannot be “%(to)s”.")
            % {"status": ticket.get_status_display(), "to": S(to).label}
        )
    # A TransitionError (a Refused) says what the ticket is now when someone moved it first.
    moved = transition(
        ticket,
        to=to,
        allowed=TRANSITIONS,
        by=by,
        reason=comment,
        also=also,
        meanwhile=str(MEANWHILE),
    )
    TicketComment.objects.create(
        ticket=moved,
        author=by,
        body=comment,
        internal=internal,
        from_status=before,
        to_status=to,
        created_at=now,
    )
    return moved


def _tell_client(ticket: Ticket, kind: str, **more) -> None:
    told = {u for u in (ticket.raised_by, ticket.raised_for) if u is not None}
    from onsite.access import access_for

    # Only the client's side is told of progress; staff who raised it for a client see it anyway.
    told = {u for u in told if ticket.site_id in access_for(u).client_sites}
    if told:
        notification_create(
            recipients=sorted(told, key=lambda u: u.pk),
            kind=kind,
            params=_params(ticket, status=ticket.status, **more),
        )


def _ensure_works(ticket: Ticket, by) -> None:
    if not rules.may_work(by, ticket):
        raise Refused(_("Only the assignee or the site's supervisor works on this ticket."))


def ticket_acknowledge(*, ticket: Ticket, by, comment: str = "", now=None) -> Ticket:
    _ensure_works(ticket, by)
    now = now or timezone.now()
    with transaction.atomic():
        ticket = _move(
            ticket,
            to=S.ACKNOWLEDGED,
            by=by,
            comment=comment.strip() or _("Received; we are on it."),
            also={"acknowledged_at": now},
            now=now,
        )
        _tell_client(ticket, "tickets.progress")
    return ticket


def ticket_start(*, ticket: Ticket, by, comment: str = "", now=None) -> Ticket:
    _ensure_works(ticket, by)
    with transaction.atomic():
        ticket = _move(ticket, to=S.IN_PROGRESS, by=by, comment=comment.strip(), now=now)
    return ticket


def ticket_resolve(*, ticket: Ticket, by, comment: str, now=None) -> Ticket:
    """Resolved, saying how: the client confirms or reopens it, or it closes by itself."""
    _ensure_works(ticket, by)
    comment = comment.strip()
    if not comment:
        raise Refused(_("Say how the ticket was resolved."))
    now = now or timezone.now()
    with transaction.atomic():
        ticket = _move(
            ticket, to=S.RESOLVED, by=by, comment=comment, also={"resolved_at": now}, now=now
        )
        _tell_client(ticket, "tickets.progress")
    return ticket


def ticket_confirm(*, ticket: Ticket, by, comment: str = "", now=None) -> Ticket:
    """The client confirms the resolution: closed."""
    if not rules.may_answer(by, ticket):
        raise Refused(_("Only the client's side confirms or reopens a ticket."))
    now = now or timezone.now()
    with transaction.atomic():
        ticket = _move(
            ticket,
            to=S.CLOSED,
            by=by,
            comment=comment.strip() or _("Confirmed resolved."),
            also={"closed_at": now},
            now=now,
        )
    return ticket


def ticket_reopen(*, ticket: Ticket, by, comment: str, now=None) -> Ticket:
    """Not resolved after all: back to the assignee, with why."""
    if not rules.may_answer(by, ticket):
        raise Refused(_("Only the client's side confirms or reopens a ticket."))
    comment = comment.strip()
    if not comment:
        raise Refused(_("Say what is still wrong."))
    with transaction.atomic():
        ticket = _move(
            ticket, to=S.REOPENED, by=by, comment=comment, also={"resolved_at": None}, now=now
        )
        if ticket.assignee and ticket.assignee.user:
            notification_create(
                recipients=[ticket.assignee.user],
                kind="tickets.reopened",
                params=_params(ticket, note=comment),
            )
    return ticket


def tickets_autoclose(*, now: datetime.datetime | None = None) -> int:
    """Close the resolved tickets the client left unanswered for `ticket_autoclose_days`. Each
    close is its own transition, so a run twice, or beside a client's answer, closes once."""
    now = now or timezone.now()
    closed = 0
    # The longest the policy allows: finer per-company checks follow below.
    candidates = Ticket.objects.filter(
        status=S.RESOLVED, resolved_at__lte=now - datetime.timedelta(days=1)
    ).select_related("site", "company")
    policies: dict[tuple[int, int], int] = {}
    for ticket in candidates.iterator():
        pair = (ticket.company_id, ticket.site_id)
        if pair not in policies:
            policies[pair] = policy_for(
                company=ticket.company, site=ticket.site
            ).ticket_autoclose_days
        days = policies[pair]
        cutoff = now - datetime.timedelta(days=days)
        if ticket.resolved_at > cutoff:
            continue
        try:
            with transaction.atomic():
                # Under the lock, as it is now: an answer meanwhile (confirmed, or reopened and
                # resolved again since) wins over the close.
                locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
                if locked.status != S.RESOLVED or locked.resolved_at > cutoff:
                    continue
                _move(
                    locked,
                    to=S.CLOSED,
                    by=None,
                    comment=_("Closed: no answer from the client within %(days)s days.")
                    % {"days": days},
                    also={"closed_at": now},
                    now=now,
                )
        except Refused:
            continue  # answered meanwhile
        closed += 1
    return closed


def ticket_rate(*, ticket: Ticket, by, rating: int, comment: str = "", now=None) -> Ticket:
    """The client rates a closed ticket 1–5, once."""
    if not rules.may_answer(by, ticket):
        raise Refused(_("Only the client's side rates a ticket."))
    if isinstance(rating, bool) or rating not in (1, 2, 3, 4, 5):
        raise Refused(_("Rate from 1 to 5."))
    comment = comment.strip()
    if len(comment) > RATING_COMMENT_LENGTH:
        raise Refused(_("Keep the comment within %(n)s characters.") % {"n": RATING_COMMENT_LENGTH})
    now = now or timezone.now()
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if locked.status != S.CLOSED:
            raise Refused(_("A ticket is rated once it is closed."))
        if locked.rating is not None:
            raise Refused(_("This ticket is already rated."))
        locked.rating, locked.rating_comment, locked.rated_at = rating, comment, now
        locked._history_user = by
        locked.save(update_fields=["rating", "rating_comment", "rated_at"])
    return locked


def ticket_comment(*, ticket: Ticket, by, body: str, internal: bool = False, files=(), now=None):
    """A line in the thread, from someone who sees the ticket; an internal note only from the
    company's side."""
    if not Ticket.objects.visible_to(by).filter(pk=ticket.pk).exists():
        raise Refused(_("Only those who see this ticket write in its thread."))
    body = body.strip()
    if not body and not files:
        raise Refused(_("Write a comment or attach a file."))
    if internal and not rules.sees_internal(by, ticket):
        raise Refused(_("Only the company's side writes internal notes."))
    with transaction.atomic():
        comment = TicketComment.objects.create(
            ticket=ticket, author=by, body=body, internal=internal, created_at=now or timezone.now()
        )
        for upload in files:
            attachment_add(ticket=ticket, upload=upload, by=by, comment=comment)
    return comment
