"""A company's criteria (SPEC §12): HR replaces the whole set at once; weights must add up to 100,
keys be used once, every criterion be named and scored by one of the scorers, else nothing
changes. Each change is in the history with who made it, and a cycle keeps its own copy."""

from __future__ import annotations

import pytest

from assessment.models import Criterion
from assessment.services import cycles
from assessment.services.criteria import criteria_set
from onsite.roles import Role
from onsite.transitions import Refused
from tests import factories
from tests.dates import THURSDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def row(key, weight, scorer="supervisor", label=None, order=0) -> dict:
    return {
        "key": key,
        "label": key.title() if label is None else label,
        "weight": weight,
        "scorer": scorer,
        "order": order,
    }


FOUR = [
    row("performance", 40, label="工作业绩", order=0),
    row("attitude", 20, label="工作态度", order=1),
    row("teamwork", 20, "manager", label="团队协作", order=2),
    row("satisfaction", 20, "computed", label="客户满意度", order=3),
]


def saved(company) -> list[tuple]:
    return list(
        Criterion.objects.filter(company=company).values_list("key", "label", "weight", "scorer")
    )


def refusal_of(world, rows, by=None) -> list[str]:
    with pytest.raises(Refused) as refused:
        criteria_set(company=world.company, rows=rows, by=by or world.hr)
    return refused.value.messages


def test_weights_adding_up_to_99_are_refused_and_nothing_is_saved(world):
    rows = [*FOUR[:3], row("satisfaction", 19, "computed")]
    assert refusal_of(world, rows) == ["The weights add up to 99; they must add up to 100."]
    assert not Criterion.objects.exists()


def test_weights_adding_up_to_100_are_saved_in_their_order(world):
    criteria = criteria_set(company=world.company, rows=FOUR, by=world.hr)
    assert [(c.key, c.weight, c.scorer, c.order) for c in criteria] == [
        ("performance", 40, "supervisor", 0),
        ("attitude", 20, "supervisor", 1),
        ("teamwork", 20, "manager", 2),
        ("satisfaction", 20, "computed", 3),
    ]
    assert {h.history_user for h in Criterion.history.all()} == {world.hr}


def test_a_change_keeps_each_criterion_by_its_key_with_its_history(world):
    criteria_set(company=world.company, rows=FOUR, by=world.hr)
    performance = Criterion.objects.get(key="performance")
    other_hr = factories.UserFactory(username="hr_two")
    factories.RoleGrantFactory(user=other_hr, role=Role.HR_ADMIN, company=world.company)
    criteria_set(
        company=world.company,
        rows=[
            row("performance", 60, label="工作业绩"),
            FOUR[2],
            row("innovation", 20, "manager", order=3),
        ],
        by=other_hr,
    )
    assert saved(world.company) == [
        ("performance", "工作业绩", 60, "supervisor"),
        ("teamwork", "团队协作", 20, "manager"),
        ("innovation", "Innovation", 20, "manager"),
    ]
    assert Criterion.objects.get(key="performance").pk == performance.pk
    changed = performance.history.first()
    assert (changed.history_type, changed.weight, changed.history_user) == ("~", 60, other_hr)
    removed = Criterion.history.filter(key__in=["attitude", "satisfaction"], history_type="-")
    assert {h.history_user for h in removed} == {other_hr} and removed.count() == 2
    # The criterion left unchanged has no new history row.
    assert Criterion.objects.get(key="teamwork").history.count() == 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "Keep at least one criterion."),
        (
            [row("performance", 50), row("performance", 50)],
            "The key “performance” is used twice; each criterion needs its own.",
        ),
        ([row("performance", 60), row("attitude", 40, label=" ")], "Every criterion needs a name."),
        (
            [row("performance", 60), row("attitude", 40, "robot")],
            "“robot” is not one of the scorers.",
        ),
        ([row("performance", 100.5)], "Each weight is a whole number from 1 to 100."),
        (
            [row("performance", 0), row("attitude", 100)],
            "Each weight is a whole number from 1 to 100.",
        ),
        ([row("performance", 101)], "Each weight is a whole number from 1 to 100."),
        (
            [row("Work Performance", 100)],
            "The key “Work Performance” is not usable: write it with lower-case letters, digits, "
            "hyphens or underscores, at most 30 characters.",
        ),
        ([row("performance", 100, order=-1)], "Each order is a whole number from 0 to 999."),
    ],
)
def test_rows_that_are_not_criteria_are_refused_and_nothing_changes(world, rows, message):
    criteria_set(company=world.company, rows=FOUR, by=world.hr)
    before = saved(world.company)
    assert message in refusal_of(world, rows)
    assert saved(world.company) == before


def test_every_reason_is_said_at_once(world):
    rows = [row("performance", 50, label=""), row("performance", 30, "robot")]
    assert refusal_of(world, rows) == [
        "Every criterion needs a name.",
        "The key “performance” is used twice; each criterion needs its own.",
        "“robot” is not one of the scorers.",
        "The weights add up to 80; they must add up to 100.",
    ]


@pytest.mark.parametrize("role", ["manager", "supervisor_a", "staff_a", "finance"])
def test_only_hr_of_the_company_sets_its_criteria(world, role):
    assert refusal_of(world, FOUR, by=world.users[role]) == [
        "Only HR of the company sets its assessment criteria."
    ]
    assert not Criterion.objects.exists()


def test_hr_of_another_company_is_refused(world):
    other_hr = factories.UserFactory(username="hr_other")
    factories.RoleGrantFactory(
        user=other_hr, role=Role.HR_ADMIN, company=factories.CompanyFactory(name="远达服务")
    )
    assert refusal_of(world, FOUR, by=other_hr) == [
        "Only HR of the company sets its assessment criteria."
    ]


def test_a_closed_cycle_keeps_its_criteria_and_the_next_opens_with_the_new(world):
    cycle = cycles.cycle_open(
        company=world.company, label="2026Q3", scoring_deadline=THURSDAY, by=world.hr
    )
    cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
    cycles.cycle_close(cycle=cycle, by=world.hr)
    before = list(cycle.criteria.values_list("pk", "key", "label", "weight", "scorer"))
    criteria_set(
        company=world.company,
        rows=[row("performance", 70, label="业绩"), row("teamwork", 30, "manager")],
        by=world.hr,
    )
    assert list(cycle.criteria.values_list("pk", "key", "label", "weight", "scorer")) == before
    following = cycles.cycle_open(
        company=world.company, label="2026Q4", scoring_deadline=THURSDAY, by=world.hr
    )
    assert list(following.criteria.values_list("key", "weight")) == [
        ("performance", 70),
        ("teamwork", 30),
    ]
