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


# Expenses (SPEC §10): a manager decides trips and late claims, the site's supervisor signs a
# claim, finance approves and pays it; each on the people of their company or site, never their
# own. The bank account is read whole only by HR and finance of the person's company.


def _not_own(access) -> Q:
    return ~Q(staff_id=access.staff_id) if access.staff_id else Q()


def manages_staff(access, staff) -> bool:
    """A manager of the person's company, or of their department."""
    return (
        access.is_superuser
        or staff.company_id in access.manager_companies
        or (staff.department_id is not None and staff.department_id in access.manager_departments)
    )


def _manages_q(access) -> Q:
    return _within(
        staff__company_id__in=access.manager_companies,
        staff__department_id__in=access.manager_departments,
    )


def may_decide_trip(user, trip) -> bool:
    return not acts_on_self(user, trip.staff) and manages_staff(access_for(user), trip.staff)


def may_decide_trip_q(user) -> Q:
    access = access_for(user)
    if access.is_superuser:
        return _not_own(access)
    return _manages_q(access) & _not_own(access)


def may_sign_claim(user, claim) -> bool:
    if acts_on_self(user, claim.staff):
        return False
    access = access_for(user)
    return access.is_superuser or claim.site_id in access.supervised_sites


def may_sign_claim_q(user) -> Q:
    access = access_for(user)
    if access.is_superuser:
        return _not_own(access)
    return _within(site_id__in=access.supervised_sites) & _not_own(access)


def may_approve_late(user, claim) -> bool:
    return (
        claim.late
        and not acts_on_self(user, claim.staff)
        and manages_staff(access_for(user), claim.staff)
    )


def may_approve_late_q(user) -> Q:
    access = access_for(user)
    late = Q(late=True)
    if access.is_superuser:
        return late & _not_own(access)
    return late & _manages_q(access) & _not_own(access)


def is_finance_for(user, staff) -> bool:
    access = access_for(user)
    return access.is_superuser or staff.company_id in access.finance_companies


def may_review_claim(user, claim) -> bool:
    """Finance of the claimant's company approves, returns and pays; never their own claim."""
    return not acts_on_self(user, claim.staff) and is_finance_for(user, claim.staff)


def may_review_claim_q(user) -> Q:
    access = access_for(user)
    if access.is_superuser:
        return _not_own(access)
    return _within(staff__company_id__in=access.finance_companies) & _not_own(access)


def may_return_claim(user, claim) -> bool:
    """Whoever may take the claim's current review step may send it back."""
    from staffing.models import ClaimStatus

    if claim.status == ClaimStatus.SUBMITTED:
        return may_sign_claim(user, claim)
    if claim.status == ClaimStatus.SIGNED and claim.late:
        return may_approve_late(user, claim)
    return may_review_claim(user, claim)


def may_return_claim_q(user) -> Q:
    from staffing.models import ClaimStatus

    return (
        (Q(status=ClaimStatus.SUBMITTED) & may_sign_claim_q(user))
        | (Q(status=ClaimStatus.SIGNED, late=True) & may_approve_late_q(user))
        | (
            (Q(status=ClaimStatus.SIGNED, late=False) | Q(status=ClaimStatus.LATE_APPROVED))
            & may_review_claim_q(user)
        )
    )


def owns_claim(user, claim) -> bool:
    access = access_for(user)
    return access.staff_id is not None and claim.staff_id == access.staff_id


def sees_bank_account(user, staff) -> bool:
    access = access_for(user)
    return (
        access.is_superuser
        or staff.company_id in access.hr_companies
        or staff.company_id in access.finance_companies
    )


def may_edit_bank_account(user, staff) -> bool:
    """HR of the company records it; nobody edits where their own pay goes."""
    return not acts_on_self(user, staff) and access_for(user).is_hr_for(staff.company_id)


def may_approve_claim(user, claim) -> bool:
    """Finance approves a signed claim; a late one only once a manager approved it."""
    from staffing.models import ClaimStatus

    if claim.status == ClaimStatus.SIGNED and claim.late:
        return False
    return may_review_claim(user, claim)
