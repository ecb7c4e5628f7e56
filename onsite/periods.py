"""Weeks, months and quarters: the periods every app counts in, written once.

A week is an ISO week (Monday to Sunday, week 1 holds the year's first Thursday), so 2026-W01
starts on Monday 29 December 2025. Each period knows its first and last day, its neighbours,
whether it contains a date, and a label that reads back: "2026-W41", "2026-10", "2026Q3"."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import ClassVar, Self

ONE_DAY = datetime.timedelta(days=1)


class _Period:
    """What the three periods share; each subclass gives `first`, `last`, `shift` and the
    label."""

    pattern: ClassVar[str]

    @property
    def first(self) -> datetime.date:
        raise NotImplementedError

    @property
    def last(self) -> datetime.date:
        raise NotImplementedError

    def shift(self, count: int) -> Self:
        raise NotImplementedError

    @property
    def label(self) -> str:
        raise NotImplementedError

    @classmethod
    def containing(cls, day: datetime.date) -> Self:
        raise NotImplementedError

    @classmethod
    def _from_match(cls, match: re.Match) -> Self:
        raise NotImplementedError

    @classmethod
    def parse(cls, text: str) -> Self:
        """The period a label names, else ValueError saying what was expected."""
        match = re.fullmatch(cls.pattern, text or "")
        if match is None:
            raise ValueError(f"not a {cls.__name__.lower()} label: {text!r}")
        try:
            return cls._from_match(match)
        except ValueError as error:
            raise ValueError(f"not a {cls.__name__.lower()} label: {text!r} ({error})") from None

    @property
    def previous(self) -> Self:
        return self.shift(-1)

    @property
    def next(self) -> Self:
        return self.shift(1)

    def contains(self, day: datetime.date) -> bool:
        return self.first <= day <= self.last

    def __contains__(self, day: datetime.date) -> bool:
        return self.contains(day)

    def days(self) -> list[datetime.date]:
        return [self.first + ONE_DAY * n for n in range((self.last - self.first).days + 1)]

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class Week(_Period):
    """An ISO week: `year` is the ISO year, which differs from the calendar year at its ends."""

    year: int
    week: int
    # ASCII digits only, as in onsite.converters.
    pattern: ClassVar[str] = r"([0-9]{4})-W([0-9]{2})"

    def __post_init__(self):
        if not 1 <= self.week <= _weeks_in(self.year):
            raise ValueError(f"{self.year} has no ISO week {self.week}")

    @classmethod
    def containing(cls, day: datetime.date) -> Week:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def _from_match(cls, match: re.Match) -> Week:
        return cls(int(match[1]), int(match[2]))

    @property
    def first(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.year, self.week, 1)

    @property
    def last(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.year, self.week, 7)

    def shift(self, count: int) -> Week:
        return Week.containing(self.first + datetime.timedelta(weeks=count))

    @property
    def label(self) -> str:
        return f"{self.year:04d}-W{self.week:02d}"


def _weeks_in(year: int) -> int:
    """52 or 53: 28 December is always in the ISO year's last week."""
    return datetime.date(year, 12, 28).isocalendar()[1]


@dataclass(frozen=True, order=True)
class Month(_Period):
    year: int
    month: int
    pattern: ClassVar[str] = r"([0-9]{4})-([0-9]{2})"

    def __post_init__(self):
        if not 1 <= self.month <= 12:
            raise ValueError(f"there is no month {self.month}")
        datetime.date(self.year, self.month, 1)  # a year out of Python's range says so here

    @classmethod
    def containing(cls, day: datetime.date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def _from_match(cls, match: re.Match) -> Month:
        return cls(int(match[1]), int(match[2]))

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def last(self) -> datetime.date:
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def shift(self, count: int) -> Month:
        year, index = divmod(self.year * 12 + self.month - 1 + count, 12)
        return Month(year, index + 1)

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def quarter(self) -> Quarter:
        return Quarter(self.year, (self.month - 1) // 3 + 1)


@dataclass(frozen=True, order=True)
class Quarter(_Period):
    year: int
    quarter: int
    pattern: ClassVar[str] = r"([0-9]{4})Q([0-9])"

    def __post_init__(self):
        if not 1 <= self.quarter <= 4:
            raise ValueError(f"there is no quarter {self.quarter}")

    @classmethod
    def containing(cls, day: datetime.date) -> Quarter:
        return Month.containing(day).quarter

    @classmethod
    def _from_match(cls, match: re.Match) -> Quarter:
        return cls(int(match[1]), int(match[2]))

    @property
    def months(self) -> list[Month]:
        first = Month(self.year, self.quarter * 3 - 2)
        return [first, first.shift(1), first.shift(2)]

    @property
    def first(self) -> datetime.date:
        return self.months[0].first

    @property
    def last(self) -> datetime.date:
        return self.months[-1].last

    def shift(self, count: int) -> Quarter:
        year, index = divmod(self.year * 4 + self.quarter - 1 + count, 4)
        return Quarter(year, index + 1)

    @property
    def label(self) -> str:
        return f"{self.year:04d}Q{self.quarter}"


@dataclass(frozen=True, order=True)
class Day(_Period):
    """One calendar day, for what is due daily (a daily log)."""

    date: datetime.date
    pattern: ClassVar[str] = r"([0-9]{4})-([0-9]{2})-([0-9]{2})"

    @classmethod
    def containing(cls, day: datetime.date) -> Day:
        return cls(day)

    @classmethod
    def _from_match(cls, match: re.Match) -> Day:
        return cls(datetime.date(int(match[1]), int(match[2]), int(match[3])))

    @property
    def first(self) -> datetime.date:
        return self.date

    @property
    def last(self) -> datetime.date:
        return self.date

    def shift(self, count: int) -> Day:
        return Day(self.date + ONE_DAY * count)

    @property
    def label(self) -> str:
        return self.date.isoformat()


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the month holding `day`."""
    month = Month.containing(day)
    return month.first, month.last


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 →
    28 Feb)."""
    target = Month.containing(day).shift(months)
    return target.first.replace(day=min(day.day, target.last.day))


def whole_months(start: datetime.date, day: datetime.date) -> int:
    """Whole months from `start` to `day`, as the rotation policy counts them: the largest n
    with add_months(start, n) <= day (never below 0)."""
    months = (day.year - start.year) * 12 + day.month - start.month
    if add_months(start, months) > day:
        months -= 1
    return max(months, 0)


def months_between(start: datetime.date, end: datetime.date) -> list[Month]:
    """Every month that has a day in start..end, in order."""
    months, month, final = [], Month.containing(start), Month.containing(end)
    while month <= final:
        months.append(month)
        month = month.next
    return months
