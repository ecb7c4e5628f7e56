"""Corrections (补卡): staff ask for a missing punch; a supervisor of the site (or HR) decides.
Each view loads its record through Correction.objects.visible_to (outside the scope: 404),
then checks the right to act (403)."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from attendance.forms.corrections import CorrectionForm, DecisionForm
from attendance.models import Correction, CorrectionStatus
from attendance.permissions import may_decide_correction as may_decide
from attendance.services.corrections import (
    correction_approve,
    correction_reject,
    correction_request,
    local_date,
)
from attendance.workflows import CORRECTION as CORRECTION_FLOW
from onsite.access import access_for
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, own_staff, page_of, refused

READERS = (Role.STAFF, Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER)


@role_required(*READERS)
def correction_list(request):
    """Pending requests first (what waits for the reader), then the decided ones, newest first."""
    corrections = (
        Correction.objects.visible_to(request.user)
        .select_related("staff", "site")
        .annotate(
            waiting=Case(
                When(status=CorrectionStatus.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "-created_at", "-pk")
    )
    status = request.GET.get("status", "")
    if status in CorrectionStatus.values:
        corrections = corrections.filter(status=status)
    else:
        status = ""
    page = page_of(request, corrections)
    for correction in page:
        zone = zoneinfo.ZoneInfo(correction.site.time_zone)
        correction.local_text = f"{correction.at.astimezone(zone):%Y-%m-%d %H:%M}"
    return render(
        request,
        "attendance/correction_list.html",
        {
            "page": page,
            "statuses": CorrectionStatus.choices,
            "status": status,
            "query": f"status={status}" if status else "",
            "can_request": access_for(request.user).staff_id is not None,
        },
    )


@login_required
def correction_new(request):
    staff = own_staff(request)
    initial = {"at": request.GET["at"]} if request.GET.get("at") else {}
    form = CorrectionForm(request.POST or None, staff=staff, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            correction = correction_request(
                staff=staff,
                at=form.cleaned_data["at"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your correction is sent to your supervisor."))
            return redirect("attendance:correction_detail", pk=correction.pk)
    return render(request, "attendance/correction_form.html", {"form": form})


def _visible(request, pk: int) -> Correction:
    return get_object_or_404(
        Correction.objects.visible_to(request.user).select_related("staff", "site", "decided_by"),
        pk=pk,
    )


@login_required
def correction_detail(request, pk: int):
    correction = _visible(request, pk)
    zone = zoneinfo.ZoneInfo(correction.site.time_zone)
    return render(
        request,
        "attendance/correction_detail.html",
        {
            "correction": correction,
            "local_text": f"{correction.at.astimezone(zone):%Y-%m-%d %H:%M}",
            "date": local_date(correction),
            "can_decide": correction.status == CorrectionStatus.PENDING
            and may_decide(request.user, correction),
            "decide_form": DecisionForm(),
            "history": history_entries(correction),
        },
    )


@login_required
@require_POST
def correction_decide(request, pk: int):
    correction = _visible(request, pk)
    # Two deciders at once: the second reads what happened (as for leave), not a 403.
    stale = CORRECTION_FLOW.stale(request.user, correction, request.POST.get("decision"))
    if stale:
        messages.error(request, stale)
        return redirect("attendance:correction_detail", pk=correction.pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("attendance:correction_detail", pk=correction.pk)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == DecisionForm.APPROVE:
            correction_approve(correction=correction, by=request.user, note=note)
            messages.success(request, _("Approved: the punch is added."))
        else:
            correction_reject(correction=correction, by=request.user, note=note)
            messages.success(request, _("The correction is rejected."))
    except Refused as refusal:
        refused(request, refusal)
    return redirect("attendance:correction_detail", pk=correction.pk)


urlpatterns = [
    path("corrections/", correction_list, name="correction_list"),
    path("corrections/new/", correction_new, name="correction_new"),
    path("corrections/<int:pk>/", correction_detail, name="correction_detail"),
    path("corrections/<int:pk>/decide/", correction_decide, name="correction_decide"),
]
