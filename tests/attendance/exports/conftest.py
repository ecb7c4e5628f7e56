"""A week of October 2026 for 张三 (person_a) at site A, with something to show in every column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from attendance.models import DayKind
from attendance.services.days import days_recompute
from onsite.org.models import Staff
from tests.dates import WORKWEEK
from tests.factories import calendar_day, full_day, leave, punch


@pytest.fixture
def october(world):
    """Late 16 and 20 minutes, early 30, absent on Thursday, personal leave on Friday morning:
    5 scheduled, 3.5 present, 1 absent, 0.5 leave; three occurrences, one fined (20 CNY);
    deduction 1.5 days of a 6000 salary over the 18 workdays of October, 500.00."""
    Staff.objects.filter(pk=world.person_a.pk).update(monthly_salary=Decimal("6000"))
    a, site = world.person_a, world.site_a
    for date in WORKWEEK:
        calendar_day(date, DayKind.WORKDAY)
    full_day(a, site, "2026-10-12", start="08:46")
    full_day(a, site, "2026-10-13", start="08:50")
    full_day(a, site, "2026-10-14", end="17:00")
    leave(a, site, WORKWEEK[4], WORKWEEK[4], ends_am=True)
    punch(a, site, "2026-10-16 13:55")
    punch(a, site, "2026-10-16 17:35")
    days_recompute(start=WORKWEEK[0], end=WORKWEEK[-1], staff_ids=[a.pk])
    return world


@pytest.fixture
def english(client, settings):
    """The test client with English picked by the language switch, so that assertions read the
    source strings whatever the translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
