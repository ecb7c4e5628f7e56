from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite.access import access_for
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.org.models import Assignment, Site, Staff
from onsite.roles import Role
from onsite.signals import schedule_changed_send
from onsite.viewhelpers import ROSTER_PAGE_SIZE, page_of
from staffing.forms import SiteForm


@role_required(*Role)
def site_list(request):
    sites = Site.objects.visible_to(request.user).select_related("client").order_by("code")
    page = page_of(request, sites, per_page=ROSTER_PAGE_SIZE)
    return render(request, "staffing/site_list.html", {"page": page})


@login_required
def site_detail(request, pk: int):
    site = get_object_or_404(Site.objects.visible_to(request.user).select_related("client"), pk=pk)
    visible_staff = Staff.objects.visible_to(request.user).values("pk")
    placed = (
        Assignment.objects.active_today()
        .filter(site=site, staff__in=visible_staff)
        .select_related("staff", "position", "contract")
        .order_by("staff__staff_no")
    )
    supervisors = site.role_grants.filter(role=Role.SUPERVISOR).select_related("user")
    return render(
        request,
        "staffing/site_detail.html",
        {
            "site": site,
            "placed": placed,
            "on_site_count": Assignment.objects.active_today().filter(site=site).count(),
            "supervisors": supervisors,
            "history": history_entries(site),
        },
    )


@login_required
def site_edit(request, pk: int):
    site = get_object_or_404(Site.objects.visible_to(request.user), pk=pk)
    access = access_for(request.user)
    if not (
        access.is_superuser or site.contracts.filter(company_id__in=access.hr_companies).exists()
    ):
        raise PermissionDenied
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        site = form.save(commit=False)
        site._history_user = request.user
        site.save()
        if "schedule" in form.changed_data:
            # The open days of this month are judged against the new schedule from now on.
            today = timezone.localdate()
            schedule_changed_send(
                sender=Site, site_ids=[site.pk], start=today.replace(day=1), end=today
            )
        messages.success(request, _("Saved."))
        return redirect("staffing:site_detail", pk=site.pk)
    return render(request, "staffing/site_form.html", {"form": form, "site": site})
