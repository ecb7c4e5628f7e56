"""Service tickets (SPEC §11): the client raises one on a phone, the people on site answer it, the
client confirms, reopens or rates it; staff raise one for a client who phoned or came by.

Each view loads its ticket through Ticket.objects.visible_to (outside the scope: 404), asks
tickets.permissions whether the reader may act (403 otherwise), calls one service and redirects.
A page left open while someone else moved the ticket gets the service's “moved meanwhile”."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook

from onsite.access import access_for
from onsite.decorators import role_required
from onsite.roles import Role
from onsite.spreadsheets import xlsx_append, xlsx_bytes
from onsite.templatetags.onsite import person_name
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, page_of, refused
from tickets import permissions as rules
from tickets.forms.tickets import (
    AssignForm,
    CommentForm,
    FilterForm,
    MoveForm,
    RateForm,
    TicketForm,
)
from tickets.models import Ticket, TicketAttachment, TicketStatus
from tickets.selectors import lists
from tickets.selectors.clock import Target, clock
from tickets.services import tickets as services

S = TicketStatus
READERS = (Role.CLIENT_CONTACT, Role.STAFF, Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# The clock as people read it ---------------------------------------------------------------------


def duration(delta: datetime.timedelta) -> str:
    """3 小时 20 分钟; 2 天 4 小时 beyond a day; whole minutes, at least one."""
    minutes = max(1, int(abs(delta.total_seconds()) // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s min") % {"minutes": minutes}


def target_state(target: Target, *, running: bool) -> dict:
    """One line of the clock: met, late, time left or how late."""
    if target.reached is not None:
        if target.met:
            return {"text": _("Met"), "tone": "success", "breached": False}
        late = duration(target.reached - target.due)
        return {"text": _("Met %(time)s late") % {"time": late}, "tone": "danger", "breached": True}
    if not running:
        return {"text": "—", "tone": "secondary", "breached": False}
    if target.left.total_seconds() >= 0:
        return {
            "text": _("%(time)s left") % {"time": duration(target.left)},
            "tone": "primary",
            "breached": False,
        }
    return {
        "text": _("%(time)s overdue") % {"time": duration(target.left)},
        "tone": "danger",
        "breached": True,
    }


def clock_lines(ticket: Ticket, now: datetime.datetime | None = None) -> list[dict]:
    the = clock(ticket, now)
    running = ticket.status != S.CLOSED
    return [
        {
            "label": _("Response"),
            "due": the.response.due,
            **target_state(the.response, running=running),
        },
        {
            "label": _("Resolution"),
            "due": the.resolution.due,
            **target_state(the.resolution, running=running),
        },
    ]


# Loading -----------------------------------------------------------------------------------------


def _visible(request, pk: int) -> Ticket:
    return get_object_or_404(lists.tickets_for(request.user).select_related("company"), pk=pk)


def _back(ticket: Ticket):
    return redirect("tickets:detail", pk=ticket.pk)


def _refused(request, ticket: Ticket, refusal: Refused):
    refused(request, refusal)
    return _back(ticket)


# The list ----------------------------------------------------------------------------------------


def _filtered(request):
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = lists.filtered(lists.tickets_for(request.user), filters, timezone.now())
    return form, filters, rows


@role_required(*READERS)
def ticket_list(request):
    form, _filters, rows = _filtered(request)
    page = page_of(request, rows)
    now = timezone.now()
    for ticket in page:
        ticket.breached_now = clock(ticket, now).breached
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "tickets/ticket_list.html",
        {
            "page": page,
            "filter_form": form,
            "query": query.urlencode(),
            "can_raise": lists.raisable_sites(request.user).exists(),
        },
    )


EXPORT_COLUMNS = (
    (gettext_lazy("Reference"), lambda t, c: t.reference),
    (gettext_lazy("Site"), lambda t, c: t.site.name),
    (gettext_lazy("Title"), lambda t, c: t.title),
    (gettext_lazy("Category"), lambda t, c: t.get_category_display()),
    (gettext_lazy("Priority"), lambda t, c: t.get_priority_display()),
    (gettext_lazy("Status"), lambda t, c: t.get_status_display()),
    (gettext_lazy("Complaint"), lambda t, c: _("Yes") if t.complaint else _("No")),
    (gettext_lazy("Raised at"), lambda t, c: timezone.localtime(t.raised_at).replace(tzinfo=None)),
    (gettext_lazy("Raised by"), lambda t, c: person_name(t.raised_by)),
    (
        gettext_lazy("On behalf of"),
        lambda t, c: person_name(t.raised_for) if t.raised_for else t.raised_for_name,
    ),
    (gettext_lazy("Assignee"), lambda t, c: t.assignee.name if t.assignee else ""),
    (
        gettext_lazy("Response due"),
        lambda t, c: timezone.localtime(t.response_due).replace(tzinfo=None),
    ),
    (
        gettext_lazy("Resolution due"),
        lambda t, c: timezone.localtime(t.resolution_due).replace(tzinfo=None),
    ),
    (gettext_lazy("Breached"), lambda t, c: _("Yes") if c.breached else _("No")),
    (gettext_lazy("Rating"), lambda t, c: t.rating),
)


@role_required(*READERS)
def ticket_export(request):
    """The filtered list as XLSX; no text cell ever runs as a formula (onsite.spreadsheets)."""
    _form, _filters, rows = _filtered(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Service tickets")[:31]
    xlsx_append(sheet, [str(label) for label, _value in EXPORT_COLUMNS])
    now = timezone.now()
    for ticket in rows.iterator(chunk_size=500):
        the = clock(ticket, now)
        xlsx_append(sheet, [value(ticket, the) for _label, value in EXPORT_COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
    response = HttpResponse(xlsx_bytes(workbook), content_type=XLSX)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="tickets-{stamp}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


# Raising -----------------------------------------------------------------------------------------


@login_required
def ticket_new(request):
    sites = lists.raisable_sites(request.user)
    if not sites:
        raise PermissionDenied
    # Whoever is not the client of every site offered raises for someone else (or may, at one).
    on_behalf = any(rules.raises_for_client(request.user, site) for site in sites)
    contacts = lists.client_contacts([s.pk for s in sites]) if on_behalf else None
    form = TicketForm(
        request.POST or None,
        request.FILES or None,
        sites=sites,
        contacts=contacts,
        on_behalf=on_behalf,
        own_sites=access_for(request.user).client_sites,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = _raise(request, data)
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Ticket %(reference)s is raised.") % {"reference": ticket.reference}
            )
            return _back(ticket)
    return render(request, "tickets/ticket_form.html", {"form": form})


def _raise(request, data) -> Ticket:
    site = data["site"]
    # The service checks that whoever it is raised for is a client contact of the site.
    raised_for = data.get("raised_for")
    return services.ticket_raise(
        site=site,
        by=request.user,
        category=data["category"],
        priority=data["priority"],
        title=data["title"],
        description=data["description"],
        complaint=data["complaint"],
        channel=data.get("channel") or services.Channel.PHONE,
        raised_for=raised_for,
        raised_for_name=data.get("raised_for_name", ""),
        files=data["attachments"],
    )


# The detail --------------------------------------------------------------------------------------


def _thread(ticket: Ticket, internal: bool):
    comments = ticket.comments.select_related("author", "author__staff_record").prefetch_related(
        "attachments"
    )
    if not internal:
        comments = comments.filter(internal=False)
    return list(comments)


def _actions(user, ticket: Ticket) -> dict:
    work = rules.may_work(user, ticket)
    answer = rules.may_answer(user, ticket)
    status = ticket.status
    moves = []
    if work and status == S.NEW:
        moves.append(("acknowledge", _("Acknowledge"), False))
    if work and status in (S.ACKNOWLEDGED, S.REOPENED):
        moves.append(("start", _("Start work"), False))
    if work and status == S.IN_PROGRESS:
        moves.append(("resolve", _("Resolve"), True))
    if answer and status == S.RESOLVED:
        moves.append(("confirm", _("Confirm resolved"), False))
        moves.append(("reopen", _("Reopen"), True))
    return {
        "moves": moves,
        "can_assign": rules.may_assign(user, ticket),
        "can_rate": answer and status == S.CLOSED and ticket.rating is None,
    }


@login_required
def ticket_detail(request, pk: int):
    ticket = _visible(request, pk)
    internal = rules.sees_internal(request.user, ticket)
    actions = _actions(request.user, ticket)
    assign_form = None
    if actions["can_assign"]:
        assign_form = AssignForm(
            people=lists.placed_at(ticket.site), initial={"staff": ticket.assignee_id}
        )
    return render(
        request,
        "tickets/ticket_detail.html",
        {
            "ticket": ticket,
            "thread": _thread(ticket, internal),
            "sees_internal": internal,
            "clock": clock_lines(ticket),
            "assign_form": assign_form,
            "rate_form": RateForm() if actions["can_rate"] else None,
            "comment_form": CommentForm(internal_allowed=internal),
            **actions,
        },
    )


@require_GET
@login_required
def ticket_clock(request, pk: int):
    """The clock alone, which the detail page fetches again every minute (htmx)."""
    ticket = _visible(request, pk)
    return render(request, "tickets/_clock.html", {"ticket": ticket, "clock": clock_lines(ticket)})


@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    """A file leaves only through here, to those who see the ticket; a file of an internal note
    only to the company's side."""
    ticket = _visible(request, pk)
    files = TicketAttachment.objects.filter(ticket=ticket)
    if not rules.sees_internal(request.user, ticket):
        files = files.filter(Q(comment__isnull=True) | Q(comment__internal=False))
    attachment = get_object_or_404(files, pk=attachment_pk)
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(stored, as_attachment=True, filename=attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Actions -----------------------------------------------------------------------------------------


MOVES = {
    "acknowledge": (services.ticket_acknowledge, rules.may_work),
    "start": (services.ticket_start, rules.may_work),
    "resolve": (services.ticket_resolve, rules.may_work),
    "confirm": (services.ticket_confirm, rules.may_answer),
    "reopen": (services.ticket_reopen, rules.may_answer),
}
MOVED = {
    "acknowledge": gettext_lazy("Acknowledged."),
    "start": gettext_lazy("Work started."),
    "resolve": gettext_lazy("Resolved: the client confirms it."),
    "confirm": gettext_lazy("Confirmed: the ticket is closed."),
    "reopen": gettext_lazy("Reopened."),
}


@require_POST
@login_required
def ticket_move(request, pk: int):
    ticket = _visible(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(ticket)
    action = form.cleaned_data["action"]
    service, may = MOVES[action]
    if not may(request.user, ticket):
        raise PermissionDenied
    seen = form.cleaned_data["seen"]
    if seen and seen != ticket.status:
        # A second click, or a page left open while someone else moved the ticket.
        return _meanwhile(request, ticket)
    try:
        service(ticket=ticket, by=request.user, comment=form.cleaned_data["comment"])
    except Refused as refusal:
        return _refused(request, ticket, refusal)
    messages.success(request, str(MOVED[action]))
    return _back(ticket)


def _meanwhile(request, ticket: Ticket):
    messages.error(request, str(services.MEANWHILE) % {"status": ticket.get_status_display()})
    return _back(ticket)


@require_POST
@login_required
def ticket_assign(request, pk: int):
    ticket = _visible(request, pk)
    if ticket.status == S.CLOSED and rules.may_assign(request.user, _reopened_view(ticket)):
        return _meanwhile(request, ticket)
    if not rules.may_assign(request.user, ticket):
        raise PermissionDenied
    form = AssignForm(request.POST, people=lists.placed_at(ticket.site))
    if not form.is_valid():
        form_errors(request, form)
        return _back(ticket)
    try:
        services.ticket_assign(ticket=ticket, staff=form.cleaned_data["staff"], by=request.user)
    except Refused as refusal:
        return _refused(request, ticket, refusal)
    messages.success(
        request, _("Assigned to %(name)s.") % {"name": form.cleaned_data["staff"].name}
    )
    return _back(ticket)


def _reopened_view(ticket: Ticket) -> Ticket:
    """The ticket as if still open, to ask whether the reader could have assigned it: a closed
    ticket refuses everyone, and a page left open before it closed reads “moved meanwhile”."""
    copy = Ticket(pk=ticket.pk, site_id=ticket.site_id, company_id=ticket.company_id)
    copy.status = S.RESOLVED
    return copy


@require_POST
@login_required
def ticket_rate(request, pk: int):
    ticket = _visible(request, pk)
    if not rules.may_answer(request.user, ticket):
        raise PermissionDenied
    form = RateForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _back(ticket)
    try:
        services.ticket_rate(
            ticket=ticket,
            by=request.user,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
    except Refused as refusal:
        return _refused(request, ticket, refusal)
    messages.success(request, _("Thank you for your rating."))
    return _back(ticket)


@require_POST
@login_required
def ticket_comment(request, pk: int):
    ticket = _visible(request, pk)
    internal_allowed = rules.sees_internal(request.user, ticket)
    form = CommentForm(request.POST, request.FILES, internal_allowed=internal_allowed)
    if not form.is_valid():
        form_errors(request, form)
        return _back(ticket)
    try:
        services.ticket_comment(
            ticket=ticket,
            by=request.user,
            body=form.cleaned_data["body"],
            internal=form.cleaned_data.get("internal", False),
            files=form.cleaned_data["attachments"],
        )
    except Refused as refusal:
        return _refused(request, ticket, refusal)
    messages.success(request, _("Your comment is added."))
    return _back(ticket)


urlpatterns = [
    path("", ticket_list, name="list"),
    path("export/", ticket_export, name="export"),
    path("new/", ticket_new, name="new"),
    path("<int:pk>/", ticket_detail, name="detail"),
    path("<int:pk>/clock/", ticket_clock, name="clock"),
    path("<int:pk>/move/", ticket_move, name="move"),
    path("<int:pk>/assign/", ticket_assign, name="assign"),
    path("<int:pk>/rate/", ticket_rate, name="rate"),
    path("<int:pk>/comment/", ticket_comment, name="comment"),
    path("<int:pk>/files/<int:attachment_pk>/", attachment_download, name="attachment"),
]
