"""Who may do what in staffing, each rule once, with its query twin beside it: services and the
buttons on pages use the rule, the approvals inbox and the lists the twin (a Q over the same
model), so a row shown is a row its reader may act on. Nobody acts on their own staff record."""

from __future__ import annotations

from django.db.models import Q

from onsite.access import access_for, acts_on_self
from staffing.models import ChangeNotice, Resignation


def _within(**lookups) -> Q:
    """OR of the `field__in` lookups whose sets are not empty; none at all matches nothing."""
    q = Q(pk__in=[])
    for lookup, ids in lookups.items():
        if ids:
            q |= Q(**{lookup: ids})
    return q


def may_decide_resignation(user, resignation: Resignation) -> bool:
    """HR of the person's company or a supervisor of the site the person leaves, whatever the
    status (the transition says whether it still waits); never one's own."""
    if acts_on_self(user, resignation.staff):
        return False
    access = access_for(user)
    return access.is_hr_for(resignation.staff.company_id) or (
        resignation.assignment.site_id in access.supervised_sites
    )


def may_decide_resignation_q(user) -> Q:
    access = access_for(user)
    own = ~Q(staff_id=access.staff_id) if access.staff_id else Q()
    if access.is_superuser:
        return own
    return (
        _within(
            staff__company_id__in=access.hr_companies,
            assignment__site_id__in=access.supervised_sites,
        )
        & own
    )


def may_confirm_notice(user, notice: ChangeNotice) -> bool:
    """A supervisor of the notice's site (the site's side: 信息科) confirms or returns it,
    whatever the status (the transition says whether it still waits); never the one who filed
    it, nor one of the people it moves."""
    if user.pk == notice.filed_by_id:
        return False
    if any(acts_on_self(user, p) for p in (notice.leaving_id, notice.incoming_id) if p):
        return False
    access = access_for(user)
    return access.is_superuser or notice.site_id in access.supervised_sites


def may_confirm_notice_q(user) -> Q:
    access = access_for(user)
    own = ~Q(filed_by_id=user.pk)
    if access.staff_id:
        own &= ~Q(leaving_id=access.staff_id) & ~Q(incoming_id=access.staff_id)
    if access.is_superuser:
        return own
    return _within(site_id__in=access.supervised_sites) & own
