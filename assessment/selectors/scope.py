"""Which cycles and results a person may read (SPEC §12): the scoped querysets every assessment page
starts from, so that a record outside them answers 404.

- HR of a company: its cycles and all their results;
- a manager of a company: the same; a manager of a department: the cycles of its company and the
  results of the department's people;
- a site supervisor: the cycles of the companies serving their sites (they score in them) and the
  results of the people ranked at their sites;
- a staff member: the cycles of their company and their own results."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from assessment.models import Cycle, Result
from onsite.access import access_for
from onsite.org.models import Contract, Department


def _within(**lookups) -> Q:
    """OR of the `field__in` lookups whose sets are not empty; none at all matches nothing."""
    q = Q(pk__in=[])
    for lookup, ids in lookups.items():
        if ids:
            q |= Q(**{lookup: ids})
    return q


def reader_companies(user) -> frozenset[int]:
    """The companies whose cycles HR and managers (of the company or a department) read."""
    access = access_for(user)
    companies = set(access.hr_companies | access.manager_companies)
    if access.manager_departments:
        companies |= set(
            Department.objects.filter(pk__in=access.manager_departments).values_list(
                "company_id", flat=True
            )
        )
    return frozenset(companies)


def cycles_visible_to(user) -> QuerySet[Cycle]:
    access = access_for(user)
    cycles = Cycle.objects.select_related("company")
    if access.is_superuser:
        return cycles
    q = _within(company_id__in=reader_companies(user))
    if access.supervised_sites:
        q |= Q(
            company_id__in=Contract.objects.filter(sites__in=access.supervised_sites).values(
                "company_id"
            )
        )
    if access.staff_company_id:
        q |= Q(company_id=access.staff_company_id)
    return cycles.filter(q)


def results_q(user) -> Q:
    """The results `user` reads, as a Q on Result."""
    access = access_for(user)
    if access.is_superuser:
        return Q()
    q = _within(
        cycle__company_id__in=access.hr_companies | access.manager_companies,
        staff__department_id__in=access.manager_departments,
        site_id__in=access.supervised_sites,
    )
    if access.staff_id:
        q |= Q(staff_id=access.staff_id)
    return q


def results_visible_to(user) -> QuerySet[Result]:
    return Result.objects.filter(results_q(user)).select_related("cycle", "staff", "site")
