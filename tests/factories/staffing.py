"""Factories of staffing beyond the organisation: qualification checks, the register of rewards
and penalties, and entering and leaving (onboarding items, change notices, resignations,
offboardings and their items)."""

import datetime

import factory

from staffing.models import (
    ChangeKind,
    ChangeNotice,
    CheckStatus,
    Condition,
    LeavingReason,
    Offboarding,
    OffboardingItem,
    OffboardingItemKind,
    OnboardingItem,
    OnboardingItemKind,
    QualificationCheck,
    RecordKind,
    Resignation,
    RewardPenalty,
)
from tests.dates import MONDAY, YEAR_END
from tests.factories.org import AssignmentFactory, SiteFactory, StaffFactory, UserFactory

__all__ = [
    "ChangeNoticeFactory",
    "OffboardingFactory",
    "OffboardingItemFactory",
    "OnboardingItemFactory",
    "QualificationCheckFactory",
    "ResignationFactory",
    "RewardPenaltyFactory",
    "passed_checks",
]


class QualificationCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualificationCheck

    staff = factory.SubFactory(StaffFactory)
    condition = Condition.NATIONALITY
    status = CheckStatus.PENDING


def passed_checks(person, *, health_until=datetime.date(2027, 6, 30)) -> None:
    """Every qualification check of `person` passed, as HR would have recorded them."""
    QualificationCheck.objects.bulk_create(
        QualificationCheck(
            staff=person,
            condition=condition,
            status=CheckStatus.PASSED,
            expires_on=health_until if condition == Condition.HEALTH else None,
        )
        for condition in Condition
    )


class RewardPenaltyFactory(factory.django.DjangoModelFactory):
    """An entry of the register: a commendation unless told otherwise."""

    class Meta:
        model = RewardPenalty

    staff = factory.SubFactory(StaffFactory)
    kind = RecordKind.COMMENDATION
    date = MONDAY
    reason = "机房巡检发现隐患"
    decided_by = "部门经理"
    recorded_by = factory.SubFactory(UserFactory)


class OnboardingItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnboardingItem

    assignment = factory.SubFactory(AssignmentFactory)
    kind = OnboardingItemKind.REGISTRATION_FORM


class ChangeNoticeFactory(factory.django.DjangoModelFactory):
    """A departure announced with the notice the policy requires."""

    class Meta:
        model = ChangeNotice

    leaving = factory.SubFactory(StaffFactory)
    company = factory.SelfAttribute("leaving.company")
    site = factory.SubFactory(SiteFactory)
    kind = ChangeKind.DEPARTURE
    planned_on = YEAR_END
    reason = "合同到期"
    filed_by = factory.SubFactory(UserFactory)
    notice_days = 30
    required_days = 30


class ResignationFactory(factory.django.DjangoModelFactory):
    """A pending resignation from the person's placement."""

    class Meta:
        model = Resignation

    assignment = factory.SubFactory(AssignmentFactory)
    staff = factory.SelfAttribute("assignment.staff")
    leaving_on = YEAR_END
    reason = "回老家发展"


class OffboardingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offboarding

    assignment = factory.SubFactory(AssignmentFactory)
    reason = LeavingReason.CONTRACT_END
    leaving_on = YEAR_END
    started_by = factory.SubFactory(UserFactory)


class OffboardingItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OffboardingItem

    offboarding = factory.SubFactory(OffboardingFactory)
    kind = OffboardingItemKind.HANDOVER
