"""The notifications attendance sends (SPEC §6, §7, §8, §13), worded in the reader's language when
read or e-mailed. Parameters hold people's names (never usernames), dates and times as text,
statuses as their values (worded here from the labels) and the ids of the pages to open.
Registered from `AttendanceConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from attendance.models import CorrectionStatus, ExplanationStatus, LeaveStatus, OvertimeStatus
from onsite.notifications import NotificationKind, Params, notification_kind_register

LEAVE_PENDING = "leave.pending"
LEAVE_PENDING_MANAGER = "leave.pending_manager"
LEAVE_DECIDED = "leave.decided"
LEAVE_COVER_DECIDED = "leave.cover_decided"
CORRECTION_REQUESTED = "attendance.correction_requested"
CORRECTION_DECIDED = "attendance.correction_decided"
EXPLANATION_SUBMITTED = "attendance.explanation_submitted"
EXPLANATION_REVIEWED = "attendance.explanation_reviewed"
OVERTIME_TO_CONFIRM = "overtime.unconfirmed"
OVERTIME_TO_APPROVE = "overtime.pending"
OVERTIME_TO_FILE = "overtime.to_file"
OVERTIME_DECIDED = "overtime.decided"


def _page(name: str, key: str):
    return lambda params: reverse(f"attendance:{name}", args=[params[key]])


def _leave_pending_title(params: Params) -> str:
    if params.get("extends"):
        return gettext("%(name)s asks to extend leave: %(start)s to %(end)s") % params
    return gettext("%(name)s asks for leave: %(start)s to %(end)s") % params


def _leave_decided_title(params: Params) -> str:
    return gettext("Your leave, %(start)s to %(end)s: %(status)s") % {
        **params,
        "status": LeaveStatus(params["status"]).label,
    }


def _leave_cover_title(params: Params) -> str:
    return gettext("Leave of %(name)s, %(start)s to %(end)s: %(status)s") % {
        **params,
        "status": LeaveStatus(params["status"]).label,
    }


def _correction_decided_title(params: Params) -> str:
    if params["status"] == CorrectionStatus.APPROVED:
        return gettext("Your correction for %(time)s is approved") % params
    return gettext("Your correction for %(time)s is not approved") % params


def _explanation_reviewed_title(params: Params) -> str:
    if params["status"] == ExplanationStatus.ACCEPTED:
        return gettext("Your absence explanation for %(month)s is accepted") % params
    return gettext("Your absence explanation for %(month)s is returned; please rewrite it") % params


def _overtime_decided_title(params: Params) -> str:
    return gettext("Your overtime on %(date)s: %(status)s") % {
        **params,
        "status": OvertimeStatus(params["status"]).label,
    }


_LEAVE = {"name": "张三", "start": "2026-10-13", "end": "2026-10-14", "leave": 1}
_OVERTIME = {"name": "张三", "date": "2026-10-17", "reason": "机房割接", "overtime": 1}

KINDS = [
    NotificationKind(
        key=LEAVE_PENDING,
        title=_leave_pending_title,
        body="%(reason)s",
        link=_page("leave_detail", "leave"),
        example={**_LEAVE, "extends": False, "reason": "家中有事"},
    ),
    NotificationKind(
        key=LEAVE_PENDING_MANAGER,
        title=_("Leave of %(name)s, %(start)s to %(end)s, waits for a manager"),
        body="%(reason)s",
        link=_page("leave_detail", "leave"),
        example={**_LEAVE, "reason": "家中有事"},
    ),
    NotificationKind(
        key=LEAVE_DECIDED,
        title=_leave_decided_title,
        body="%(note)s",
        link=_page("leave_detail", "leave"),
        # Callers pass the requester's name too (one set for both kinds); "your leave" needs none.
        example={
            "start": "2026-10-13",
            "end": "2026-10-14",
            "leave": 1,
            "status": LeaveStatus.APPROVED.value,
            "note": "注意交接",
        },
    ),
    NotificationKind(
        key=LEAVE_COVER_DECIDED,
        title=_leave_cover_title,
        body="%(note)s",
        link=_page("leave_detail", "leave"),
        example={**_LEAVE, "status": LeaveStatus.APPROVED.value, "note": "注意交接"},
    ),
    NotificationKind(
        key=CORRECTION_REQUESTED,
        title=_("%(name)s asks for a punch at %(time)s"),
        body="%(reason)s",
        link=_page("correction_detail", "correction"),
        example={"name": "张三", "time": "2026-10-12 17:35", "reason": "忘记打卡", "correction": 1},
    ),
    NotificationKind(
        key=CORRECTION_DECIDED,
        title=_correction_decided_title,
        body="%(note)s",
        link=_page("correction_detail", "correction"),
        example={
            "time": "2026-10-12 17:35",
            "status": CorrectionStatus.REJECTED.value,
            "note": "不属实",
            "correction": 1,
        },
    ),
    NotificationKind(
        key=EXPLANATION_SUBMITTED,
        title=_("%(name)s explains the absences of %(month)s"),
        body="%(text)s",
        link=_page("explanation_detail", "explanation"),
        example={"name": "张三", "month": "2026-10", "text": "家人住院", "explanation": 1},
    ),
    NotificationKind(
        key=EXPLANATION_REVIEWED,
        title=_explanation_reviewed_title,
        body="%(note)s",
        link=_page("explanation_detail", "explanation"),
        example={
            "month": "2026-10",
            "status": ExplanationStatus.RETURNED.value,
            "note": "请写明每天的原因",
            "explanation": 1,
        },
    ),
    NotificationKind(
        key=OVERTIME_TO_CONFIRM,
        title=_("Emergency overtime of %(name)s on %(date)s to confirm"),
        body="%(reason)s",
        link=_page("overtime_detail", "overtime"),
        example=_OVERTIME,
    ),
    NotificationKind(
        key=OVERTIME_TO_APPROVE,
        title=_("Overtime of %(name)s on %(date)s to approve"),
        body="%(reason)s",
        link=_page("overtime_detail", "overtime"),
        example=_OVERTIME,
    ),
    NotificationKind(
        key=OVERTIME_TO_FILE,
        title=_("Overtime of %(name)s on %(date)s is approved; file it"),
        body="%(reason)s",
        link=_page("overtime_detail", "overtime"),
        example=_OVERTIME,
    ),
    NotificationKind(
        key=OVERTIME_DECIDED,
        title=_overtime_decided_title,
        body="%(note)s",
        link=_page("overtime_detail", "overtime"),
        example={
            "date": "2026-10-17",
            "status": OvertimeStatus.REJECTED.value,
            "note": "不属于紧急情况",
            "overtime": 1,
        },
    ),
]

for kind in KINDS:
    notification_kind_register(kind)
