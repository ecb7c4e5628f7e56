"""SPEC §6 daily classification, rule by rule, at and around each edge (no database)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from attendance.models import DayKind, DayStatus
from attendance.services.classify import DayInput, Rules, judge
from onsite.org.schedule import Schedule
from tests.dates import TUESDAY

RULES = Rules(grace_minutes=15, absent_threshold_minutes=60)
SCHEDULE = Schedule.parse("08:30-12:00,14:00-17:30")


def at(hhmm: str) -> int:
    """The minute of the day, as the judged day receives punches."""
    hour, minute = map(int, hhmm.split(":"))
    return hour * 60 + minute


def day(*times: str, morning: str = "", afternoon: str = "", **extra) -> DayInput:
    return DayInput(
        date=TUESDAY,
        day_kind=extra.pop("kind", DayKind.WORKDAY),
        scheduled=extra.pop("scheduled", True),
        schedule=extra.pop("schedule", SCHEDULE),
        punches=tuple(at(t) for t in times),
        morning_leave=morning,
        afternoon_leave=afternoon,
        **extra,
    )


def test_punches_within_the_schedule_are_present():
    result = judge(day("08:25", "12:01", "17:35"), RULES)
    assert result.status == DayStatus.PRESENT
    assert (result.scheduled, result.present, result.absent) == (1, 1, 0)
    assert result.rule == "on_time"


def test_exactly_fifteen_minutes_late_is_not_late():
    result = judge(day("08:45", "17:30"), RULES)
    assert result.status == DayStatus.PRESENT
    assert result.is_late is False
    assert result.late_minutes == 0


def test_sixteen_minutes_late_is_late_with_its_minutes():
    result = judge(day("08:46", "17:30"), RULES)
    assert result.status == DayStatus.LATE
    assert result.is_late is True
    assert result.late_minutes == 16
    assert result.present == 1


def test_exactly_sixty_minutes_late_is_late_not_absent():
    result = judge(day("09:30", "17:30"), RULES)
    assert result.status == DayStatus.LATE
    assert result.late_minutes == 60
    assert result.present == 1


def test_sixty_one_minutes_late_is_absent():
    result = judge(day("09:31", "17:30"), RULES)
    assert result.status == DayStatus.ABSENT
    assert (result.present, result.absent) == (0, 1)
    assert result.is_late is False
    assert result.rule == "late_absent"


def test_exactly_fifteen_minutes_early_is_not_early():
    result = judge(day("08:30", "17:15"), RULES)
    assert result.status == DayStatus.PRESENT
    assert result.early_minutes == 0


def test_sixteen_minutes_early_is_early_leave():
    result = judge(day("08:30", "17:14"), RULES)
    assert result.status == DayStatus.EARLY
    assert result.early_minutes == 16


def test_exactly_sixty_minutes_early_is_early_not_absent():
    result = judge(day("08:30", "16:30"), RULES)
    assert result.status == DayStatus.EARLY
    assert result.early_minutes == 60


def test_sixty_one_minutes_early_is_absent():
    result = judge(day("08:30", "16:29"), RULES)
    assert result.status == DayStatus.ABSENT
    assert result.rule == "early_absent"


def test_late_and_early_on_one_day_counts_both():
    result = judge(day("08:50", "17:00"), RULES)
    assert result.status == DayStatus.LATE_EARLY
    assert (result.late_minutes, result.early_minutes) == (20, 30)


def test_no_punch_and_no_leave_is_absent():
    result = judge(day(), RULES)
    assert result.status == DayStatus.ABSENT
    assert result.absent == 1
    assert result.rule == "no_punch"


def test_a_single_punch_is_a_missing_punch_counted_absent():
    result = judge(day("08:20"), RULES)
    assert result.status == DayStatus.MISSING_PUNCH
    assert result.missing_punch is True
    assert (result.present, result.absent) == (0, 1)


def test_whole_day_leave_is_leave():
    result = judge(day(morning="sick", afternoon="sick"), RULES)
    assert result.status == DayStatus.LEAVE
    assert (result.leave, result.absent, result.present) == (1, 0, 0)
    assert result.leave_kind == "sick"


def test_morning_leave_moves_the_expected_start_to_the_afternoon():
    result = judge(day("14:10", "17:30", morning="personal"), RULES)
    assert result.expected_start == datetime.time(14, 0)
    assert result.status == DayStatus.HALF_LEAVE
    assert (result.leave, result.present, result.absent) == (Decimal("0.5"), Decimal("0.5"), 0)


def test_morning_leave_then_late_in_the_afternoon_is_late():
    result = judge(day("14:16", "17:30", morning="personal"), RULES)
    assert result.status == DayStatus.LATE
    assert result.late_minutes == 16
    assert result.leave == Decimal("0.5")


def test_afternoon_leave_moves_the_expected_end_to_noon():
    result = judge(day("08:30", "12:00", afternoon="annual"), RULES)
    assert result.expected_end == datetime.time(12, 0)
    assert result.status == DayStatus.HALF_LEAVE
    assert result.present == Decimal("0.5")


def test_half_day_leave_without_punches_is_half_absent():
    result = judge(day(afternoon="annual"), RULES)
    assert result.status == DayStatus.ABSENT
    assert (result.leave, result.absent, result.present) == (Decimal("0.5"), Decimal("0.5"), 0)


def test_a_rest_day_is_not_scheduled_even_with_punches():
    result = judge(day("09:00", "15:00", kind=DayKind.REST, scheduled=False), RULES)
    assert result.status == DayStatus.OFF
    assert (result.scheduled, result.present, result.absent) == (0, 0, 0)
    assert result.rule == "off"


def test_a_hand_marked_absence_wins_over_punches():
    result = judge(day("08:30", "17:30", mark=("Went out", "seen at 10:00")), RULES)
    assert result.status == DayStatus.ABSENT
    assert result.rule == "marked_absent"


@pytest.mark.parametrize(("grace", "late"), [(10, "08:41"), (30, "09:01")])
def test_the_grace_is_the_policy_number(grace, late):
    rules = Rules(grace_minutes=grace, absent_threshold_minutes=60)
    assert judge(day(late, "17:30"), rules).status == DayStatus.LATE
    on_edge = (
        datetime.datetime.combine(TUESDAY, datetime.time(8, 30)) + datetime.timedelta(minutes=grace)
    ).strftime("%H:%M")
    assert judge(day(on_edge, "17:30"), rules).status == DayStatus.PRESENT


def test_the_absent_threshold_is_the_policy_number():
    rules = Rules(grace_minutes=15, absent_threshold_minutes=30)
    assert judge(day("09:00", "17:30"), rules).status == DayStatus.LATE
    assert judge(day("09:01", "17:30"), rules).status == DayStatus.ABSENT
