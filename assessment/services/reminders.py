"""The scoring reminder (SPEC §12): each scorer who still has people to score in a cycle that is
open or scoring is reminded once, `assessment_reminder_days` [3] days before its scoring
deadline, of how many people are left and of the deadline. Run daily from beat (09:00).

Decisions:
- a job that missed the day (downtime, a beat that did not fire) still sends on any later day up
  to and including the deadline: the reminder is due from `deadline - days` to `deadline`, and
  the claim (per cycle and scorer) keeps it to one message however often the job runs. A company
  that changes its days later changes when an unsent reminder falls due, never sends a second;
- the scorers are those `may_score` names: the supervisors of the sites where the person was
  placed during the cycle (performance, attitude, and satisfaction when it is not computed), the
  managers of the company or of the person's department (teamwork); nobody is counted for
  their own record, and a superuser, who may score anyone, is not chased;
- client satisfaction is only counted as left to score when `satisfaction_for` finds too few
  ratings; it is asked only for people not already counted by another criterion, so the reads of
  a cycle whose people are unscored stay a fixed number whatever their count."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from assessment.models import Cycle, CycleStatus, Score, Scorer
from assessment.services.scores import satisfaction_for
from onsite.models import RoleGrant
from onsite.org.models import Assignment, Staff
from onsite.policy import policy_for
from onsite.reminders import reminders_send
from onsite.roles import Role
from onsite.services import notification_create

REMINDER = "assessment.scoring_reminder"
# The policy allows at most 30 days: cycles further off are never due.
MAX_DAYS = 30


def link(_params=None) -> str:
    # The scorer's list of the people left to score.
    return reverse("assessment:scoring")


def cycles_due(today: datetime.date) -> list[Cycle]:
    """Open or scoring cycles whose reminder is due today on their company's policy."""
    candidates = Cycle.objects.filter(
        status__in=(CycleStatus.OPEN, CycleStatus.SCORING),
        scoring_deadline__gte=today,
        scoring_deadline__lte=today + datetime.timedelta(days=MAX_DAYS),
    ).order_by("scoring_deadline", "pk")
    due, days = [], {}
    for cycle in candidates:
        if cycle.company_id not in days:
            days[cycle.company_id] = policy_for(company=cycle.company_id).assessment_reminder_days
        if (cycle.scoring_deadline - today).days <= days[cycle.company_id]:
            due.append(cycle)
    return due


def left_to_score(cycle: Cycle) -> dict[int, set[int]]:
    """{scorer's user id: ids of the people they still have something to score of}."""
    criteria = list(cycle.criteria.all())
    placements = Assignment.objects.filter(staff__company_id=cycle.company_id).overlapping(
        cycle.first_day, cycle.last_day
    )
    sites_of: dict[int, set[int]] = defaultdict(set)
    for staff_id, site_id in placements.values_list("staff_id", "site_id"):
        sites_of[staff_id].add(site_id)
    people = {
        pk: (user_id, department_id)
        for pk, user_id, department_id in Staff.objects.filter(pk__in=list(sites_of)).values_list(
            "pk", "user_id", "department_id"
        )
    }
    scored = set(Score.objects.filter(cycle=cycle).values_list("staff_id", "criterion_id"))
    supervisors: dict[int, set[int]] = defaultdict(set)  # site id: user ids
    company_managers: set[int] = set()
    department_managers: dict[int, set[int]] = defaultdict(set)
    active = RoleGrant.objects.filter(user__is_active=True)
    for user_id, site_id in active.filter(
        role=Role.SUPERVISOR, site_id__in={s for sites in sites_of.values() for s in sites}
    ).values_list("user_id", "site_id"):
        supervisors[site_id].add(user_id)
    for user_id, department_id in active.filter(
        role=Role.MANAGER, company_id=cycle.company_id
    ).values_list("user_id", "department_id"):
        if department_id:
            department_managers[department_id].add(user_id)
        else:
            company_managers.add(user_id)
    for user_id, department_id in active.filter(
        role=Role.MANAGER, department__company_id=cycle.company_id
    ).values_list("user_id", "department_id"):
        department_managers[department_id].add(user_id)

    left: dict[int, set[int]] = defaultdict(set)
    staff_by_pk = None
    for staff_id, (own_user, department_id) in sorted(people.items()):
        site_scorers = set().union(*(supervisors[s] for s in sites_of[staff_id]))
        managers = company_managers | department_managers.get(department_id, set())
        computed = []
        for criterion in criteria:
            if (staff_id, criterion.pk) in scored:
                continue
            if criterion.scorer == Scorer.MANAGER:
                scorers = managers
            elif criterion.scorer == Scorer.COMPUTED:
                computed.append(criterion)
                continue
            else:
                scorers = site_scorers
            for user_id in scorers - {own_user}:
                left[user_id].add(staff_id)
        # Satisfaction is the supervisor's only when too few tickets were rated; asked only of
        # supervisors who do not already count the person (one read of the ratings each).
        waiting = (site_scorers - {own_user}) - {u for u in left if staff_id in left[u]}
        if computed and waiting:
            if staff_by_pk is None:
                staff_by_pk = Staff.objects.in_bulk(list(people))
            value, _rated = satisfaction_for(cycle=cycle, staff=staff_by_pk[staff_id])
            if value is None:
                for user_id in waiting:
                    left[user_id].add(staff_id)
    return left


def scorers_remind(*, today: datetime.date | None = None) -> int:
    """Remind each scorer with people left to score, once per cycle; returns how many."""
    today = today or timezone.localdate()
    sent = 0
    for cycle in cycles_due(today):
        left = left_to_score(cycle)
        users = get_user_model().objects.filter(is_active=True).in_bulk(list(left))
        items = [(users[pk], len(left[pk])) for pk in sorted(left) if pk in users]

        def send(item, cycle=cycle) -> None:
            user, count = item
            notification_create(
                recipients=[user],
                kind=REMINDER,
                params={
                    "cycle": cycle.label,
                    "count": count,
                    "date": cycle.scoring_deadline.isoformat(),
                },
            )

        sent += reminders_send(
            kind=REMINDER,
            items=items,
            key=lambda item, cycle=cycle: f"{cycle.pk}:{item[0].pk}",
            period=cycle.label,
            send=send,
        )
    return sent
