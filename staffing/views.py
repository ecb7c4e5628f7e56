from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from onsite.access import access_for
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.roles import Role
from staffing.filters import StaffFilter
from staffing.models import Assignment, Site, Staff


@role_required(Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER)
def staff_list(request):
    staff = Staff.objects.visible_to(request.user)
    current = Assignment.objects.active_on(timezone.localdate()).filter(staff=OuterRef("pk"))
    staff = staff.select_related("company", "position").annotate(
        site_name=Subquery(current.order_by("-start").values("site__name")[:1])
    )
    filters = StaffFilter(request.GET, queryset=staff, user=request.user)
    page = Paginator(filters.qs.order_by("staff_no"), 50).get_page(request.GET.get("page"))
    return render(request, "staffing/staff_list.html", {"filter": filters, "page": page})


@login_required
def staff_detail(request, pk: int):
    staff = get_object_or_404(
        Staff.objects.visible_to(request.user).select_related("company", "department", "position"),
        pk=pk,
    )
    access = access_for(request.user)
    hr = access.is_hr_for(staff.company_id)
    assignments = staff.assignments.select_related("site", "contract", "position")
    return render(
        request,
        "staffing/staff_detail.html",
        {
            "staff": staff,
            "show_sensitive": hr,
            "assignments": assignments,
            "history": history_entries(staff, hidden={} if hr else Staff.HR_ONLY_FIELDS),
        },
    )


@login_required
def my_record(request):
    access = access_for(request.user)
    if access.staff_id is None:
        raise Http404
    return redirect("staffing:staff_detail", pk=access.staff_id)


@role_required(*Role)
def site_list(request):
    sites = Site.objects.visible_to(request.user).select_related("client").order_by("code")
    page = Paginator(sites, 50).get_page(request.GET.get("page"))
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
