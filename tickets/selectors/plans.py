"""Reads of work plans: the site's today (deadlines are days of the site's calendar), the plans a
reader sees with their steps, and the overdue steps of approved plans — not done and due before
the site's today — for the person responsible and for the site's lead."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from onsite.access import access_for
from onsite.org.models import Site
from tickets.models import PlanStatus, PlanStep, WorkPlan


def _today_in(zone: str, now: datetime.datetime | None = None) -> datetime.date:
    try:
        tz = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = timezone.get_default_timezone()
    return (now or timezone.now()).astimezone(tz).date()


def site_today(site: Site, now: datetime.datetime | None = None) -> datetime.date:
    return _today_in(site.time_zone, now)


def days_overdue(step: PlanStep, today: datetime.date) -> int:
    """How many days past its deadline an open step is (0: not overdue)."""
    return (today - step.due_on).days if step.is_overdue(today) else 0


def overdue_steps(
    *, responsible_id: int | None = None, site_ids=None, now: datetime.datetime | None = None
) -> list[PlanStep]:
    """Steps of approved plans, not done, due before their site's today, longest overdue first,
    each with `late` (its days overdue): someone's, or those of some sites. One query: the
    candidates due before the latest today anywhere (UTC's date + 1), then each on its site's
    clock."""
    now = now or timezone.now()
    latest = now.astimezone(datetime.UTC).date() + datetime.timedelta(days=1)
    steps = PlanStep.objects.filter(
        done_on__isnull=True, plan__status=PlanStatus.APPROVED, due_on__lt=latest
    )
    if responsible_id is not None:
        steps = steps.filter(responsible_id=responsible_id)
    if site_ids is not None:
        steps = steps.filter(plan__site_id__in=list(site_ids))
    overdue = []
    for step in steps.select_related("plan__site", "responsible").order_by("due_on", "pk"):
        step.late = days_overdue(step, site_today(step.plan.site, now))
        if step.late:
            overdue.append(step)
    return overdue


def plans_for(user, *, site_id: int | None = None, status: str = "") -> QuerySet[WorkPlan]:
    """The plans `user` sees (their own, those with a step of theirs, their sites', their
    company's), newest first, with their steps."""
    plans = WorkPlan.objects.visible_to(user)
    if site_id is not None:
        plans = plans.filter(site_id=site_id)
    if status:
        plans = plans.filter(status=status)
    return plans.select_related("site", "author").prefetch_related(
        Prefetch("steps", queryset=PlanStep.objects.select_related("responsible"))
    )


def plan_sites(user) -> QuerySet[Site]:
    """The sites of the plans `user` sees, for the list's filter (one query)."""
    return Site.objects.filter(
        pk__in=WorkPlan.objects.visible_to(user).order_by().values("site_id")
    ).order_by("code")


def open_steps(user, now=None) -> list[PlanStep]:
    """The steps of approved plans the reader is responsible for and has not done."""
    staff_id = access_for(user).staff_id
    if staff_id is None:
        return []
    return list(
        PlanStep.objects.filter(
            responsible_id=staff_id, done_on__isnull=True, plan__status=PlanStatus.APPROVED
        )
        .select_related("plan__site")
        .order_by("due_on", "pk")
    )


CARD_ROWS = 5


def overdue_card(*, responsible_id: int | None = None, site_ids=None) -> dict:
    """The dashboard's overdue steps: how many, and the longest overdue few."""
    steps = overdue_steps(responsible_id=responsible_id, site_ids=site_ids)
    return {"steps": steps[:CARD_ROWS], "count": len(steps)}
