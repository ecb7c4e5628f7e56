"""What each role's dashboard shows. Each section costs a fixed number of queries, whatever the
number of staff (pinned in tests/onsite/test_dashboard.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from onsite.access import Access
from onsite.models import RoleGrant
from onsite.policy import policy_for
from onsite.roles import Role
from staffing.models import (
    Assignment,
    CheckStatus,
    Company,
    QualificationCheck,
    Site,
    Staff,
    StaffStatus,
)
from staffing.movement.models import Resignation, ResignationStatus
from staffing.movement.selectors import rotation_due
from staffing.services.assignments import contracts_understaffed, sites_without_backup


def hr_section(access: Access) -> dict:
    staff = Staff.objects.filter(company_id__in=access.hr_companies)
    counts = dict(staff.values_list("status").annotate(n=Count("pk")).order_by())
    today = timezone.localdate()
    # An HR admin normally serves one company; its reminder period sets the card's horizon.
    first_company = min(access.hr_companies, default=None)
    reminder_days = policy_for(
        company=Company(pk=first_company) if first_company else None
    ).qualification_reminder_days
    return {
        "status_counts": [
            {"status": status, "label": status.label, "count": counts.get(status, 0)}
            for status in StaffStatus
        ],
        "total": sum(counts.values()),
        "on_site_today": Assignment.objects.active_on(today)
        .filter(staff__company_id__in=access.hr_companies)
        .values("staff")
        .distinct()
        .count(),
        "understaffed": list(contracts_understaffed(company_ids=access.hr_companies)),
        "without_backup": list(
            sites_without_backup(
                site_ids=Site.objects.filter(contracts__company_id__in=access.hr_companies).values(
                    "pk"
                )
            )
        ),
        "expiring": QualificationCheck.objects.filter(
            staff__company_id__in=access.hr_companies,
            status=CheckStatus.PASSED,
            expires_on__lte=today + datetime.timedelta(days=reminder_days),
        )
        .select_related("staff")
        .order_by("expires_on")[:10],
        "rotation_due": rotation_due(company_ids=access.hr_companies, today=today)[:10],
        "recent_changes": Staff.history.filter(company_id__in=access.hr_companies)
        .select_related("history_user__staff_record")
        .order_by("-history_date")[:8],
    }


def _sites_with_headcount(site_ids, *, staff_of: Q | None = None):
    """Sites with the number of people placed there today, counting only `staff_of` when given
    (a Q over `assignments__staff__…`)."""
    today = timezone.localdate()
    active = Q(assignments__start__lte=today) & (
        Q(assignments__end__isnull=True) | Q(assignments__end__gte=today)
    )
    if staff_of is not None:
        active &= staff_of
    return (
        Site.objects.filter(pk__in=site_ids)
        .select_related("client")
        .annotate(on_site=Count("assignments__staff", filter=active, distinct=True))
        .order_by("code")
    )


def supervisor_section(access: Access) -> dict:
    return {
        "sites": _sites_with_headcount(access.supervised_sites),
        "resignations": Resignation.objects.filter(
            status=ResignationStatus.PENDING, assignment__site_id__in=access.supervised_sites
        )
        .select_related("staff", "assignment__site")
        .order_by("leaving_on"),
    }


def staff_section(access: Access) -> dict:
    return {
        "assignments": Assignment.objects.active_today()
        .filter(staff_id=access.staff_id)
        .select_related("site", "site__client", "position", "contract")
    }


def _company_sites(company_ids, departments=frozenset()):
    staff_of = Q(assignments__staff__company_id__in=company_ids)
    where = Q(contracts__company_id__in=company_ids)
    # The join through assignments costs a scan of them; only department managers need it.
    if departments:
        staff_of |= Q(assignments__staff__department_id__in=departments)
        where |= Q(assignments__staff__department_id__in=departments)
    return _sites_with_headcount(Site.objects.filter(where).values("pk"), staff_of=staff_of)


def manager_section(access: Access) -> dict:
    return {"sites": _company_sites(access.manager_companies, access.manager_departments)}


def finance_section(access: Access) -> dict:
    return {"sites": _company_sites(access.finance_companies)}


def client_section(access: Access) -> dict:
    supervisors = RoleGrant.objects.filter(role=Role.SUPERVISOR).select_related("user")
    return {
        "sites": _sites_with_headcount(access.client_sites).prefetch_related(
            Prefetch("role_grants", queryset=supervisors, to_attr="supervisor_grants")
        )
    }


# What feature apps add to a role's section, registered from their AppConfig.ready(), so that the
# core needs no import of them: each part takes the reader's Access and returns template values.
SECTION_PARTS: dict[Role, list[Callable[[Access], dict]]] = {}


def section_part_add(role: Role, part: Callable[[Access], dict]) -> None:
    parts = SECTION_PARTS.setdefault(role, [])
    if part not in parts:
        parts.append(part)


def _section(role: Role, access: Access) -> dict:
    values = SECTIONS[role][1](access)
    for part in SECTION_PARTS.get(role, ()):
        values.update(part(access))
    return values


SECTIONS = {
    Role.HR_ADMIN: ("dashboard/_hr.html", hr_section),
    Role.SUPERVISOR: ("dashboard/_supervisor.html", supervisor_section),
    Role.STAFF: ("dashboard/_staff.html", staff_section),
    Role.MANAGER: ("dashboard/_manager.html", manager_section),
    Role.FINANCE: ("dashboard/_finance.html", finance_section),
    Role.CLIENT_CONTACT: ("dashboard/_client.html", client_section),
}


def sections_for(access: Access) -> list[dict]:
    return [
        {"role": role, "template": SECTIONS[role][0], **_section(role, access)}
        for role in access.roles
    ]
