"""Factories of assessment (SPEC §12): criteria, a cycle of the third quarter of 2026 (the
quarter of the reference week) with its copy of a criterion, a score and a result."""

from decimal import Decimal

import factory

from assessment.models import (
    Criterion,
    Cycle,
    CycleCriterion,
    Grade,
    Result,
    Score,
    Scorer,
)
from tests.dates import D
from tests.factories.org import CompanyFactory, StaffFactory

__all__ = [
    "CriterionFactory",
    "CycleCriterionFactory",
    "CycleFactory",
    "ResultFactory",
    "ScoreFactory",
]


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    company = factory.SubFactory(CompanyFactory)
    key = factory.Sequence(lambda n: f"criterion{n}")
    label = "工作业绩"
    weight = 40
    scorer = Scorer.SUPERVISOR


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    company = factory.SubFactory(CompanyFactory)
    kind = "quarter"
    label = "2026Q3"
    first_day = D(2026, 7, 1)
    last_day = D(2026, 9, 30)
    scoring_deadline = D(2026, 10, 15)


class CycleCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CycleCriterion

    cycle = factory.SubFactory(CycleFactory)
    key = factory.Sequence(lambda n: f"criterion{n}")
    label = "工作业绩"
    weight = 40
    scorer = Scorer.SUPERVISOR


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    criterion = factory.SubFactory(CycleCriterionFactory)
    cycle = factory.SelfAttribute("criterion.cycle")
    staff = factory.SubFactory(StaffFactory, company=factory.SelfAttribute("..cycle.company"))
    score = Decimal("85.0")


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    cycle = factory.SubFactory(CycleFactory)
    staff = factory.SubFactory(StaffFactory, company=factory.SelfAttribute("..cycle.company"))
    total = Decimal("85.0")
    grade = Grade.GOOD
