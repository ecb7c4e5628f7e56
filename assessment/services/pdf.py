"""The assessment sheets (考核表, SPEC §12): one A4 page per person of a closed cycle, to print,
sign and file. They read the Result rows the close computed, never totals worked out again, so
the paper says exactly what the person acknowledged or appealed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from assessment.models import Cycle, Result, Score
from onsite import facts
from onsite.pdf import render_pdf, render_pdf_batch
from onsite.transitions import Refused

TEMPLATE = "assessment/pdf/sheet.html"


def _refuse_unless_closed(cycle: Cycle) -> None:
    if not cycle.is_closed:
        raise Refused(_("Assessment sheets are printed once the cycle is closed."))


def _results(cycle: Cycle, **filters):
    return (
        Result.objects.filter(cycle=cycle, **filters)
        .select_related("staff__position", "site", "cycle__company")
        .order_by("site_rank", "staff__name", "staff_id")
    )


def sheet_context(
    *, result: Result, headcounts: dict | None = None, period_facts: list | None = None
) -> dict:
    """What one sheet shows. `headcounts` ({"site": n, "company": n}) saves the counts when
    many sheets of one site are rendered together."""
    cycle = result.cycle
    if headcounts is None:
        headcounts = {
            "site": Result.objects.filter(cycle=cycle, site=result.site).count(),
            "company": Result.objects.filter(cycle=cycle).count(),
        }
    scores = {
        s.criterion_id: s
        for s in Score.objects.filter(cycle=cycle, staff=result.staff_id).select_related(
            "criterion"
        )
    }
    rows = [
        {"criterion": criterion, "score": scores.get(criterion.pk)}
        for criterion in cycle.criteria.order_by("order", "pk")
    ]
    # The position the person held at the site they are ranked at, else their own.
    placement = (
        result.staff.assignments.filter(site=result.site_id, start__lte=cycle.last_day)
        .select_related("position")
        .order_by("-start")
        .first()
    )
    ratings = facts.ratings_of(staff=result.staff, first=cycle.first_day, last=cycle.last_day)
    # What every app registered of the period: attendance, tickets and SLA, reports, 奖惩.
    if period_facts is None:
        period_facts = facts.facts_of(
            staff=result.staff, first=cycle.first_day, last=cycle.last_day
        )
    return {
        "result": result,
        "cycle": cycle,
        "company": cycle.company,
        "staff": result.staff,
        "site": result.site,
        "position": placement.position if placement else result.staff.position,
        "rows": rows,
        "ratings": ratings,
        "facts": period_facts,
        "site_count": headcounts["site"],
        "company_count": headcounts["company"],
    }


def sheet_pdf(*, result: Result) -> bytes:
    _refuse_unless_closed(result.cycle)
    return render_pdf(template=TEMPLATE, context=sheet_context(result=result))


def sheets_pdf(*, cycle: Cycle, site) -> bytes:
    """Every person ranked at `site` in the closed `cycle`, by site rank then name, a page each."""
    _refuse_unless_closed(cycle)
    results = list(_results(cycle, site=site))
    if not results:
        raise Refused(_("Nobody is ranked at this site in the cycle."))
    headcounts = {"site": len(results), "company": Result.objects.filter(cycle=cycle).count()}
    # The facts of everyone at once: the weekly-report rates cost per week, not per person.
    every = facts.facts_of_many(
        staff=[r.staff for r in results], first=cycle.first_day, last=cycle.last_day
    )
    contexts = [
        sheet_context(result=r, headcounts=headcounts, period_facts=every[r.staff_id])
        for r in results
    ]
    return render_pdf_batch(template=TEMPLATE, contexts=contexts)
