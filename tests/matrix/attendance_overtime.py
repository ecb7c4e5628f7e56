"""Overtime (加班, SPEC §8). Person A (张三, staff_a) asks; A's overtime is seen by HR and the
manager of the company, site A's supervisor and A. The manager (department head) approves, and
workday overtime the supervisor too; HR files, HR or the supervisor confirms the hours; only A withdraws."""

from __future__ import annotations

import datetime
from decimal import Decimal

from attendance.models import DayKind, Overtime, OvertimeCategory, OvertimeStatus
from tests.conftest import World
from tests.dates import MONDAY, SATURDAY
from tests.matrix import TWO_ROLES, Row, only, statuses


def overtime_of_a(status: str, *, rest_day: bool = False):
    def make(w: World) -> list:
        overtime = Overtime.objects.create(
            staff=w.person_a,
            site=w.site_a,
            date=SATURDAY if rest_day else MONDAY,
            start_time=datetime.time(18),
            end_time=datetime.time(20),
            hours=Decimal(2),
            day_kind=DayKind.REST if rest_day else DayKind.WORKDAY,
            category=OvertimeCategory.REST_DAY if rest_day else OvertimeCategory.WORKDAY,
            rate=200 if rest_day else 150,
            reason="机房割接",
            status=status,
            # Only overtime worked in an emergency waits to be confirmed.
            emergency=status == OvertimeStatus.UNCONFIRMED,
            created_by=w.staff_a,
        )
        return [overtime.pk]

    return make


SEE_A = ("hr", "supervisor_a", "staff_a", "manager")
# The people with two roles are staff too.
STAFF_ONLY = only(("staff_a", "staff_b", *TWO_ROLES), other=403)
READERS = only(("hr", "supervisor_a", "staff_a", "staff_b", "manager"), other=403)

ROWS = [
    Row("attendance:overtime_list", READERS),
    Row("attendance:overtime_new", STAFF_ONLY),
    # An empty POST is the form again with its errors.
    Row("attendance:overtime_new", STAFF_ONLY, method="post", label="attendance:overtime_new POST"),
    Row("attendance:overtime_preview", STAFF_ONLY),
    Row(
        "attendance:overtime_detail",
        only(SEE_A),
        args=overtime_of_a(OvertimeStatus.PENDING),
    ),
    # Pending: the supervisor or the department head approves; never the person themselves.
    Row(
        "attendance:overtime_decide",
        statuses(404, hr=403, supervisor_a=302, staff_a=403, manager=302),
        method="post",
        args=overtime_of_a(OvertimeStatus.PENDING),
        label="attendance:overtime_decide pending",
    ),
    # Pending on a rest day: the department head's alone, never the supervisor's in their place.
    Row(
        "attendance:overtime_decide",
        statuses(404, hr=403, supervisor_a=403, staff_a=403, manager=302),
        method="post",
        args=overtime_of_a(OvertimeStatus.PENDING, rest_day=True),
        label="attendance:overtime_decide pending rest day",
    ),
    # Approved: HR files it; the supervisor and the department head, who approved it at the
    # stage before, read on their out-of-date page that it was decided meanwhile.
    Row(
        "attendance:overtime_decide",
        statuses(404, hr=302, supervisor_a=302, staff_a=403, manager=302),
        method="post",
        args=overtime_of_a(OvertimeStatus.APPROVED),
        label="attendance:overtime_decide approved",
    ),
    # Unconfirmed (an emergency after the day): the site's supervisor confirms it.
    Row(
        "attendance:overtime_decide",
        statuses(404, hr=403, supervisor_a=302, staff_a=403, manager=403),
        method="post",
        args=overtime_of_a(OvertimeStatus.UNCONFIRMED),
        label="attendance:overtime_decide unconfirmed",
    ),
    Row(
        "attendance:overtime_cancel",
        statuses(404, hr=403, supervisor_a=403, staff_a=302, manager=403),
        method="post",
        args=overtime_of_a(OvertimeStatus.PENDING),
    ),
    Row(
        "attendance:overtime_hours",
        statuses(404, hr=302, supervisor_a=302, staff_a=403, manager=403),
        method="post",
        args=overtime_of_a(OvertimeStatus.FILED),
    ),
]
