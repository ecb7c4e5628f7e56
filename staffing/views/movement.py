"""Pages of entering and leaving a site (SPEC §4). Each view loads its record through a scoped
queryset first (outside the scope: 404), then checks the right to act (403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onsite.access import access_for
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.org.models import Assignment, Company
from onsite.pdf import pdf_response, render_pdf
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, page_of, refused
from onsite.workflows import workflow_for
from staffing.forms.movement import (
    ChangeNoticeForm,
    DecisionForm,
    NoticeAnswerForm,
    OffboardingItemForm,
    OffboardingStartForm,
    OnboardingItemForm,
    RejectionForm,
    ResignationForm,
)
from staffing.models import (
    ChangeNotice,
    ChangeNoticeStatus,
    Offboarding,
    OffboardingStatus,
    Resignation,
    ResignationStatus,
)
from staffing.permissions import may_confirm_notice
from staffing.selectors.movement import (
    may_decide_resignation,
    may_offboard,
    may_tick,
    notice_companies,
    offboarding_rows,
    onboarding_rows,
    rotation_due,
)
from staffing.services import movement as services
from staffing.services import notices

PLACEMENT = ("staff", "staff__company", "site", "site__client", "contract", "position")


# --- onboarding -------------------------------------------------------------------------------


@login_required
def onboarding_detail(request, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related(*PLACEMENT), pk=pk
    )
    rows = onboarding_rows(assignment)
    return render(
        request,
        "staffing/movement/onboarding_detail.html",
        {
            "assignment": assignment,
            "rows": rows,
            "done_count": sum(row.done for row in rows),
            "complete": all(row.done for row in rows),
            "can_tick": may_tick(request.user, assignment),
        },
    )


@login_required
@require_POST
def onboarding_item(request, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related(*PLACEMENT), pk=pk
    )
    if not may_tick(request.user, assignment):
        raise PermissionDenied
    form = OnboardingItemForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
    elif form.cleaned_data["action"] == "reopen":
        services.onboarding_item_reopen(
            assignment=assignment, kind=form.cleaned_data["kind"], by=request.user
        )
        messages.success(request, _("The item is open again."))
    else:
        item = services.onboarding_item_record(
            assignment=assignment,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("Done: %(item)s.") % {"item": item.get_kind_display()})
    return redirect("staffing:onboarding_detail", pk=assignment.pk)


# --- offboarding ------------------------------------------------------------------------------


def _offboarding_page(request, assignment, *, start_form=None, status=200):
    offboarding = (
        Offboarding.objects.filter(assignment=assignment)
        .select_related("successor", "resignation", "started_by", "completed_by")
        .first()
    )
    hr = may_offboard(request.user, assignment)
    rows = offboarding_rows(offboarding) if offboarding else []
    context = {
        "assignment": assignment,
        "offboarding": offboarding,
        "rows": rows,
        "done_count": sum(row.done for row in rows),
        "open_count": sum(not row.done for row in rows),
        "can_start": hr and offboarding is None,
        "can_tick": offboarding is not None
        and offboarding.status == OffboardingStatus.OPEN
        and may_tick(request.user, assignment),
        "can_complete": hr,
        "start_form": start_form
        if start_form is not None
        else OffboardingStartForm(assignment=assignment),
        "history": history_entries(offboarding) if offboarding else [],
    }
    return render(request, "staffing/movement/offboarding_detail.html", context, status=status)


@login_required
def offboarding_detail(request, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related(*PLACEMENT), pk=pk
    )
    return _offboarding_page(request, assignment)


@login_required
@require_POST
def offboarding_start(request, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related(*PLACEMENT), pk=pk
    )
    if not may_offboard(request.user, assignment):
        raise PermissionDenied
    form = OffboardingStartForm(request.POST, assignment=assignment)
    if form.is_valid():
        try:
            services.offboarding_start(
                assignment=assignment,
                reason=form.cleaned_data["reason"],
                leaving_on=form.cleaned_data["leaving_on"],
                successor=form.cleaned_data["successor"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Offboarding of %(name)s has started.") % {"name": assignment.staff.name},
            )
            return redirect("staffing:offboarding_detail", pk=assignment.pk)
    return _offboarding_page(request, assignment, start_form=form)


@login_required
@require_POST
def offboarding_item(request, pk: int):
    offboarding = get_object_or_404(
        Offboarding.objects.visible_to(request.user).select_related(
            "assignment__staff", "assignment__site"
        ),
        pk=pk,
    )
    if not may_tick(request.user, offboarding.assignment):
        raise PermissionDenied
    form = OffboardingItemForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("staffing:offboarding_detail", pk=offboarding.assignment_id)
    item = offboarding.items.get(kind=form.cleaned_data["kind"])
    item.offboarding = offboarding
    try:
        if form.cleaned_data["action"] == "reopen":
            services.offboarding_item_reopen(item=item, by=request.user)
            messages.success(request, _("The item is open again."))
        else:
            services.offboarding_item_record(
                item=item, note=form.cleaned_data["note"], by=request.user
            )
            messages.success(request, _("Done: %(item)s.") % {"item": item.get_kind_display()})
    except Refused as refusal:
        refused(request, refusal)
    return redirect("staffing:offboarding_detail", pk=offboarding.assignment_id)


@login_required
@require_POST
def offboarding_complete(request, pk: int):
    offboarding = get_object_or_404(
        Offboarding.objects.visible_to(request.user).select_related(
            "assignment__staff", "assignment__site"
        ),
        pk=pk,
    )
    if not may_offboard(request.user, offboarding.assignment):
        raise PermissionDenied
    try:
        services.offboarding_complete(offboarding=offboarding, by=request.user)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(
            request,
            _("%(name)s has left %(site)s.")
            % {
                "name": offboarding.assignment.staff.name,
                "site": offboarding.assignment.site.name,
            },
        )
    return redirect("staffing:offboarding_detail", pk=offboarding.assignment_id)


@login_required
def offboarding_handover_pdf(request, pk: int):
    offboarding = get_object_or_404(
        Offboarding.objects.visible_to(request.user).select_related(
            *(f"assignment__{name}" for name in PLACEMENT),
            "assignment__staff__department",
            "successor",
            "resignation",
        ),
        pk=pk,
    )
    assignment = offboarding.assignment
    pdf = render_pdf(
        template="pdf/handover.html",
        context={
            "offboarding": offboarding,
            "assignment": assignment,
            "staff": assignment.staff,
            "rows": offboarding_rows(offboarding),
        },
    )
    filename = f"{_('Handover form')}-{assignment.staff.name}-{assignment.site.name}.pdf"
    return pdf_response(pdf, filename)


# --- change notices ---------------------------------------------------------------------------


@role_required(Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER)
def change_notice_list(request):
    notices = ChangeNotice.objects.visible_to(request.user).select_related(
        "site", "leaving", "incoming", "overridden_by"
    )
    page = page_of(request, notices)
    access = access_for(request.user)
    can_file = access.is_superuser or access.has(Role.HR_ADMIN) or bool(access.manager_companies)
    return render(
        request, "staffing/movement/change_notice_list.html", {"page": page, "can_file": can_file}
    )


@role_required(Role.HR_ADMIN, Role.MANAGER)
def change_notice_create(request):
    if not (request.user.is_superuser or notice_companies(request.user)):
        raise PermissionDenied  # a department manager: notices are filed for a whole company
    form = ChangeNoticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = notices.change_notice_file(
                site=data["site"],
                kind=data["kind"],
                leaving=data["leaving"],
                incoming=data["incoming"],
                planned_on=data["planned_on"],
                reason=data["reason"],
                override_reason=data.get("override_reason", ""),
                by=request.user,
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The change notice is filed."))
            return redirect("staffing:change_notice_detail", pk=notice.pk)
    return render(request, "staffing/movement/change_notice_form.html", {"form": form})


def _visible_notice(request, pk: int) -> ChangeNotice:
    return get_object_or_404(
        ChangeNotice.objects.visible_to(request.user).select_related(
            "company", "site", "leaving", "incoming", "filed_by", "overridden_by", "decided_by"
        ),
        pk=pk,
    )


@login_required
def change_notice_detail(request, pk: int):
    notice = _visible_notice(request, pk)
    return render(
        request,
        "staffing/movement/change_notice_detail.html",
        {
            "notice": notice,
            "can_answer": notice.status == ChangeNoticeStatus.FILED
            and may_confirm_notice(request.user, notice),
            "answer_form": NoticeAnswerForm(),
            "history": history_entries(notice),
        },
    )


@login_required
@require_POST
def change_notice_answer(request, pk: int):
    notice = _visible_notice(request, pk)
    # Two supervisors at once: the second reads what happened, not a 403.
    stale = workflow_for("change_notice").stale(request.user, notice, request.POST.get("decision"))
    if stale:
        messages.error(request, stale)
        return redirect("staffing:change_notice_detail", pk=notice.pk)
    form = NoticeAnswerForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("staffing:change_notice_detail", pk=notice.pk)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == NoticeAnswerForm.CONFIRM:
            notices.change_notice_confirm(notice=notice, by=request.user, note=note)
            messages.success(request, _("The change notice is confirmed."))
        else:
            notices.change_notice_return(notice=notice, by=request.user, note=note)
            messages.success(request, _("The change notice is returned."))
    except Refused as refusal:
        refused(request, refusal)
    return redirect("staffing:change_notice_detail", pk=notice.pk)


# --- resignations -----------------------------------------------------------------------------


@role_required(Role.STAFF, Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER)
def resignation_list(request):
    resignations = Resignation.objects.visible_to(request.user).select_related(
        "staff", "assignment__site"
    )
    status = request.GET.get("status", "")
    if status in ResignationStatus.values:
        resignations = resignations.filter(status=status)
    else:
        status = ""
    page = page_of(request, resignations)
    return render(
        request,
        "staffing/movement/resignation_list.html",
        {
            "page": page,
            "statuses": ResignationStatus.choices,
            "status": status,
            "query": f"status={status}" if status else "",
            "can_apply": access_for(request.user).staff_id is not None,
        },
    )


@login_required
def resignation_create(request):
    staff_id = access_for(request.user).staff_id
    if staff_id is None:
        raise PermissionDenied
    form = ResignationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        staff = request.user.staff_record
        try:
            resignation = services.resignation_apply(
                staff=staff,
                leaving_on=form.cleaned_data["leaving_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your resignation is sent for approval."))
            return redirect("staffing:resignation_detail", pk=resignation.pk)
    return render(request, "staffing/movement/resignation_form.html", {"form": form})


def _resignation_page(request, resignation, *, rejection_form=None, status=200):
    access = access_for(request.user)
    pending = resignation.status == ResignationStatus.PENDING
    return render(
        request,
        "staffing/movement/resignation_detail.html",
        {
            "resignation": resignation,
            "can_decide": pending and may_decide_resignation(request.user, resignation),
            "can_withdraw": pending and access.staff_id == resignation.staff_id,
            "approval_form": DecisionForm(),
            "rejection_form": rejection_form or RejectionForm(),
            "history": history_entries(resignation),
        },
        status=status,
    )


def _visible_resignation(request, pk: int) -> Resignation:
    return get_object_or_404(
        Resignation.objects.visible_to(request.user).select_related(
            "staff", "assignment__site", "decided_by", "offboarding"
        ),
        pk=pk,
    )


@login_required
def resignation_detail(request, pk: int):
    resignation = _visible_resignation(request, pk)
    return _resignation_page(request, resignation)


@login_required
@require_POST
def resignation_approve(request, pk: int):
    resignation = _visible_resignation(request, pk)
    if not may_decide_resignation(request.user, resignation):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    note = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.resignation_approve(resignation=resignation, note=note, by=request.user)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(
            request,
            _("Approved. The offboarding of %(name)s has started.")
            % {"name": resignation.staff.name},
        )
    return redirect("staffing:resignation_detail", pk=resignation.pk)


@login_required
@require_POST
def resignation_reject(request, pk: int):
    resignation = _visible_resignation(request, pk)
    if not may_decide_resignation(request.user, resignation):
        raise PermissionDenied
    form = RejectionForm(request.POST)
    if not form.is_valid():
        return _resignation_page(request, resignation, rejection_form=form)
    try:
        services.resignation_reject(
            resignation=resignation, reason=form.cleaned_data["reason"], by=request.user
        )
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("The resignation is rejected."))
    return redirect("staffing:resignation_detail", pk=resignation.pk)


@login_required
@require_POST
def resignation_withdraw(request, pk: int):
    resignation = _visible_resignation(request, pk)
    if access_for(request.user).staff_id != resignation.staff_id:
        raise PermissionDenied
    try:
        services.resignation_withdraw(resignation=resignation, by=request.user)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("Your resignation is withdrawn."))
    return redirect("staffing:resignation_detail", pk=resignation.pk)


# --- rotation ---------------------------------------------------------------------------------


@role_required(Role.HR_ADMIN, Role.MANAGER)
def rotation_due_list(request):
    access = access_for(request.user)
    if access.is_superuser:
        companies = frozenset(Company.objects.values_list("pk", flat=True))
    else:
        companies = access.hr_companies | access.manager_companies
    due = rotation_due(company_ids=companies, department_ids=access.manager_departments)
    return render(request, "staffing/movement/rotation_due.html", {"due": due})
