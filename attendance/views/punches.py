"""Punches entered by people: staff checking in on the web, HR or a supervisor entering a punch
by hand, and absences marked (or unmarked) by hand."""

from __future__ import annotations

import datetime
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from attendance.forms.punches import MarkForm, PunchForm, UnmarkForm
from attendance.models import AbsenceMark, Day, Punch
from attendance.services.marks import absence_mark, absence_unmark
from attendance.services.punches import may_act_for, placements_at, punch_add_manual, punch_check_in
from onsite.decorators import role_required
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, own_staff, refused

ACTORS = (Role.HR_ADMIN, Role.SUPERVISOR)


def person_month_url(staff_id: int, date: datetime.date) -> str:
    return reverse("attendance:person_month", args=[staff_id, f"{date:%Y-%m}"])


# --- checking in on the web -------------------------------------------------------------------


@role_required(Role.STAFF)
def check_in(request):
    """The person's today: where they are placed, their punches so far, and one big button.
    The first punch of the day checks in, the last checks out; every click is a punch."""
    staff = own_staff(request)
    if request.method == "POST":
        try:
            punch = punch_check_in(staff=staff, by=request.user)
        except Refused as refusal:
            refused(request, refusal)
        else:
            local = timezone.localtime(punch.at, zoneinfo.ZoneInfo(punch.site.time_zone))
            messages.success(request, _("Punch recorded at %(time)s.") % {"time": f"{local:%H:%M}"})
        # The home page punches here too and wants its reader back.
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return redirect(back)
        return redirect("attendance:check_in")
    now = timezone.now()
    placements = placements_at(staff=staff, at=now)
    placement, local_now = placements[0] if placements else (None, timezone.localtime(now))
    zone = local_now.tzinfo
    today = local_now.date()
    day_start = datetime.datetime.combine(today, datetime.time(), zone)
    # Shown as text: the template would otherwise turn times into the server's time zone.
    punches = [
        f"{timezone.localtime(at, zone):%H:%M}"
        for at in Punch.objects.filter(
            staff=staff, at__gte=day_start, at__lt=day_start + datetime.timedelta(days=1)
        ).values_list("at", flat=True)
    ]
    return render(
        request,
        "attendance/check_in.html",
        {
            "staff": staff,
            "placement": placement,
            "today": today,
            "now_text": f"{local_now:%H:%M}",
            "punches": punches,
            "day": Day.objects.filter(staff=staff, date=today).first(),
        },
    )


# --- punches and absence marks entered by HR or a supervisor -----------------------------------


def _initial(request, *names: str) -> dict:
    return {name: request.GET[name] for name in names if request.GET.get(name)}


@role_required(*ACTORS)
def punch_add(request):
    form = PunchForm(
        request.POST or None, user=request.user, initial=_initial(request, "staff", "at")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            punch_add_manual(
                staff=data["staff"], at=data["at"], reason=data["reason"], by=request.user
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Punch at %(time)s added for %(name)s.")
                % {"time": f"{data['at']:%Y-%m-%d %H:%M}", "name": data["staff"].name},
            )
            return redirect(person_month_url(data["staff"].pk, data["at"].date()))
    return render(request, "attendance/punch_form.html", {"form": form})


@role_required(*ACTORS)
def mark_add(request):
    form = MarkForm(
        request.POST or None, user=request.user, initial=_initial(request, "staff", "date")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            absence_mark(
                staff=data["staff"],
                date=data["date"],
                reason=data["reason"],
                note=data["note"],
                by=request.user,
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("%(name)s is marked absent on %(date)s.")
                % {"name": data["staff"].name, "date": data["date"].isoformat()},
            )
            return redirect(person_month_url(data["staff"].pk, data["date"]))
    return render(request, "attendance/mark_form.html", {"form": form})


@login_required
@require_POST
def mark_remove(request, pk: int):
    mark = get_object_or_404(
        AbsenceMark.objects.visible_to(request.user).select_related("staff", "site"), pk=pk
    )
    if not may_act_for(request.user, staff=mark.staff, site_id=mark.site_id):
        raise PermissionDenied
    form = UnmarkForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
    else:
        try:
            absence_unmark(mark=mark, by=request.user, reason=form.cleaned_data["reason"])
        except Refused as refusal:
            refused(request, refusal)
        else:
            messages.success(
                request,
                _("The absence mark of %(name)s on %(date)s is removed.")
                % {"name": mark.staff.name, "date": mark.date.isoformat()},
            )
    return redirect(person_month_url(mark.staff_id, mark.date))


urlpatterns = [
    path("check-in/", check_in, name="check_in"),
    path("punches/new/", punch_add, name="punch_add"),
    path("absences/new/", mark_add, name="mark_add"),
    path("absences/<int:pk>/remove/", mark_remove, name="mark_remove"),
]
