"""The monthly close (SPEC §6): a closed month's days are frozen; anything that would change one
is refused until HR reopens the month, which records who and why."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.models import (
    Correction,
    CorrectionStatus,
    Leave,
    LeaveStatus,
    MonthClose,
    MonthStatus,
    Overtime,
    OvertimeStatus,
)
from attendance.permissions import may_close_month
from attendance.selectors.calendar import WorkCalendar
from onsite.org.models import Site
from onsite.periods import month_bounds
from onsite.transitions import Refused, transition

MONTH_TRANSITIONS = {
    MonthStatus.OPEN: {MonthStatus.CLOSED},
    MonthStatus.CLOSED: {MonthStatus.OPEN},
}


def closed_months(*, site_ids: Iterable[int], dates: Iterable[datetime.date]) -> set:
    """(site id, first of month) of the given sites and dates whose month is closed."""
    months = {d.replace(day=1) for d in dates}
    if not months:
        return set()
    return set(
        MonthClose.objects.filter(
            site_id__in=list(site_ids), month__in=months, status=MonthStatus.CLOSED
        ).values_list("site_id", "month")
    )


def closed_message(*, site: Site | str, month: datetime.date) -> str:
    return _(
        "The attendance of %(site)s for %(month)s is closed; an HR admin must reopen it first."
    ) % {"site": site, "month": f"{month:%Y-%m}"}


def ensure_open(*, site: Site, dates: Iterable[datetime.date]) -> None:
    """Refuse a change that touches a closed month of `site`."""
    for _site_id, month in sorted(closed_months(site_ids=[site.pk], dates=dates)):
        raise Refused(closed_message(site=site, month=month))


def ensure_may_close(*, site: Site, by) -> None:
    """`by=None` is the system (a command or a task) and may; a person must be allowed."""
    if by is not None and not may_close_month(by, site):
        raise PermissionDenied(
            _("Only an HR admin of the site's company closes or reopens its months.")
        )


def month_close(*, site: Site, month: datetime.date, by) -> MonthClose:
    """Close `month` at `site`. Refused while a day of it is not on a confirmed calendar, or
    while corrections of it wait for a decision."""
    ensure_may_close(site=site, by=by)
    first, last = month_bounds(month)
    if last >= timezone.localdate():
        raise Refused(_("A month can be closed only after its last day."))
    unconfirmed = WorkCalendar(start=first, end=last, site_ids=[site.pk]).unconfirmed(site.pk)
    if unconfirmed:
        raise Refused(
            _(
                "The working-day calendar of %(month)s is not confirmed yet (%(count)s days, "
                "from %(first)s); confirm the calendar before closing the month."
            )
            % {"month": f"{first:%Y-%m}", "count": len(unconfirmed), "first": unconfirmed[0]}
        )
    waiting = Correction.objects.filter(
        site=site, status=CorrectionStatus.PENDING, at__date__range=(first, last)
    ).count()
    if waiting:
        raise Refused(
            _("%(count)s punch corrections of this month wait for a decision; decide them first.")
            % {"count": waiting}
        )
    leave_waiting = Leave.objects.filter(
        site=site,
        status__in=(LeaveStatus.PENDING, LeaveStatus.PENDING_MANAGER),
        start__lte=last,
        end__gte=first,
    ).count()
    if leave_waiting:
        raise Refused(
            _("%(count)s leave requests of this month wait for a decision; decide them first.")
            % {"count": leave_waiting}
        )
    overtime = Overtime.objects.filter(site=site, date__range=(first, last))
    overtime_waiting = overtime.filter(
        status__in=(OvertimeStatus.UNCONFIRMED, OvertimeStatus.PENDING, OvertimeStatus.APPROVED)
    ).count()
    if overtime_waiting:
        raise Refused(
            _(
                "%(count)s overtime requests of this month wait for approval or filing; "
                "decide them first."
            )
            % {"count": overtime_waiting}
        )
    # The month pays confirmed hours only; closing with some unconfirmed would drop them.
    unpaid = overtime.filter(status=OvertimeStatus.FILED, confirmed_at__isnull=True).count()
    if unpaid:
        raise Refused(
            _(
                "The hours of %(count)s filed overtime of this month are not confirmed yet; "
                "confirm them first."
            )
            % {"count": unpaid}
        )
    with transaction.atomic():
        record, _created = MonthClose.objects.get_or_create(site=site, month=first)
        return transition(
            record,
            to=MonthStatus.CLOSED,
            allowed=MONTH_TRANSITIONS,
            by=by,
            reason=_("Month closed"),
            also={"changed_by": by, "changed_at": timezone.now()},
        )


def month_reopen(*, site: Site, month: datetime.date, by, reason: str) -> MonthClose:
    ensure_may_close(site=site, by=by)
    if not reason.strip():
        raise Refused(_("Say why the month is reopened."))
    record = MonthClose.objects.filter(site=site, month=month.replace(day=1)).first()
    if record is None:
        raise Refused(_("This month is not closed."))
    reopened = transition(
        record,
        to=MonthStatus.OPEN,
        allowed=MONTH_TRANSITIONS,
        by=by,
        reason=reason.strip(),
        also={"changed_by": by, "changed_at": timezone.now()},
    )
    # Whatever changed while it was closed (a late import, a calendar edit) is judged now.
    from attendance.tasks import queue_recompute

    first, last = month_bounds(month)
    queue_recompute(site_ids=[site.pk], start=first, end=last)
    return reopened
