"""The ranking of a cycle (SPEC §12) as the result pages show it: one row per person of the company
or of one site, with each criterion's score, the total, the grade, the position-adjustment flag,
both ranks and where their acknowledgement stands.

A closed cycle reads the results its close stored. A cycle still open or scoring is computed as
it stands with the rules of the close (assessment.selectors.results, as assessment.selectors.export
does for the command) and nothing is saved: the table says it is provisional.

Either takes a fixed number of queries whatever the number of people: a closed cycle four, an
open one a few more (its months, scores, everyone's ticket ratings in one read, placements, the
people and their sites)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessment.models import Cycle, Grade, Result, ResultStatus, Scorer
from assessment.selectors import export
from assessment.selectors import results as rule
from onsite import facts
from onsite.org.models import Assignment, Site, Staff
from onsite.policy import policy_for

# The grades from best to worst: the order of the chart and of the counts.
GRADES = (Grade.EXCELLENT, Grade.GOOD, Grade.PASS, Grade.FAIL)
GRADE_LABELS = dict(Grade.choices)
STATUS_LABELS = dict(ResultStatus.choices)
LAST = 10**9


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    weight: int


@dataclass(frozen=True)
class RankingRow:
    staff_id: int
    staff_no: str
    name: str
    site_id: int | None
    site_name: str
    scores: tuple[Decimal | None, ...]
    total: Decimal
    grade: str
    adjustment: bool
    site_rank: int | None
    company_rank: int | None
    # The stored result's id and status; None and "" while the cycle is not closed.
    result_id: int | None = None
    status: str = ""

    @property
    def grade_label(self) -> str:
        return str(GRADE_LABELS.get(self.grade, self.grade))

    @property
    def status_label(self) -> str:
        if not self.status:
            return pgettext("result status", "Provisional")
        return str(STATUS_LABELS.get(self.status, self.status))


@dataclass
class Ranking:
    cycle: Cycle
    site: Site | None
    columns: list[Column]
    rows: list[RankingRow]
    provisional: bool
    counts: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        found = Counter(row.grade for row in self.rows)
        self.counts = {grade: found.get(grade, 0) for grade in GRADES}

    @property
    def flagged(self) -> list[RankingRow]:
        """The people flagged for position adjustment (调岗), lowest total first."""
        return sorted(
            (row for row in self.rows if row.adjustment), key=lambda r: (r.total, r.staff_no)
        )

    def chart(self) -> dict:
        """The grade distribution as the page's JSON: a bar per grade, best first."""
        return {
            "title": _("People by grade"),
            "grades": [
                {"key": grade, "name": str(GRADE_LABELS[grade]), "count": self.counts[grade]}
                for grade in GRADES
            ],
        }


def _columns(cycle: Cycle) -> list[tuple[Column, str]]:
    return [
        (Column(key=key, label=label, weight=weight), scorer)
        for key, label, weight, scorer in cycle.criteria.order_by("order", "pk").values_list(
            "key", "label", "weight", "scorer"
        )
    ]


def _closed(cycle: Cycle, results: QuerySet[Result], columns: list[Column]) -> list[RankingRow]:
    results = list(results.select_related("staff", "site"))
    months = list(export.months_of(cycle))
    scores = export.scores_by_key(months or [cycle], [r.staff_id for r in results])
    return [
        RankingRow(
            staff_id=r.staff_id,
            staff_no=r.staff.staff_no,
            name=r.staff.name,
            site_id=r.site_id,
            site_name=r.site.name if r.site else "",
            scores=tuple(scores.get(r.staff_id, {}).get(c.key) for c in columns),
            total=r.total,
            grade=r.grade,
            adjustment=r.adjustment,
            site_rank=r.site_rank,
            company_rank=r.company_rank,
            result_id=r.pk,
            status=r.status,
        )
        for r in results
    ]


def _satisfaction(cycle: Cycle, scores: dict, key: str, people, minimum: int) -> None:
    """Satisfaction computed from ticket ratings, as the close would store it (it replaces what a
    supervisor scored when there are enough ratings): every person's ratings in one read."""
    rated = facts.ratings_by_staff(staff_ids=people, first=cycle.first_day, last=cycle.last_day)
    for staff_id, ratings in rated.items():
        value = rule.satisfaction_of(ratings, minimum)
        if value is not None:
            scores.setdefault(staff_id, {})[key] = value


def _provisional(cycle: Cycle, columns: list[tuple[Column, str]]) -> list[RankingRow]:
    """Every person of the company as the close would rank them now, nothing saved."""
    policy = policy_for(company=cycle.company_id)
    months = list(export.months_of(cycle))
    scores = export.scores_by_key(months or [cycle])
    if months:
        totals = export.month_totals(months)
    else:
        computed = [column.key for column, scorer in columns if scorer == Scorer.COMPUTED]
        if computed:
            placed = (
                Assignment.objects.filter(staff__company_id=cycle.company_id)
                .overlapping(cycle.first_day, cycle.last_day)
                .values("staff_id")
            )
            _satisfaction(
                cycle, scores, computed[0], placed, policy.assessment_satisfaction_min_tickets
            )
        weights = {column.key: column.weight for column, _scorer in columns}
        totals = {
            pk: rule.total_of(
                (weights[key], value) for key, value in keys.items() if key in weights
            )
            for pk, keys in scores.items()
            if any(key in weights for key in keys)
        }
    sites = export.ranked_sites(cycle)
    company_ranks = rule.ranks(totals)
    per_site: dict[int, dict[int, Decimal]] = {}
    for staff_id, total in totals.items():
        if sites.get(staff_id) is not None:
            per_site.setdefault(sites[staff_id], {})[staff_id] = total
    site_ranks: dict[int, int] = {}
    for site_totals in per_site.values():
        site_ranks |= rule.ranks(site_totals)
    people = Staff.objects.in_bulk(list(totals))
    names = dict(Site.objects.filter(pk__in=set(sites.values())).values_list("pk", "name"))
    return [
        RankingRow(
            staff_id=staff_id,
            staff_no=people[staff_id].staff_no,
            name=people[staff_id].name,
            site_id=sites.get(staff_id),
            site_name=names.get(sites.get(staff_id), ""),
            scores=tuple(scores.get(staff_id, {}).get(column.key) for column, _s in columns),
            total=total,
            grade=rule.grade_of(total, policy),
            adjustment=rule.needs_adjustment(total, policy),
            site_rank=site_ranks.get(staff_id),
            company_rank=company_ranks[staff_id],
        )
        for staff_id, total in totals.items()
        if staff_id in people
    ]


def ranking(
    *, cycle: Cycle, site: Site | None = None, departments: frozenset[int] | None = None
) -> Ranking:
    """The ranking of the company (`site` None) or of the people ranked at `site`, best first.
    `departments` keeps only the people of those departments (a department's manager reads
    their own people); None keeps everyone."""
    described = _columns(cycle)
    columns = [column for column, _scorer in described]
    if cycle.is_closed:
        results = Result.objects.filter(cycle=cycle)
        if site is not None:
            results = results.filter(site=site)
        if departments is not None:
            results = results.filter(staff__department_id__in=departments)
        rows = _closed(cycle, results, columns)
    else:
        rows = _provisional(cycle, described)
        if site is not None:
            rows = [row for row in rows if row.site_id == site.pk]
        if departments is not None:
            allowed = set(
                Staff.objects.filter(
                    company_id=cycle.company_id, department_id__in=departments
                ).values_list("pk", flat=True)
            )
            rows = [row for row in rows if row.staff_id in allowed]
    if site is None:
        rows.sort(key=lambda r: (r.company_rank or LAST, r.staff_no))
    else:
        rows.sort(key=lambda r: (r.site_rank or LAST, r.staff_no))
    return Ranking(
        cycle=cycle, site=site, columns=columns, rows=rows, provisional=not cycle.is_closed
    )
