"""The scorer's pages (SPEC §12): 待评分 is for those who score someone (site supervisors and the
company's manager; 403 for everyone else); the form of a person answers whoever scores them in
the cycle (site A's supervisors for 张三, the manager for everyone) and is not there (404) for
anyone else, nor for the person themselves (钱军, supervisor of site A and placed there, never
opens his own). A POST saves the reader's scores and moves on (302); inside the scope with
nothing to score it is 403."""

from __future__ import annotations

import datetime

from assessment.models import Cycle, Scorer
from assessment.services.cycles import cycle_open
from tests import factories
from tests.matrix import Row, only, statuses

SCORERS_A = ("supervisor_a", "manager")


def _cycle(w) -> Cycle:
    return cycle_open(
        company=w.company, label="2026Q3", scoring_deadline=datetime.date(2026, 10, 15), by=w.hr
    )


def of(person: str):
    return lambda w: [_cycle(w).pk, getattr(w, person).pk]


def teamwork_only(w) -> list:
    """A cycle whose one criterion is the manager's: a supervisor has nothing to score there."""
    cycle = factories.CycleFactory(company=w.company, label="2026Q3")
    factories.CycleCriterionFactory(
        cycle=cycle, key="teamwork", label="团队协作", weight=100, scorer=Scorer.MANAGER
    )
    return [cycle.pk, w.person_a.pk]


def scores(w) -> dict:
    cycle = Cycle.objects.get(company=w.company, label="2026Q3")
    return {f"score_{pk}": "85" for pk in cycle.criteria.values_list("pk", flat=True)}


ROWS = [
    Row("assessment:scoring", only(("supervisor_a", "manager"), other=403)),
    Row(
        "assessment:score_person",
        only(SCORERS_A),
        args=of("person_a"),
        label="score_person 张三",
    ),
    Row(
        "assessment:score_person",
        only(("manager",)),
        args=of("person_b"),
        label="score_person 李四",
    ),
    Row(
        "assessment:score_person",
        statuses(404, supervisor_a=200, manager=200, supervisor_staff=404),
        args=of("supervisor_person"),
        label="score_person 钱军 (his own record)",
    ),
    Row(
        "assessment:score_person",
        only(SCORERS_A, ok=302),
        method="post",
        args=of("person_a"),
        data=scores,
        label="score_person 张三 POST",
    ),
    Row(
        "assessment:score_person",
        only(("manager",), ok=302),
        method="post",
        args=of("person_b"),
        data=scores,
        label="score_person 李四 POST",
    ),
    Row(
        "assessment:score_person",
        statuses(404, supervisor_a=302, manager=302, supervisor_staff=404),
        method="post",
        args=of("supervisor_person"),
        data=scores,
        label="score_person 钱军 POST (his own record)",
    ),
    Row(
        "assessment:score_person",
        statuses(404, supervisor_a=403, manager=302),
        method="post",
        args=teamwork_only,
        data=scores,
        label="score_person POST with nothing to score",
    ),
]
