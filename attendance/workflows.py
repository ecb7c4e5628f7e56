"""The workflows of attendance (onsite.workflows): leave, overtime, punch corrections and
absence explanations. Who may take each action is a rule of attendance.permissions, whose query
twin says what waits for whom; each action is its service, which moves the status, records it
and tells whom it concerns. Registered from AttendanceConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

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
