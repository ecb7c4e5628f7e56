"""Business trips (出差申请, SPEC §10): the list (a person's own; for a manager the trips waiting
for their decision and those decided), a new trip asked on a phone, the trip's page with the
manager's approve and reject buttons, and the decision itself.

Each view loads its trip through `Trip.objects.visible_to` (outside: 404); the workflow says who
may decide (403 otherwise); the services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onsite.access import access_for
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, own_staff, page_of, refused
from onsite.workflows import workflow_for
from staffing.forms.expenses import APPROVE, TripDecisionForm, TripForm
from staffing.models import Trip, TripStatus
from staffing.services import trips as services


def _trip(request, pk: int) -> Trip:
    return get_object_or_404(
        Trip.objects.visible_to(request.user).select_related(
            "staff", "site", "decided_by__staff_record"
        ),
        pk=pk,
    )


@role_required(Role.STAFF, Role.MANAGER)
@require_GET
def trips(request):
    user = request.user
    staff_id = access_for(user).staff_id
    visible = Trip.objects.visible_to(user).select_related("staff", "decided_by__staff_record")
    mine = list(visible.filter(staff_id=staff_id)[:50]) if staff_id else []
    flow = workflow_for("trip")
    waiting = list(
        visible.filter(pk__in=flow.waiting_for(user).values("pk")).order_by("start", "pk")
    )
    decided = None
    if access_for(user).has(Role.MANAGER):
        others = visible.exclude(status=TripStatus.PENDING)
        if staff_id:
            others = others.exclude(staff_id=staff_id)
        decided = page_of(request, others.order_by("-decided_at", "-pk"))
    return render(
        request,
        "staffing/expenses/trip_list.html",
        {
            "mine": mine,
            "waiting": waiting,
            "decided": decided,
            "can_ask": staff_id is not None,
        },
    )


@login_required
def trip_new(request):
    staff = own_staff(request)
    form = TripForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            trip = services.trip_request(staff=staff, by=request.user, **form.cleaned_data)
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your business trip is sent to a manager."))
            return redirect("staffing:trip_detail", trip.pk)
    return render(request, "staffing/expenses/trip_form.html", {"form": form})


@login_required
@require_GET
def trip_detail(request, pk: int):
    trip = _trip(request, pk)
    actions = workflow_for("trip").actions_for(request.user, trip)
    return render(
        request,
        "staffing/expenses/trip_detail.html",
        {
            "trip": trip,
            "actions": actions,
            "history": history_entries(trip),
        },
    )


@login_required
@require_POST
def trip_decide(request, pk: int):
    trip = _trip(request, pk)
    flow = workflow_for("trip")
    # Two managers at once: the second reads what happened, not a 403.
    stale = flow.stale(request.user, trip, request.POST.get("decision"))
    if stale:
        messages.error(request, stale)
        return redirect("staffing:trip_detail", trip.pk)
    form = TripDecisionForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("staffing:trip_detail", trip.pk)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        flow.perform(decision, record=trip, by=request.user, note=note)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(
            request,
            _("The trip is approved.") if decision == APPROVE else _("The trip is rejected."),
        )
    return redirect("staffing:trip_detail", trip.pk)


urlpatterns = [
    path("trips/", trips, name="trips"),
    path("trips/new/", trip_new, name="trip_new"),
    path("trips/<int:pk>/", trip_detail, name="trip_detail"),
    path("trips/<int:pk>/decide/", trip_decide, name="trip_decide"),
]
