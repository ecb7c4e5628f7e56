"""The workflows of attendance (onsite.workflows) and their kinds in the core approvals inbox
(onsite.inbox): leave, overtime, punch corrections and absence explanations. Who may take each
action is a rule of attendance.permissions, whose query twin says what waits for whom; each action
is its service, which moves the status, records it and tells whom it concerns; each kind says how
its row in the inbox reads. Registered from AttendanceConfig.ready()."""

from __future__ import annotations

import zoneinfo

from django.db.models import Case, F, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from attendance import permissions as rules
from attendance.models import (
    Correction,
    CorrectionStatus,
    Explanation,
    ExplanationStatus,
    Leave,
    LeaveStatus,
    Overtime,
    OvertimeStatus,
)
from attendance.services import corrections, explanations, leave_decisions, overtime
from attendance.services.cover import cover_checks
from onsite.inbox import InboxKind
from onsite.templatetags.onsite import days, label
from onsite.workflows import Action, Workflow

L, C, E = LeaveStatus, CorrectionStatus, ExplanationStatus
OT = OvertimeStatus


def _approved(count: int) -> str:
    return ngettext("%(count)d request approved.", "%(count)d requests approved.", count) % {
        "count": count
    }


def _filed(count: int) -> str:
    return ngettext(
        "%(count)d overtime filed with HR.", "%(count)d overtimes filed with HR.", count
    ) % {"count": count}


def _confirmed(count: int) -> str:
    return ngettext(
        "%(count)d emergency overtime confirmed.",
        "%(count)d emergency overtimes confirmed.",
        count,
    ) % {"count": count}


def _accepted(count: int) -> str:
    return ngettext(
        "%(count)d explanation accepted.", "%(count)d explanations accepted.", count
    ) % {"count": count}


LEAVE = Workflow(
    key="leave",
    model=Leave,
    transitions=leave_decisions.LEAVE_TRANSITIONS,
    waiting=(L.PENDING, L.PENDING_MANAGER),
    actions=(
        Action(
            "approve",
            _("Approve"),
            frozenset({L.PENDING, L.PENDING_MANAGER}),
            rules.may_decide_leave,
            lambda *, record, by, note="": leave_decisions.leave_approve(
                leave=record, by=by, note=note
            ),
            done=_approved,
        ),
        Action(
            "reject",
            _("Reject"),
            frozenset({L.PENDING, L.PENDING_MANAGER}),
            rules.may_decide_leave,
            lambda *, record, by, note="": leave_decisions.leave_reject(
                leave=record, by=by, note=note
            ),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_decide_leave_q,
    meanwhile=_("This leave was decided meanwhile: it is now “%(status)s”."),
)

OVERTIME = Workflow(
    key="overtime",
    model=Overtime,
    transitions=overtime.OVERTIME_TRANSITIONS,
    waiting=overtime.WAITING_STATUSES,
    actions=(
        Action(
            "confirm",
            _("Confirm"),
            frozenset({OT.UNCONFIRMED}),
            rules.may_confirm_emergency,
            lambda *, record, by, note="": overtime.overtime_confirm_emergency(
                overtime=record, by=by, note=note
            ),
            done=_confirmed,
        ),
        Action(
            "approve",
            _("Approve"),
            frozenset({OT.PENDING}),
            rules.may_approve_overtime,
            lambda *, record, by, note="", override_reason="": overtime.overtime_approve(
                overtime=record, by=by, note=note, override_reason=override_reason
            ),
            done=_approved,
        ),
        Action(
            "file",
            pgettext_lazy("to file overtime (备案)", "File"),
            frozenset({OT.APPROVED}),
            rules.may_file_overtime,
            lambda *, record, by, note="": overtime.overtime_file(
                overtime=record, by=by, note=note
            ),
            done=_filed,
        ),
        Action(
            "reject",
            _("Reject"),
            frozenset({OT.UNCONFIRMED, OT.PENDING, OT.APPROVED}),
            rules.may_decide_overtime,
            lambda *, record, by, note="": overtime.overtime_reject(
                overtime=record, by=by, note=note
            ),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_decide_overtime_q,
    meanwhile=_("This overtime was decided meanwhile: it is now “%(status)s”."),
    path=lambda r: overtime.WAITING_STATUSES if r.emergency else (OT.PENDING, OT.APPROVED),
)

CORRECTION = Workflow(
    key="correction",
    model=Correction,
    transitions=corrections.CORRECTION_TRANSITIONS,
    waiting=(C.PENDING,),
    actions=(
        Action(
            "approve",
            _("Approve"),
            frozenset({C.PENDING}),
            rules.may_decide_correction,
            lambda *, record, by, note="": corrections.correction_approve(
                correction=record, by=by, note=note
            ),
            done=_approved,
        ),
        Action(
            "reject",
            _("Reject"),
            frozenset({C.PENDING}),
            rules.may_decide_correction,
            lambda *, record, by, note="": corrections.correction_reject(
                correction=record, by=by, note=note
            ),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_decide_correction_q,
    meanwhile=corrections.MEANWHILE,
)

EXPLANATION = Workflow(
    key="explanation",
    model=Explanation,
    transitions=explanations.EXPLANATION_TRANSITIONS,
    waiting=(E.SUBMITTED,),
    actions=(
        Action(
            "accept",
            _("Accept"),
            frozenset({E.SUBMITTED}),
            rules.may_review_explanation,
            lambda *, record, by, note="": explanations.explanation_accept(
                explanation=record, by=by, note=note
            ),
            done=_accepted,
        ),
        Action(
            "return",
            _("Return for rewriting"),
            frozenset({E.SUBMITTED}),
            rules.may_review_explanation,
            lambda *, record, by, note="": explanations.explanation_return(
                explanation=record, by=by, note=note
            ),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_review_explanation_q,
    meanwhile=explanations.MEANWHILE,
)

WORKFLOWS = (LEAVE, OVERTIME, CORRECTION, EXPLANATION)


def describe(kind: str, record) -> str:
    """The dates or time of a request, as a line of text: `2026-10-13 (afternoon) – 10-14`."""
    if kind == LEAVE.key:
        first = f"{record.start:%Y-%m-%d}"
        if record.starts_pm:
            first += " " + gettext("afternoon")
        if record.start == record.end:
            return first + (" " + gettext("morning") if record.ends_am else "")
        last = f"{record.end:%Y-%m-%d}" + (" " + gettext("morning") if record.ends_am else "")
        return f"{first} – {last}"
    if kind == OVERTIME.key:
        return f"{record.date:%Y-%m-%d} {record.start_time:%H:%M}–{record.end_time:%H:%M}"
    if kind == EXPLANATION.key:
        return f"{record.month:%Y-%m}"
    local = record.at.astimezone(zoneinfo.ZoneInfo(record.site.time_zone))
    return f"{local:%Y-%m-%d %H:%M}"


def _leave_flags(leave) -> list[str]:
    flags = [gettext("Emergency")] if leave.emergency else []
    if leave.document:
        flags.append(gettext("Document attached"))
    return flags


def _overtime_flags(overtime) -> list[str]:
    flags = [gettext("Emergency")] if overtime.emergency else []
    if overtime.over_cap:
        flags.append(gettext("Beyond the cap"))
    return flags


def _cover_notes(leaves) -> dict[int, list[str]]:
    """Leave whose cover is away or covers someone else on some of its days (one query)."""
    checks = cover_checks(spans=[(r.pk, r.cover_id, r.start, r.end, r.staff_id) for r in leaves])
    return {pk: [*check.away_notes(), *check.warnings()] for pk, check in checks.items()}


def _leave_amount(leave) -> str:
    return "" if leave.days is None else label(gettext("Working days")) + days(leave.days)


def _leave_lines(leave) -> list[str]:
    return [label(gettext("Cover")) + leave.cover.name] if leave.cover else []


def _over_cap(overtime) -> bool:
    """Beyond a cap needs a manager's reason for the override, given on its page."""
    return overtime.status == OvertimeStatus.PENDING and overtime.over_cap


def _url(name: str):
    return lambda record: reverse(f"attendance:{name}_detail", args=[record.pk])


KINDS = (
    InboxKind(
        workflow=LEAVE,
        label=gettext_lazy("Leave"),
        what=gettext_lazy("leave"),
        url=_url("leave"),
        describe=lambda r: describe(LEAVE.key, r),
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
        workflow=OVERTIME,
        label=gettext_lazy("Overtime"),
        what=gettext_lazy("overtime"),
        url=_url("overtime"),
        describe=lambda r: describe(OVERTIME.key, r),
        # Approved overtime has waited for HR to file it since its approval.
        since=Case(
            When(
                status=OvertimeStatus.APPROVED,
                then=Coalesce(F("approved_at"), F("created_at")),
            ),
            default=F("created_at"),
        ),
        amount=lambda r: gettext("%(n)s h") % {"n": days(r.hours)},
        flags=_overtime_flags,
        bulk=lambda r: not _over_cap(r),
        hint=lambda r: (
            gettext("Open the request to approve it with a reason for the override.")
            if _over_cap(r)
            else ""
        ),
    ),
    InboxKind(
        workflow=CORRECTION,
        label=gettext_lazy("Punch correction"),
        what=gettext_lazy("punch correction"),
        url=_url("correction"),
        describe=lambda r: describe(CORRECTION.key, r),
    ),
    InboxKind(
        workflow=EXPLANATION,
        label=gettext_lazy("Absence explanation"),
        what=gettext_lazy("absence explanation"),
        url=_url("explanation"),
        describe=lambda r: describe(EXPLANATION.key, r),
        since=F("submitted_at"),
        text=lambda r: r.text,
    ),
)
