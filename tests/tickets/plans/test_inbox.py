"""A submitted plan waits in the approvals inbox (待我审批) for the site's supervisor, not for its
author (a supervisor who wrote it) nor anyone else; approved or returned (with a reason) from
there; once decided it waits no more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onsite.inbox import waiting
from tests.dates import FRIDAY
from tests.pages import words
from tests.tickets.plans.conftest import draft, submitted
from tickets.models import PlanStatus, WorkPlan

pytestmark = pytest.mark.django_db


def tokens(user) -> list[str]:
    return [f"{kind}:{pk}" for kind, pk, _since in waiting(user) if kind == "work_plan"]


def test_it_waits_for_the_sites_supervisor_only(world, supervisor_b):
    draft(world)  # a draft waits for nobody
    plan = submitted(world)
    assert tokens(world.supervisor_a) == [f"work_plan:{plan.pk}"]
    for who in (world.staff_a, world.hr, world.manager, supervisor_b):
        assert tokens(who) == []


def test_not_for_its_author_who_leads_the_site(two_roles):
    world = two_roles
    plan = submitted(world, by=world.supervisor_staff, steps=((FRIDAY, world.supervisor_person),))
    assert tokens(world.supervisor_staff) == []
    assert tokens(world.supervisor_a) == [f"work_plan:{plan.pk}"]


def test_approved_from_the_inbox(client, world):
    plan = submitted(world)
    client.force_login(world.supervisor_a)
    page = words(client.get(reverse("inbox:list")))
    assert "张三" in page and "工作计划" in page and "机房搬迁计划" in page
    response = client.post(
        reverse("inbox:decide"), {"items": [f"work_plan:{plan.pk}"]}, follow=True
    )
    assert "已批准1份工作计划" in words(response)
    assert WorkPlan.objects.get().status == PlanStatus.APPROVED
    assert tokens(world.supervisor_a) == []


def test_returned_from_the_inbox_with_a_reason(client, world):
    plan = submitted(world)
    client.force_login(world.supervisor_a)
    response = client.post(
        reverse("inbox:decide"), {"item": f"work_plan:{plan.pk}", "note": ""}, follow=True
    )
    assert "请填写退回的原因" in words(response)
    client.post(reverse("inbox:decide"), {"item": f"work_plan:{plan.pk}", "note": "请补充时间"})
    plan.refresh_from_db()
    assert (plan.status, plan.review_note) == (PlanStatus.RETURNED, "请补充时间")
