"""What a scorer has to score (SPEC §12, 待评分): in each open or scoring cycle the reader scores in,
the people they score and, for each, the criteria that are theirs, done or left. The rows of every
cycle are read in a fixed number of queries whatever the number of people (the cycles, their
criteria, the placements, the scores, and one read of the ticket ratings per cycle).

Who scores whom is `assessment.permissions.may_score`, read here for many people at once:
- a site supervisor scores the people placed at their sites on any day of the cycle (the
  supervisor's criteria, and client satisfaction when too few of the person's tickets were rated);
- a manager of the company, or of the person's department, scores their teamwork;
- nobody scores their own record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from assessment.models import Cycle, CycleCriterion, CycleStatus, Score, Scorer
from assessment.selectors import results as rule
from assessment.selectors.scope import cycles_visible_to
from onsite.access import access_for
from onsite.facts import ratings_by_staff
from onsite.org.models import Assignment
from onsite.policy import policy_for

SITE_SCORERS = (Scorer.SUPERVISOR, Scorer.COMPUTED)


@dataclass
class Item:
    """One criterion of a person that the reader scores."""

    criterion: CycleCriterion
    done: bool
    # Client satisfaction computed from enough rated tickets: nobody scores it.
    computed: bool = False


@dataclass
class PersonRow:
    cycle: Cycle
    staff_id: int
    name: str
    staff_no: str
    sites: list[str]
    items: list[Item] = field(default_factory=list)

    @property
    def left(self) -> int:
        return sum(1 for item in self.items if not item.done and not item.computed)

    @property
    def is_done(self) -> bool:
        return self.left == 0


def is_scorer(user) -> bool:
    """Whether the reader scores anyone at all: a supervisor, a manager or a superuser."""
    access = access_for(user)
    return bool(
        access.is_superuser
        or access.supervised_sites
        or access.manager_companies
        or access.manager_departments
    )


def _placements(cycles: list[Cycle], access) -> list[dict]:
    """The placements of the cycles' companies during their periods that make the reader score
    someone: at a site they supervise, or of a person they manage (one read)."""
    periods = Q(pk__in=[])
    for cycle in cycles:
        periods |= Q(staff__company_id=cycle.company_id, start__lte=cycle.last_day) & (
            Q(end__isnull=True) | Q(end__gte=cycle.first_day)
        )
    placements = Assignment.objects.filter(periods)
    if not access.is_superuser:
        mine = Q(pk__in=[])
        if access.supervised_sites:
            mine |= Q(site_id__in=access.supervised_sites)
        if access.manager_companies:
            mine |= Q(staff__company_id__in=access.manager_companies)
        if access.manager_departments:
            mine |= Q(staff__department_id__in=access.manager_departments)
        placements = placements.filter(mine)
    if access.staff_id:
        placements = placements.exclude(staff_id=access.staff_id)
    return list(
        placements.order_by("site__name", "staff__name", "staff_id", "start").values(
            "staff_id",
            "site_id",
            "start",
            "end",
            "site__name",
            "staff__name",
            "staff__staff_no",
            "staff__company_id",
            "staff__department_id",
        )
    )


def _computed(cycle: Cycle, staff_ids: Iterable[int]) -> set[int]:
    """The people of `staff_ids` whose client satisfaction is computed (enough rated tickets)."""
    staff_ids = list(staff_ids)
    if not staff_ids:
        return set()
    minimum = policy_for(company=cycle.company_id).assessment_satisfaction_min_tickets
    ratings = ratings_by_staff(staff_ids=staff_ids, first=cycle.first_day, last=cycle.last_day)
    return {
        staff_id
        for staff_id, rated in ratings.items()
        if rule.satisfaction_of(rated, minimum) is not None
    }


def scoring_rows(
    user, *, cycles: list[Cycle] | None = None, left_only: bool = False
) -> list[PersonRow]:
    """The reader's people to score in `cycles` (default: every open or scoring cycle they
    read), by cycle, site and name; with `left_only`, only those with something left."""
    access = access_for(user)
    if cycles is None:
        cycles = open_cycles(user)
    if not cycles or not is_scorer(user):
        return []
    criteria: dict[int, list[CycleCriterion]] = {}
    for criterion in CycleCriterion.objects.filter(cycle__in=cycles).order_by("order", "pk"):
        criteria.setdefault(criterion.cycle_id, []).append(criterion)
    placements = _placements(cycles, access)

    rows: dict[tuple[int, int], PersonRow] = {}
    supervised: set[tuple[int, int]] = set()
    managed: set[tuple[int, int]] = set()
    for cycle in cycles:
        for placed in placements:
            if placed["staff__company_id"] != cycle.company_id:
                continue
            if placed["start"] > cycle.last_day or (
                placed["end"] is not None and placed["end"] < cycle.first_day
            ):
                continue
            key = (cycle.pk, placed["staff_id"])
            row = rows.get(key)
            if row is None:
                row = rows[key] = PersonRow(
                    cycle=cycle,
                    staff_id=placed["staff_id"],
                    name=placed["staff__name"],
                    staff_no=placed["staff__staff_no"],
                    sites=[],
                )
            if placed["site__name"] not in row.sites:
                row.sites.append(placed["site__name"])
            if access.is_superuser or placed["site_id"] in access.supervised_sites:
                supervised.add(key)
            if (
                access.is_superuser
                or placed["staff__company_id"] in access.manager_companies
                or placed["staff__department_id"] in access.manager_departments
            ):
                managed.add(key)

    scored = set(
        Score.objects.filter(cycle__in=cycles, staff_id__in={k[1] for k in rows}).values_list(
            "cycle_id", "staff_id", "criterion_id"
        )
    )
    by_cycle = {cycle.pk: cycle for cycle in cycles}
    waiting: dict[int, set[int]] = {}  # cycle id: people whose satisfaction is not scored
    for key, row in rows.items():
        cycle_id, staff_id = key
        for criterion in criteria.get(cycle_id, []):
            if criterion.scorer == Scorer.MANAGER:
                if key not in managed:
                    continue
            elif key not in supervised:
                continue
            done = (cycle_id, staff_id, criterion.pk) in scored
            row.items.append(Item(criterion=criterion, done=done))
            if criterion.scorer == Scorer.COMPUTED and not done:
                waiting.setdefault(cycle_id, set()).add(staff_id)
    for cycle_id, staff_ids in waiting.items():
        computed = _computed(by_cycle[cycle_id], staff_ids)
        for staff_id in computed:
            for item in rows[cycle_id, staff_id].items:
                if item.criterion.scorer == Scorer.COMPUTED:
                    item.computed = True

    order = {cycle.pk: n for n, cycle in enumerate(cycles)}
    found = sorted(
        (row for row in rows.values() if row.items),
        key=lambda row: (order[row.cycle.pk], row.sites[0], row.name, row.staff_id),
    )
    if left_only:
        found = [row for row in found if not row.is_done]
    return found


def open_cycles(user) -> list[Cycle]:
    """The open and scoring cycles the reader reads, the nearest deadline first."""
    return list(
        cycles_visible_to(user)
        .filter(status__in=(CycleStatus.OPEN, CycleStatus.SCORING))
        .order_by("scoring_deadline", "company__name", "pk")
    )


def next_left(user, *, cycle: Cycle, after_staff_id: int) -> PersonRow | None:
    """The person to score after `after_staff_id` in the cycle: the next one with something left
    in the list's order, going round to the start; None when nobody is left."""
    rows = scoring_rows(user, cycles=[cycle])
    ids = [row.staff_id for row in rows]
    at = ids.index(after_staff_id) + 1 if after_staff_id in ids else 0
    for row in rows[at:] + rows[:at]:
        if row.staff_id != after_staff_id and not row.is_done:
            return row
    return None
