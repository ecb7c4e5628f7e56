"""attendance.services.months: closing locks a month, reopening records who and why."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from attendance.models import Correction, DayKind, MonthClose, MonthStatus
from attendance.services.months import ensure_open, month_close, month_reopen
from onsite.transitions import Refused, TransitionError
from tests.dates import OCTOBER
from tests.factories import calendar_day


def test_closing_a_past_month_locks_it_and_records_who(world):
    closed = month_close(site=world.site_a, month=OCTOBER, by=world.hr)
    assert closed.status == MonthStatus.CLOSED
    assert closed.changed_by == world.hr
    assert closed.history.latest().history_user == world.hr
    with pytest.raises(Refused, match="2026-10"):
        ensure_open(site=world.site_a, dates=[datetime.date(2026, 10, 9)])
    ensure_open(site=world.site_b, dates=[datetime.date(2026, 10, 9)])


def test_a_month_not_yet_over_cannot_be_closed(world):
    with pytest.raises(Refused, match="最后一天"):
        month_close(site=world.site_a, month=datetime.date.today().replace(day=1), by=world.hr)


def test_a_month_touching_unconfirmed_calendar_days_cannot_be_closed(world):
    calendar_day(datetime.date(2026, 10, 9), DayKind.WORKDAY, confirmed=False)
    with pytest.raises(Refused, match="尚未确认"):
        month_close(site=world.site_a, month=OCTOBER, by=world.hr)
    assert not MonthClose.objects.exists()


def test_pending_corrections_keep_the_month_open(world):
    Correction.objects.create(
        staff=world.person_a,
        site=world.site_a,
        at=datetime.datetime(2026, 10, 9, 9, 0, tzinfo=datetime.UTC),
        reason="忘记打卡",
    )
    with pytest.raises(Refused, match="等待审批"):
        month_close(site=world.site_a, month=OCTOBER, by=world.hr)


def test_closing_twice_is_refused_the_second_time(world):
    month_close(site=world.site_a, month=OCTOBER, by=world.hr)
    with pytest.raises(TransitionError):
        month_close(site=world.site_a, month=OCTOBER, by=world.hr)


def test_reopening_needs_a_reason_and_records_it(world):
    month_close(site=world.site_a, month=OCTOBER, by=world.hr)
    with pytest.raises(Refused, match="原因"):
        month_reopen(site=world.site_a, month=OCTOBER, by=world.hr, reason=" ")
    reopened = month_reopen(site=world.site_a, month=OCTOBER, by=world.hr, reason="补录10月9日打卡")
    assert reopened.status == MonthStatus.OPEN
    entry = reopened.history.latest()
    assert (entry.history_user, entry.history_change_reason) == (world.hr, "补录10月9日打卡")
    ensure_open(site=world.site_a, dates=[datetime.date(2026, 10, 9)])


def test_reopening_an_open_month_is_refused(world):
    with pytest.raises(Refused, match="尚未关账"):
        month_reopen(site=world.site_a, month=OCTOBER, by=world.hr, reason="x")


@pytest.mark.parametrize("who", ["supervisor_a", "manager"])
def test_only_an_hr_admin_may_close_a_month_whoever_calls_the_service(world, who):
    with pytest.raises(PermissionDenied):
        month_close(site=world.site_a, month=OCTOBER, by=getattr(world, who))
    assert not MonthClose.objects.filter(site=world.site_a).exists()


@pytest.mark.parametrize("who", ["supervisor_a", "manager"])
def test_only_an_hr_admin_may_reopen_a_month_whoever_calls_the_service(world, who):
    month_close(site=world.site_a, month=OCTOBER, by=world.hr)
    with pytest.raises(PermissionDenied):
        month_reopen(site=world.site_a, month=OCTOBER, by=getattr(world, who), reason="补录")
    assert MonthClose.objects.get(site=world.site_a).status == MonthStatus.CLOSED


def test_the_system_closes_and_reopens_a_month_without_a_user(world):
    assert month_close(site=world.site_a, month=OCTOBER, by=None).status == MonthStatus.CLOSED
    reopened = month_reopen(site=world.site_a, month=OCTOBER, by=None, reason="夜间任务")
    assert reopened.status == MonthStatus.OPEN
