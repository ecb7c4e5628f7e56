"""Writes of assessment cycles (SPEC §12): HR opens a cycle for a company with a copy of its
criteria, moves it to scoring and closes it, which computes every result and locks the scores;
reopening a closed cycle needs a reason, kept in its history.

Decisions (not in the SPEC's words, chosen here):
- the people of a cycle are those placed at a site of the company on any day of its period;
- a person is ranked at the site where they were placed on the cycle's last day (or the last
  day they were placed within it);
- a quarter of a company that scores monthly takes each person's average of the months closed
  in that quarter; a month without a result for the person is left out of their average."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment import permissions as rules
from assessment.models import (
    Criterion,
    Cycle,
    CycleCriterion,
    CycleKind,
    CycleStatus,
    Result,
    Score,
    Scorer,
)
from assessment.selectors import results as rule
from assessment.selectors.export import month_totals
from onsite.org.models import Assignment, Company, Staff
from onsite.periods import Month, Quarter
from onsite.policy import policy_for
from onsite.transitions import Refused, transition

C = CycleStatus
CYCLE_TRANSITIONS: dict[str, frozenset[str]] = {
    C.OPEN: frozenset({C.SCORING}),
    C.SCORING: frozenset({C.CLOSED}),
    C.CLOSED: frozenset({C.SCORING}),
}
CYCLE_MEANWHILE = gettext_lazy("This cycle changed meanwhile: it is now “%(status)s”.")

# SPEC §12: work performance 40, attitude 20 (the supervisor), teamwork 20 (the manager), client
# satisfaction 20 (computed from ticket ratings).
DEFAULT_CRITERIA = (
    ("performance", gettext_lazy("Work performance"), 40, Scorer.SUPERVISOR),
    ("attitude", gettext_lazy("Work attitude"), 20, Scorer.SUPERVISOR),
    ("teamwork", gettext_lazy("Teamwork"), 20, Scorer.MANAGER),
    ("satisfaction", gettext_lazy("Client satisfaction"), 20, Scorer.COMPUTED),
)


def criteria_of(company: Company) -> list[Criterion]:
    """The company's criteria; the SPEC's four until it sets its own."""
    criteria = list(Criterion.objects.filter(company=company))
    if criteria:
        return criteria
    return [
        Criterion(company=company, key=key, label=str(label), weight=weight, scorer=scorer, order=n)
        for n, (key, label, weight, scorer) in enumerate(DEFAULT_CRITERIA)
    ]


def weights_refusal(weights: list[int]) -> str | None:
    total = sum(weights)
    if total != 100:
        return _("The weights add up to %(total)s; they must add up to 100.") % {"total": total}
    return None


def period_of(label: str) -> tuple[str, datetime.date, datetime.date]:
    """("quarter" or "month", first day, last day) of "2026Q3" or "2026-07"."""
    for kind, period in ((CycleKind.QUARTER, Quarter), (CycleKind.MONTH, Month)):
        try:
            parsed = period.parse(label)
        except ValueError:
            continue
        return kind, parsed.first, parsed.last
    raise Refused(
        _("Name the cycle as a quarter (2026Q3) or a month (2026-07), not “%(label)s”.")
        % {"label": label}
    )


def cycle_open(*, company: Company, label: str, scoring_deadline: datetime.date, by) -> Cycle:
    if not rules.may_run_cycles(by, company):
        raise Refused(_("Only HR of the company opens its assessment cycles."))
    label = (label or "").strip()
    kind, first, last = period_of(label)
    if scoring_deadline < first:
        raise Refused(_("The scoring deadline falls before the period starts."))
    if Cycle.objects.filter(company=company, label=label).exists():
        raise Refused(
            _("%(label)s is already open for %(company)s.")
            % {"label": label, "company": company.name}
        )
    criteria = criteria_of(company)
    refusal = weights_refusal([c.weight for c in criteria])
    if refusal:
        raise Refused(refusal)
    with transaction.atomic():
        cycle = Cycle(
            company=company,
            kind=kind,
            label=label,
            first_day=first,
            last_day=last,
            scoring_deadline=scoring_deadline,
            opened_by=by,
        )
        cycle._history_user = by
        cycle.save()
        CycleCriterion.objects.bulk_create(
            CycleCriterion(
                cycle=cycle,
                key=c.key,
                label=c.label,
                weight=c.weight,
                scorer=c.scorer,
                order=c.order,
            )
            for c in criteria
        )
    return cycle


def _move(cycle: Cycle, *, to: str, by, reason: str = "", also=None) -> Cycle:
    if not rules.may_run_cycles(by, cycle.company):
        raise Refused(_("Only HR of the company moves its assessment cycles."))
    return transition(
        cycle,
        to=to,
        allowed=CYCLE_TRANSITIONS,
        by=by,
        reason=reason,
        also=also,
        meanwhile=str(CYCLE_MEANWHILE),
    )


def cycle_start_scoring(*, cycle: Cycle, by) -> Cycle:
    return _move(cycle, to=C.SCORING, by=by)


def cycle_close(*, cycle: Cycle, by) -> Cycle:
    """Close the cycle: every score is locked and each person's result computed."""
    from assessment.services.results import results_announce
    from assessment.services.scores import satisfaction_record

    with transaction.atomic():
        cycle = _move(cycle, to=C.CLOSED, by=by, also={"closed_at": timezone.now()})
        # Satisfaction computed from ticket ratings is recorded as it stands at the close.
        if cycle.kind == CycleKind.MONTH or not _scored_monthly(cycle):
            for person in people_of(cycle):
                satisfaction_record(cycle=cycle, staff=person)
        results_compute(cycle=cycle)
        results_announce(cycle=cycle)
    return cycle


def cycle_reopen(*, cycle: Cycle, by, reason: str) -> Cycle:
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Say why the closed cycle is reopened."))
    return _move(cycle, to=C.SCORING, by=by, reason=reason)


def people_of(cycle: Cycle):
    """Who is assessed: the company's people placed at a site on any day of the period."""
    placed = Assignment.objects.filter(staff__company_id=cycle.company_id).overlapping(
        cycle.first_day, cycle.last_day
    )
    return Staff.objects.filter(pk__in=placed.values("staff_id"))


def _ranked_site(cycle: Cycle) -> dict[int, int]:
    """{staff id: site id} where each person stands on the cycle's last day they were placed."""
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


def _months_of(cycle: Cycle):
    return Cycle.objects.filter(
        company_id=cycle.company_id,
        kind=CycleKind.MONTH,
        status=C.CLOSED,
        first_day__gte=cycle.first_day,
        last_day__lte=cycle.last_day,
    )


def _scored_monthly(cycle: Cycle) -> bool:
    return cycle.kind == CycleKind.QUARTER and _months_of(cycle).exists()


def _totals(cycle: Cycle) -> dict[int, Decimal]:
    """Each scored person's total: from their scores, or for a quarter of a company that scores
    monthly, the average of their months' results."""
    months = _months_of(cycle)
    if cycle.kind == CycleKind.QUARTER and months.exists():
        return month_totals(months)
    weights = dict(cycle.criteria.values_list("pk", "weight"))
    pairs: dict[int, list[tuple[int, Decimal]]] = {}
    for staff_id, criterion_id, score in Score.objects.filter(cycle=cycle).values_list(
        "staff_id", "criterion_id", "score"
    ):
        pairs.setdefault(staff_id, []).append((weights[criterion_id], score))
    return {pk: rule.total_of(values) for pk, values in pairs.items()}


def results_compute(*, cycle: Cycle) -> list[Result]:
    """Every person's result of the cycle: total, grade, adjustment flag, rank at their site and
    in the company. A result already acknowledged or appealed keeps its status."""
    policy = policy_for(company=cycle.company_id)
    totals = _totals(cycle)
    sites = _ranked_site(cycle)
    company_ranks = rule.ranks(totals)
    per_site: dict[int | None, dict[int, Decimal]] = {}
    for staff_id, total in totals.items():
        per_site.setdefault(sites.get(staff_id), {})[staff_id] = total
    site_ranks: dict[int, int] = {}
    for site_id, site_totals in per_site.items():
        if site_id is not None:
            site_ranks |= rule.ranks(site_totals)
    existing = {r.staff_id: r for r in Result.objects.filter(cycle=cycle)}
    Result.objects.filter(cycle=cycle).exclude(staff_id__in=list(totals)).delete()
    results = []
    for staff_id, total in totals.items():
        result = existing.get(staff_id) or Result(cycle=cycle, staff_id=staff_id)
        computed = {
            "site_id": sites.get(staff_id),
            "total": total,
            "grade": rule.grade_of(total, policy),
            "adjustment": rule.needs_adjustment(total, policy),
            "site_rank": site_ranks.get(staff_id),
            "company_rank": company_ranks[staff_id],
        }
        # An unchanged result is not saved again: its history stays the record of real changes.
        if result.pk is None or any(getattr(result, k) != v for k, v in computed.items()):
            for name, value in computed.items():
                setattr(result, name, value)
            result.save()
        results.append(result)
    return results
