"""The weekly reports of the reference week 2026-W42 (12–18 October): due Monday 19 October
13:00 at the sites of the test world, overdue until Sunday 25 October ends, missing after."""

from __future__ import annotations

import datetime

from onsite.periods import Week
from tests.dates import MONDAY, SUNDAY, at
from tickets.models import Report, ReportKind, ReportStatus

WEEK = Week.containing(MONDAY)  # 2026-W42
NEXT_MONDAY = MONDAY + datetime.timedelta(days=7)
NEXT_SUNDAY = SUNDAY + datetime.timedelta(days=7)
# Long after the week: every report not submitted is missing.
LATER = at(NEXT_MONDAY + datetime.timedelta(days=30), "09:00")


def submit(person, site, when, period=WEEK, kind=ReportKind.WEEKLY) -> Report:
    """A report first submitted at `when` (the services are tested elsewhere; statistics read
    what is stored)."""
    return Report.objects.create(
        staff=person,
        site=site,
        kind=kind,
        period=period.label,
        starts_on=period.first,
        ends_on=period.last,
        due_at=at(period.last + datetime.timedelta(days=1), "13:00"),
        status=ReportStatus.SUBMITTED,
        work_done="巡检",
        first_submitted_at=when,
        submitted_at=when,
    )


def freeze(monkeypatch, moment: datetime.datetime) -> None:
    """Make `timezone.now()` answer `moment` (what the command and the pages read)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: moment)
