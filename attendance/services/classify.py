"""Judging one person's day (SPEC §6 daily classification), with no database: the inputs are
the schedule, the kind of day, the punches of that local date, the approved leave on each half
and a hand-made absence mark; the output is what a Day row stores."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from attendance.models import DayStatus
from onsite.org.schedule import Schedule

ZERO = Decimal("0")
HALF = Decimal("0.5")
ONE = Decimal("1")


@dataclass(frozen=True)
class Rules:
    grace_minutes: int
    absent_threshold_minutes: int


@dataclass(slots=True)
class DayInput:
    date: datetime.date
    day_kind: str
    scheduled: bool  # a working day of the site while the person was assigned there
    schedule: Schedule | None
    # Site-local minutes of the day (08:46 is 526), in order: punches are kept to the minute, and
    # whole minutes are what SPEC §6 counts.
    punches: tuple[int, ...] = ()
    morning_leave: str = ""  # the approved leave kind covering the morning, or ""
    afternoon_leave: str = ""
    mark: tuple[str, str] | None = None  # (reason label, note) of a hand-made absence mark


@dataclass(slots=True)
class DayResult:
    status: str
    scheduled: Decimal = ZERO
    present: Decimal = ZERO
    absent: Decimal = ZERO
    leave: Decimal = ZERO
    leave_kind: str = ""
    late_minutes: int = 0
    early_minutes: int = 0
    is_late: bool = False
    is_early: bool = False
    missing_punch: bool = False
    expected_start: datetime.time | None = None
    expected_end: datetime.time | None = None
    rule: str = ""
    rule_args: dict = field(default_factory=dict)


def judge(day: DayInput, rules: Rules) -> DayResult:
    if not day.scheduled or day.schedule is None:
        return DayResult(status=DayStatus.OFF, rule="off", rule_args={"kind": day.day_kind})
    if day.mark is not None:
        reason, note = day.mark
        return DayResult(
            status=DayStatus.ABSENT,
            scheduled=ONE,
            absent=ONE,
            rule="marked_absent",
            rule_args={"reason": reason, "note": note},
        )
    morning, afternoon = bool(day.morning_leave), bool(day.afternoon_leave)
    # With a one-period schedule a half day of leave is still half a day, but moves no boundary.
    if morning and afternoon:
        return DayResult(
            status=DayStatus.LEAVE,
            scheduled=ONE,
            leave=ONE,
            leave_kind=day.morning_leave,
            rule="leave",
        )
    leave, judged = (HALF, HALF) if (morning or afternoon) else (ZERO, ONE)
    start = day.schedule.expected_start(morning_leave=morning)
    end = day.schedule.expected_end(afternoon_leave=afternoon)
    result = DayResult(
        status=DayStatus.PRESENT,
        scheduled=ONE,
        leave=leave,
        leave_kind=day.morning_leave or day.afternoon_leave,
        expected_start=start,
        expected_end=end,
    )
    start_minute, end_minute = start.hour * 60 + start.minute, end.hour * 60 + end.minute
    # Times stay minutes of the day here; attendance.services.rules.render writes them as 08:30.
    args = {"start": start_minute, "end": end_minute, "grace": rules.grace_minutes}
    if morning:
        args["half"] = "morning"
    elif afternoon:
        args["half"] = "afternoon"
    result.rule_args = args
    if not day.punches:
        return _absent(result, judged, "no_punch")
    first, last = day.punches[0], day.punches[-1]
    args["first"] = first
    if len(day.punches) == 1:
        result.missing_punch = True
        result.status = DayStatus.MISSING_PUNCH
        result.absent = judged
        result.rule = "single_punch"
        return result
    args["last"] = last
    # Punching before the start or after the end is on time, never negative lateness.
    late = max(0, first - start_minute)
    early = max(0, end_minute - last)
    args.update(late=late, early=early, threshold=rules.absent_threshold_minutes)
    if late > rules.absent_threshold_minutes:
        result.late_minutes = late
        return _absent(result, judged, "late_absent")
    if early > rules.absent_threshold_minutes:
        result.early_minutes = early
        return _absent(result, judged, "early_absent")
    result.present = judged
    result.is_late = late > rules.grace_minutes
    result.is_early = early > rules.grace_minutes
    result.late_minutes = late if result.is_late else 0
    result.early_minutes = early if result.is_early else 0
    if result.is_late and result.is_early:
        result.status, result.rule = DayStatus.LATE_EARLY, "late_early"
    elif result.is_late:
        result.status, result.rule = DayStatus.LATE, "late"
    elif result.is_early:
        result.status, result.rule = DayStatus.EARLY, "early"
    else:
        result.status = DayStatus.HALF_LEAVE if leave else DayStatus.PRESENT
        result.rule = "on_time"
    return result


def _absent(result: DayResult, judged: Decimal, rule: str) -> DayResult:
    result.status = DayStatus.ABSENT
    result.absent = judged
    result.present = ZERO
    result.rule = rule
    return result
