"""The work plan pages: a plan written on its pages from draft to approval, its steps' overdue
days in red, the lead's decision (a return needs comments; the second of two leads reads what
happened), the list's filters and its queries pinned, the dashboard cards."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.pages import words
from tests.tickets.plans.conftest import approved, draft, submitted
from tickets.models import PlanStatus, PlanStep, WorkPlan
from tickets.services import plans as services

pytestmark = pytest.mark.django_db
P = PlanStatus


def url(name, *args):
    return reverse(f"tickets:{name}", args=args)


def test_a_plan_written_on_its_pages_and_submitted(client, world):
    client.force_login(world.staff_a)
    response = client.post(
        url("plan_new"), {"site": world.site_a.pk, "title": "机房搬迁", "goals": "三周内完成"}
    )
    plan = WorkPlan.objects.get()
    assert response.status_code == 302 and response.url == url("plan", plan.pk)
    due = timezone.localdate() + datetime.timedelta(days=3)
    client.post(
        url("plan_step_add", plan.pk),
        {"title": "打包设备", "due_on": due.isoformat(), "responsible": world.person_a.pk},
    )
    assert [(s.title, s.due_on) for s in plan.steps.all()] == [("打包设备", due)]
    response = client.post(url("plan_submit", plan.pk), follow=True)
    assert "计划已提交现场主管审批" in words(response)
    plan.refresh_from_db()
    assert plan.status == P.SUBMITTED


def test_a_step_without_a_deadline_is_not_added(client, world, plan):
    client.force_login(world.staff_a)
    response = client.post(
        url("plan_step_add", plan.pk),
        {"title": "打包设备", "due_on": "", "responsible": world.person_a.pk},
        follow=True,
    )
    assert plan.steps.count() == 2
    assert "截止日期" in words(response)


def test_someone_else_placed_at_b_is_not_offered(client, world, plan):
    client.force_login(world.staff_a)
    response = client.post(
        url("plan_step_add", plan.pk),
        {"title": "打包", "due_on": "2099-01-01", "responsible": world.person_b.pk},
    )
    assert response.status_code == 302 and plan.steps.count() == 2


def test_the_plan_page_shows_overdue_in_red_and_done_marks(client, world):
    today = timezone.localdate()
    plan = approved(world, steps=((datetime.date(2026, 10, 12), None), (today, None)))
    # The days since the first step's deadline, on the site's (Shanghai's) today.
    late = (today - datetime.date(2026, 10, 12)).days
    client.force_login(world.staff_a)
    response = client.get(url("plan", plan.pk))
    text = words(response)
    assert f"已逾期{late}天" in text
    assert text.count("已逾期") == 1
    client.post(url("plan_step_done", plan.pk, plan.steps.first().pk), {"done": "1"})
    text = words(client.get(url("plan", plan.pk)))
    assert "已逾期" not in text and "完成于" in text
    assert "步骤“第1步”已完成" in text  # the history


def test_the_lead_returns_with_comments_and_the_author_reads_them(client, world):
    plan = submitted(world)
    client.force_login(world.supervisor_a)
    response = client.post(url("plan_decide", plan.pk), {"decision": "return"}, follow=True)
    assert "请填写退回的原因" in words(response)
    client.post(url("plan_decide", plan.pk), {"decision": "return", "note": "请补充时间"})
    client.force_login(world.staff_a)
    text = words(client.get(url("plan", plan.pk)))
    assert "请补充时间" in text and "重新提交" in text


def test_the_second_of_two_leads_reads_what_happened(client, two_roles):
    world = two_roles
    plan = submitted(world)
    services.plan_approve(plan=plan, by=world.supervisor_staff)
    client.force_login(world.supervisor_a)
    response = client.post(url("plan_decide", plan.pk), {"decision": "return", "note": "x"})
    assert response.status_code == 302
    text = words(client.get(url("plan", plan.pk)))
    assert "该工作计划已由他人处理，现为“已批准”" in text


def test_the_author_who_leads_the_site_has_no_decision_form(client, two_roles):
    world = two_roles
    plan = submitted(
        world,
        by=world.supervisor_staff,
        steps=((datetime.date(2099, 1, 1), world.supervisor_person),),
    )
    client.force_login(world.supervisor_staff)
    response = client.get(url("plan", plan.pk))
    assert 'data-testid="decision-form"' not in response.content.decode()
    assert "由该现场的其他主管审批" in words(response)
    response = client.post(url("plan_decide", plan.pk), {"decision": "approve"})
    assert response.status_code == 403


def test_the_list_filters_by_site_and_status(client, world):
    approved(world)
    draft(world)
    client.force_login(world.supervisor_a)
    response = client.get(url("plans"), {"status": "approved", "site": world.site_a.pk})
    assert len(response.context["page"].object_list) == 1
    for junk in ({"status": "x", "site": "²"}, {"site": "99999999999999999999"}):
        assert len(client.get(url("plans"), junk).context["page"].object_list) == 2


@pytest.mark.parametrize("count", [1, 6])
def test_the_lists_queries_do_not_grow_with_its_rows(
    client, world, django_assert_num_queries, count
):
    for _ in range(count):
        approved(world)
    client.force_login(world.staff_a)
    client.get(url("plans"))  # the session and the menu's caches
    with django_assert_num_queries(11):
        response = client.get(url("plans"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == count


def test_the_dashboard_shows_overdue_steps_to_the_person_and_the_lead(client, world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    plan = approved(world, steps=((datetime.date(2099, 1, 1), None),))
    PlanStep.objects.filter(plan=plan).update(due_on=yesterday)
    client.force_login(world.staff_a)
    text = words(client.get(reverse("dashboard")))
    assert "我的逾期步骤" in text and "已逾期1天" in text
    client.force_login(world.supervisor_a)
    text = words(client.get(reverse("dashboard")))
    assert "逾期步骤" in text and "已逾期1天" in text and "张三" in text
