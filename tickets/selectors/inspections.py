"""Reads of inspections: the sites whose inspections a reader sees (the scope of
tickets.models.inspections.SiteScopedQuerySet, as sites), the checklist in use, the recent rounds
of a site with their failed count, and the people who may own a step of a plan."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from onsite.access import access_for
from onsite.org.models import Assignment, Site, Staff
from tickets.models import ChecklistItem, DeepInspection, Inspection


def inspection_sites(user) -> QuerySet[Site]:
    access = access_for(user)
    if access.is_superuser:
        return Site.objects.order_by("code")
    q = Q(pk__in=access.supervised_sites | access.client_sites)
    companies = access.hr_companies | access.manager_companies
    if companies:
        q |= Q(contracts__company_id__in=companies)
    if access.staff_id:
        q |= Q(assignments__staff_id=access.staff_id)
    return Site.objects.filter(pk__in=Site.objects.filter(q).values("pk")).order_by("code")


def checklist(site: Site, *, active: bool = True) -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(site=site, active=active).order_by("order", "pk"))


def rounds(sites: QuerySet[Site]) -> QuerySet[Inspection]:
    """The rounds of these sites (already the reader's, from inspection_sites), newest first,
    with how many items failed. No join on the scope: it would multiply the count."""
    return (
        Inspection.objects.filter(site__in=sites)
        .select_related("site", "inspector")
        .annotate(failed=Count("results", filter=Q(results__ok=False)))
        .order_by("-date", "site__code")
    )


def deep_reports(sites: QuerySet[Site]) -> QuerySet[DeepInspection]:
    return (
        DeepInspection.objects.filter(site__in=sites)
        .select_related("site", "author__staff_record")
        .order_by("-half", "site__code")
    )


def placed_at(site: Site) -> QuerySet[Staff]:
    placed = Assignment.objects.active_today().filter(site=site).values("staff_id")
    return Staff.objects.filter(pk__in=placed).order_by("name", "pk")
