"""Who is told: the people holding a role over a company or a site."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from onsite.roles import Role


def hr_admins(company_id: int):
    return (
        get_user_model()
        .objects.filter(
            role_grants__role=Role.HR_ADMIN, role_grants__company_id=company_id, is_active=True
        )
        .distinct()
    )


def supervisors(site_ids: Iterable[int]):
    return (
        get_user_model()
        .objects.filter(
            role_grants__role=Role.SUPERVISOR,
            role_grants__site_id__in=list(site_ids),
            is_active=True,
        )
        .distinct()
    )


def managers(company_id: int, department_id: int | None = None):
    """The company's managers: those over the whole company, and those over `department_id`."""
    from django.db.models import Q

    scope = Q(role_grants__department__isnull=True)
    if department_id is not None:
        scope |= Q(role_grants__department_id=department_id)
    return (
        get_user_model()
        .objects.filter(
            scope,
            role_grants__role=Role.MANAGER,
            role_grants__company_id=company_id,
            is_active=True,
        )
        .distinct()
    )


def finance(company_id: int):
    return (
        get_user_model()
        .objects.filter(
            role_grants__role=Role.FINANCE, role_grants__company_id=company_id, is_active=True
        )
        .distinct()
    )
