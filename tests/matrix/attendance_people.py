"""Punches entered by people, absence marks, corrections (补卡) and absence explanations.
Person A (张三, staff_a) works at site A; the records below are A's, so they are seen by HR
and the manager of the company, site A's supervisor and the person; of them, HR and the
supervisor act."""

from __future__ import annotations

import datetime

from attendance.models import AbsenceMark, AbsenceReason, Correction, Explanation
from tests.conftest import World
from tests.dates import MONDAY_EVENING, OCTOBER
from tests.matrix import TWO_ROLES, Row, only, statuses


def mark_of_a(w: World) -> list:
    mark = AbsenceMark.objects.create(
        staff=w.person_a,
        site=w.site_a,
        date=datetime.date(2026, 10, 12),
        reason=AbsenceReason.OTHER,
        note="未到岗",
        created_by=w.hr,
    )
    return [mark.pk]


def correction_of_a(w: World) -> list:
    correction = Correction.objects.create(
        staff=w.person_a, site=w.site_a, at=MONDAY_EVENING, reason="下班忘记打卡"
    )
    return [correction.pk]


def explanation_of_a(w: World) -> list:
    explanation = Explanation.objects.create(
        staff=w.person_a, site=w.site_a, month=OCTOBER, text="家中急事"
    )
    return [explanation.pk]


SEE_A = ("hr", "supervisor_a", "staff_a", "manager")
# Those who see A's record may read it; HR and A's supervisor act, the others get 403.
ACT_ON_A = statuses(404, hr=302, supervisor_a=302, staff_a=403, manager=403)
# The people with two roles are staff too.
STAFF_ONLY = only(("staff_a", "staff_b", *TWO_ROLES), other=403)
ACTORS_ONLY = only(("hr", "supervisor_a"), other=403)
READERS = only(("hr", "supervisor_a", "staff_a", "staff_b", "manager"), other=403)

ROWS = [
    # Checking in on the web: staff only; a POST punches now and comes back to the page.
    Row("attendance:check_in", STAFF_ONLY),
    Row(
        "attendance:check_in",
        only(("staff_a", "staff_b", *TWO_ROLES), ok=302, other=403),
        method="post",
        label="attendance:check_in POST",
    ),
    # Entering a punch and marking an absence: HR and supervisors; an empty POST is the form
    # again with its errors.
    Row("attendance:punch_add", ACTORS_ONLY),
    Row("attendance:punch_add", ACTORS_ONLY, method="post", label="attendance:punch_add POST"),
    Row("attendance:mark_add", ACTORS_ONLY),
    Row("attendance:mark_add", ACTORS_ONLY, method="post", label="attendance:mark_add POST"),
    # Without a reason the mark stays and the page says why (302 back to the month).
    Row("attendance:mark_remove", ACT_ON_A, method="post", args=mark_of_a),
    Row("attendance:correction_list", READERS),
    Row("attendance:correction_new", STAFF_ONLY),
    Row(
        "attendance:correction_new",
        STAFF_ONLY,
        method="post",
        label="attendance:correction_new POST",
    ),
    Row("attendance:correction_detail", only(SEE_A), args=correction_of_a),
    Row("attendance:correction_decide", ACT_ON_A, method="post", args=correction_of_a),
    Row("attendance:explanation_list", READERS),
    # Staff B was never placed at site A: for them the site's page does not exist.
    Row(
        "attendance:explanation_write",
        statuses(403, staff_a=200, staff_b=404, hr_staff=200, supervisor_staff=200),
        args=lambda w: [w.site_a.pk, "2026-10"],
    ),
    Row("attendance:explanation_detail", only(SEE_A), args=explanation_of_a),
    Row("attendance:explanation_review", ACT_ON_A, method="post", args=explanation_of_a),
]
