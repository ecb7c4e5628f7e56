"""People with two roles on their own records (STYLE habit 15): 赵敏 (hr_staff) is an HR admin
and 钱军 (supervisor_staff) a supervisor of site A, both also staff placed at site A. Each row
acts on one of them: the others in scope act as on anyone (302), the person themselves is
refused (403); staff A and B, finance, the client contact and the outsider do not see them
(404)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from attendance.models import (
    AbsenceMark,
    AbsenceReason,
    Correction,
    DayKind,
    Explanation,
    Leave,
    Overtime,
    OvertimeCategory,
    OvertimeStatus,
)
from staffing.models import Condition, LeavingReason, QualificationCheck
from staffing.services.movement import offboarding_start, resignation_apply
from tests.conftest import World
from tests.dates import MONDAY, MONDAY_EVENING
from tests.matrix import Row, statuses

HR_PERSON, SUPERVISOR_PERSON = "hr_person", "supervisor_person"


def on(who: str, **expect: int) -> dict[str, int]:
    """Who sees the person of site A: both HR admins, both supervisors of site A, the manager.
    The person themselves is refused; the other, `expect` says."""
    self_role = "hr_staff" if who == HR_PERSON else "supervisor_staff"
    return statuses(404, **{"hr_staff": 302, "supervisor_staff": 302, **expect, self_role: 403})


def mark_of(who: str):
    def make(w: World) -> list:
        mark = AbsenceMark.objects.create(
            staff=getattr(w, who),
            site=w.site_a,
            date=MONDAY,
            reason=AbsenceReason.OTHER,
            note="未到岗",
            created_by=w.hr,
        )
        return [mark.pk]

    return make


def correction_of(who: str):
    def make(w: World) -> list:
        correction = Correction.objects.create(
            staff=getattr(w, who), site=w.site_a, at=MONDAY_EVENING, reason="下班忘记打卡"
        )
        return [correction.pk]

    return make


def explanation_of(who: str):
    def make(w: World) -> list:
        explanation = Explanation.objects.create(
            staff=getattr(w, who), site=w.site_a, month=MONDAY.replace(day=1), text="家中急事"
        )
        return [explanation.pk]

    return make


def leave_of(who: str):
    def make(w: World) -> list:
        leave = Leave.objects.create(
            staff=getattr(w, who),
            site=w.site_a,
            kind="personal",
            start=datetime.date(2026, 10, 13),
            end=datetime.date(2026, 10, 14),
            days=Decimal(2),
            reason="家中有事",
        )
        return [leave.pk]

    return make


def overtime_of(who: str, status: str):
    def make(w: World) -> list:
        staff = getattr(w, who)
        overtime = Overtime.objects.create(
            staff=staff,
            site=w.site_a,
            date=MONDAY,
            start_time=datetime.time(18),
            end_time=datetime.time(20),
            hours=Decimal(2),
            day_kind=DayKind.WORKDAY,
            category=OvertimeCategory.WORKDAY,
            rate=150,
            reason="机房割接",
            status=status,
            created_by=staff.user,
        )
        return [overtime.pk]

    return make


def resignation_of(who: str):
    def make(w: World) -> list:
        staff = getattr(w, who)
        resignation = resignation_apply(
            staff=staff,
            leaving_on=timezone.localdate() + datetime.timedelta(days=30),
            reason="个人原因",
            by=staff.user,
        )
        return [resignation.pk]

    return make


def placement_of(who: str):
    return lambda w: [getattr(w, who).assignments.get().pk]


def offboarding_of(who: str):
    def make(w: World) -> list:
        offboarding = offboarding_start(
            assignment=getattr(w, who).assignments.get(),
            reason=LeavingReason.CONTRACT_END,
            leaving_on=timezone.localdate(),
            by=w.hr,
        )
        return [offboarding.pk]

    return make


def check_of(who: str):
    def make(w: World) -> list:
        check, _ = QualificationCheck.objects.get_or_create(
            staff=getattr(w, who), condition=Condition.HEALTH
        )
        return [check.pk]

    return make


def punch_of(who: str):
    """A filled form: a punch by hand for the person on a Monday they worked."""
    return lambda w: {"staff": getattr(w, who).pk, "at": "2026-10-12T17:35", "reason": "忘带卡"}


def absence_of(who: str):
    return lambda w: {
        "staff": getattr(w, who).pk,
        "date": "2026-10-12",
        "reason": AbsenceReason.OTHER,
        "note": "未到岗",
    }


def _both(make_rows) -> list[Row]:
    return [*make_rows(HR_PERSON), *make_rows(SUPERVISOR_PERSON)]


# Those who act on a person's punches, marks, corrections, explanations, checklists and
# resignations: HR and site A's supervisors. Deciding a leave request: site A's supervisors.
def _attendance_rows(who: str) -> list[Row]:
    return [
        # The form does not offer oneself: posting one's own record is the form again with
        # the error, and nothing is saved.
        Row(
            "attendance:punch_add",
            on(who, hr=302, supervisor_a=302, manager=403, staff_a=403, staff_b=403)
            | {"finance": 403, "client_a": 403, "outsider": 403}
            | {"hr_staff" if who == HR_PERSON else "supervisor_staff": 200},
            method="post",
            data=punch_of(who),
            label=f"punch_add POST for {who}",
        ),
        Row(
            "attendance:mark_add",
            on(who, hr=302, supervisor_a=302, manager=403, staff_a=403, staff_b=403)
            | {"finance": 403, "client_a": 403, "outsider": 403}
            | {"hr_staff" if who == HR_PERSON else "supervisor_staff": 200},
            method="post",
            data=absence_of(who),
            label=f"mark_add POST for {who}",
        ),
        Row(
            "attendance:mark_remove",
            on(who, hr=302, supervisor_a=302, manager=403),
            method="post",
            args=mark_of(who),
            data=lambda w: {"reason": "经核实为公务外出"},
            label=f"mark_remove of {who}",
        ),
        Row(
            "attendance:correction_decide",
            on(who, hr=302, supervisor_a=302, manager=403),
            method="post",
            args=correction_of(who),
            label=f"correction_decide of {who}",
        ),
        Row(
            "attendance:explanation_review",
            on(who, hr=302, supervisor_a=302, manager=403),
            method="post",
            args=explanation_of(who),
            label=f"explanation_review of {who}",
        ),
        Row(
            "attendance:leave_decide",
            on(who, hr=403, hr_staff=403, supervisor_a=302, manager=403),
            method="post",
            args=leave_of(who),
            label=f"leave_decide of {who}",
        ),
        Row(
            "attendance:overtime_decide",
            on(who, hr=403, hr_staff=403, supervisor_a=302, manager=302),
            method="post",
            args=overtime_of(who, OvertimeStatus.PENDING),
            label=f"overtime_decide pending of {who}",
        ),
        Row(
            "attendance:overtime_decide",
            # HR files it; who approved it at the stage before (the supervisors, the manager)
            # reads on their out-of-date page that it was decided meanwhile.
            on(who, hr=302, supervisor_a=302, manager=302),
            method="post",
            args=overtime_of(who, OvertimeStatus.APPROVED),
            label=f"overtime_decide approved of {who}",
        ),
        Row(
            "attendance:overtime_hours",
            on(who, hr=302, supervisor_a=302, manager=403),
            method="post",
            args=overtime_of(who, OvertimeStatus.FILED),
            label=f"overtime_hours of {who}",
        ),
    ]


def _staffing_rows(who: str) -> list[Row]:
    # HR decides on a person's record; the supervisors and the manager read it (403).
    hr_acts = {"supervisor_a": 403, "supervisor_staff": 403, "manager": 403}
    return [
        Row(
            "staffing:staff_status",
            on(who, hr=302, **hr_acts),
            method="post",
            args=lambda w: [getattr(w, who).pk],
            label=f"staff_status of {who}",
        ),
        Row(
            "staffing:record_add",
            on(who, hr=302, **hr_acts),
            method="post",
            args=lambda w: [getattr(w, who).pk],
            label=f"record_add on {who}",
        ),
        Row(
            "staffing:check_record",
            on(who, hr=302, **hr_acts),
            method="post",
            args=check_of(who),
            label=f"check_record of {who}",
        ),
        Row(
            "staffing:assignment_new",
            on(who, hr=200, hr_staff=200, **hr_acts),
            args=lambda w: [getattr(w, who).pk],
            label=f"assignment_new for {who}",
        ),
        Row(
            "staffing:onboarding_item",
            on(who, hr=302, supervisor_a=302, manager=403),
            method="post",
            args=placement_of(who),
            label=f"onboarding_item of {who}",
        ),
        # HR posting an empty form gets it back with its errors.
        Row(
            "staffing:offboarding_start",
            on(who, hr=200, hr_staff=200, **hr_acts),
            method="post",
            args=placement_of(who),
            label=f"offboarding_start of {who}",
        ),
        Row(
            "staffing:offboarding_item",
            on(who, hr=302, supervisor_a=302, manager=403),
            method="post",
            args=offboarding_of(who),
            label=f"offboarding_item of {who}",
        ),
        Row(
            "staffing:offboarding_complete",
            on(who, hr=302, **hr_acts),
            method="post",
            args=offboarding_of(who),
            label=f"offboarding_complete of {who}",
        ),
        Row(
            "staffing:resignation_approve",
            on(who, hr=302, supervisor_a=302, manager=403),
            method="post",
            args=resignation_of(who),
            label=f"resignation_approve of {who}",
        ),
        Row(
            "staffing:resignation_reject",
            on(who, hr=302, supervisor_a=302, manager=403),
            method="post",
            args=resignation_of(who),
            data=lambda w: {"reason": "交接未完成"},
            label=f"resignation_reject of {who}",
        ),
    ]


ROWS = [
    *_both(_attendance_rows),
    *_both(_staffing_rows),
    # 赵敏 reads her own record in full and corrects her contact details; her pay, start date
    # and place are shown but not editable (tests/staffing/test_staff_views.py).
    Row(
        "staffing:staff_edit",
        on(HR_PERSON, hr=200, supervisor_a=403, supervisor_staff=403, manager=403)
        | {"hr_staff": 200},
        args=lambda w: [w.hr_person.pk],
        label="staff_edit of hr_person (her own)",
    ),
    Row(
        "staffing:staff_detail",
        on(HR_PERSON, hr=200, hr_staff=200, supervisor_a=200, supervisor_staff=200, manager=200)
        | {"hr_staff": 200},
        args=lambda w: [w.hr_person.pk],
        label="staff_detail of hr_person",
    ),
]
