"""A person's assessment results (SPEC §12): their own list for whoever has a staff record; a
result's page for the person, HR and managers of the company and the supervisor of the site where
the person is ranked (404 for everyone else); only the person acknowledges or appeals (others who
read it: 403), only a manager decides an appeal and records the outcome."""

from __future__ import annotations

from django.utils import timezone

from tests import factories
from tests.matrix import Row, only, statuses

PLACED = ("staff_a", "staff_b", "hr_staff", "supervisor_staff")
READERS_A = ("hr", "manager", "supervisor_a", "staff_a")
READERS_B = ("hr", "manager", "staff_b")


def _result(w, person, site, **fields):
    cycle = factories.CycleFactory(
        company=w.company, status="closed", closed_at=timezone.now(), label="2026Q3"
    )
    criterion = factories.CycleCriterionFactory(cycle=cycle, weight=100)
    factories.ScoreFactory(criterion=criterion, staff=person)
    return factories.ResultFactory(cycle=cycle, staff=person, site=site, **fields).pk


def result_a(w):
    return [_result(w, w.person_a, w.site_a)]


def result_b(w):
    return [_result(w, w.person_b, w.site_b)]


def appealed_a(w):
    return [
        _result(
            w,
            w.person_a,
            w.site_a,
            status="appealed",
            appeal_reason="偏低",
            appealed_at=timezone.now(),
        )
    ]


def owner_only(owner: str) -> dict[str, int]:
    """The owner acts (302); the others who read the result are refused (403); the rest 404."""
    return statuses(404, **({role: 403 for role in READERS_A} | {owner: 302}))


def manager_only() -> dict[str, int]:
    return statuses(404, **({role: 403 for role in READERS_A} | {"manager": 302}))


ROWS = [
    Row("assessment:mine", only(PLACED, other=403)),
    Row("assessment:result", only(READERS_A), args=result_a, label="assessment:result A"),
    Row("assessment:result", only(READERS_B), args=result_b, label="assessment:result B"),
    Row("assessment:result_pdf", only(READERS_A), args=result_a),
    Row("assessment:result_acknowledge", owner_only("staff_a"), method="post", args=result_a),
    Row(
        "assessment:result_appeal",
        owner_only("staff_a"),
        method="post",
        args=result_a,
        data=lambda w: {"reason": "团队协作分数偏低"},
    ),
    Row(
        "assessment:appeal_decide",
        manager_only(),
        method="post",
        args=appealed_a,
        data=lambda w: {"decision": "uphold"},
    ),
    Row(
        "assessment:outcome_record",
        manager_only(),
        method="post",
        args=result_a,
        data=lambda w: {"outcome": "training", "note": "沟通培训"},
    ),
]

# 考核结果: whoever reads results of others (HR, managers, supervisors) chooses among them.
ROWS.append(Row("assessment:results_choose", only(("hr", "manager", "supervisor_a"))))
