"""The rows of a site's assessment export (SPEC §14 `assessment_export`), shared by the command
and the pages to come: one row per person ranked at the site in the cycle.

A closed cycle reads its stored results. A cycle still open or scoring is computed as it stands,
with the rules of the close (assessment.selectors.results) but nothing saved, so a supervisor can
look ahead without a result anyone could acknowledge. For a company that scores monthly, a
quarter's criteria are each person's mean of their monthly scores of that criterion (one decimal,
half up) while the total and the ranks are the quarter's own."""

from __future__ import annotations

import datetime
from decimal import Decimal

from assessment.models import Cycle, CycleKind, CycleStatus, Result, Score, Scorer
from assessment.selectors import results as rule
from onsite.org.models import Assignment, Site, Staff
from onsite.policy import policy_for

COLUMNS = (
    "staff_no",
    "name",
    "performance",
    "attitude",
    "teamwork",
    "satisfaction",
    "total",
    "grade",
    "site_rank",
    "company_rank",
    "adjustment",
)
CRITERIA = ("performance", "attitude", "teamwork", "satisfaction")


def months_of(cycle: Cycle):
    """The closed months of a quarter (empty for a month, or a company scoring by quarter)."""
    if cycle.kind != CycleKind.QUARTER:
        return Cycle.objects.none()
    return Cycle.objects.filter(
        company_id=cycle.company_id,
        kind=CycleKind.MONTH,
        status=CycleStatus.CLOSED,
        first_day__gte=cycle.first_day,
        last_day__lte=cycle.last_day,
    )


def ranked_sites(cycle: Cycle) -> dict[int, int]:
    """{staff id: site id}: where each person stands on the last day of the cycle they were
    placed (the rule of assessment.services.cycles, read without writing)."""
    sites: dict[int, tuple[datetime.date, int]] = {}
    placements = (
        Assignment.objects.filter(staff__company_id=cycle.company_id)
        .overlapping(cycle.first_day, cycle.last_day)
        .order_by("backup", "-start", "pk")
        .values_list("staff_id", "site_id", "end")
    )
    for staff_id, site_id, end in placements:
        last = min(end, cycle.last_day) if end else cycle.last_day
        if staff_id not in sites or last > sites[staff_id][0]:
            sites[staff_id] = (last, site_id)
    return {staff_id: site_id for staff_id, (_last, site_id) in sites.items()}


def scores_by_key(cycles, staff_ids=None) -> dict[int, dict[str, Decimal]]:
    """{staff id: {criterion key: score}} of the people given (None: everyone) over `cycles`:
    a cycle's own scores, or over a monthly company's months each person's mean of them (one
    decimal, half up)."""
    found: dict[int, dict[str, list[Decimal]]] = {}
    rows = Score.objects.filter(cycle__in=cycles)
    if staff_ids is not None:
        rows = rows.filter(staff_id__in=staff_ids)
    for staff_id, key, score in rows.values_list("staff_id", "criterion__key", "score"):
        found.setdefault(staff_id, {}).setdefault(key, []).append(score)
    return {
        staff_id: {key: rule.average_of(values) for key, values in keys.items()}
        for staff_id, keys in found.items()
    }


def criterion_scores(cycle: Cycle) -> dict[int, dict[str, Decimal]]:
    """Each person's score of each criterion key: the cycle's own, or for a monthly company's
    quarter the mean of their months."""
    months = list(months_of(cycle))
    return scores_by_key(months or [cycle])


def month_totals(months) -> dict[int, Decimal]:
    """A monthly company's quarter: each person's mean of their months' totals."""
    by_person: dict[int, list[Decimal]] = {}
    for staff_id, total in Result.objects.filter(cycle__in=months).values_list("staff_id", "total"):
        by_person.setdefault(staff_id, []).append(total)
    return {pk: rule.average_of(values) for pk, values in by_person.items()}


def _computed_satisfaction(cycle: Cycle, scores: dict[int, dict[str, Decimal]], people) -> None:
    """Before the close, satisfaction computed from ticket ratings is not stored yet: add it as
    the close would (assessment.services.scores.satisfaction_record)."""
    from assessment.services.scores import satisfaction_for  # a read; it lives with the writes

    computed = cycle.criteria.filter(scorer=Scorer.COMPUTED).first()
    if computed is None:
        return
    for person in people:
        value, _rated = satisfaction_for(cycle=cycle, staff=person)
        if value is not None:
            scores.setdefault(person.pk, {})[computed.key] = value


def _results_as_they_stand(cycle: Cycle) -> list[Result]:
    """Unsaved results of a cycle not closed, with the rules of the close."""
    policy = policy_for(company=cycle.company_id)
    months = list(months_of(cycle))
    if months:
        totals = month_totals(months)
    else:
        weights = dict(cycle.criteria.values_list("key", "weight"))
        scores = criterion_scores(cycle)
        placed = Assignment.objects.filter(staff__company_id=cycle.company_id).overlapping(
            cycle.first_day, cycle.last_day
        )
        _computed_satisfaction(
            cycle, scores, Staff.objects.filter(pk__in=placed.values("staff_id"))
        )
        totals = {
            pk: rule.total_of((weights[key], value) for key, value in keys.items())
            for pk, keys in scores.items()
            if keys
        }
    sites = ranked_sites(cycle)
    company_ranks = rule.ranks(totals)
    per_site: dict[int, dict[int, Decimal]] = {}
    for staff_id, total in totals.items():
        if sites.get(staff_id) is not None:
            per_site.setdefault(sites[staff_id], {})[staff_id] = total
    site_ranks: dict[int, int] = {}
    for site_totals in per_site.values():
        site_ranks |= rule.ranks(site_totals)
    return [
        Result(
            cycle=cycle,
            staff_id=staff_id,
            site_id=sites.get(staff_id),
            total=total,
            grade=rule.grade_of(total, policy),
            adjustment=rule.needs_adjustment(total, policy),
            site_rank=site_ranks.get(staff_id),
            company_rank=company_ranks[staff_id],
        )
        for staff_id, total in totals.items()
    ]


def site_rows(*, cycle: Cycle, site: Site) -> list[dict]:
    """One dict per person ranked at the site, keyed by COLUMNS, best rank first. Criteria the
    cycle lacks, and criteria the person has no score of, are None."""
    if cycle.is_closed:
        results = list(Result.objects.filter(cycle=cycle, site=site))
    else:
        results = [r for r in _results_as_they_stand(cycle) if r.site_id == site.pk]
    staff = Staff.objects.in_bulk([r.staff_id for r in results])
    scores = criterion_scores(cycle)
    if not cycle.is_closed and not months_of(cycle).exists():
        _computed_satisfaction(cycle, scores, staff.values())
    keys = set(cycle.criteria.values_list("key", flat=True))
    if months_of(cycle).exists():
        keys |= set(
            Score.objects.filter(cycle__in=months_of(cycle)).values_list(
                "criterion__key", flat=True
            )
        )
    rows = []
    for result in results:
        person = staff[result.staff_id]
        own = scores.get(person.pk, {})
        rows.append(
            {
                "staff_no": person.staff_no,
                "name": person.name,
                **{key: own.get(key) if key in keys else None for key in CRITERIA},
                "total": result.total,
                "grade": result.grade,
                "site_rank": result.site_rank,
                "company_rank": result.company_rank,
                "adjustment": result.adjustment,
            }
        )
    rows.sort(key=lambda row: (row["site_rank"] or 10**6, row["staff_no"]))
    return rows
