"""What the placements of a company or site lack today: contracts below their headcount, sites
with one person and no backup (SPEC §2), for the dashboard."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from onsite.org.models import Contract, Site


def contracts_understaffed(*, company_ids, today: datetime.date | None = None):
    """Contracts running today with fewer people placed than their quota (SPEC §2)."""
    today = today or timezone.localdate()
    placed = Q(assignments__start__lte=today) & (
        Q(assignments__end__isnull=True) | Q(assignments__end__gte=today)
    )
    return (
        Contract.objects.filter(company_id__in=company_ids, start__lte=today, end__gte=today)
        .annotate(placed=Count("assignments", filter=placed))
        .filter(placed__lt=F("headcount"))
        .select_related("client")
        .order_by("code")
    )


def sites_without_backup(*, site_ids, today: datetime.date | None = None):
    """Sites with exactly one person placed and no backup person named (SPEC §2, 第四条)."""
    today = today or timezone.localdate()
    active = Q(assignments__start__lte=today) & (
        Q(assignments__end__isnull=True) | Q(assignments__end__gte=today)
    )
    return (
        Site.objects.filter(pk__in=site_ids)
        .annotate(
            people=Count("assignments", filter=active & Q(assignments__backup=False)),
            backups=Count("assignments", filter=active & Q(assignments__backup=True)),
        )
        .filter(people=1, backups=0)
        .order_by("code")
    )
