import datetime

import pytest

from attendance.models import CalendarDay, Day, DayKind, DaySource, DayStatus
from attendance.services import calendar as service
from attendance.services.calendar import CalendarConflict, calendar_day_set, calendar_sync
from attendance.services.days import days_recompute
from tests.dates import MAKEUP_WORKDAYS_2026

D = datetime.date


def national(year: int):
    return CalendarDay.objects.filter(site__isnull=True, date__year=year)


@pytest.fixture
def empty_2026(db):
    national(2026).delete()


def test_2026_has_the_13_statutory_days_of_decree_795(empty_2026):
    report = calendar_sync(year=2026)
    assert len(report.created) == 365
    holidays = dict(national(2026).filter(kind=DayKind.HOLIDAY).values_list("date", "name"))
    assert holidays == {
        D(2026, 1, 1): "元旦",
        D(2026, 2, 16): "农历除夕",
        D(2026, 2, 17): "春节",
        D(2026, 2, 18): "春节",
        D(2026, 2, 19): "春节",
        D(2026, 4, 5): "清明节",
        D(2026, 5, 1): "劳动节",
        D(2026, 5, 2): "劳动节",
        D(2026, 6, 19): "端午节",
        D(2026, 9, 25): "中秋节",
        D(2026, 10, 1): "国庆节",
        D(2026, 10, 2): "国庆节",
        D(2026, 10, 3): "国庆节",
    }


def test_2026_make_up_workdays_are_the_weekend_days_worked(empty_2026):
    calendar_sync(year=2026)
    makeup = national(2026).filter(kind=DayKind.MAKEUP_WORKDAY).order_by("date")
    assert list(makeup.values_list("date", flat=True)) == list(MAKEUP_WORKDAYS_2026)
    assert makeup.get(date=D(2026, 10, 10)).name == "国庆节"


def test_days_off_in_a_holiday_block_that_are_not_statutory_are_block_rest_days(empty_2026):
    calendar_sync(year=2026)
    rows = {row.date: row for row in national(2026)}
    # 调休 (2-20, Friday), 补假 for a statutory Saturday (10-05, Monday), and the block's
    # weekend days (10-04, Sunday) all rest inside the National Day / Spring Festival blocks.
    for date, name in (
        (D(2026, 2, 20), "春节"),
        (D(2026, 10, 5), "国庆节"),
        (D(2026, 10, 4), "国庆节"),
    ):
        assert (rows[date].kind, rows[date].name) == (DayKind.HOLIDAY_REST, name)
    assert rows[D(2026, 10, 8)].kind == DayKind.WORKDAY
    assert rows[D(2026, 11, 21)].kind == DayKind.REST


def test_a_year_both_packages_publish_is_confirmed(empty_2026):
    report = calendar_sync(year=2026)
    assert (report.source, report.confirmed) == (DaySource.PACKAGES, True)
    assert not national(2026).exclude(confirmed=True, source=DaySource.PACKAGES).exists()


def test_a_year_only_holidays_publishes_is_provisional_and_unconfirmed(db):
    national(2027).delete()
    report = calendar_sync(year=2027)
    assert (report.source, report.confirmed) == (DaySource.PROVISIONAL, False)
    rows = {row.date: row for row in national(2027)}
    assert len(rows) == 365
    assert not any(row.confirmed for row in rows.values())
    assert sum(row.kind == DayKind.HOLIDAY for row in rows.values()) == 13
    # Monday to Friday otherwise: no block rest days or make-up workdays are guessed.
    assert {row.kind for row in rows.values()} == {DayKind.HOLIDAY, DayKind.WORKDAY, DayKind.REST}
    assert rows[D(2027, 2, 9)].kind == DayKind.WORKDAY
    assert rows[D(2027, 2, 6)].kind == DayKind.HOLIDAY


def test_a_day_the_packages_disagree_on_fails_loudly_and_writes_nothing(db, monkeypatch):
    before = list(national(2026).values_list("date", "kind", "source"))
    real = service.chinese_calendar.is_workday
    monkeypatch.setattr(
        service.chinese_calendar, "is_workday", lambda d: False if d == D(2026, 10, 9) else real(d)
    )
    national(2026).filter(date=D(2026, 10, 9)).update(kind=DayKind.REST, source=DaySource.PACKAGES)
    with pytest.raises(CalendarConflict) as raised:
        calendar_sync(year=2026)
    assert raised.value.dates == [D(2026, 10, 9)]
    assert "2026-10-09" in str(raised.value)
    assert national(2026).get(date=D(2026, 10, 9)).kind == DayKind.REST
    assert len(before) == national(2026).count()


def test_a_statutory_day_chinesecalendar_names_otherwise_is_a_conflict(db, monkeypatch):
    real = service.chinese_calendar.get_holiday_detail
    monkeypatch.setattr(
        service.chinese_calendar,
        "get_holiday_detail",
        lambda d: (True, "Labour Day") if d == D(2026, 10, 1) else real(d),
    )
    with pytest.raises(CalendarConflict) as raised:
        calendar_sync(year=2026)
    assert raised.value.dates == [D(2026, 10, 1)]


def test_days_hr_entered_are_kept_on_a_new_sync(world, root):
    calendar_day_set(date=D(2026, 10, 8), kind=DayKind.REST, name="调整", by=root)
    report = calendar_sync(year=2026)
    assert report.kept_hr == [D(2026, 10, 8)]
    row = national(2026).get(date=D(2026, 10, 8))
    assert (row.kind, row.name, row.source) == (DayKind.REST, "调整", DaySource.HR)


def test_running_it_again_changes_nothing(empty_2026):
    calendar_sync(year=2026)
    history = CalendarDay.history.count()
    again = calendar_sync(year=2026)
    assert (again.created, again.updated, again.unchanged) == ([], [], 365)
    assert CalendarDay.history.count() == history


def test_a_provisional_sync_keeps_a_year_hr_confirmed(world):
    calendar_sync(year=2027)
    national(2027).update(confirmed=True)
    report = calendar_sync(year=2027)
    assert len(report.kept_confirmed) == 365
    assert not national(2027).filter(confirmed=False).exists()


def test_changed_days_are_judged_again(world, django_capture_on_commit_callbacks):
    # The Thursday after National Day was (wrongly) a rest day: no one was expected at work.
    national(2026).filter(date=D(2026, 10, 8)).update(kind=DayKind.REST)
    days_recompute(start=D(2026, 10, 8), end=D(2026, 10, 8), staff_ids=[world.person_a.pk])
    assert not Day.objects.filter(staff=world.person_a, date=D(2026, 10, 8)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        report = calendar_sync(year=2026)
    assert report.updated == [D(2026, 10, 8)]
    day = Day.objects.get(staff=world.person_a, date=D(2026, 10, 8))
    assert day.status == DayStatus.ABSENT


def test_nothing_is_queued_when_nothing_changed(db, django_capture_on_commit_callbacks):
    calendar_sync(year=2026)
    with django_capture_on_commit_callbacks() as callbacks:
        calendar_sync(year=2026)
    assert callbacks == []
