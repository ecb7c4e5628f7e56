"""Staffing's part of the demo (registered in StaffingConfig.ready()): qualification checks,
onboarding checklists and the supervisor's notice of the newcomer."""

from __future__ import annotations

import datetime

from django.utils import timezone

from onsite.demo import NEWCOMER_DAYS, DemoStep, DemoWorld, demo_step_register
from onsite.org.models import StaffStatus
from onsite.services import notification_create
from staffing.models import (
    CheckStatus,
    Condition,
    OnboardingItem,
    OnboardingItemKind,
    QualificationCheck,
)


def checks(world: DemoWorld) -> None:
    _demo_checks(world.people, today=world.today, rng=world.rng)


def onboarding(world: DemoWorld) -> None:
    _demo_onboarding(world.assignments, today=world.today, by=world.by, rng=world.rng)


def newcomer_notice(world: DemoWorld) -> None:
    if world.newcomer is None:
        return
    arrived = world.newcomer.staff
    notification_create(
        recipients=[world.users["supervisor"]],
        kind="staffing.assigned",
        params={"name": arrived.name, "site": world.sites[0].name, "staff": arrived.pk},
    )


def register() -> None:
    # Orders keep the demo's one random sequence as it was: checks, onboarding, then attendance
    # (30, attendance/demo.py), then the notice.
    demo_step_register(DemoStep("staffing_checks", checks, 10))
    demo_step_register(DemoStep("staffing_onboarding", onboarding, 20))
    demo_step_register(DemoStep("staffing_newcomer_notice", newcomer_notice, 40))
    # Expenses after the tickets (60s): its own random sequence, so nothing before it changes.
    from staffing.services.expense_demo import expenses_demo

    demo_step_register(DemoStep("staffing_expenses", expenses_demo, 70))


def _demo_checks(people, *, today, rng) -> None:
    """Everyone but the candidate was checked on paper; health certificates run out at different
    times, so some fall inside the reminder period."""
    checks = []
    for person in people:
        for condition in Condition:
            passed = person.status != StaffStatus.CANDIDATE or condition == Condition.NATIONALITY
            checks.append(
                QualificationCheck(
                    staff=person,
                    condition=condition,
                    status=CheckStatus.PASSED if passed else CheckStatus.PENDING,
                    verified_on=person.employment_start if passed else None,
                    expires_on=today + datetime.timedelta(days=rng.randrange(10, 400))
                    if passed and condition == Condition.HEALTH
                    else None,
                )
            )
    QualificationCheck.objects.bulk_create(checks, batch_size=2000)


def _demo_onboarding(assignments, *, today, by, rng) -> None:
    """Everyone placed has ticked every onboarding item in the days before they started, except
    the newcomer, whose pre-job training is still to come."""
    zone = timezone.get_current_timezone()
    items = []
    for placement in assignments:
        newcomer = placement.start >= today - datetime.timedelta(days=NEWCOMER_DAYS)
        for step, kind in enumerate(OnboardingItemKind.values):
            if newcomer and kind == OnboardingItemKind.TRAINING:
                continue
            # In the checklist's order, over the ten days before the start.
            day = placement.start - datetime.timedelta(
                days=10 - step * 10 // len(OnboardingItemKind)
            )
            at = datetime.time(9 + rng.randrange(8), rng.randrange(60))
            items.append(
                OnboardingItem(
                    assignment=placement,
                    kind=kind,
                    done_by=by,
                    done_at=datetime.datetime.combine(day, at, zone),
                )
            )
    OnboardingItem.objects.bulk_create(items, batch_size=2000)
