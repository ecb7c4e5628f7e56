"""Who may do what in attendance, each rule once: views use it for the 403 and the buttons,
services for the refusal, so a call from a view, a command or a task is refused the same way."""

from __future__ import annotations

from onsite.access import access_for
from staffing.models import Site


def may_close_month(user, site: Site) -> bool:
    """HR admins of a company with a contract at the site close and reopen its months."""
    access = access_for(user)
    if access.is_superuser:
        return True
    return (
        bool(access.hr_companies)
        and site.contracts.filter(company_id__in=access.hr_companies).exists()
    )
