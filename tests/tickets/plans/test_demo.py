"""The demo's work plans (tickets/demo.py): an approved plan with a step done, one overdue and
one upcoming, and a submitted one waiting in the supervisor's approvals inbox."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from onsite.inbox import waiting
from tickets.models import PlanStatus, WorkPlan
from tickets.selectors.plans import overdue_steps

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_plan_with_an_overdue_step_and_one_waiting():
    call_command("seed_demo")
    approved = WorkPlan.objects.get(status=PlanStatus.APPROVED)
    steps = list(approved.steps.all())
    assert [s.done_on is not None for s in steps] == [True, False, False]
    assert [s.title for s in overdue_steps()] == [steps[1].title]
    submitted = WorkPlan.objects.get(status=PlanStatus.SUBMITTED)
    lead = get_user_model().objects.get(username="supervisor")
    assert ("work_plan", submitted.pk) in [(k, pk) for k, pk, _s in waiting(lead)]
