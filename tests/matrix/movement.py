"""Entering and leaving a site (SPEC §4): onboarding, offboarding, the handover PDF, change
notices, resignations and the rotation list. Person A's placement is at site A."""

from __future__ import annotations

import datetime

from django.utils import timezone

from staffing.models import ChangeKind, LeavingReason
from staffing.services.movement import offboarding_start, resignation_apply
from staffing.services.notices import change_notice_file
from tests.conftest import World
from tests.matrix import Row, only, statuses


def placement_a(w: World) -> list:
    return [w.person_a.assignments.get().pk]


def offboarding_a(w: World) -> list:
    offboarding = offboarding_start(
        assignment=w.person_a.assignments.get(),
        reason=LeavingReason.CONTRACT_END,
        leaving_on=timezone.localdate(),
        by=w.hr,
    )
    return [offboarding.pk]


def notice_at_a(w: World) -> list:
    notice = change_notice_file(
        site=w.site_a,
        kind=ChangeKind.DEPARTURE,
        leaving=w.person_a,
        planned_on=timezone.localdate() + datetime.timedelta(days=40),
        reason="合同到期",
        by=w.hr,
    )
    return [notice.pk]


def resignation_of_a(w: World) -> list:
    resignation = resignation_apply(
        staff=w.person_a,
        leaving_on=timezone.localdate() + datetime.timedelta(days=30),
        reason="个人原因",
        by=w.staff_a,
    )
    return [resignation.pk]


# Those who see person A's placement: HR and the manager of the company, site A's supervisor
# and the person; of them, HR and the supervisor tick checklist items.
SEE_A = ("hr", "supervisor_a", "staff_a", "manager")
TICK = statuses(404, hr=302, supervisor_a=302, staff_a=403, manager=403)
HR_ONLY = statuses(404, hr=302, supervisor_a=403, staff_a=403, manager=403)

ROWS = [
    Row("staffing:onboarding_detail", only(SEE_A), args=placement_a),
    Row("staffing:onboarding_item", TICK, method="post", args=placement_a),
    Row("staffing:offboarding_detail", only(SEE_A), args=placement_a),
    # HR posting an empty form gets it back with its errors.
    Row(
        "staffing:offboarding_start",
        statuses(404, hr=200, supervisor_a=403, staff_a=403, manager=403),
        method="post",
        args=placement_a,
    ),
    Row("staffing:offboarding_item", TICK, method="post", args=offboarding_a),
    Row("staffing:offboarding_complete", HR_ONLY, method="post", args=offboarding_a),
    Row("staffing:offboarding_handover_pdf", only(SEE_A), args=offboarding_a),
    Row(
        "staffing:change_notice_list",
        only(("hr", "supervisor_a", "manager"), other=403),
    ),
    Row("staffing:change_notice_create", only(("hr", "manager"), other=403)),
    Row(
        "staffing:change_notice_detail",
        only(("hr", "supervisor_a", "manager")),
        args=notice_at_a,
    ),
    # HR filed the notice and the manager sees it; site A's supervisor answers it (an empty
    # form goes back to the notice with its error).
    Row(
        "staffing:change_notice_answer",
        statuses(404, hr=403, supervisor_a=302, manager=403),
        method="post",
        args=notice_at_a,
    ),
    Row(
        "staffing:resignation_list",
        only(("hr", "supervisor_a", "staff_a", "staff_b", "manager"), other=403),
    ),
    Row(
        "staffing:resignation_create",
        only(("staff_a", "staff_b", "hr_staff", "supervisor_staff"), other=403),
    ),
    Row("staffing:resignation_detail", only(SEE_A), args=resignation_of_a),
    Row("staffing:resignation_approve", TICK, method="post", args=resignation_of_a),
    # Deciders posting a rejection without its reason get the form back.
    Row(
        "staffing:resignation_reject",
        statuses(404, hr=200, supervisor_a=200, staff_a=403, manager=403),
        method="post",
        args=resignation_of_a,
    ),
    Row(
        "staffing:resignation_withdraw",
        statuses(404, staff_a=302, hr=403, supervisor_a=403, manager=403),
        method="post",
        args=resignation_of_a,
    ),
    Row("staffing:rotation_due", only(("hr", "manager"), other=403)),
]
