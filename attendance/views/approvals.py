"""One inbox of everything waiting for the reader's decision (leave, overtime, punch
corrections), with approve, reject and approve-selected. Rows come from `attendance.approvals`;
each decision goes through its kind's service, one transaction per request, so that one refusal
leaves the others decided."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from attendance.approvals import (
    CORRECTION,
    LEAVE,
    MODELS,
    OVERTIME,
    RELATED,
    WAITING,
    describe,
    waiting_page,
)
from attendance.models import OvertimeStatus
from attendance.services.corrections import correction_approve, correction_reject
from attendance.services.leave_decisions import leave_approve, leave_reject
from attendance.services.overtime import (
    cap_check,
    overtime_approve,
    overtime_confirm_emergency,
    overtime_file,
    overtime_reject,
)
from onsite.converters import parse_id
from onsite.decorators import role_required
from onsite.policy import policy_for
from onsite.roles import Role
from onsite.transitions import Refused, TransitionError

DECIDERS = (Role.SUPERVISOR, Role.MANAGER, Role.HR_ADMIN)


@role_required(*DECIDERS)
def approvals(request):
    page = waiting_page(request.user, request.GET.get("page"))
    return render(request, "attendance/approvals.html", {"page": page, "query": ""})


# --- deciding -----------------------------------------------------------------------------------


def _parse(token: str) -> tuple[str, int]:
    """`leave:12` → ("leave", 12); anything else names no request (404)."""
    kind, _sep, pk = token.partition(":")
    try:
        if kind not in MODELS:
            raise ValueError(kind)
        return kind, parse_id(pk)
    except ValueError:
        raise Http404 from None


def _load(user, tokens: list[str]) -> list[tuple[str, object]]:
    """The named requests through the reader's scope, one query per kind, in the order given.
    One that is not there (or not the reader's to see) is a 404 and nothing is decided."""
    wanted = list(dict.fromkeys(_parse(t) for t in tokens))
    found = {}
    for kind in MODELS:
        ids = [pk for k, pk in wanted if k == kind]
        if ids:
            for record in (
                MODELS[kind]
                .objects.visible_to(user)
                .filter(pk__in=ids)
                .select_related(*RELATED[kind])
            ):
                found[(kind, record.pk)] = record
    if len(found) != len(wanted):
        raise Http404
    return [(kind, found[(kind, pk)]) for kind, pk in wanted]


def _decided_meanwhile(kind: str, record) -> Refused:
    status = record.get_status_display()
    if kind == LEAVE:
        text = _("This leave was decided meanwhile: it is now “%(status)s”.")
    elif kind == OVERTIME:
        text = _("This overtime was decided meanwhile: it is now “%(status)s”.")
    else:
        text = _("This correction was decided meanwhile: it is now “%(status)s”.")
    return Refused(text % {"status": status})


def _decide(kind: str, record, decision) -> None:
    """`decision(kind, record)` in a transaction of its own. A request no longer waiting, or
    decided by someone else while this one was (the row lock lets one through), is refused
    with what it is now."""
    if record.status not in WAITING[kind]:
        raise _decided_meanwhile(kind, record)
    try:
        with transaction.atomic():
            decision(kind, record)
    except TransitionError:
        raise _decided_meanwhile(kind, MODELS[kind].objects.get(pk=record.pk)) from None


def _approve(kind: str, record, by) -> None:
    """Approve at the request's present stage, through its service."""
    if kind == LEAVE:
        leave_approve(leave=record, by=by)
    elif kind == CORRECTION:
        correction_approve(correction=record, by=by)
    elif record.status == OvertimeStatus.UNCONFIRMED:
        overtime_confirm_emergency(overtime=record, by=by)
    elif record.status == OvertimeStatus.APPROVED:
        overtime_file(overtime=record, by=by)
    else:
        try:
            overtime_approve(overtime=record, by=by)
        except Refused as refusal:
            if _over_cap(record):
                refusal.messages.append(
                    _("Open the request to approve it with a reason for the override.")
                )
            raise


STEPS = ("approved", "filed", "confirmed")


def _done_message(step: str, count: int) -> str:
    """What approving at a step did, said after a bulk decision."""
    if step == "filed":
        text = ngettext(
            "%(count)d overtime filed with HR.", "%(count)d overtimes filed with HR.", count
        )
    elif step == "confirmed":
        text = ngettext(
            "%(count)d emergency overtime confirmed.",
            "%(count)d emergency overtimes confirmed.",
            count,
        )
    else:
        text = ngettext("%(count)d request approved.", "%(count)d requests approved.", count)
    return text % {"count": count}


def _step(kind: str, record) -> str:
    if kind == OVERTIME and record.status == OvertimeStatus.APPROVED:
        return "filed"
    if kind == OVERTIME and record.status == OvertimeStatus.UNCONFIRMED:
        return "confirmed"
    return "approved"


def _over_cap(overtime) -> bool:
    policy = policy_for(company=overtime.staff.company, site=overtime.site)
    return cap_check(
        staff=overtime.staff,
        date=overtime.date,
        hours=overtime.hours,
        policy=policy,
        exclude=overtime.pk,
    ).over


def _reject(kind: str, record, by, note: str) -> None:
    if kind == LEAVE:
        leave_reject(leave=record, by=by, note=note)
    elif kind == OVERTIME:
        overtime_reject(overtime=record, by=by, note=note)
    else:
        correction_reject(correction=record, by=by, note=note)


def _named(kind: str, record, refusal: Refused) -> str:
    """A refusal with the request it is about: `张三, leave 2026-12-07: …`."""
    what = {LEAVE: _("leave"), OVERTIME: _("overtime"), CORRECTION: _("punch correction")}[kind]
    return _("%(person)s, %(what)s %(when)s: %(reason)s") % {
        "person": record.staff.name,
        "what": what,
        "when": describe(kind, record),
        "reason": " ".join(str(m) for m in refusal.messages),
    }


def _back(request):
    url = reverse("attendance:approvals")
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isascii() and page.isdigit() else url)


@role_required(*DECIDERS)
@require_POST
def approvals_decide(request):
    """Either approve the requests named in `items`, or reject the one named in `item` with the
    reason in `note`."""
    if "item" in request.POST:
        ((kind, record),) = _load(request.user, [request.POST["item"]])
        note = request.POST.get("note", "")
        try:
            _decide(kind, record, lambda k, r: _reject(k, r, request.user, note))
        except Refused as refusal:
            messages.error(request, _named(kind, record, refusal))
        else:
            messages.success(
                request,
                _("Rejected: %(person)s, %(when)s.")
                % {"person": record.staff.name, "when": describe(kind, record)},
            )
        return _back(request)
    tokens = request.POST.getlist("items")
    if not tokens:
        messages.error(request, _("Select the requests to approve."))
        return _back(request)
    done, refusals = dict.fromkeys(STEPS, 0), []
    for kind, record in _load(request.user, tokens):
        # Read before deciding: filing (备案) and confirming are not approving, and say so.
        step = _step(kind, record)
        try:
            _decide(kind, record, lambda k, r: _approve(k, r, request.user))
        except Refused as refusal:
            refusals.append(_named(kind, record, refusal))
        else:
            done[step] += 1
    for step, count in done.items():
        if count:
            messages.success(request, _done_message(step, count))
    for text in refusals:
        messages.error(request, text)
    return _back(request)


urlpatterns = [
    path("approvals/", approvals, name="approvals"),
    path("approvals/decide/", approvals_decide, name="approvals_decide"),
]
