"""The demo's work reports (tickets/services/report_demo.py): last week's at the demo site in every
state, one person who never filed, each standing as tickets.selectors.duties judges it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from onsite.demo import COMPANY_NAME
from onsite.org.models import Company
from tickets.models import Report, ReportKind, ReportStatus
from tickets.selectors.duties import DutyStatus, duties, period_parse


@pytest.fixture
def demo(db):
    call_command("seed_demo")
    return Company.objects.get(name=COMPANY_NAME)


def test_the_demo_has_last_weeks_reports_in_every_state_and_one_missing(demo):
    reports = Report.objects.filter(staff__company=demo, kind=ReportKind.WEEKLY)
    assert set(reports.values_list("status", flat=True)) == set(ReportStatus.values)
    (label,) = set(reports.values_list("period", flat=True))
    site = reports.first().site
    found = duties(
        kind=ReportKind.WEEKLY,
        period=period_parse("weekly", label),
        now=timezone.now(),
        sites=[site],
    )
    standing = {d.status for d in found if d.required}
    assert {DutyStatus.ON_TIME, DutyStatus.LATE} <= standing
    assert standing & {DutyStatus.OVERDUE, DutyStatus.MISSING}
    assert reports.filter(read_at__isnull=False).count() >= 3
