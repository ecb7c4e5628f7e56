"""Staffing's cards on the dashboard (registered in StaffingConfig.ready()): the HR admin's
overview, the resignations a supervisor decides, and a staff member's own pages."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.utils import timezone

from onsite.access import Access
from onsite.dashboard import Card, card_register
from onsite.org.models import Assignment, Company, Site, Staff, StaffStatus
from onsite.policy import policy_for
from onsite.roles import Role
from staffing.models import CheckStatus, QualificationCheck, Resignation, ResignationStatus
from staffing.selectors.assignments import contracts_understaffed, sites_without_backup
from staffing.selectors.movement import rotation_due


def hr_overview(access: Access, user) -> dict:
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


def resignations_to_decide(access: Access, user) -> dict:
    return {
        "resignations": Resignation.objects.filter(
            status=ResignationStatus.PENDING, assignment__site_id__in=access.supervised_sites
        )
        .select_related("staff", "assignment__site")
        .order_by("leaving_on")
    }


def finance_claims(access: Access, user) -> dict:
    """Finance's claims of their companies: to review (signed and on time, or late and approved
    by a manager) and approved to pay, counted in one query."""
    from django.db.models import Q

    from staffing.models import Claim, ClaimStatus

    claims = Claim.objects.all()
    if not access.is_superuser:
        claims = claims.filter(staff__company_id__in=access.finance_companies)
    return claims.aggregate(
        to_review=Count(
            "pk",
            filter=Q(status=ClaimStatus.SIGNED, late=False) | Q(status=ClaimStatus.LATE_APPROVED),
        ),
        to_pay=Count("pk", filter=Q(status=ClaimStatus.APPROVED)),
    )


def register() -> None:
    card_register(
        Card(
            "staffing_finance_claims",
            (Role.FINANCE,),
            "staffing/dashboard/_finance_claims.html",
            finance_claims,
            40,
        )
    )
    for card in (
        Card("staffing_hr", (Role.HR_ADMIN,), "staffing/dashboard/_hr.html", hr_overview, 50),
        Card(
            "staffing_resignations",
            (Role.SUPERVISOR,),
            "staffing/dashboard/_resignations.html",
            resignations_to_decide,
            60,
        ),
        # Below the placement: the person's own record and resignation pages.
        Card(
            "staffing_my_pages",
            (Role.STAFF,),
            "staffing/dashboard/_my_pages.html",
            lambda access, user: {},
            60,
        ),
    ):
        card_register(card)
