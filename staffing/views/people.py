from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onsite.access import access_for, acts_on_self, refuse_own_record
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.org.models import Assignment, Staff, StaffStatus
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import ROSTER_PAGE_SIZE, page_of
from staffing.filters import StaffFilter
from staffing.forms import AssignmentForm, CheckForm, RecordForm, StaffForm, StatusForm
from staffing.models import Condition, QualificationCheck
from staffing.permissions import sees_bank_account
from staffing.services import qualification, records
from staffing.services.assignments import assignment_create
from staffing.services.staff import (
    DECIDED_BY_OTHERS,
    STAFF_TRANSITIONS,
    staff_change_status,
    staff_create,
    staff_update,
)

CONDITION_ORDER = {condition: index for index, condition in enumerate(Condition)}


def _status_choices(staff: Staff) -> list[tuple[str, str]]:
    """The statuses the person may move to, in the order of the status list."""
    allowed = STAFF_TRANSITIONS[staff.status]
    return [("", _("Choose…"))] + [(s.value, s.label) for s in StaffStatus if s in allowed]


def _staff_for_hr(request, pk: int, *, deciding: bool = True) -> Staff:
    """The person if the user may see them (else 404) and is HR of their company (else 403).
    Deciding on a person (status, register, checks, placements) is never on oneself (403)."""
    staff = get_object_or_404(Staff.objects.visible_to(request.user), pk=pk)
    if not access_for(request.user).is_hr_for(staff.company_id):
        raise PermissionDenied
    if deciding:
        refuse_own_record(by=request.user, staff=staff)
    return staff


@role_required(Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER)
def staff_list(request):
    staff = Staff.objects.visible_to(request.user)
    current = Assignment.objects.active_on(timezone.localdate()).filter(staff=OuterRef("pk"))
    staff = staff.select_related("company", "position").annotate(
        site_name=Subquery(current.order_by("-start").values("site__name")[:1])
    )
    filters = StaffFilter(request.GET, queryset=staff, user=request.user)
    page = page_of(request, filters.qs.order_by("staff_no"), per_page=ROSTER_PAGE_SIZE)
    return render(request, "staffing/staff_list.html", {"filter": filters, "page": page})


@login_required
def staff_detail(request, pk: int):
    staff = get_object_or_404(
        Staff.objects.visible_to(request.user).select_related(
            "company", "department", "position", "bank_account"
        ),
        pk=pk,
    )
    hr = access_for(request.user).is_hr_for(staff.company_id)
    # An HR admin reads her own record in full but decides nothing on it.
    decides = hr and not acts_on_self(request.user, staff)
    return render(
        request,
        "staffing/staff_detail.html",
        {
            "staff": staff,
            "show_sensitive": hr,
            "assignments": staff.assignments.select_related("site", "contract", "position"),
            "checks": sorted(
                staff.checks.select_related("verified_by"),
                key=lambda c: CONDITION_ORDER[c.condition],
            ),
            "records": staff.records.select_related("site"),
            "history": history_entries(staff, hidden={} if hr else Staff.HR_ONLY_FIELDS),
            "decides": decides,
            # The bank account whole for HR and finance of the company, masked for the rest.
            "sees_bank": sees_bank_account(request.user, staff),
            "status_form": StatusForm(choices=_status_choices(staff)) if decides else None,
            "record_form": RecordForm(user=request.user) if decides else None,
            "check_form": CheckForm() if decides else None,
        },
    )


@login_required
def my_record(request):
    access = access_for(request.user)
    if access.staff_id is None:
        raise Http404
    return redirect("staffing:staff_detail", pk=access.staff_id)


@role_required(Role.HR_ADMIN)
def staff_new(request):
    form = StaffForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        staff = staff_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s was added as a candidate.") % {"name": staff.name})
        return redirect("staffing:staff_detail", pk=staff.pk)
    return render(request, "staffing/staff_form.html", {"form": form})


@login_required
def staff_edit(request, pk: int):
    # Her own contact details an HR admin corrects; her pay and place are decided by others.
    staff = _staff_for_hr(request, pk, deciding=False)
    form = StaffForm(
        request.POST or None,
        instance=staff,
        user=request.user,
        locked=DECIDED_BY_OTHERS if acts_on_self(request.user, staff) else (),
    )
    if request.method == "POST" and form.is_valid():
        staff_update(staff=staff, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("staffing:staff_detail", pk=staff.pk)
    return render(request, "staffing/staff_form.html", {"form": form, "staff": staff})


@login_required
@require_POST
def staff_status(request, pk: int):
    staff = _staff_for_hr(request, pk)
    form = StatusForm(request.POST, choices=_status_choices(staff))
    if not form.is_valid():
        messages.error(request, _("Choose the new status and give a reason."))
    else:
        try:
            staff_change_status(
                staff=staff,
                to=form.cleaned_data["to"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(
                request,
                _("Status changed to “%(status)s”.") % {"status": staff.get_status_display()},
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
    return redirect("staffing:staff_detail", pk=staff.pk)


@login_required
@require_POST
def check_record(request, pk: int):
    check = get_object_or_404(QualificationCheck.objects.visible_to(request.user), pk=pk)
    _staff_for_hr(request, check.staff_id)
    form = CheckForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            qualification.check_record(check=check, by=request.user, **form.cleaned_data)
            messages.success(
                request, _("%(check)s recorded.") % {"check": check.get_condition_display()}
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
    return redirect("staffing:staff_detail", pk=check.staff_id)


@login_required
def check_evidence(request, pk: int):
    """Evidence files leave only through here: to HR of the person's company and the person."""
    check = get_object_or_404(QualificationCheck.objects.visible_to(request.user), pk=pk)
    access = access_for(request.user)
    if not (access.is_hr_for(check.staff.company_id) or access.staff_id == check.staff_id):
        raise PermissionDenied
    if not check.evidence:
        raise Http404
    response = FileResponse(check.evidence.open("rb"), as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def record_add(request, pk: int):
    staff = _staff_for_hr(request, pk)
    form = RecordForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            records.record_add(staff=staff, by=request.user, **form.cleaned_data)
            messages.success(request, _("Entry added to the register."))
        except Refused as refusal:
            messages.error(request, str(refusal))
    return redirect("staffing:staff_detail", pk=staff.pk)


@login_required
def assignment_new(request, pk: int):
    staff = _staff_for_hr(request, pk)
    form = AssignmentForm(request.POST or None, staff=staff, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = assignment_create(staff=staff, by=request.user, **form.cleaned_data)
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("%(name)s is placed at %(site)s from %(start)s.")
                % {"name": staff.name, "site": assignment.site.name, "start": assignment.start},
            )
            return redirect("staffing:staff_detail", pk=staff.pk)
    return render(request, "staffing/assignment_form.html", {"form": form, "staff": staff})
