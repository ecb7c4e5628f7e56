"""A site's work schedule (SPEC §6): the periods of a working day, written like
`08:30-12:00,14:00-17:30`, and the boundaries attendance judges a day against."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# People type schedules in Chinese input methods too: full-width commas, 、, ～ and — all occur.
SEPARATORS = re.compile(r"[,，;；、\s]+")
DASHES = "-~～—–－"
PERIOD = re.compile(rf"(\d{{1,2}})[:：](\d{{2}})[{DASHES}](\d{{1,2}})[:：](\d{{2}})")
# Spaces around a dash belong to the period ("08:30 - 12:00"), not between two periods.
SPACED_DASH = re.compile(rf"\s*([{DASHES}])\s*")


@dataclass(frozen=True)
class Period:
    start: datetime.time
    end: datetime.time

    @property
    def minutes(self) -> int:
        return _minute_of_day(self.end) - _minute_of_day(self.start)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class Schedule:
    """The periods of a day, in order; `morning` is the first and `afternoon` the last, so with a
    single period both halves are that period and half-day leave moves no boundary."""

    periods: tuple[Period, ...]

    @classmethod
    def parse(cls, text: str) -> Schedule:
        return cls(parse_schedule(text))

    @property
    def start(self) -> datetime.time:
        return self.periods[0].start

    @property
    def end(self) -> datetime.time:
        return self.periods[-1].end

    @property
    def minutes(self) -> int:
        return sum(period.minutes for period in self.periods)

    @property
    def morning(self) -> Period:
        return self.periods[0]

    @property
    def afternoon(self) -> Period:
        return self.periods[-1]

    def expected_start(self, *, morning_leave: bool = False) -> datetime.time:
        """SPEC §6: with approved leave for the morning, the day starts with the afternoon."""
        return self.afternoon.start if morning_leave else self.start

    def expected_end(self, *, afternoon_leave: bool = False) -> datetime.time:
        """SPEC §6: with approved leave for the afternoon, the day ends with the morning."""
        return self.morning.end if afternoon_leave else self.end

    def __str__(self) -> str:
        return format_schedule(self.periods)


def parse_schedule(text: str) -> tuple[Period, ...]:
    """The periods of `text` in order, or a ValidationError naming the first bad part."""
    parts = [part for part in SEPARATORS.split(SPACED_DASH.sub(r"\1", text.strip())) if part]
    if not parts:
        raise ValidationError(
            _("The work schedule is empty; write its periods like 08:30-12:00,14:00-17:30."),
            code="schedule_empty",
        )
    periods: list[Period] = []
    for part in parts:
        period = _parse_period(part)
        if periods:
            previous = periods[-1]
            if period.start < previous.start:
                raise ValidationError(
                    _(
                        "The period “%(part)s” comes after “%(previous)s” but starts earlier; "
                        "list the periods in the order of the day."
                    ),
                    code="schedule_order",
                    params={"part": part, "previous": str(previous)},
                )
            if period.start < previous.end:
                raise ValidationError(
                    _("The period “%(part)s” overlaps the period “%(previous)s”."),
                    code="schedule_overlap",
                    params={"part": part, "previous": str(previous)},
                )
        periods.append(period)
    return tuple(periods)


def format_schedule(periods: Iterable[Period]) -> str:
    """The canonical form, `08:30-12:00,14:00-17:30`."""
    return ",".join(str(period) for period in periods)


def _parse_period(part: str) -> Period:
    match = PERIOD.fullmatch(part)
    if match is None:
        raise ValidationError(
            _("“%(part)s” is not a work period; write a period like 08:30-12:00."),
            code="schedule_malformed",
            params={"part": part},
        )
    start_hour, start_minute, end_hour, end_minute = (int(number) for number in match.groups())
    if max(start_hour, end_hour) > 23 or max(start_minute, end_minute) > 59:
        raise ValidationError(
            _(
                "The period “%(part)s” has a time that does not exist; hours go from 00 to 23 "
                "and minutes from 00 to 59."
            ),
            code="schedule_time_range",
            params={"part": part},
        )
    start = datetime.time(start_hour, start_minute)
    end = datetime.time(end_hour, end_minute)
    if start >= end:
        raise ValidationError(
            _(
                "The period “%(part)s” does not end after it starts; periods that cross "
                "midnight are not supported."
            ),
            code="schedule_period_order",
            params={"part": part},
        )
    return Period(start, end)


def _minute_of_day(moment: datetime.time) -> int:
    return moment.hour * 60 + moment.minute
