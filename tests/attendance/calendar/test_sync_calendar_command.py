import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from attendance.models import CalendarDay, DayKind
from attendance.services import calendar as service
from attendance.services.calendar import calendar_day_set


def run(*args) -> str:
    out = StringIO()
    call_command("sync_calendar", *args, stdout=out)
    return out.getvalue()


def test_it_prints_what_it_created_and_that_the_year_is_confirmed(db):
    CalendarDay.objects.filter(site__isnull=True, date__year=2026).delete()
    text = run("2026")
    assert "2026: 365 created, 0 updated, 0 unchanged, 0 kept as HR entered them" in text
    assert "Confirmed" in text


def test_it_says_a_year_only_holidays_publishes_is_provisional(db):
    text = run("2027")
    assert "Provisional" in text
    assert "365 unchanged" in text


def test_it_names_the_days_it_kept_as_hr_entered_them(world, root):
    calendar_day_set(
        date=datetime.date(2026, 12, 31), kind=DayKind.HOLIDAY_REST, name="年终", by=root
    )
    text = run("2026")
    assert "1 kept as HR entered them" in text
    assert "kept 2026-12-31 (entered by HR)" in text


def test_a_disagreement_exits_non_zero_naming_the_date(db, monkeypatch):
    real = service.chinese_calendar.is_workday
    monkeypatch.setattr(
        service.chinese_calendar,
        "is_workday",
        lambda d: True if d == datetime.date(2026, 10, 2) else real(d),
    )
    with pytest.raises(CommandError) as raised:
        run("2026")
    assert raised.value.returncode == 1
    assert "2026-10-02" in str(raised.value)


def test_a_year_out_of_range_is_refused(db):
    with pytest.raises(CommandError):
        run("1900")
