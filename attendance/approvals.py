"""Attendance's kinds in the core approvals inbox (onsite.inbox): leave, overtime, punch
corrections and absence explanations, each its workflow (attendance.workflows) and how its row
reads. Registered from AttendanceConfig.ready()."""

from __future__ import annotations

import zoneinfo

from django.db.models import Case, F, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance import workflows
from attendance.models import LeaveStatus, OvertimeStatus
from attendance.services.cover import cover_checks
from onsite.inbox import InboxKind
from onsite.templatetags.onsite import days, label

LEAVE, OVERTIME, CORRECTION, EXPLANATION = "leave", "overtime", "correction", "explanation"


def describe(kind: str, record) -> str:
    """The dates or time of a request, as a line of text: `2026-10-13 (afternoon) – 10-14`."""
    if kind == LEAVE:
        first = f"{record.start:%Y-%m-%d}"
        if record.starts_pm:
            first += " " + _("afternoon")
        if record.start == record.end:
            return first + (" " + _("morning") if record.ends_am else "")
        last = f"{record.end:%Y-%m-%d}" + (" " + _("morning") if record.ends_am else "")
        return f"{first} – {last}"
    if kind == OVERTIME:
        return f"{record.date:%Y-%m-%d} {record.start_time:%H:%M}–{record.end_time:%H:%M}"
    if kind == EXPLANATION:
        return f"{record.month:%Y-%m}"
    local = record.at.astimezone(zoneinfo.ZoneInfo(record.site.time_zone))
    return f"{local:%Y-%m-%d %H:%M}"


def _leave_flags(leave) -> list[str]:
    flags = [_("Emergency")] if leave.emergency else []
    if leave.document:
        flags.append(_("Document attached"))
    return flags


def _overtime_flags(overtime) -> list[str]:
    flags = [_("Emergency")] if overtime.emergency else []
    if overtime.over_cap:
        flags.append(_("Beyond the cap"))
    return flags


def _cover_notes(leaves) -> dict[int, list[str]]:
    """Leave whose cover is away or covers someone else on some of its days (one query)."""
    checks = cover_checks(spans=[(r.pk, r.cover_id, r.start, r.end, r.staff_id) for r in leaves])
    return {pk: [*check.away_notes(), *check.warnings()] for pk, check in checks.items()}


def _leave_amount(leave) -> str:
    return "" if leave.days is None else label(_("Working days")) + days(leave.days)


def _leave_lines(leave) -> list[str]:
    return [label(_("Cover")) + leave.cover.name] if leave.cover else []


def _over_cap(overtime) -> bool:
    """Beyond a cap needs a manager's reason for the override, given on its page."""
    return overtime.status == OvertimeStatus.PENDING and overtime.over_cap


def _url(name: str):
    return lambda record: reverse(f"attendance:{name}_detail", args=[record.pk])


KINDS = (
    InboxKind(
        workflow=workflows.LEAVE,
        label=gettext_lazy("Leave"),
        what=gettext_lazy("leave"),
        url=_url("leave"),
        describe=lambda r: describe(LEAVE, r),
        related=("staff", "site", "cover"),
        # At the manager's stage it has waited since the supervisor passed it on.
        since=Case(
            When(
                status=LeaveStatus.PENDING_MANAGER,
                then=Coalesce(F("decided_at"), F("created_at")),
            ),
            default=F("created_at"),
        ),
        detail=lambda r: r.get_kind_display(),
        amount=_leave_amount,
        lines=_leave_lines,
        flags=_leave_flags,
        notes=_cover_notes,
    ),
    InboxKind(
        workflow=workflows.OVERTIME,
        label=gettext_lazy("Overtime"),
        what=gettext_lazy("overtime"),
        url=_url("overtime"),
        describe=lambda r: describe(OVERTIME, r),
        # Approved overtime has waited for HR to file it since its approval.
        since=Case(
            When(
                status=OvertimeStatus.APPROVED,
                then=Coalesce(F("approved_at"), F("created_at")),
            ),
            default=F("created_at"),
        ),
        amount=lambda r: _("%(n)s h") % {"n": days(r.hours)},
        flags=_overtime_flags,
        bulk=lambda r: not _over_cap(r),
        hint=lambda r: (
            _("Open the request to approve it with a reason for the override.")
            if _over_cap(r)
            else ""
        ),
    ),
    InboxKind(
        workflow=workflows.CORRECTION,
        label=gettext_lazy("Punch correction"),
        what=gettext_lazy("punch correction"),
        url=_url("correction"),
        describe=lambda r: describe(CORRECTION, r),
    ),
    InboxKind(
        workflow=workflows.EXPLANATION,
        label=gettext_lazy("Absence explanation"),
        what=gettext_lazy("absence explanation"),
        url=_url("explanation"),
        describe=lambda r: describe(EXPLANATION, r),
        since=F("submitted_at"),
        text=lambda r: r.text,
    ),
)
