"""Keeping the working-day calendar (SPEC §6): the national rows of a year come from the
`holidays` package (which days are statutory) cross-checked against `chinesecalendar` (which
days are off and which weekend days are worked); HR edits single days and confirms a year that
only `holidays` publishes once they have checked it against the State Council notice.

National days, and the confirmation of a year, hold for every company of the installation: only
its administrator (a superuser) sets them. A company's HR sets their own sites' days."""

from __future__ import annotations

import datetime
import functools
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

import chinese_calendar
import holidays
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from attendance.models import CalendarDay, DayKind, DaySource
from attendance.selectors.calendar import weekday_kind
from attendance.tasks import queue_recompute
from onsite.access import access_for
from onsite.org.models import Contract, Site
from onsite.transitions import Refused

# The statutory days (法定节假日) by the name `holidays` gives them in zh_CN, mapped to their
# festival: 全国年节及纪念日放假办法 第二条 as amended by State Council decree 795. Anything else
# the package lists (调休 days off, 补假 days, one-off extensions) is a day off, not statutory.
STATUTORY_FESTIVALS = {
    "元旦": "元旦",
    "农历除夕": "春节",
    "春节": "春节",
    "清明节": "清明节",
    "劳动节": "劳动节",
    "端午节": "端午节",
    "中秋节": "中秋节",
    "国庆节": "国庆节",
}
# Decree 795 (in force 2025-01-01) sets 13 statutory days a year.
STATUTORY_DAYS = 13
STATUTORY_DAYS_SINCE = 2025
# `chinesecalendar` names holiday blocks in English.
BLOCK_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
FIRST_YEAR, LAST_YEAR = 2000, 2099
SYNC_LOCK = 0x0C41E2DA  # pg_advisory_xact_lock key: one calendar sync at a time
CHANGED_FIELDS = ["kind", "name", "source", "confirmed"]


class CalendarConflict(Exception):
    """The two packages disagree about some dates; nothing was written."""

    def __init__(self, year: int, problems: list[tuple[datetime.date, str]]):
        self.year = year
        self.problems = problems
        self.dates = [date for date, _problem in problems]
        super().__init__(
            _("The calendar packages disagree about %(year)s: %(problems)s")
            % {
                "year": year,
                "problems": "; ".join(f"{date}: {problem}" for date, problem in problems),
            }
        )


@dataclass(frozen=True)
class PlannedDay:
    date: datetime.date
    kind: str
    name: str
    source: str
    confirmed: bool


@dataclass
class SyncReport:
    year: int
    source: str
    confirmed: bool
    created: list[datetime.date] = field(default_factory=list)
    updated: list[datetime.date] = field(default_factory=list)
    unchanged: int = 0
    kept_hr: list[datetime.date] = field(default_factory=list)
    # Rows HR confirmed that a provisional plan would have turned unconfirmed again.
    kept_confirmed: list[datetime.date] = field(default_factory=list)

    @property
    def changed(self) -> list[datetime.date]:
        return sorted([*self.created, *self.updated])


def _dates_of(year: int) -> list[datetime.date]:
    first = datetime.date(year, 1, 1)
    return [
        first + datetime.timedelta(days=n)
        for n in range((datetime.date(year + 1, 1, 1) - first).days)
    ]


def _bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _chinesecalendar_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
        chinese_calendar.is_workday(datetime.date(year, 12, 31))
    except NotImplementedError:
        return False
    return True


def _statutory_names(listed: str | None) -> list[str]:
    # The package joins the names of one date with "; " (中秋节; 国庆节 on 2020-10-01).
    return [n for n in (listed or "").split("; ") if n in STATUTORY_FESTIVALS]


def calendar_plan(year: int) -> tuple[PlannedDay, ...]:
    """Every national day of `year` as the packages give it. Raises CalendarConflict when they
    disagree, or when `holidays` does not give the 13 statutory days of decree 795."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} outside {FIRST_YEAR}-{LAST_YEAR}")
    listed = holidays.China(years=year, observed=True, language="zh_CN")
    statutory = {}
    for date, names in listed.items():
        if date.year == year and _statutory_names(names):
            statutory[date] = _statutory_names(names)
    count = sum(len(names) for names in statutory.values())
    if year >= STATUTORY_DAYS_SINCE and count != STATUTORY_DAYS:
        raise CalendarConflict(
            year,
            [
                (
                    datetime.date(year, 1, 1),
                    _("holidays gives %(count)s statutory days, decree 795 sets %(expected)s")
                    % {"count": count, "expected": STATUTORY_DAYS},
                )
            ],
        )

    if not _chinesecalendar_covers(year):
        # Only `holidays` publishes the year: its statutory days are a fair guess, but the
        # blocks around them come with the State Council notice, so Monday to Friday otherwise.
        return tuple(
            PlannedDay(
                date,
                DayKind.HOLIDAY if date in statutory else weekday_kind(date),
                "、".join(statutory.get(date, ())),
                DaySource.PROVISIONAL,
                False,
            )
            for date in _dates_of(year)
        )

    days, problems = [], []
    for date in _dates_of(year):
        off_by_holidays = not listed.is_working_day(date)
        off_by_chinesecalendar = not chinese_calendar.is_workday(date)
        block = chinese_calendar.get_holiday_detail(date)[1]
        block_name = BLOCK_NAMES.get(block, block or "")
        weekend = date.weekday() >= 5
        if off_by_holidays != off_by_chinesecalendar:
            problems.append(
                (
                    date,
                    _("holidays says %(a)s, chinesecalendar says %(b)s")
                    % {
                        "a": _("day off") if off_by_holidays else _("workday"),
                        "b": _("day off") if off_by_chinesecalendar else _("workday"),
                    },
                )
            )
            continue
        if date in statutory:
            festivals = {STATUTORY_FESTIVALS[name] for name in statutory[date]}
            if block_name not in festivals:
                problems.append(
                    (
                        date,
                        _("holidays says statutory %(a)s, chinesecalendar says %(b)s")
                        % {"a": "、".join(statutory[date]), "b": block_name or _("no holiday")},
                    )
                )
                continue
            kind, name = DayKind.HOLIDAY, "、".join(statutory[date])
        elif off_by_chinesecalendar and block_name:
            # A weekend day inside a named block (the Saturday of the National Day week) is a
            # holiday-block rest day too: it is part of the notice's "放假调休，共N天", and pays
            # as a rest day either way (SPEC §8), so the block reads whole on the calendar.
            kind, name = DayKind.HOLIDAY_REST, block_name
        elif off_by_chinesecalendar:
            kind, name = DayKind.REST, ""
        elif weekend:
            kind, name = DayKind.MAKEUP_WORKDAY, block_name
        else:
            kind, name = DayKind.WORKDAY, ""
        days.append(PlannedDay(date, kind, name, DaySource.PACKAGES, True))
    if problems:
        raise CalendarConflict(year, problems)
    return tuple(days)


# The packages are data fixed at install time; seeding after every test flush reuses the plan.
_cached_plan = functools.lru_cache(maxsize=8)(calendar_plan)


def calendar_sync(*, year: int, recompute: bool = True) -> SyncReport:
    """Write the national rows of `year` from the packages. Rows HR entered stay as they are;
    so do rows HR confirmed when the packages only have a provisional year. Running it again
    changes nothing. Changed dates up to today are judged again at every site."""
    return _write_plan(year, calendar_plan(year), recompute=recompute)


def calendar_seed(*, years: Iterable[int]) -> list[SyncReport]:
    """Fill the years that have no national rows from the packages yet (after `migrate`)."""
    years = sorted(set(years))
    seeded = {
        d.year
        for d in CalendarDay.objects.filter(
            site__isnull=True,
            date__range=(datetime.date(years[0], 1, 1), datetime.date(years[-1], 12, 31)),
        )
        .exclude(source=DaySource.HR)
        .dates("date", "year")
    }
    reports = []
    for year in years:
        if year in seeded:
            continue
        try:
            reports.append(_write_plan(year, _cached_plan(year), recompute=False, history=False))
        except CalendarConflict as conflict:
            # A deployment must not stop on it; the year stays unconfirmed and shows the banner
            # until someone runs `sync_calendar` (which fails loudly) or HR enters the days.
            print(f"sync_calendar {year}: {conflict}", file=sys.stderr)
    return reports


def _write_plan(
    year: int, plan: Iterable[PlannedDay], *, recompute: bool, history: bool = True
) -> SyncReport:
    plan = list(plan)
    report = SyncReport(year=year, source=plan[0].source, confirmed=plan[0].confirmed)
    reason = _("Synchronised from the calendar packages")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # SQLite (the newcomer's default) runs one writer at a time anyway.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SYNC_LOCK])
        existing = {
            row.date: row
            for row in CalendarDay.objects.select_for_update().filter(
                site__isnull=True, date__range=_bounds(year)
            )
        }
        new, changed = [], []
        for day in plan:
            row = existing.get(day.date)
            if row is None:
                new.append(
                    CalendarDay(
                        date=day.date,
                        kind=day.kind,
                        name=day.name,
                        source=day.source,
                        confirmed=day.confirmed,
                    )
                )
                report.created.append(day.date)
            elif row.source == DaySource.HR:
                report.kept_hr.append(day.date)
            elif row.confirmed and not day.confirmed:
                report.kept_confirmed.append(day.date)
            elif (row.kind, row.name, row.source, row.confirmed) == (
                day.kind,
                day.name,
                day.source,
                day.confirmed,
            ):
                report.unchanged += 1
            else:
                row.kind, row.name = day.kind, day.name
                row.source, row.confirmed = day.source, day.confirmed
                changed.append(row)
                report.updated.append(day.date)
        if new and history:
            bulk_create_with_history(new, CalendarDay, default_change_reason=reason)
        elif new:
            # Seeding a year after migrate (and after every flush of the test database) stays
            # cheap; the rows' source says where they came from.
            CalendarDay.objects.bulk_create(new)
        if changed:
            bulk_update_with_history(
                changed, CalendarDay, CHANGED_FIELDS, default_change_reason=reason
            )
        if recompute and report.changed:
            _recompute(report.changed[0], report.changed[-1], site_ids=None)
    return report


def calendar_sites(user) -> QuerySet[Site]:
    """The sites whose own days `user` sets: every site for the installation's administrator,
    the sites of their companies' contracts for an HR admin, none for anyone else."""
    access = access_for(user)
    if access.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(
        Exists(Contract.objects.filter(sites=OuterRef("pk"), company_id__in=access.hr_companies))
    )


def calendar_may_set(*, by, site: Site | None) -> bool:
    if site is None:
        return access_for(by).is_superuser
    return calendar_sites(by).filter(pk=site.pk).exists()


def calendar_may_confirm(*, by) -> bool:
    return access_for(by).is_superuser


def calendar_day_set(
    *,
    date: datetime.date,
    site: Site | None = None,
    kind: str,
    name: str,
    by,
) -> CalendarDay:
    """Set one day, nationally (the installation's administrator) or for one site (its
    company's HR): the row becomes HR's, confirmed, and that date is judged again at the sites
    it concerns."""
    if not calendar_may_set(by=by, site=site):
        if site is None:
            raise Refused(
                _(
                    "National days are set by the installation's administrator, for every "
                    "company; you may give one of your sites a day of its own."
                )
            )
        raise Refused(_("You may set the days of your own company's sites only."))
    if kind not in DayKind.values:
        raise Refused(_("Choose the kind of day."))
    with transaction.atomic():
        row = CalendarDay.objects.select_for_update().filter(date=date, site=site).first()
        row = row or CalendarDay(date=date, site=site)
        row.kind, row.name = kind, name.strip()
        row.source, row.confirmed = DaySource.HR, True
        row._history_user = by
        row._change_reason = _("Set by HR")
        row.save()
        _recompute(date, date, site_ids=[site.pk] if site is not None else None)
    return row


def calendar_year_confirm(*, year: int, by) -> int:
    """The installation's administrator confirms the national calendar of `year` after checking
    it against the State Council notice. Returns how many days it confirmed."""
    if not calendar_may_confirm(by=by):
        raise Refused(
            _(
                "The national calendar of a year is confirmed by the installation's "
                "administrator, for every company."
            )
        )
    days = len(_dates_of(year))
    with transaction.atomic():
        rows = list(
            CalendarDay.objects.select_for_update().filter(
                site__isnull=True, date__range=_bounds(year)
            )
        )
        if len(rows) < days:
            raise Refused(
                _(
                    "The calendar of %(year)s has %(count)s of its %(days)s days; run "
                    "sync_calendar %(year)s first."
                )
                % {"year": year, "count": len(rows), "days": days}
            )
        pending = [row for row in rows if not row.confirmed]
        for row in pending:
            row.confirmed = True
        if pending:
            bulk_update_with_history(
                pending,
                CalendarDay,
                ["confirmed"],
                default_user=by,
                default_change_reason=_("Confirmed against the State Council notice"),
            )
    return len(pending)


def _recompute(start: datetime.date, end: datetime.date, *, site_ids: list[int] | None) -> None:
    """Judge again the days from `start` to `end` that have happened (days ahead are judged
    when they come)."""
    end = min(end, timezone.localdate())
    if start > end:
        return
    if site_ids is None:
        site_ids = list(Site.objects.values_list("pk", flat=True))
    if site_ids:
        queue_recompute(start=start, end=end, site_ids=site_ids)
