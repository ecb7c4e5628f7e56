"""Who may do what in attendance, each rule once: views use it for the 403 and the buttons,
services for the refusal, so a call from a view, a command or a task is refused the same way.

A rule about one record (`may_decide_leave(user, leave)`) has its query twin beside it
(`may_decide_leave_q(user)`, a Q over the same model): the inbox and the lists filter with the
twin, so a row they show is a row the rule lets its reader act on, and no row asks the database
whether. Nobody acts on their own staff record: the rules say no, the twins leave such rows out."""

from __future__ import annotations

from django.db.models import Q

from attendance.models import (
    Correction,
    Explanation,
    Leave,
    LeaveStatus,
    Overtime,
    OvertimeCategory,
    OvertimeStatus,
)
from onsite.access import Access, access_for, acts_on_self
from onsite.org.models import Site, Staff

NOTHING = Q(pk__in=[])


def within(**lookups) -> Q:
    """OR of the `field__in` lookups whose sets are not empty; none at all matches nothing.
    (An empty set would still make the query join the staff table for nothing.)"""
    q = NOTHING
    for lookup, ids in lookups.items():
        if ids:
            q |= Q(**{lookup: ids})
    return q


def not_own(access: Access) -> Q:
    """The twin of `acts_on_self`: rows of the reader's own staff record are left out."""
    return ~Q(staff_id=access.staff_id) if access.staff_id else Q()


# --- months -------------------------------------------------------------------------------------


def may_close_month(user, site: Site) -> bool:
    """HR admins of a company with a contract at the site close and reopen its months."""
    access = access_for(user)
    if access.is_superuser:
        return True
    return (
        bool(access.hr_companies)
        and site.contracts.filter(company_id__in=access.hr_companies).exists()
    )


# --- people's entries: punches, absence marks, corrections, explanations ------------------------


def may_act_for(user, *, staff: Staff, site_id: int) -> bool:
    """HR of the person's company or a supervisor of the site: those who enter punches, mark
    absences and decide corrections and explanations there; never on their own record."""
    if acts_on_self(user, staff):
        return False
    access = access_for(user)
    return access.is_hr_for(staff.company_id) or site_id in access.supervised_sites


def may_act_for_q(user) -> Q:
    """The twin of `may_act_for`, over a model with `staff` and `site`."""
    access = access_for(user)
    if access.is_superuser:
        return not_own(access)
    return within(
        site_id__in=access.supervised_sites, staff__company_id__in=access.hr_companies
    ) & not_own(access)


def may_decide_correction(user, correction: Correction) -> bool:
    """A supervisor of the site or HR of the company, whatever the status (the transition says
    whether it still waits)."""
    return may_act_for(user, staff=correction.staff, site_id=correction.site_id)


def may_decide_correction_q(user) -> Q:
    return may_act_for_q(user)


def may_review_explanation(user, explanation: Explanation) -> bool:
    return may_act_for(user, staff=explanation.staff, site_id=explanation.site_id)


def may_review_explanation_q(user) -> Q:
    return may_act_for_q(user)


# --- leave (SPEC §7) ----------------------------------------------------------------------------

L = LeaveStatus


def leave_decides_at(user, leave: Leave, stage: str) -> bool:
    """Whether `user` decides `leave` at `stage`: the first (`pending`) is the site's
    supervisor's, the second (`pending_manager`) a manager's of the person's company or
    department. Nobody decides their own leave."""
    if acts_on_self(user, leave.staff_id):
        return False
    access = access_for(user)
    if access.is_superuser:
        return True
    if stage == L.PENDING:
        return leave.site_id in access.supervised_sites
    if stage == L.PENDING_MANAGER:
        return leave.staff.company_id in access.manager_companies or (
            leave.staff.department_id is not None
            and leave.staff.department_id in access.manager_departments
        )
    return False


def may_decide_leave(user, leave: Leave) -> bool:
    return leave_decides_at(user, leave, leave.status)


def may_decide_leave_q(user) -> Q:
    access = access_for(user)
    if access.is_superuser:
        return Q(status__in=(L.PENDING, L.PENDING_MANAGER)) & not_own(access)
    first = Q(status=L.PENDING) & within(site_id__in=access.supervised_sites)
    second = Q(status=L.PENDING_MANAGER) & within(
        staff__company_id__in=access.manager_companies,
        staff__department_id__in=access.manager_departments,
    )
    return (first | second) & not_own(access)


def may_cancel_leave(user, leave: Leave) -> bool:
    """The requester withdraws a request or gives back approved leave; a supervisor of the site
    cancels leave once approved (the person came back early), never a request still waiting
    (that one they reject). Whether the status still allows it is the transition's to say."""
    access = access_for(user)
    if access.staff_id == leave.staff_id or access.is_superuser:
        return True
    waiting = leave.status in (L.PENDING, L.PENDING_MANAGER)
    return not waiting and leave.site_id in access.supervised_sites


# --- overtime (SPEC §8) -------------------------------------------------------------------------

O = OvertimeStatus  # noqa: E741 - the status enum, as the services call it


def supervisor_may_approve(overtime: Overtime) -> bool:
    """Rest-day and holiday overtime is the department head's to approve; a site supervisor
    cannot give it in their place (SPEC §8 [000: 需提前报公司部门主管批准]). Workday overtime
    the supervisor may approve too (SPEC §1: first-stage overtime)."""
    return overtime.category == OvertimeCategory.WORKDAY


def is_department_head(user, overtime: Overtime) -> bool:
    """A manager of the person's company or department."""
    access = access_for(user)
    return access.is_superuser or (
        overtime.staff.company_id in access.manager_companies
        or (
            overtime.staff.department_id is not None
            and overtime.staff.department_id in access.manager_departments
        )
    )


def may_confirm_emergency(user, overtime: Overtime) -> bool:
    if acts_on_self(user, overtime.staff_id):
        return False
    access = access_for(user)
    return access.is_superuser or overtime.site_id in access.supervised_sites


def may_approve_overtime(user, overtime: Overtime) -> bool:
    """The department head, or for workday overtime the site's supervisor; never one's own."""
    if acts_on_self(user, overtime.staff_id):
        return False
    return is_department_head(user, overtime) or (
        supervisor_may_approve(overtime) and overtime.site_id in access_for(user).supervised_sites
    )


def may_file_overtime(user, overtime: Overtime) -> bool:
    """HR of the person's company files approved overtime (审批备案)."""
    if acts_on_self(user, overtime.staff_id):
        return False
    access = access_for(user)
    return access.is_superuser or access.is_hr_for(overtime.staff.company_id)


def may_decide_overtime(user, overtime: Overtime) -> bool:
    """Whether `user` acts on the request at its current stage."""
    if overtime.status == O.UNCONFIRMED:
        return may_confirm_emergency(user, overtime)
    if overtime.status == O.PENDING:
        return may_approve_overtime(user, overtime)
    if overtime.status == O.APPROVED:
        return may_file_overtime(user, overtime)
    return False


def may_decide_overtime_q(user) -> Q:
    """Emergency overtime to confirm at one's sites; requests to approve: workday overtime at
    one's sites, any of the company or department one heads; approved requests for HR to file."""
    access = access_for(user)
    if access.is_superuser:
        return Q(status__in=(O.UNCONFIRMED, O.PENDING, O.APPROVED)) & not_own(access)
    q = (
        Q(status=O.UNCONFIRMED) & within(site_id__in=access.supervised_sites)
        | Q(status=O.PENDING, category=OvertimeCategory.WORKDAY)
        & within(site_id__in=access.supervised_sites)
        | Q(status=O.PENDING)
        & within(
            staff__company_id__in=access.manager_companies,
            staff__department_id__in=access.manager_departments,
        )
        | Q(status=O.APPROVED) & within(staff__company_id__in=access.hr_companies)
    )
    return q & not_own(access)


def may_confirm_hours(user, overtime: Overtime) -> bool:
    if acts_on_self(user, overtime.staff_id):
        return False
    access = access_for(user)
    return (
        access.is_superuser
        or access.is_hr_for(overtime.staff.company_id)
        or overtime.site_id in access.supervised_sites
    )
