"""Leave (请假, SPEC §7): staff ask on their phone and see what the request counts before
sending it; the site's supervisor (then, for long leave, a manager) decides; the requester
cancels or asks for more days. Each view loads its record through Leave.objects.visible_to
(outside the scope: 404), then checks the right to act (403)."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from attendance.forms.corrections import DecisionForm
from attendance.forms.leave import CancelForm, ExtendForm, LeaveForm, PreviewForm, colleagues
from attendance.models import Leave, LeaveStatus
from attendance.selectors.balances import leave_balances
from attendance.services import leave as asking
from attendance.services import leave_decisions as deciding
from attendance.services.leave import OPEN_STATUSES, LeavePreview, extend_refusal, extension_start
from attendance.workflows import LEAVE as LEAVE_FLOW
from onsite.access import access_for
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.org.models import Staff
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, own_staff, page_of, refused

READERS = (Role.STAFF, Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER)
WAITING = (LeaveStatus.PENDING, LeaveStatus.PENDING_MANAGER)


def day_text(day: datetime.date, *, from_noon: bool = False, to_noon: bool = False) -> str:
    text = f"{day:%Y-%m-%d}"
    if from_noon:
        return _("%(date)s from noon") % {"date": text}
    if to_noon:
        return _("%(date)s until noon") % {"date": text}
    return text


def period_parts(leave: Leave) -> tuple[str, ...]:
    """`2026-11-04 from noon`, `2026-11-06`; one day reads `2026-11-04, morning`."""
    if leave.start == leave.end:
        text = f"{leave.start:%Y-%m-%d}"
        if leave.starts_pm:
            return (_("%(date)s, afternoon") % {"date": text},)
        if leave.ends_am:
            return (_("%(date)s, morning") % {"date": text},)
        return (text,)
    return (
        day_text(leave.start, from_noon=leave.starts_pm),
        day_text(leave.end, to_noon=leave.ends_am),
    )


def period_html(leave: Leave) -> str:
    """The period for a page: a narrow screen breaks the line between the dates, not in one."""
    return format_html_join(
        " – ", '<span class="text-nowrap">{}</span>', ((part,) for part in period_parts(leave))
    )


@role_required(*READERS)
def leave_list(request):
    """What waits for a decision first, then the rest, newest first."""
    leaves = (
        Leave.objects.visible_to(request.user)
        .select_related("staff", "site")
        .annotate(
            waiting=Case(
                When(status__in=WAITING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "-created_at", "-pk")
    )
    status = request.GET.get("status", "")
    if status in LeaveStatus.values:
        leaves = leaves.filter(status=status)
    else:
        status = ""
    page = page_of(request, leaves)
    for leave in page:
        leave.period_html = period_html(leave)
    staff_id = access_for(request.user).staff_id
    balances = []
    if staff_id is not None:
        year = timezone.localdate().year
        me = Staff.objects.select_related("company").get(pk=staff_id)
        balances = leave_balances(staff=me, year=year)
    return render(
        request,
        "attendance/leave_list.html",
        {
            "balances": balances,
            "page": page,
            "statuses": LeaveStatus.choices,
            "status": status,
            "query": f"status={status}" if status else "",
            "can_request": access_for(request.user).staff_id is not None,
        },
    )


def _preview(staff: Staff, query: PreviewForm) -> LeavePreview:
    extends = None
    if query.value("extends"):
        extends = (
            Leave.objects.filter(pk=query.value("extends"), staff=staff)
            .select_related("site")
            .first()
        )
    cover = None
    if query.value("cover"):
        # Only a colleague the form offers: the preview tells nothing of anyone else.
        cover = colleagues(staff, timezone.localdate()).filter(pk=query.value("cover")).first()
    return asking.leave_preview(
        staff=staff,
        kind=query.value("kind") or None,
        start=query.value("start"),
        end=query.value("end"),
        starts_pm=bool(query.value("starts_pm")),
        ends_am=bool(query.value("ends_am")),
        emergency=bool(query.value("emergency")),
        extends=extends,
        cover=cover,
    )


@login_required
def leave_new(request):
    staff = own_staff(request)
    posted = request.method == "POST"
    form = LeaveForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        staff=staff,
        today=timezone.localdate(),
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            leave = asking.leave_request(
                staff=staff,
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                starts_pm=data["starts_pm"],
                ends_am=data["ends_am"],
                reason=data["reason"],
                cover=data["cover"],
                emergency=data["emergency"],
                document=data["document"],
                by=request.user,
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your leave request is sent to your supervisor."))
            return redirect("attendance:leave_detail", pk=leave.pk)
    preview = _preview(staff, PreviewForm(request.POST if posted else request.GET))
    return render(request, "attendance/leave_form.html", {"form": form, "preview": preview})


@login_required
@require_GET
def leave_preview(request):
    """The box under the dates of the request, asked again by htmx as the fields change."""
    staff = own_staff(request)
    return render(
        request,
        "attendance/_leave_preview.html",
        {"preview": _preview(staff, PreviewForm(request.GET))},
    )


def _visible(request, pk: int) -> Leave:
    return get_object_or_404(
        Leave.objects.visible_to(request.user).select_related(
            "staff", "site", "cover", "decided_by", "extends"
        ),
        pk=pk,
    )


@login_required
def leave_detail(request, pk: int):
    leave = _visible(request, pk)
    own = access_for(request.user).staff_id == leave.staff_id
    extensions = list(leave.extensions.order_by("start", "pk"))
    for extension in extensions:
        extension.period_html = period_html(extension)
    return render(
        request,
        "attendance/leave_detail.html",
        {
            "leave": leave,
            "period": period_html(leave),
            "extends_period": period_html(leave.extends) if leave.extends else "",
            "extensions": extensions,
            "can_decide": leave.status in WAITING and deciding.may_decide(request.user, leave),
            "can_cancel": leave.status in OPEN_STATUSES
            and deciding.may_cancel(request.user, leave),
            "can_extend": own and extend_refusal(leave=leave, today=timezone.localdate()) is None,
            "decide_form": DecisionForm(),
            "cancel_form": CancelForm(),
            "history": history_entries(leave),
        },
    )


@login_required
def leave_document(request, pk: int):
    """The document leaves only through here, to those who see the leave."""
    leave = _visible(request, pk)
    if not leave.document:
        raise Http404
    try:
        stored = leave.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(stored, as_attachment=True, filename=PurePath(leave.document.name).name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def leave_decide(request, pk: int):
    leave = _visible(request, pk)
    # Two deciders at once: the second reads what happened, not a 403.
    stale = LEAVE_FLOW.stale(request.user, leave, request.POST.get("decision"))
    if stale:
        messages.error(request, stale)
        return redirect("attendance:leave_detail", pk=leave.pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("attendance:leave_detail", pk=leave.pk)
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["decision"] == DecisionForm.APPROVE:
            deciding.leave_approve(leave=leave, by=request.user, note=note)
            if leave.status == LeaveStatus.PENDING_MANAGER:
                messages.success(request, _("Passed on: the leave now waits for a manager."))
            else:
                messages.success(request, _("The leave is approved."))
        else:
            deciding.leave_reject(leave=leave, by=request.user, note=note)
            messages.success(request, _("The leave is rejected."))
    except Refused as refusal:
        refused(request, refusal)
    return redirect("attendance:leave_detail", pk=leave.pk)


@login_required
@require_POST
def leave_cancel(request, pk: int):
    leave = _visible(request, pk)
    if not deciding.may_cancel(request.user, leave):
        raise PermissionDenied
    form = CancelForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("attendance:leave_detail", pk=leave.pk)
    try:
        deciding.leave_cancel(leave=leave, by=request.user, reason=form.cleaned_data["reason"])
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("The leave is cancelled."))
    return redirect("attendance:leave_detail", pk=leave.pk)


@login_required
def leave_extend(request, pk: int):
    """More days after approved leave: a new request, decided like any other."""
    leave = _visible(request, pk)
    if access_for(request.user).staff_id != leave.staff_id:
        raise PermissionDenied
    blocked = extend_refusal(leave=leave, today=timezone.localdate())
    posted = request.method == "POST"
    form = ExtendForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and not blocked and form.is_valid():
        data = form.cleaned_data
        try:
            extension = asking.leave_extend(
                leave=leave,
                end=data["end"],
                ends_am=data["ends_am"],
                reason=data["reason"],
                document=data["document"],
                by=request.user,
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your extension is sent to your supervisor."))
            return redirect("attendance:leave_detail", pk=extension.pk)
    start, from_noon = extension_start(leave)
    query = PreviewForm({**(request.POST if posted else request.GET).dict(), "extends": leave.pk})
    return render(
        request,
        "attendance/leave_extend.html",
        {
            "leave": leave,
            "period": period_html(leave),
            "blocked": blocked,
            "start_text": day_text(start, from_noon=from_noon),
            "form": form,
            "preview": _preview(leave.staff, query),
        },
    )


urlpatterns = [
    path("leave/", leave_list, name="leave_list"),
    path("leave/new/", leave_new, name="leave_new"),
    path("leave/preview/", leave_preview, name="leave_preview"),
    path("leave/<int:pk>/", leave_detail, name="leave_detail"),
    path("leave/<int:pk>/document/", leave_document, name="leave_document"),
    path("leave/<int:pk>/decide/", leave_decide, name="leave_decide"),
    path("leave/<int:pk>/cancel/", leave_cancel, name="leave_cancel"),
    path("leave/<int:pk>/extend/", leave_extend, name="leave_extend"),
]
