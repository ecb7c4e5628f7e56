"""Who may do what to an assessment: each rule written once (`may_<action>(user, record)`) with its
query twin beside it (`<action>_filter(user)`, a Q for the inbox and the lists). Services and the
buttons on pages use the rule; the approvals inbox and the lists use the twin."""

from __future__ import annotations

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


def may_score(user, cycle, staff, criterion) -> bool:
    """The criterion's scorer: the supervisor of the person's site (performance, attitude, and
    satisfaction when too few tickets were rated), a manager of the company (teamwork); never
    one's own record."""
    from assessment.models import Scorer

    if acts_on_self(user, staff):
        return False
    if criterion.scorer == Scorer.MANAGER:
        return manages_staff(access_for(user), staff)
    return supervises_in(user, staff, cycle)
