"""Leave (请假, SPEC §7). 张三 (staff_a) is placed at site A: his leave is seen by HR and the
manager of the company, site A's supervisor and himself, and by no one else (404). Of those,
the supervisor decides a waiting request, 张三 cancels or extends his own; the others get 403."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from attendance.models import Leave, LeaveStatus
from tests.conftest import World
from tests.matrix import TWO_ROLES, Row, only, statuses

SEE_A = ("hr", "supervisor_a", "staff_a", "manager")
# The people with two roles are staff too.
STAFF_ONLY = only(("staff_a", "staff_b", *TWO_ROLES), other=403)
READERS = only(("hr", "supervisor_a", "staff_a", "staff_b", "manager"), other=403)


def _leave_of_a(w: World, **extra) -> Leave:
    values = {
        "staff": w.person_a,
        "site": w.site_a,
        "kind": "personal",
        "start": datetime.date(2026, 10, 13),
        "end": datetime.date(2026, 10, 14),
        "days": Decimal(2),
        "reason": "家中有事",
    }
    values.update(extra)
    return Leave.objects.create(**values)


def waiting_of_a(w: World) -> list:
    return [_leave_of_a(w).pk]


def approved_of_a(w: World) -> list:
    return [_leave_of_a(w, status=LeaveStatus.APPROVED).pk]


def running_of_a(w: World) -> list:
    """Approved leave that ends today: 张三 may still ask for more days."""
    today = timezone.localdate()
    leave = _leave_of_a(w, start=today, end=today, status=LeaveStatus.APPROVED)
    return [leave.pk]


def documented_of_a(w: World) -> list:
    leave = _leave_of_a(w, kind="sick")
    leave.document.save("病假条.pdf", ContentFile(b"%PDF-1.4 note"), save=True)
    return [leave.pk]


ROWS = [
    Row("attendance:leave_list", READERS),
    # The request form and its preview are the staff member's own; an empty POST is the form
    # again with its errors.
    Row("attendance:leave_new", STAFF_ONLY),
    Row("attendance:leave_new", STAFF_ONLY, method="post", label="attendance:leave_new POST"),
    Row("attendance:leave_preview", STAFF_ONLY),
    Row("attendance:leave_detail", only(SEE_A), args=waiting_of_a),
    Row("attendance:leave_document", only(SEE_A), args=documented_of_a),
    # A waiting request: the site's supervisor decides (an empty POST comes back with the
    # message); the manager decides only the second stage; nobody decides their own.
    Row(
        "attendance:leave_decide",
        statuses(404, supervisor_a=302, hr=403, manager=403, staff_a=403),
        method="post",
        args=waiting_of_a,
    ),
    # A waiting request is withdrawn by 张三 only; approved leave also by the supervisor.
    Row(
        "attendance:leave_cancel",
        statuses(404, staff_a=302, supervisor_a=403, hr=403, manager=403),
        method="post",
        args=waiting_of_a,
    ),
    Row(
        "attendance:leave_cancel",
        statuses(404, staff_a=302, supervisor_a=302, hr=403, manager=403),
        method="post",
        args=approved_of_a,
        label="attendance:leave_cancel approved",
    ),
    Row(
        "attendance:leave_extend",
        statuses(404, staff_a=200, supervisor_a=403, hr=403, manager=403),
        args=running_of_a,
    ),
    Row(
        "attendance:leave_extend",
        statuses(404, staff_a=200, supervisor_a=403, hr=403, manager=403),
        method="post",
        args=running_of_a,
        label="attendance:leave_extend POST",
    ),
]
