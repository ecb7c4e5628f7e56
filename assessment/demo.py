"""The demo's assessment (SPEC §12), made through the services: last quarter closed with a score
for everyone placed then and its results computed (some excellent, one flagged for a position
adjustment, a tie), and the current quarter scoring with half of its people scored.

The demo has one supervisor login, of the first site; the people of the other sites are scored by
a supervisor of their own site, a login made here for each site that has none (no password:
it only stands for who scored)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from assessment.models import Scorer
from assessment.services.cycles import (
    cycle_close,
    cycle_open,
    cycle_start_scoring,
    people_of,
)
from assessment.services.scores import satisfaction_for, score_set
from onsite.demo import DemoStep, DemoWorld, demo_step_register
from onsite.models import RoleGrant
from onsite.periods import Quarter
from onsite.roles import Role

# Days after the quarter's end to score it.
DEADLINE_DAYS = 15
# Supervisors of the demo sites beyond the first, by site.
SUPERVISOR_NAMES = ("吴海峰", "冯立强", "陈国平", "魏志刚", "蒋文博", "沈建华", "韩永强")
# Last quarter's scores, one per person for each criterion they are scored on, in the order of
# their staff numbers: two excellent, a tie (the third and fourth), one below 60 (flagged for a
# position adjustment), the rest between 70 and 85.
LEADING = ("95", "91.5", "86", "86", "55")
APPEAL_REASON = "本季度承担了两次夜间抢修，团队协作评分偏低，申请复核。"
BONUS_NOTE = "季度绩效奖金"


def _supervisors(world: DemoWorld) -> dict[int, object]:
    """{site id: a supervisor login of that site}."""
    found = {}
    for grant in (
        RoleGrant.objects.filter(role=Role.SUPERVISOR, site__in=world.sites)
        .select_related("user")
        .order_by("pk")
    ):
        found.setdefault(grant.site_id, grant.user)
    User = get_user_model()
    for n, site in enumerate(world.sites):
        if site.pk in found:
            continue
        name = SUPERVISOR_NAMES[n % len(SUPERVISOR_NAMES)]
        user = User(
            username=f"supervisor-{site.code.lower()}", first_name=name[1:], last_name=name[0]
        )
        user.set_unusable_password()
        user.save()
        RoleGrant.objects.create(user=user, role=Role.SUPERVISOR, site=site)
        found[site.pk] = user
    return found


def _sites_in(cycle) -> dict[int, int]:
    placed = {}
    # The main placement wins over a backup one, a later one over an earlier one.
    for assignment in sorted(_placements(cycle), key=lambda a: (not a.backup, a.start)):
        placed[assignment.staff_id] = assignment.site_id
    return placed


def _placements(cycle):
    from onsite.org.models import Assignment

    return Assignment.objects.filter(staff__company_id=cycle.company_id).overlapping(
        cycle.first_day, cycle.last_day
    )


def _computed(cycle, people) -> set[int]:
    """The people whose client satisfaction is computed from their tickets' ratings."""
    return {p.pk for p in people if satisfaction_for(cycle=cycle, staff=p)[0] is not None}


def _score_person(cycle, person, value: str, *, supervisor, manager, computed: bool) -> None:
    for criterion in cycle.criteria.all():
        if criterion.scorer == Scorer.COMPUTED and computed:
            continue
        by = manager if criterion.scorer == Scorer.MANAGER else supervisor
        score_set(cycle=cycle, staff=person, criterion=criterion, score=value, by=by)


def assessment_demo(world: DemoWorld) -> None:
    hr, manager = world.users["hr"], world.users["manager"]
    supervisors = _supervisors(world)
    current = Quarter.containing(world.today)
    last = current.shift(-1)

    closed = cycle_open(
        company=world.company,
        label=last.label,
        scoring_deadline=last.last + datetime.timedelta(days=DEADLINE_DAYS),
        by=hr,
    )
    cycle_start_scoring(cycle=closed, by=hr)
    sites = _sites_in(closed)
    people = list(people_of(closed).order_by("staff_no"))
    computed = _computed(closed, people)
    # The leading scores go to people scored on every criterion, so their totals are exactly
    # these (a computed satisfaction would move them).
    people.sort(key=lambda p: p.pk in computed)
    for n, person in enumerate(people):
        value = LEADING[n] if n < len(LEADING) else str(70 + (n * 7) % 16)
        _score_person(
            closed,
            person,
            value,
            supervisor=supervisors[sites[person.pk]],
            manager=manager,
            computed=person.pk in computed,
        )
    cycle_close(cycle=closed, by=hr)
    _after_the_close(world, closed, manager=manager)

    scoring = cycle_open(
        company=world.company,
        label=current.label,
        scoring_deadline=current.last + datetime.timedelta(days=DEADLINE_DAYS),
        by=hr,
    )
    cycle_start_scoring(cycle=scoring, by=hr)
    sites = _sites_in(scoring)
    people = list(people_of(scoring).order_by("staff_no"))
    computed = _computed(scoring, people)
    for n, person in enumerate(people[: len(people) // 2]):
        _score_person(
            scoring,
            person,
            str(75 + (n * 3) % 20),
            supervisor=supervisors[sites[person.pk]],
            manager=manager,
            computed=person.pk in computed,
        )


def _after_the_close(world: DemoWorld, cycle, *, manager) -> None:
    """What follows a close: the one flagged below 60 appeals (waiting in the manager's inbox),
    the two best get a bonus, and the first site's assessment sheets are asked for as a PDF (made
    by the worker once `make run` starts it). The staff login's own result is left for them to
    acknowledge or appeal."""
    from assessment.exports.jobs import SHEETS_PDF, sheets_pdf_params
    from assessment.models import Result
    from assessment.services.results import outcome_set, result_appeal
    from onsite.exports.services import export_request

    results = Result.objects.filter(cycle=cycle).select_related("cycle", "staff")
    flagged = results.filter(adjustment=True).exclude(staff=world.people[0]).first()
    if flagged is not None:
        result_appeal(result=flagged, by=_login_of(flagged.staff), reason=APPEAL_REASON)
    for result in results.order_by("company_rank", "staff__staff_no")[:2]:
        outcome_set(result=result, by=manager, outcome="bonus", note=BONUS_NOTE)
    export_request(
        user=manager, kind=SHEETS_PDF, params=sheets_pdf_params(cycle=cycle, site=world.sites[0])
    )


def _login_of(person):
    """The person's login, made for the demo (no password) when they have none."""
    if person.user_id:
        return person.user
    user = get_user_model()(username=f"staff-{person.staff_no.lower()}")
    user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


def register() -> None:
    demo_step_register(DemoStep("assessment", assessment_demo, 80))
