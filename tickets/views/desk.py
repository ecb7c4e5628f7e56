"""The ticket desks of the reader's sites: who takes a new ticket nobody assigned. Only a site's
supervisor or HR of a company serving it sets it; a site outside the reader's reach is 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from onsite.decorators import role_required
from onsite.forms import BootstrapForm
from onsite.org.models import Assignment, Site, Staff
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, refused
from tickets import permissions as rules
from tickets.models import SiteDesk
from tickets.services.desk import desk_set_default

MANAGERS = (Role.SUPERVISOR, Role.HR_ADMIN)


class DeskForm(BootstrapForm):
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("default assignee"),
        queryset=Staff.objects.none(),
        required=False,
        empty_label=gettext_lazy("Nobody: the supervisor assigns each ticket"),
    )

    def __init__(self, *args, site: Site, **kwargs):
        super().__init__(*args, **kwargs)
        placed = Assignment.objects.active_on(timezone.localdate()).filter(site=site)
        self.fields["assignee"].queryset = Staff.objects.filter(
            pk__in=placed.values("staff_id")
        ).order_by("name")


def _sites(user):
    sites = Site.objects.visible_to(user).order_by("name")
    return [site for site in sites if rules.may_edit_checklist(user, site)]


@role_required(*MANAGERS)
def desk_list(request):
    rows = []
    desks = {d.site_id: d for d in SiteDesk.objects.select_related("default_assignee")}
    for site in _sites(request.user):
        desk = desks.get(site.pk)
        initial = {"assignee": desk.default_assignee_id if desk else None}
        rows.append({"site": site, "desk": desk, "form": DeskForm(initial=initial, site=site)})
    return render(request, "tickets/desk.html", {"rows": rows})


@require_POST
@role_required(*MANAGERS)
def desk_set(request, site_pk: int):
    site = get_object_or_404(Site.objects.visible_to(request.user), pk=site_pk)
    if not rules.may_edit_checklist(request.user, site):
        raise PermissionDenied
    form = DeskForm(request.POST, site=site)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("tickets:desk")
    staff = form.cleaned_data["assignee"]
    try:
        desk_set_default(site=site, staff=staff, by=request.user)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(
            request,
            _("New tickets at %(site)s go to %(name)s.") % {"site": site.name, "name": staff.name}
            if staff
            else _("New tickets at %(site)s wait for the supervisor to assign them.")
            % {"site": site.name},
        )
    return redirect("tickets:desk")


urlpatterns = [
    path("desk/", desk_list, name="desk"),
    path("desk/<int:site_pk>/", desk_set, name="desk_set"),
]
