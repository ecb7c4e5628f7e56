"""A person's leave balances for a year (SPEC §7): every kind whose balance is tracked."""

from __future__ import annotations

from attendance.models import LeaveKind
from attendance.services.leave import Balance, leave_balance, leave_settings
from onsite.org.models import Staff


def leave_balances(*, staff: Staff, year: int) -> list[tuple[str, Balance]]:
    """(label, balance) of each tracked kind, in the order of the kinds (annual, compensatory
    by default). A fixed number of queries: a few per tracked kind, whatever the requests."""
    settings = leave_settings(company_id=staff.company_id)
    return [
        (LeaveKind(kind).label, leave_balance(staff=staff, kind=kind, year=year))
        for kind, kept in settings.items()
        if kept.balance_tracked
    ]
