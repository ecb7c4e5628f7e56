"""Overtime (加班, SPEC §8): staff ask before the day (after it only as an emergency, which the
site's supervisor confirms); the department head approves (workday overtime, the site's
supervisor too); HR files it; after the day HR or the supervisor confirms the hours against the
punches.

Each view loads its record through Overtime.objects.visible_to (outside the scope: 404), then
checks the right to act with the service's own `may_*` rules (403)."""

from __future__ import annotations

import datetime
import operator
from decimal import Decimal
from functools import reduce

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from attendance.forms.overtime import (
    CancelForm,
    DecisionForm,
    HoursForm,
    OvertimeForm,
    PreviewForm,
)
from attendance.models import DayKind, Overtime, OvertimeCategory, OvertimeStatus, Punch
from attendance.services.overtime import (
    WAITING_STATUSES,
    cap_check,
    day_span,
    hours_between,
    is_department_head,
    may_approve,
    may_confirm_emergency,
    may_confirm_hours,
    may_file,
    overtime_approve,
    overtime_cancel,
    overtime_category,
    overtime_confirm_emergency,
    overtime_confirm_hours,
    overtime_evidence,
    overtime_file,
    overtime_reject,
    overtime_request,
)
from attendance.workflows import OVERTIME as OVERTIME_FLOW
from onsite.access import access_for
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.org.models import Assignment, Staff
from onsite.policy import policy_for
from onsite.roles import Role
from onsite.templatetags.onsite import days
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, own_staff, page_of, refused

S = OvertimeStatus
READERS = (Role.STAFF, Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER)
# The list's filter of filed overtime whose day is past and whose hours nobody confirmed yet.
HOURS_TO_CONFIRM = "hours"
# Which decisions each stage takes; any other is refused before a service is asked.
STAGE_DECISIONS = {
    S.UNCONFIRMED: {DecisionForm.CONFIRM, DecisionForm.REJECT},
    S.PENDING: {DecisionForm.APPROVE, DecisionForm.REJECT},
    S.APPROVED: {DecisionForm.FILE, DecisionForm.REJECT},
}


def _hours_due(today: datetime.date) -> Q:
    return Q(status=S.FILED, date__lt=today, confirmed_at__isnull=True)


def _waiting_for(user, today: datetime.date) -> Q:
    """The rows that wait for `user`: the stage they act on, or, for staff, their own requests
    still under way."""
    access = access_for(user)
    if access.is_superuser:
        return Q(status__in=WAITING_STATUSES) | _hours_due(today)
    heads = Q(staff__company_id__in=access.manager_companies) | Q(
        staff__department_id__in=access.manager_departments
    )
    # Rest-day and holiday overtime waits for the department head only (services.overtime).
    supervisor = Q(site_id__in=access.supervised_sites) & (
        Q(status=S.UNCONFIRMED)
        | Q(status=S.PENDING, category=OvertimeCategory.WORKDAY)
        | _hours_due(today)
    )
    hr = Q(staff__company_id__in=access.hr_companies) & (Q(status=S.APPROVED) | _hours_due(today))
    others = supervisor | (heads & Q(status=S.PENDING)) | hr
    if access.staff_id is None:
        return others
    return (others & ~Q(staff_id=access.staff_id)) | Q(
        staff_id=access.staff_id, status__in=WAITING_STATUSES
    )


def _without_punches(rows, today: datetime.date) -> set[int]:
    """The approved or filed overtime of a past day, hours not confirmed yet, that has no punch
    that day at its site's clock. One query for the whole page."""
    candidates = [
        o
        for o in rows
        if o.status in (S.APPROVED, S.FILED) and o.date < today and o.confirmed_at is None
    ]
    if not candidates:
        return set()
    spans = {o.pk: day_span(o) for o in candidates}
    punched = Punch.objects.filter(
        reduce(
            operator.or_,
            (
                Q(staff_id=o.staff_id, at__gte=spans[o.pk][0], at__lt=spans[o.pk][1])
                for o in candidates
            ),
        )
    ).values_list("staff_id", "at")
    found = {
        o.pk
        for staff_id, at in punched
        for o in candidates
        if o.staff_id == staff_id and spans[o.pk][0] <= at < spans[o.pk][1]
    }
    return {o.pk for o in candidates} - found


@role_required(*READERS)
def overtime_list(request):
    """What waits for the reader first, then the newest days."""
    today = timezone.localdate()
    access = access_for(request.user)
    rows = (
        Overtime.objects.visible_to(request.user)
        .select_related("staff", "site")
        .annotate(
            waiting=Case(
                When(_waiting_for(request.user, today), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "-date", "-start_time", "-pk")
    )
    confirms_hours = access.is_hr or bool(access.supervised_sites)
    status = request.GET.get("status", "")
    if status in S.values:
        rows = rows.filter(status=status)
    elif status == HOURS_TO_CONFIRM and confirms_hours:
        rows = rows.filter(_hours_due(today))
    else:
        status = ""
    page = page_of(request, rows)
    punchless = _without_punches(page, today)
    for overtime in page:
        overtime.no_punches = overtime.punches_missing or overtime.pk in punchless
    return render(
        request,
        "attendance/overtime_list.html",
        {
            "page": page,
            "statuses": S.choices,
            "status": status,
            "hours_filter": HOURS_TO_CONFIRM if confirms_hours else "",
            "query": f"status={status}" if status else "",
            "can_request": access.staff_id is not None,
        },
    )


def _preview(staff: Staff, data) -> dict:
    """The hint under the request's fields: the day's category and rate, the hours, the caps."""
    form = PreviewForm(data)
    if not form.is_valid() or form.cleaned_data["date"] is None:
        return {"ready": False}
    date = form.cleaned_data["date"]
    placement = Assignment.objects.placement_of(staff, date)
    if placement is None:
        return {"ready": True, "placed": False, "date": date}
    policy = policy_for(company=staff.company, site=placement.site)
    day = overtime_category(site_id=placement.site_id, date=date, policy=policy)
    context = {
        "ready": True,
        "placed": True,
        "date": date,
        "past": date < timezone.localdate(),
        "day": day,
        "kind": DayKind(day.day_kind).label,
        # The day's own name (国庆节) when it has one besides its kind.
        "day_name": "" if day.label == str(DayKind(day.day_kind).label) else day.label,
        "category": OvertimeCategory(day.category).label,
        "time_off": day.category == OvertimeCategory.REST_DAY,
    }
    start, end = form.cleaned_data["start_time"], form.cleaned_data["end_time"]
    if start and end:
        hours = hours_between(start, end) if start < end else Decimal(0)
        context["hours"] = hours
        if hours > 0:
            context["caps"] = cap_check(staff=staff, date=date, hours=hours, policy=policy)
    return context


@login_required
def overtime_new(request):
    staff = own_staff(request)
    form = OvertimeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            overtime = overtime_request(
                staff=staff,
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                reason=data["reason"],
                compensation=data["compensation"],
                emergency=data["emergency"],
                by=request.user,
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _sent_message(overtime))
            return redirect("attendance:overtime_detail", pk=overtime.pk)
    return render(
        request,
        "attendance/overtime_form.html",
        {"form": form, **_preview(staff, request.POST if form.is_bound else {})},
    )


def _sent_message(overtime: Overtime) -> str:
    if overtime.status == S.UNCONFIRMED:
        sent = _("Your emergency overtime is sent: your supervisor confirms it first.")
    else:
        sent = _("Your overtime request is sent for approval.")
    if overtime.over_cap:
        return " ".join(
            (
                sent,
                _(
                    "It is beyond the legal cap on overtime (Labour Law art. 41): only a manager "
                    "can approve it, with a reason."
                ),
            )
        )
    return sent


@require_GET
@login_required
def overtime_preview(request):
    """An htmx fragment under the date and time fields of the request form."""
    staff = own_staff(request)
    return render(request, "attendance/_overtime_preview.html", _preview(staff, request.GET))


def _visible(request, pk: int) -> Overtime:
    return get_object_or_404(
        Overtime.objects.visible_to(request.user).select_related(
            "staff", "site", "approved_by", "filed_by", "confirmed_by", "created_by"
        ),
        pk=pk,
    )


@login_required
def overtime_detail(request, pk: int):
    overtime = _visible(request, pk)
    user, today = request.user, timezone.localdate()
    own = access_for(user).staff_id == overtime.staff_id
    context = {
        "overtime": overtime,
        "day_kind": DayKind(overtime.day_kind).label,
        "history": history_entries(overtime),
        "can_confirm": overtime.status == S.UNCONFIRMED and may_confirm_emergency(user, overtime),
        "can_approve": overtime.status == S.PENDING and may_approve(user, overtime),
        "can_file": overtime.status == S.APPROVED and may_file(user, overtime),
        "can_cancel": own and overtime.status in WAITING_STATUSES,
        "can_confirm_hours": overtime.status == S.FILED
        and overtime.date < today
        and overtime.confirmed_at is None
        and may_confirm_hours(user, overtime),
        "no_punches": overtime.punches_missing,
        "decide_form": DecisionForm(),
        "cancel_form": CancelForm(),
    }
    if context["can_approve"]:
        # Counted again now, as the approval will: other requests may have been approved since.
        context["caps"] = cap_check(
            staff=overtime.staff,
            date=overtime.date,
            hours=overtime.hours,
            policy=policy_for(company=overtime.staff.company, site=overtime.site),
            exclude=overtime.pk,
        )
        context["is_head"] = is_department_head(user, overtime)
    if overtime.status in (S.APPROVED, S.FILED) and overtime.date < today:
        evidence = overtime_evidence(overtime=overtime)
        context["evidence"] = evidence
        context["no_punches"] = overtime.punches_missing or evidence.missing
        context["hours_form"] = HoursForm(initial={"hours": evidence.hours})
    return render(request, "attendance/overtime_detail.html", context)


def _done_message(decision: str) -> str:
    return {
        DecisionForm.CONFIRM: _("Emergency confirmed: the overtime now waits for approval."),
        DecisionForm.APPROVE: _("Approved: HR files it next."),
        DecisionForm.REJECT: _("The overtime is rejected."),
        DecisionForm.FILE: _("Filed: the overtime counts in its month."),
    }[decision]


@login_required
@require_POST
def overtime_decide(request, pk: int):
    overtime = _visible(request, pk)
    back = redirect("attendance:overtime_detail", pk=overtime.pk)
    # Two deciders at once: the second reads what happened (as for leave), not a 403.
    stale = OVERTIME_FLOW.stale(request.user, overtime, request.POST.get("decision"))
    if stale:
        messages.error(request, stale)
        return back
    form = DecisionForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return back
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    if decision not in STAGE_DECISIONS[overtime.status]:
        messages.error(
            request,
            _("This overtime is “%(status)s”: that decision does not apply now.")
            % {"status": overtime.get_status_display()},
        )
        return back
    try:
        if decision == DecisionForm.CONFIRM:
            overtime_confirm_emergency(overtime=overtime, by=request.user, note=note)
        elif decision == DecisionForm.APPROVE:
            overtime_approve(
                overtime=overtime,
                by=request.user,
                note=note,
                override_reason=form.cleaned_data["override_reason"],
            )
        elif decision == DecisionForm.FILE:
            overtime_file(overtime=overtime, by=request.user, note=note)
        else:
            overtime_reject(overtime=overtime, by=request.user, note=note)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _done_message(decision))
    return back


@login_required
@require_POST
def overtime_cancel_view(request, pk: int):
    overtime = _visible(request, pk)
    if access_for(request.user).staff_id != overtime.staff_id:
        raise PermissionDenied
    form = CancelForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
    else:
        try:
            overtime_cancel(overtime=overtime, by=request.user, reason=form.cleaned_data["reason"])
        except Refused as refusal:
            refused(request, refusal)
        else:
            messages.success(request, _("Your overtime request is withdrawn."))
    return redirect("attendance:overtime_detail", pk=overtime.pk)


@login_required
@require_POST
def overtime_hours(request, pk: int):
    overtime = _visible(request, pk)
    if not may_confirm_hours(request.user, overtime):
        raise PermissionDenied
    form = HoursForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
    else:
        try:
            done = overtime_confirm_hours(
                overtime=overtime,
                hours=form.cleaned_data["hours"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except Refused as refusal:
            refused(request, refusal)
        else:
            messages.success(
                request, _("Hours confirmed: %(hours)s.") % {"hours": days(done.actual_hours)}
            )
    return redirect("attendance:overtime_detail", pk=overtime.pk)


urlpatterns = [
    path("overtime/", overtime_list, name="overtime_list"),
    path("overtime/new/", overtime_new, name="overtime_new"),
    path("overtime/preview/", overtime_preview, name="overtime_preview"),
    path("overtime/<int:pk>/", overtime_detail, name="overtime_detail"),
    path("overtime/<int:pk>/decide/", overtime_decide, name="overtime_decide"),
    path("overtime/<int:pk>/cancel/", overtime_cancel_view, name="overtime_cancel"),
    path("overtime/<int:pk>/hours/", overtime_hours, name="overtime_hours"),
]
