"""After `migrate` (and after every flush of the test database), fill the national calendar of
last year, this year and next year from the packages, so that a fresh installation judges days
on the real calendar at once. Years that have their rows already are left alone."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone


def seed_calendar(sender, *, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    from attendance.models import CalendarDay, Day
    from attendance.services.calendar import calendar_seed
    from attendance.services.days import days_recompute
    from onsite.org.models import Site

    if using != DEFAULT_DB_ALIAS:
        return
    tables = connections[using].introspection.table_names()
    if CalendarDay._meta.db_table not in tables:
        return
    this_year = timezone.localdate().year
    reports = calendar_seed(years=range(this_year - 1, this_year + 2))
    changed = sorted(date for report in reports for date in report.changed)
    if not changed:
        return
    end = min(changed[-1], timezone.localdate())
    # Only a database whose calendar was emptied has judged days to correct; no broker is
    # needed during `migrate`, so this runs here rather than as a task.
    if changed[0] <= end and Day.objects.filter(date__range=(changed[0], end)).exists():
        days_recompute(
            start=changed[0],
            end=end,
            site_ids=list(Site.objects.values_list("pk", flat=True)),
        )
