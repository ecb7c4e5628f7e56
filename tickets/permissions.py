"""Who may do what to a ticket or an inspection, each rule written once, with its query twin
where a list needs one. Services check the rules themselves; pages use them for their buttons.

The two sides: the client's (the site's client contacts) raise, confirm, reopen and rate; the
company's (the people placed at the site, its supervisors, HR and managers of the company)
answer and resolve, and alone read internal notes."""

from __future__ import annotations

from django.db.models import Q

from onsite.access import access_for
from onsite.org.models import Assignment, Site
from tickets.models import Ticket, TicketStatus

S = TicketStatus


def _placed_at(access, site_id: int) -> bool:
    if not access.staff_id:
        return False
    return (
        Assignment.objects.active_today().filter(staff_id=access.staff_id, site_id=site_id).exists()
    )


def may_raise(user, site: Site) -> bool:
    """A client contact of the site for the client; someone placed there, its supervisor or HR
    of its company on the client's behalf."""
    access = access_for(user)
    return (
        access.is_superuser
        or site.pk in access.client_sites
        or site.pk in access.supervised_sites
        or _serves_hr(access, site)
        or _placed_at(access, site.pk)
    )


def _serves_hr(access, site: Site) -> bool:
    """HR of a company whose contract serves the site."""
    return (
        bool(access.hr_companies)
        and site.contracts.filter(company_id__in=access.hr_companies).exists()
    )


def raises_for_client(user, site: Site) -> bool:
    """Whether this person raises a ticket for someone else (and must say for whom)."""
    return site.pk not in access_for(user).client_sites


def may_assign(user, ticket: Ticket) -> bool:
    """The site's supervisor or HR of the company, while the ticket is not closed."""
    access = access_for(user)
    return ticket.status != S.CLOSED and (
        access.is_superuser
        or ticket.site_id in access.supervised_sites
        or ticket.company_id in access.hr_companies
    )


def may_work(user, ticket: Ticket) -> bool:
    """Acknowledge, start, resolve: the assignee, or a supervisor of the site."""
    access = access_for(user)
    return (
        access.is_superuser
        or (access.staff_id is not None and access.staff_id == ticket.assignee_id)
        or ticket.site_id in access.supervised_sites
    )


def may_answer(user, ticket: Ticket) -> bool:
    """Confirm or reopen a resolved ticket, rate a closed one: the client side of the site."""
    access = access_for(user)
    return access.is_superuser or ticket.site_id in access.client_sites


def sees_internal(user, ticket: Ticket) -> bool:
    """Internal notes are the company's side: never a client contact of the site (whatever else
    they hold there), always the assignee, supervisors, HR and managers of the company."""
    access = access_for(user)
    if access.is_superuser:
        return True
    if ticket.site_id in access.client_sites:
        return False
    return (
        ticket.site_id in access.supervised_sites
        or ticket.company_id in access.hr_companies | access.manager_companies
        or (access.staff_id is not None and access.staff_id == ticket.assignee_id)
        or (access.staff_id is not None and _placed_at(access, ticket.site_id))
    )


def may_edit_checklist(user, site: Site) -> bool:
    """The site's checklist: its supervisor or HR of a company serving it."""
    access = access_for(user)
    return access.is_superuser or site.pk in access.supervised_sites or _serves_hr(access, site)


def may_inspect(user, site: Site) -> bool:
    """The day's inspection: the person on duty, someone placed at the site."""
    access = access_for(user)
    return access.is_superuser or _placed_at(access, site.pk)


def may_review_deep(user, site: Site) -> bool:
    """The half-yearly deep inspection report is reviewed by a supervisor of the site."""
    access = access_for(user)
    return access.is_superuser or site.pk in access.supervised_sites


def assigned_q(user) -> Q:
    """The tickets that are this person's to work on (their own list)."""
    access = access_for(user)
    if not access.staff_id:
        return Q(pk__in=[])
    return Q(assignee_id=access.staff_id)


# Work reports (SPEC §9) -----------------------------------------------------------------------


def writes_report(user, report) -> bool:
    """A report is written, submitted and attached to by its author alone."""
    access = access_for(user)
    return access.staff_id is not None and access.staff_id == report.staff_id


def may_review_report(user, report) -> bool:
    """Read (已读), reviewed and returned by a supervisor of its site; never by its author, whatever
    else they are (a supervisor also placed at the site)."""
    access = access_for(user)
    if access.staff_id is not None and access.staff_id == report.staff_id:
        return False
    return access.is_superuser or report.site_id in access.supervised_sites


def may_review_report_q(user) -> Q:
    """The query twin of may_review_report: the reports of the sites this person supervises,
    their own left out."""
    access = access_for(user)
    if access.is_superuser:
        q = Q()
    elif not access.supervised_sites:
        return Q(pk__in=[])
    else:
        q = Q(site_id__in=access.supervised_sites)
    if access.staff_id is not None:
        q &= ~Q(staff_id=access.staff_id)
    return q


def may_comment_report(user, report) -> bool:
    """The thread under a report: its author and the site's supervisors."""
    return writes_report(user, report) or may_review_report(user, report)


def may_read_site_reports(user, site: Site) -> bool:
    """Who reads the reports of a site by week (周报审阅): its supervisors, HR of a company
    serving it, the managers of such a company."""
    access = access_for(user)
    return (
        access.is_superuser
        or site.pk in access.supervised_sites
        or _serves_hr(access, site)
        or (
            bool(access.manager_companies | access.manager_departments)
            and site.contracts.filter(
                Q(company_id__in=access.manager_companies)
                | Q(company__departments__in=access.manager_departments)
            ).exists()
        )
    )


def report_sites_q(user) -> Q:
    """The query twin of may_read_site_reports, over sites."""
    access = access_for(user)
    if access.is_superuser:
        return Q()
    q = Q(pk__in=access.supervised_sites)
    companies = access.hr_companies | access.manager_companies
    if companies:
        q |= Q(contracts__company_id__in=companies)
    if access.manager_departments:
        q |= Q(contracts__company__departments__in=access.manager_departments)
    return q


# Work plans (SPEC §9) ------------------------------------------------------------------------------


def is_plan_author(user, plan) -> bool:
    staff_id = access_for(user).staff_id
    return staff_id is not None and staff_id == plan.author_id


def may_edit_plan(user, plan) -> bool:
    """Its author, whatever the status (the service says whether it still changes)."""
    return is_plan_author(user, plan)


def may_decide_plan(user, plan) -> bool:
    """The site's lead (a supervisor of the site) approves or returns a plan, whatever the status
    (the transition says whether it still waits); never its author."""
    if is_plan_author(user, plan):
        return False
    access = access_for(user)
    return access.is_superuser or plan.site_id in access.supervised_sites


def may_decide_plan_q(user) -> Q:
    access = access_for(user)
    own = ~Q(author_id=access.staff_id) if access.staff_id else Q()
    if access.is_superuser:
        return own
    if not access.supervised_sites:
        return Q(pk__in=[])
    return Q(site_id__in=access.supervised_sites) & own


def may_mark_step(user, step) -> bool:
    """Done or not: the person responsible, the plan's author, or the site's lead."""
    access = access_for(user)
    plan = step.plan
    return (
        access.is_superuser
        or plan.site_id in access.supervised_sites
        or (
            access.staff_id is not None and access.staff_id in (step.responsible_id, plan.author_id)
        )
    )
