"""The plan's services: written by someone placed at the site, its steps each with a deadline and
someone placed there responsible; submitted with a step at least; approved or returned with
comments by the site's lead, never by its author; steps marked done once it is approved."""

from __future__ import annotations

import pytest

from onsite.models import Notification
from onsite.transitions import Refused
from tests.dates import FRIDAY, MONDAY, SUNDAY, TUESDAY
from tests.tickets.plans.conftest import approved, draft, submitted
from tickets.models import PlanStatus, WorkPlan
from tickets.services import plans as services

pytestmark = pytest.mark.django_db
P = PlanStatus


def test_someone_placed_at_the_site_writes_a_draft(world):
    plan = draft(world)
    assert (plan.title, plan.status, plan.author) == ("机房搬迁计划", P.DRAFT, world.person_a)
    assert [s.title for s in plan.steps.all()] == ["第1步", "第2步"]
    assert list(plan.steps.values_list("order", flat=True)) == [1, 2]


@pytest.mark.parametrize("who", ["supervisor_a", "hr", "client_a", "staff_b", "manager"])
def test_others_do_not_write_one(world, who):
    with pytest.raises(Refused, match="只有派驻该现场的人员"):
        services.plan_create(site=world.site_a, by=world.users[who], title="计划", goals="目标")


def test_a_plan_has_a_title_and_goals(world):
    with pytest.raises(Refused, match="标题"):
        services.plan_create(site=world.site_a, by=world.staff_a, title=" ", goals="目标")


def test_a_step_has_someone_placed_at_the_site_and_a_deadline_not_past(world, plan):
    def add(**options):
        values = {"title": "检查", "responsible": world.person_a, "due_on": FRIDAY}
        services.step_add(plan=plan, by=world.staff_a, today=MONDAY, **{**values, **options})

    with pytest.raises(Refused, match=r"李四.*甲机房"):
        add(responsible=world.person_b)
    with pytest.raises(Refused, match="2026-10-11"):
        add(due_on=MONDAY.replace(day=11))
    with pytest.raises(Refused, match="截止日期"):
        add(due_on=None)
    with pytest.raises(Refused, match="步骤"):
        add(title="  ")
    add(due_on=MONDAY)  # today is not past
    assert plan.steps.count() == 3


def test_only_the_author_changes_the_draft(world, plan, colleague):
    with pytest.raises(Refused, match="只有计划的编写人"):
        services.plan_update(plan=plan, by=colleague.user, title="改", goals="改")
    services.plan_update(plan=plan, by=world.staff_a, title="新标题", goals="新目标")
    step = plan.steps.first()
    services.step_update(
        step=step,
        by=world.staff_a,
        title="改过",
        responsible=world.person_a,
        due_on=SUNDAY,
        today=MONDAY,
    )
    services.step_remove(step=plan.steps.last(), by=world.staff_a)
    plan.refresh_from_db()
    assert plan.title == "新标题"
    assert [(s.title, s.due_on) for s in plan.steps.all()] == [("改过", SUNDAY)]


def test_a_deadline_left_as_it_was_may_have_passed(world, plan):
    step = plan.steps.first()
    # On Sunday, Wednesday's step is renamed without changing its deadline.
    services.step_update(
        step=step,
        by=world.staff_a,
        title="改名",
        responsible=world.person_a,
        due_on=step.due_on,
        today=SUNDAY,
    )
    with pytest.raises(Refused, match="已过"):
        services.step_update(
            step=step,
            by=world.staff_a,
            title="改名",
            responsible=world.person_a,
            due_on=TUESDAY,
            today=SUNDAY,
        )


def test_a_plan_without_a_step_is_not_submitted(world):
    plan = draft(world, steps=())
    with pytest.raises(Refused, match="至少添加一个步骤"):
        services.plan_submit(plan=plan, by=world.staff_a)


def test_submitted_to_the_sites_supervisors(world):
    plan = submitted(world)
    assert plan.status == P.SUBMITTED and plan.submitted_at is not None
    told = Notification.objects.get(kind="tickets.plan_submitted")
    assert told.recipient == world.supervisor_a
    assert told.params["author"] == "张三"
    with pytest.raises(Refused, match="已提交"):
        services.step_add(
            plan=plan,
            by=world.staff_a,
            title="x",
            responsible=world.person_a,
            due_on=FRIDAY,
            today=MONDAY,
        )


def test_approved_by_the_lead_who_tells_the_author(world):
    plan = services.plan_approve(plan=submitted(world), by=world.supervisor_a, note=" 同意 ")
    plan.refresh_from_db()
    assert (plan.status, plan.decided_by, plan.review_note) == (
        P.APPROVED,
        world.supervisor_a,
        "同意",
    )
    told = Notification.objects.get(kind="tickets.plan_decided")
    assert told.recipient == world.staff_a and told.params["approved"] is True


def test_returned_with_comments_then_submitted_again(world):
    plan = submitted(world)
    with pytest.raises(Refused, match="退回的原因"):
        services.plan_return(plan=plan, by=world.supervisor_a, note="  ")
    plan = services.plan_return(plan=plan, by=world.supervisor_a, note="请补充时间安排")
    assert plan.status == P.RETURNED and plan.review_note == "请补充时间安排"
    told = Notification.objects.get(kind="tickets.plan_decided")
    assert told.params == {**told.params, "approved": False, "note": "请补充时间安排"}
    services.plan_update(plan=plan, by=world.staff_a, title="机房搬迁计划", goals="补充了时间")
    plan = services.plan_submit(plan=plan, by=world.staff_a)
    assert plan.status == P.SUBMITTED
    reasons = list(plan.history.order_by("history_date").values_list("status", flat=True))
    assert reasons[-3:] == [P.RETURNED, P.RETURNED, P.SUBMITTED]


@pytest.mark.parametrize("who", ["hr", "manager", "staff_a", "staff_b", "client_a"])
def test_only_the_sites_supervisor_decides(world, who):
    plan = submitted(world)
    with pytest.raises(Refused):
        services.plan_approve(plan=plan, by=world.users[who])
    assert WorkPlan.objects.get().status == P.SUBMITTED


def test_nobody_approves_their_own_plan(two_roles):
    world = two_roles
    plan = submitted(world, by=world.supervisor_staff, steps=((FRIDAY, world.supervisor_person),))
    with pytest.raises(Refused, match="编写人以外"):
        services.plan_approve(plan=plan, by=world.supervisor_staff)
    # Another supervisor of the site was told, and decides.
    assert Notification.objects.get(kind="tickets.plan_submitted").recipient == world.supervisor_a
    assert services.plan_approve(plan=plan, by=world.supervisor_a).status == P.APPROVED


def test_a_decided_plan_is_not_decided_again(world):
    plan = approved(world)
    with pytest.raises(Refused, match="已批准"):
        services.plan_return(plan=plan, by=world.supervisor_a, note="再改改")


def test_steps_are_marked_once_the_plan_is_approved(world):
    plan = submitted(world)
    step = plan.steps.first()
    with pytest.raises(Refused, match="批准后"):
        services.step_mark(step=step, by=world.staff_a, today=TUESDAY)
    services.plan_approve(plan=plan, by=world.supervisor_a)
    step = services.step_mark(step=step, by=world.staff_a, today=TUESDAY)
    assert step.done_on == TUESDAY
    with pytest.raises(Refused, match="已于2026-10-13标记完成"):
        services.step_mark(step=step, by=world.supervisor_a, today=TUESDAY)
    services.step_mark(step=step, by=world.supervisor_a, done=False)
    step.refresh_from_db()
    assert step.done_on is None
    with pytest.raises(Refused, match="尚未标记完成"):
        services.step_mark(step=step, by=world.staff_a, done=False)
    reasons = list(plan.history.values_list("history_change_reason", flat=True))
    assert any("第1步" in (r or "") for r in reasons)


def test_the_person_responsible_marks_their_step(world, colleague):
    plan = approved(world, steps=((FRIDAY, colleague),))
    step = plan.steps.get()
    services.step_mark(step=step, by=colleague.user, today=FRIDAY)
    # HR and the manager read the plan but do not mark it; nor does someone else at the site.
    for who in (world.hr, world.manager):
        with pytest.raises(Refused, match="负责人"):
            services.step_mark(step=step, by=who, done=False)
