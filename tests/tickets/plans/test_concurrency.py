"""Two leads of the site decide the same plan at the same moment, each in their own thread and
database connection: one decision stands, the other is told what happened meanwhile."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from onsite.models import Notification
from onsite.transitions import Refused
from onsite.workflows import workflow_for
from tests.tickets.plans.conftest import submitted
from tickets.models import PlanStatus, WorkPlan


@pytest.mark.postgres(reason="the row lock makes the second decision wait for the first")
@pytest.mark.django_db(transaction=True)
def test_two_leads_at_once_make_one_decision(two_roles):
    world = two_roles
    plan = submitted(world)
    flow = workflow_for("work_plan")
    start = threading.Barrier(2)
    done, refused, errors = [], [], []

    def decide(user, action, note) -> None:
        try:
            record = WorkPlan.objects.get(pk=plan.pk)
            start.wait(timeout=10)
            done.append(flow.perform(action, record=record, by=user, note=note).status)
        except Refused as refusal:
            refused.append(str(refusal))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(world.supervisor_a, "approve", "")),
        threading.Thread(target=decide, args=(world.supervisor_staff, "return", "再改")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(done) == 1 and len(refused) == 1
    assert "该工作计划已由他人处理" in refused[0]
    assert WorkPlan.objects.get().status == done[0]
    assert done[0] in (PlanStatus.APPROVED, PlanStatus.RETURNED)
    assert Notification.objects.filter(kind="tickets.plan_decided").count() == 1
