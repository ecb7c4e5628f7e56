"""Work plans (SPEC §9): the test world's plan of 张三 (staff_a) at site A, written on the
reference Monday, with steps due that week; helpers to take it through its states."""

from __future__ import annotations

import pytest

from tests.dates import FRIDAY, MONDAY, WEDNESDAY
from tickets.services import plans as services


def draft(world, *, by=None, steps=((WEDNESDAY, None), (FRIDAY, None))):
    """A draft at site A by staff_a (or `by`), with a step per (deadline, responsible)."""
    plan = services.plan_create(
        site=world.site_a, by=by or world.staff_a, title="  机房搬迁计划 ", goals="三周内完成搬迁"
    )
    for n, (due_on, who) in enumerate(steps, start=1):
        services.step_add(
            plan=plan,
            by=by or world.staff_a,
            title=f"第{n}步",
            responsible=who or world.person_a,
            due_on=due_on,
            today=MONDAY,
        )
    return plan


def submitted(world, **options):
    plan = draft(world, **options)
    return services.plan_submit(plan=plan, by=options.get("by") or world.staff_a)


def approved(world, **options):
    return services.plan_approve(plan=submitted(world, **options), by=world.supervisor_a)


@pytest.fixture
def plan(world):
    return draft(world)
