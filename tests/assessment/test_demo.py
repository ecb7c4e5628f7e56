"""The demo's assessment (assessment/demo.py): last quarter closed with everyone placed then
scored and ranked (excellent ones, one flagged below 60, a tie), the current quarter scoring with
half of its people scored, all made through the services by the right scorers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from assessment.models import Cycle, CycleStatus, Grade, Result, Score, Scorer
from assessment.services.cycles import people_of
from onsite.demo import COMPANY_NAME, seed_demo
from onsite.models import RoleGrant
from onsite.org.models import Company
from onsite.periods import Quarter
from onsite.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_demo(staff_count=12, months=3)
    return Company.objects.get(name=COMPANY_NAME)


def test_last_quarter_is_closed_with_everyone_ranked(demo):
    last = Quarter.containing(timezone.localdate()).shift(-1)
    cycle = Cycle.objects.get(company=demo, label=last.label)
    assert cycle.status == CycleStatus.CLOSED
    results = Result.objects.filter(cycle=cycle)
    assert set(results.values_list("staff_id", flat=True)) == set(
        people_of(cycle).values_list("pk", flat=True)
    )
    assert results.count() >= 8
    assert results.filter(grade=Grade.EXCELLENT).count() >= 2
    (flagged,) = results.filter(adjustment=True)
    assert flagged.total == Decimal("55.0") and flagged.grade == Grade.FAIL
    tied = results.filter(total=Decimal("86.0"))
    assert tied.count() >= 2
    assert len(set(tied.values_list("company_rank", flat=True))) == 1
    # Each score was set by its criterion's scorer: the manager for teamwork, a supervisor of
    # the person's site for the others.
    site_of = dict(results.values_list("staff_id", "site_id"))
    supervising = set(
        RoleGrant.objects.filter(role=Role.SUPERVISOR).values_list("user_id", "site_id")
    )
    scores = Score.objects.filter(cycle=cycle).select_related("criterion", "scored_by")
    for score in scores:
        if score.criterion.scorer == Scorer.MANAGER:
            assert score.scored_by.username == "manager"
        elif score.scored_by_id is not None:
            assert (score.scored_by_id, site_of[score.staff_id]) in supervising
        else:  # satisfaction computed from the ratings when the cycle closed
            assert score.criterion.scorer == Scorer.COMPUTED


def test_the_current_quarter_is_half_scored(demo):
    current = Quarter.containing(timezone.localdate())
    cycle = Cycle.objects.get(company=demo, label=current.label)
    assert cycle.status == CycleStatus.SCORING
    people = people_of(cycle).count()
    scored = Score.objects.filter(cycle=cycle).values("staff_id").distinct().count()
    assert scored == people // 2 and 0 < scored < people
    assert not Result.objects.filter(cycle=cycle).exists()


def test_after_the_close_one_appeals_the_best_get_a_bonus_and_the_sheets_are_asked_for(demo):
    from onsite.exports.models import ExportJob

    last = Quarter.containing(timezone.localdate()).shift(-1)
    cycle = Cycle.objects.get(company=demo, label=last.label)
    (appealed,) = Result.objects.filter(cycle=cycle, status="appealed")
    assert appealed.adjustment and "复核" in appealed.appeal_reason
    bonus = Result.objects.filter(cycle=cycle, outcome="bonus").order_by("company_rank")
    assert list(bonus.values_list("company_rank", flat=True)) == [1, 2]
    job = ExportJob.objects.get(kind="assessment.sheets_pdf")
    assert job.requested_by.username == "manager" and job.params["cycle"] == cycle.pk
