"""Reading the working-day calendar: which kind a date is at a site. A site's own row wins over
the national one; a date with no row at all is a weekday or a weekend day, unconfirmed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from attendance.models import CalendarDay, DayKind


@dataclass(frozen=True)
class CalendarEntry:
    date: datetime.date
    kind: str
    name: str
    confirmed: bool

    @property
    def is_working(self) -> bool:
        return self.kind in DayKind.working()

    @property
    def label(self) -> str:
        """The day's name (国庆节), or its kind (休息日) when it has none."""
        return self.name or str(DayKind(self.kind).label)


def weekday_kind(date: datetime.date) -> str:
    return DayKind.WORKDAY if date.weekday() < 5 else DayKind.REST


class WorkCalendar:
    """The calendar of some sites over some dates, read with one query."""

    def __init__(
        self, *, start: datetime.date, end: datetime.date, site_ids: Iterable[int] = ()
    ) -> None:
        self.start, self.end = start, end
        self._national: dict[datetime.date, CalendarEntry] = {}
        self._site: dict[tuple[int, datetime.date], CalendarEntry] = {}
        rows = CalendarDay.objects.filter(
            Q(site__isnull=True) | Q(site_id__in=list(site_ids)), date__range=(start, end)
        ).values_list("date", "site_id", "kind", "name", "confirmed")
        for date, site_id, kind, name, confirmed in rows:
            entry = CalendarEntry(date, kind, name, confirmed)
            if site_id is None:
                self._national[date] = entry
            else:
                self._site[(site_id, date)] = entry

    def entry(self, date: datetime.date, site_id: int | None = None) -> CalendarEntry:
        if site_id is not None and (site_id, date) in self._site:
            return self._site[(site_id, date)]
        if date in self._national:
            return self._national[date]
        return CalendarEntry(date, weekday_kind(date), "", False)

    def kind(self, date: datetime.date, site_id: int | None = None) -> str:
        return self.entry(date, site_id).kind

    def is_working(self, date: datetime.date, site_id: int | None = None) -> bool:
        return self.entry(date, site_id).is_working

    def days(self) -> list[datetime.date]:
        return [
            self.start + datetime.timedelta(days=n) for n in range((self.end - self.start).days + 1)
        ]

    def unconfirmed(self, site_id: int | None = None) -> list[datetime.date]:
        """Dates in the range that are not confirmed (SPEC §6: such a month cannot be closed)."""
        return [d for d in self.days() if not self.entry(d, site_id).confirmed]
