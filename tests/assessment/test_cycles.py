"""Cycles (SPEC §12): HR opens one with a copy of the company's criteria; scorers score the people
they may; closing computes totals, grades, flags and ranks and locks every score; reopening needs a
reason; a quarter of a company that scores monthly ranks by the average of its months; client
satisfaction comes from ticket ratings when there are enough."""

import datetime
from decimal import Decimal

import pytest

from assessment.models import Criterion, CycleStatus, Result, Score, Scorer
from assessment.services import cycles, scores
from onsite.models import RoleGrant
from onsite.roles import Role
from onsite.transitions import Refused
from tests import factories
from tests.dates import SHANGHAI

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 10, 15)


def opened(world, label="2026Q3"):
    return cycles.cycle_open(
        company=world.company, label=label, scoring_deadline=DEADLINE, by=world.hr
    )


def criterion(cycle, key):
    return cycle.criteria.get(key=key)


def score_all(world, cycle, person, values: dict, by=None):
    for key, value in values.items():
        c = criterion(cycle, key)
        scorer = by or (world.manager if c.scorer == Scorer.MANAGER else world.supervisor_a)
        if person.pk == world.person_b.pk and c.scorer != Scorer.MANAGER:
            scorer = by or supervisor_of_b(world)
        scores.score_set(cycle=cycle, staff=person, criterion=c, score=value, by=scorer)


def supervisor_of_b(world):
    grant = RoleGrant.objects.filter(role=Role.SUPERVISOR, site=world.site_b).first()
    if grant is None:
        grant = factories.RoleGrantFactory(
            user=factories.UserFactory(username="supervisor_b"),
            role=Role.SUPERVISOR,
            site=world.site_b,
            company=None,
        )
    return grant.user


def test_a_cycle_opens_with_a_copy_of_the_default_criteria(world):
    cycle = opened(world)
    assert (cycle.kind, cycle.first_day, cycle.last_day, cycle.status) == (
        "quarter",
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
        CycleStatus.OPEN,
    )
    assert list(cycle.criteria.values_list("key", "weight", "scorer")) == [
        ("performance", 40, "supervisor"),
        ("attitude", 20, "supervisor"),
        ("teamwork", 20, "manager"),
        ("satisfaction", 20, "computed"),
    ]
    # The company's criteria changing later never changes this cycle.
    Criterion.objects.create(
        company=world.company, key="x", label="新", weight=100, scorer="manager"
    )
    assert cycle.criteria.count() == 4


def test_a_cycle_is_refused_when_weights_do_not_add_up_or_the_label_is_wrong(world):
    Criterion.objects.create(
        company=world.company, key="a", label="甲", weight=60, scorer="manager"
    )
    Criterion.objects.create(
        company=world.company, key="b", label="乙", weight=30, scorer="manager"
    )
    with pytest.raises(Refused, match="90"):
        opened(world)
    with pytest.raises(Refused):
        opened(world, label="2026Q5")
    with pytest.raises(Refused):
        cycles.cycle_open(
            company=world.company, label="2026Q3", scoring_deadline=DEADLINE, by=world.manager
        )


def test_closing_computes_totals_grades_flags_and_ranks_with_ties(world):
    cycle = opened(world)
    third = factories.colleague_of(world, "王五")
    fourth = factories.colleague_of(world, "赵六")
    everything = {"performance": 90, "attitude": 90, "teamwork": 90, "satisfaction": 90}
    score_all(world, cycle, world.person_a, everything)
    score_all(world, cycle, third, everything)
    score_all(world, cycle, fourth, {k: "59.5" for k in everything} | {"satisfaction": 60})
    score_all(world, cycle, world.person_b, {k: 95 for k in everything})
    cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
    cycles.cycle_close(cycle=cycle, by=world.hr)
    results = {r.staff.name: r for r in Result.objects.filter(cycle=cycle)}
    a, b = results[world.person_a.name], results[world.person_b.name]
    assert (b.total, b.grade, b.company_rank, b.site_rank) == (Decimal("95.0"), "excellent", 1, 1)
    assert (a.total, a.grade, a.company_rank, a.site_rank) == (Decimal("90.0"), "excellent", 2, 1)
    assert (results["王五"].company_rank, results["王五"].site_rank) == (2, 1)
    low = results["赵六"]
    # 80×59.5 + 20×60 = 5960 → 59.6: fails and is flagged; ranks skip past the tie.
    assert (low.total, low.grade, low.adjustment, low.company_rank, low.site_rank) == (
        Decimal("59.6"),
        "fail",
        True,
        4,
        3,
    )


def test_a_closed_cycle_refuses_scores_and_reopens_only_with_a_reason(world):
    cycle = opened(world)
    cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
    cycles.cycle_close(cycle=cycle, by=world.hr)
    with pytest.raises(Refused, match="已关闭"):
        scores.score_set(
            cycle=cycle,
            staff=world.person_a,
            criterion=criterion(cycle, "performance"),
            score=80,
            by=world.supervisor_a,
        )
    assert not Score.objects.exists()
    with pytest.raises(Refused):
        cycles.cycle_reopen(cycle=cycle, by=world.hr, reason=" ")
    cycles.cycle_reopen(cycle=cycle, by=world.hr, reason="张三申诉，重新评分")
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.SCORING
    assert cycle.history.first().history_change_reason == "张三申诉，重新评分"


def test_each_criterion_is_scored_by_its_scorer_never_on_ones_own_record(world, two_roles):
    cycle = opened(world)
    performance, teamwork = criterion(cycle, "performance"), criterion(cycle, "teamwork")
    with pytest.raises(Refused):
        scores.score_set(
            cycle=cycle, staff=world.person_a, criterion=teamwork, score=80, by=world.supervisor_a
        )
    with pytest.raises(Refused):
        scores.score_set(
            cycle=cycle,
            staff=world.person_b,
            criterion=performance,
            score=80,
            by=world.supervisor_a,
        )
    with pytest.raises(Refused):
        scores.score_set(
            cycle=cycle,
            staff=world.supervisor_person,
            criterion=performance,
            score=80,
            by=world.supervisor_staff,
        )
    for bad in ("100.1", "-1", "85.55", "abc", "NaN"):
        with pytest.raises(Refused):
            scores.score_set(
                cycle=cycle,
                staff=world.person_a,
                criterion=performance,
                score=bad,
                by=world.supervisor_a,
            )
    scores.score_set(
        cycle=cycle,
        staff=world.person_a,
        criterion=performance,
        score="85.5",
        by=world.supervisor_a,
    )
    scores.score_set(
        cycle=cycle, staff=world.person_a, criterion=teamwork, score=100, by=world.manager
    )
    assert Score.objects.count() == 2


def resolved_ticket(world, person, rating, day):
    resolved = datetime.datetime.combine(day, datetime.time(23, 30), tzinfo=SHANGHAI)
    factories.TicketFactory(
        site=world.site_a,
        company=world.company,
        assignee=person,
        raised_at=resolved - datetime.timedelta(hours=3),
        resolved_at=resolved,
        closed_at=resolved,
        status="closed",
        rating=rating,
    )


def test_satisfaction_is_computed_from_enough_rated_tickets_else_scored(world):
    cycle = opened(world)
    satisfaction = criterion(cycle, "satisfaction")
    for rating in (5, 4):
        resolved_ticket(world, world.person_a, rating, datetime.date(2026, 9, 30))
    # Resolved the day after the quarter: not counted.
    resolved_ticket(world, world.person_a, 1, datetime.date(2026, 10, 1))
    # Two tickets: too few, the supervisor scores it.
    scores.score_set(
        cycle=cycle, staff=world.person_a, criterion=satisfaction, score=70, by=world.supervisor_a
    )
    resolved_ticket(world, world.person_a, 4, datetime.date(2026, 7, 1))
    computed, rated = scores.satisfaction_for(cycle=cycle, staff=world.person_a)
    assert (computed, len(rated)) == (Decimal("86.7"), 3)
    with pytest.raises(Refused):
        scores.score_set(
            cycle=cycle,
            staff=world.person_a,
            criterion=satisfaction,
            score=70,
            by=world.supervisor_a,
        )
    cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
    cycles.cycle_close(cycle=cycle, by=world.hr)
    assert Score.objects.get(staff=world.person_a, criterion=satisfaction).score == Decimal("86.7")


def test_a_quarter_of_a_company_that_scores_monthly_ranks_by_the_average_of_its_months(world):
    months = {"2026-07": 80, "2026-08": 85, "2026-09": "90.5"}
    for label, value in months.items():
        cycle = opened(world, label)
        for key in ("performance", "attitude", "teamwork", "satisfaction"):
            c = criterion(cycle, key)
            by = world.manager if c.scorer == Scorer.MANAGER else world.supervisor_a
            scores.score_set(cycle=cycle, staff=world.person_a, criterion=c, score=value, by=by)
        cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
        cycles.cycle_close(cycle=cycle, by=world.hr)
    quarter = opened(world)
    cycles.cycle_start_scoring(cycle=quarter, by=world.hr)
    cycles.cycle_close(cycle=quarter, by=world.hr)
    result = Result.objects.get(cycle=quarter, staff=world.person_a)
    # (80 + 85 + 90.5) / 3 = 85.1666… → 85.2
    assert (result.total, result.grade, result.company_rank) == (Decimal("85.2"), "good", 1)
