"""Helpers shared by the tests of what people enter: punches, corrections, absence marks and
absence explanations. October 2026 is a confirmed month; 12–16 October are plain workdays and
18 October a Sunday."""

from __future__ import annotations

import datetime
import html
import zoneinfo

import pytest
from django.utils import translation

from attendance.calendar import WorkCalendar
from attendance.models import Day, Punch, PunchSource
from attendance.services.days import days_recompute
from onsite.periods import month_bounds
from onsite.roles import Role
from tests import factories

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
MONDAY = datetime.date(2026, 10, 12)
TUESDAY = datetime.date(2026, 10, 13)
SUNDAY = datetime.date(2026, 10, 18)
OCTOBER = datetime.date(2026, 10, 1)


def at(day: datetime.date, hhmm: str, second: int = 0) -> datetime.datetime:
    """A time at the sites of the test world (Asia/Shanghai)."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute, second), SHANGHAI)


def device_punch(person, when: datetime.datetime, site=None) -> Punch:
    """A punch as a device file would have brought it in, and the day judged again."""
    punch = Punch.objects.create(
        staff=person,
        site=site or person.assignments.get().site,
        at=when.replace(second=0, microsecond=0),
        source=PunchSource.DEVICE,
    )
    day = when.date()
    days_recompute(start=day, end=day, staff_ids=[person.pk])
    return punch


def day_of(person, date: datetime.date) -> Day:
    return Day.objects.get(staff=person, date=date)


def present_every_working_day(person, month: datetime.date) -> None:
    """Punches on time on each working day of the month, at the person's site."""
    site = person.assignments.get().site
    first, last = month_bounds(month)
    calendar = WorkCalendar(start=first, end=last, site_ids=[site.pk])
    Punch.objects.bulk_create(
        Punch(staff=person, site=site, at=at(day, hhmm), source=PunchSource.DEVICE)
        for day in calendar.days()
        if calendar.is_working(day, site.pk)
        for hhmm in ("08:25", "17:35")
    )
    days_recompute(start=first, end=last, staff_ids=[person.pk])


def absent_all_month(person, month: datetime.date) -> None:
    """No punches at all: every working day of the month is absent."""
    first, last = month_bounds(month)
    days_recompute(start=first, end=last, staff_ids=[person.pk])


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def make_supervisor_b(world):
    user = factories.UserFactory(username="supervisor_b")
    factories.RoleGrantFactory(user=user, role=Role.SUPERVISOR, site=world.site_b)
    return user


@pytest.fixture
def supervisor_b(world):
    """The supervisor of site B, a stranger to site A and its people."""
    return make_supervisor_b(world)


@pytest.fixture
def english(client, settings):
    """The test client reading pages in English, whatever the translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def english_messages():
    """Refusals are built in the active language; the tests read the English source strings."""
    with translation.override("en"):
        yield
