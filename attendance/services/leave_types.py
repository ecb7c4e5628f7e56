"""Setting a company's leave types (SPEC §7): per kind, paid or not, counted toward the deduction
or not, a document required or not, a balance tracked or not. Until a company saves its own row,
SPEC's defaults (LeaveTypeDefaults) apply; attendance.services.leave.leave_settings reads both."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from attendance.models import LeaveKind, LeaveType
from onsite.access import access_for
from onsite.org.models import Company
from onsite.transitions import Refused

# The kinds that earn days: annual leave by service, compensatory leave by rest-day overtime.
EARNED = (LeaveKind.ANNUAL, LeaveKind.COMPENSATORY)


def leave_type_set(
    *,
    company: Company,
    kind: str,
    paid: bool,
    deducted: bool,
    document_required: bool,
    balance_tracked: bool,
    by,
) -> LeaveType:
    """Create or change `company`'s row of `kind`; the same values again change nothing and write
    no history. Only an HR admin of the company may."""
    if not access_for(by).is_hr_for(company.pk):
        raise Refused(
            _("Only an HR admin of %(company)s may change its leave types.")
            % {"company": company.name}
        )
    if kind not in LeaveKind.values:
        raise Refused(_("Unknown leave type."))
    if balance_tracked and kind not in EARNED:
        # Only these kinds have days to draw on; a tracked balance of 0 refuses every request.
        raise Refused(
            _(
                "Only annual and compensatory leave have days to count down; a balance kept "
                "for %(kind)s would refuse every request."
            )
            % {"kind": LeaveKind(kind).label}
        )
    values = {
        "paid": bool(paid),
        "deducted": bool(deducted),
        "document_required": bool(document_required),
        "balance_tracked": bool(balance_tracked),
    }
    with transaction.atomic():
        # Two admins saving the first row of a kind at once: the company lock makes the second
        # wait and then update the row the first created, instead of failing on the unique key.
        Company.objects.select_for_update().filter(pk=company.pk).values_list("pk").get()
        row = LeaveType.objects.select_for_update().filter(company=company, kind=kind).first()
        if row is None:
            row = LeaveType(company=company, kind=kind)
        elif all(getattr(row, name) == value for name, value in values.items()):
            return row
        for name, value in values.items():
            setattr(row, name, value)
        row._history_user = by
        row.save()
    return row
