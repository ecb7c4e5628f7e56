"""Work plans (SPEC §9). A plan of 张三 (staff_a) at site A, with a step of his, is seen by him,
the site's supervisor, HR and the manager of the company; anyone else gets 404. Its author
changes and submits it; the site's supervisor (not its author) decides it; he, his supervisor
(and the person responsible) mark its steps once approved. Anyone who sees it but may not act:
403."""

from __future__ import annotations

import datetime

from tests.conftest import World
from tests.matrix import Row, only, statuses
from tickets.models import PlanStep, WorkPlan

SEE_A = ("hr", "supervisor_a", "staff_a", "manager")
PLACED = ("staff_a", "staff_b", "hr_staff", "supervisor_staff")
FAR = datetime.date(2099, 1, 1)


def plan_of_a(w: World, status: str = "draft") -> WorkPlan:
    plan = WorkPlan.objects.create(
        site=w.site_a, author=w.person_a, title="机房搬迁", goals="三周内完成", status=status
    )
    PlanStep.objects.create(plan=plan, title="打包", responsible=w.person_a, due_on=FAR, order=1)
    return plan


def plan_a(w: World) -> list:
    return [plan_of_a(w).pk]


def submitted_a(w: World) -> list:
    return [plan_of_a(w, "submitted").pk]


def step_a(w: World) -> list:
    plan = plan_of_a(w)
    return [plan.pk, plan.steps.get().pk]


def approved_step_a(w: World) -> list:
    plan = plan_of_a(w, "approved")
    return [plan.pk, plan.steps.get().pk]


# Seeing the plan but not its author: 403 (the twins too: neither wrote it); not seeing it: 404.
SEERS = {"hr": 403, "supervisor_a": 403, "manager": 403, "hr_staff": 403, "supervisor_staff": 403}
AUTHOR_A = statuses(404, staff_a=302, **SEERS)
AUTHOR_FORM_A = statuses(404, staff_a=200, **SEERS)


def step_data(w: World) -> dict:
    return {"title": "装车", "due_on": "2099-02-01", "responsible": w.person_a.pk}


ROWS = [
    Row("tickets:plans", only(("hr", "supervisor_a", "staff_a", "staff_b", "manager"), other=403)),
    Row("tickets:plan_new", only(PLACED, other=403)),
    Row("tickets:plan_new", only(PLACED, other=403), method="post", label="tickets:plan_new POST"),
    Row("tickets:plan", only(SEE_A), args=plan_a),
    Row("tickets:plan_edit", AUTHOR_FORM_A, args=plan_a),
    Row("tickets:plan_edit", AUTHOR_FORM_A, method="post", args=plan_a, label="plan_edit POST"),
    Row("tickets:plan_step_add", AUTHOR_A, method="post", args=plan_a, data=step_data),
    Row("tickets:plan_step_edit", AUTHOR_A, method="post", args=step_a, data=step_data),
    Row("tickets:plan_step_remove", AUTHOR_A, method="post", args=step_a),
    Row("tickets:plan_submit", AUTHOR_A, method="post", args=plan_a),
    # The person responsible (staff_a, also its author) and the site's supervisors.
    Row(
        "tickets:plan_step_done",
        statuses(404, staff_a=302, supervisor_a=302, hr=403, manager=403, hr_staff=403),
        method="post",
        args=approved_step_a,
    ),
    Row(
        "tickets:plan_decide",
        statuses(404, supervisor_a=302, hr=403, manager=403, staff_a=403, hr_staff=403),
        method="post",
        args=submitted_a,
        data=lambda w: {"decision": "approve"},
    ),
]
