"""Factories of attendance: the calendar, punches, judged days, absence marks, corrections,
leave and its types, overtime, absence explanations and closed months. A record made by a
factory is stored as it is, without the services' rules; the builders at the end go through
the services where the judged days must follow (device_punch, present_every_working_day)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from attendance.models import (
    AbsenceMark,
    AbsenceReason,
    CalendarDay,
    Correction,
    Day,
    DayKind,
    DaySource,
    DayStatus,
    Explanation,
    Leave,
    LeaveType,
    MonthClose,
    Overtime,
    OvertimeCategory,
    Punch,
    PunchSource,
)
from attendance.selectors.calendar import WorkCalendar
from attendance.services.days import days_recompute
from onsite.periods import month_bounds
from tests import dates
from tests.dates import MONDAY, OCTOBER, WEDNESDAY, at
from tests.factories.org import CompanyFactory, SiteFactory, StaffFactory, UserFactory

__all__ = [
    "AbsenceMarkFactory",
    "CalendarDayFactory",
    "CorrectionFactory",
    "DayFactory",
    "ExplanationFactory",
    "LeaveFactory",
    "LeaveTypeFactory",
    "MonthCloseFactory",
    "OvertimeFactory",
    "PunchFactory",
    "absent_all_month",
    "calendar_day",
    "day_of",
    "device_punch",
    "full_day",
    "plain_weeks",
    "present_every_working_day",
    "punch",
]


def _site_of(record):
    """The site where the record's person is placed (the first placement), else a new site."""
    assignment = record.staff.assignments.order_by("start", "pk").first()
    return assignment.site if assignment else SiteFactory()


class CalendarDayFactory(factory.django.DjangoModelFactory):
    """A national calendar day set by HR and confirmed (one per date: a second is the first)."""

    class Meta:
        model = CalendarDay
        django_get_or_create = ("date", "site")

    date = MONDAY
    site = None
    kind = DayKind.WORKDAY
    source = DaySource.HR
    confirmed = True


def calendar_day(date: datetime.date, kind: str, name: str = "", confirmed: bool = True) -> None:
    """Set the national calendar of `date`, whatever it said."""
    CalendarDay.objects.update_or_create(
        date=date,
        site=None,
        defaults={"kind": kind, "name": name, "source": DaySource.HR, "confirmed": confirmed},
    )


def plain_weeks(monday: datetime.date, weeks: int = 2) -> None:
    """Workdays from Monday to Friday, rest days at the weekend."""
    for n in range(7 * weeks):
        day = monday + datetime.timedelta(days=n)
        calendar_day(day, DayKind.WORKDAY if day.weekday() < 5 else DayKind.REST)


class PunchFactory(factory.django.DjangoModelFactory):
    """A punch from a device file at 08:25 on the reference Monday, at the person's site."""

    class Meta:
        model = Punch

    staff = factory.SubFactory(StaffFactory)
    site = factory.LazyAttribute(_site_of)
    at = factory.LazyFunction(lambda: dates.at(MONDAY, "08:25"))
    source = PunchSource.DEVICE


def punch(person, site, when: str, source: str = PunchSource.FILE) -> Punch:
    """A punch at `when` (`YYYY-MM-DD HH:MM`, Shanghai time), as a punch file brings it in."""
    day, hhmm = when.split(" ")
    return PunchFactory(
        staff=person, site=site, at=at(datetime.date.fromisoformat(day), hhmm), source=source
    )


def full_day(person, site, date: str, start: str = "08:25", end: str = "17:35") -> None:
    """Punches in and out on `date` (`YYYY-MM-DD`)."""
    punch(person, site, f"{date} {start}")
    punch(person, site, f"{date} {end}")


def device_punch(person, when: datetime.datetime, site=None) -> Punch:
    """A punch as a device file would have brought it in, and the day judged again."""
    made = PunchFactory(
        staff=person,
        site=site or person.assignments.get().site,
        at=when.replace(second=0, microsecond=0),
    )
    day = when.date()
    days_recompute(start=day, end=day, staff_ids=[person.pk])
    return made


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
    """No punches at all: every working day of the month is judged absent."""
    first, last = month_bounds(month)
    days_recompute(start=first, end=last, staff_ids=[person.pk])


def day_of(person, date: datetime.date) -> Day:
    """The judged day of `person` on `date`."""
    return Day.objects.get(staff=person, date=date)


class DayFactory(factory.django.DjangoModelFactory):
    """A judged day, stored as given: present all day on the reference Monday."""

    class Meta:
        model = Day

    staff = factory.SubFactory(StaffFactory)
    site = factory.LazyAttribute(_site_of)
    date = MONDAY
    day_kind = DayKind.WORKDAY
    status = DayStatus.PRESENT
    scheduled = 1
    present = 1


class AbsenceMarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AbsenceMark

    staff = factory.SubFactory(StaffFactory)
    site = factory.LazyAttribute(_site_of)
    date = MONDAY
    reason = AbsenceReason.OTHER
    note = "未到岗，电话未接"
    created_by = factory.SubFactory(UserFactory)


class CorrectionFactory(factory.django.DjangoModelFactory):
    """A pending correction asking for the 17:35 punch of the reference Monday."""

    class Meta:
        model = Correction

    staff = factory.SubFactory(StaffFactory)
    site = factory.LazyAttribute(_site_of)
    at = factory.LazyFunction(lambda: dates.at(MONDAY, "17:35"))
    reason = "下班忘记打卡"


class LeaveTypeFactory(factory.django.DjangoModelFactory):
    """A company's own settings of a kind of leave: personal leave, unpaid and deducted."""

    class Meta:
        model = LeaveType

    company = factory.SubFactory(CompanyFactory)
    kind = "personal"
    paid = False
    deducted = True
    document_required = False
    balance_tracked = False


class LeaveFactory(factory.django.DjangoModelFactory):
    """Pending personal leave on the reference Monday; `days` counts the calendar days unless
    given (None: counted when a balance reads it, as for imported leave)."""

    class Meta:
        model = Leave

    staff = factory.SubFactory(StaffFactory)
    site = factory.LazyAttribute(_site_of)
    kind = "personal"
    start = MONDAY
    end = factory.SelfAttribute("start")
    reason = "家中有事"
    days = factory.LazyAttribute(lambda leave: Decimal((leave.end - leave.start).days + 1))


class OvertimeFactory(factory.django.DjangoModelFactory):
    """Pending workday overtime, 18:00–21:00 on the reference Wednesday."""

    class Meta:
        model = Overtime

    staff = factory.SubFactory(StaffFactory)
    site = factory.LazyAttribute(_site_of)
    date = WEDNESDAY
    start_time = datetime.time(18, 0)
    end_time = datetime.time(21, 0)
    hours = Decimal("3")
    day_kind = DayKind.WORKDAY
    category = OvertimeCategory.WORKDAY
    rate = 150
    reason = "巡检"


class ExplanationFactory(factory.django.DjangoModelFactory):
    """A submitted explanation of the absences of October."""

    class Meta:
        model = Explanation

    staff = factory.SubFactory(StaffFactory)
    site = factory.LazyAttribute(_site_of)
    month = OCTOBER
    text = "10月因家中急事未能到岗，已补办手续。"


class MonthCloseFactory(factory.django.DjangoModelFactory):
    """October at a site, open unless `status=MonthStatus.CLOSED`."""

    class Meta:
        model = MonthClose

    site = factory.SubFactory(SiteFactory)
    month = OCTOBER
