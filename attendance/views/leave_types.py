"""The leave-types page (SPEC §7), for HR admins: each kind of leave with its four settings for
one company, SPEC's default until the company saves its own, and what each setting does."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.forms.leave_types import LeaveTypeForm
from attendance.models import LeaveKind, LeaveType, LeaveTypeDefaults
from attendance.services.leave import LeaveSettings
from attendance.services.leave_types import leave_type_set
from attendance.views.policy import hr_company
from onsite.decorators import role_required
from onsite.roles import Role
from onsite.templatetags.onsite import person_name
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, refused

DEDUCTED = gettext_lazy("Days of this leave are deducted from the monthly wage on the sheet.")
DOCUMENT = gettext_lazy("A request without a document (e.g. a sick note) is refused.")
# (field, column label, what it does, the row's line when on, the row's line when off)
SETTINGS = (
    (
        "paid",
        gettext_lazy("Paid"),
        gettext_lazy(
            "The wage continues on these days; what the sheet deducts follows "
            "“Counts toward the deduction”."
        ),
        gettext_lazy("Paid leave."),
        gettext_lazy("Unpaid leave."),
    ),
    (
        "deducted",
        gettext_lazy("Counts toward the deduction"),
        DEDUCTED,
        DEDUCTED,
        gettext_lazy("Not deducted from the wage."),
    ),
    (
        "document_required",
        gettext_lazy("Document required"),
        DOCUMENT,
        DOCUMENT,
        gettext_lazy("No document needed."),
    ),
    (
        "balance_tracked",
        gettext_lazy("Balance tracked"),
        gettext_lazy("A request beyond the year's balance is refused; staff see their balance."),
        gettext_lazy("A request beyond the year's balance is refused."),
        gettext_lazy("No balance kept."),
    ),
)
FIELDS = tuple(setting[0] for setting in SETTINGS)


@role_required(Role.HR_ADMIN)
def leave_types(request):
    company, companies = hr_company(request)
    if request.method == "POST":
        form = LeaveTypeForm(request.POST)
        if form.is_valid():
            kind = form.cleaned_data["kind"]
            try:
                leave_type_set(
                    company=company,
                    by=request.user,
                    **{name: form.cleaned_data[name] for name in ("kind", *FIELDS)},
                )
            except Refused as refusal:
                refused(request, refusal)
            else:
                messages.success(
                    request,
                    _("%(kind)s of %(company)s saved.")
                    % {"kind": LeaveKind(kind).label, "company": company.name},
                )
                return redirect(f"{request.get_full_path()}#leave-type-{kind}")
        else:
            form_errors(request, form)

    own = {row.kind: row for row in LeaveType.objects.filter(company=company)}
    # The last change of each kind: oldest first, so the newest overwrites (one query; portable
    # to SQLite, where the newcomer's demo runs — a company saves its types a handful of times).
    changed = {
        h.kind: h
        for h in LeaveType.history.filter(company_id=company.pk)
        .select_related("history_user__staff_record")
        .order_by("history_date", "history_id")
    }
    rows = []
    for kind, label in LeaveKind.choices:
        saved = own.get(kind)
        current = (
            LeaveSettings(*(getattr(saved, name) for name in FIELDS))
            if saved is not None
            else LeaveSettings(*LeaveTypeDefaults.TABLE[kind])
        )
        last = changed.get(kind) if saved is not None else None
        rows.append(
            {
                "kind": kind,
                "label": label,
                "own": saved is not None,
                "settings": [
                    {"name": name, "label": title, "on": getattr(current, name)}
                    for name, title, *_rest in SETTINGS
                ],
                "summary": " ".join(
                    str(on if getattr(current, name) else off)
                    for name, _title, _meaning, on, off in SETTINGS
                ),
                "changed_by": person_name(last.history_user) if last and last.history_user else "",
                "changed_at": last.history_date if last else None,
            }
        )
    return render(
        request,
        "attendance/leave_types.html",
        {
            "companies": companies,
            "company": company,
            "rows": rows,
            "legend": [(title, meaning) for _name, title, meaning, *_rest in SETTINGS],
        },
    )


urlpatterns = [path("leave-types/", leave_types, name="leave_types")]
