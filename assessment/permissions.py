"""Who may do what to an assessment: each rule written once (`may_<action>(user, record)`) with its
query twin beside it (`<action>_filter(user)`, a Q for the inbox and the lists). Services and the
buttons on pages use the rule; the approvals inbox and the lists use the twin."""

from __future__ import annotations

from django.db.models import Q

from onsite.access import access_for, acts_on_self
from onsite.org.models import Assignment
from staffing.permissions import manages_staff


def may_run_cycles(user, company) -> bool:
    """HR of the company opens, moves, closes and reopens its cycles."""
    return access_for(user).is_hr_for(company.pk)


def supervises_in(user, staff, cycle) -> bool:
    """A supervisor of a site where the person was placed during the cycle."""
    access = access_for(user)
    if access.is_superuser:
        return True
    if not access.supervised_sites:
        return False
    return (
        Assignment.objects.filter(staff=staff, site_id__in=access.supervised_sites)
        .overlapping(cycle.first_day, cycle.last_day)
        .exists()
    )


def appeal_open(cycle, staff) -> bool:
    from assessment.models import Result, ResultStatus

    return Result.objects.filter(cycle=cycle, staff=staff, status=ResultStatus.APPEALED).exists()


def may_score(user, cycle, staff, criterion) -> bool:
    """The criterion's scorer: the supervisor of the person's site (performance, attitude, and
    satisfaction when too few tickets were rated), a manager of the company (teamwork); never
    one's own record."""
    from assessment.models import Scorer

    if acts_on_self(user, staff):
        return False
    if cycle.is_closed:
        # A closed cycle is locked, except the scores of a person whose appeal is open: their
        # manager re-scores them (SPEC §12: "an appeal reopens their score for the manager").
        return appeal_open(cycle, staff) and manages_staff(access_for(user), staff)
    if criterion.scorer == Scorer.MANAGER:
        return manages_staff(access_for(user), staff)
    return supervises_in(user, staff, cycle)


def owns_result(user, result) -> bool:
    """The person whose result it is (and only they acknowledge or appeal it)."""
    return access_for(user).staff_id == result.staff_id


def may_decide_appeal(user, result) -> bool:
    """A manager of the person (company or department), never on their own result."""
    return not acts_on_self(user, result.staff) and manages_staff(access_for(user), result.staff)


def may_decide_appeal_q(user) -> Q:
    """The query twin of may_decide_appeal, on Result (the approvals inbox)."""
    access = access_for(user)
    own = ~Q(staff_id=access.staff_id) if access.staff_id else Q()
    if access.is_superuser:
        return own
    q = Q(pk__in=[])
    if access.manager_companies:
        q |= Q(staff__company_id__in=access.manager_companies)
    if access.manager_departments:
        q |= Q(staff__department_id__in=access.manager_departments)
    return q & own


def may_record_outcome(user, result) -> bool:
    """A manager of the person records what follows the result (bonus, promotion, transfer,
    training); never on their own."""
    return may_decide_appeal(user, result)
