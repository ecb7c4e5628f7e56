"""Statistics of the weekly reports (SPEC §9, §14): a site's week by person with its counts and
the trend of the weeks before it, and the on-time rate of a person or of a site's people over a
quarter, which assessment (§12) shows beside the scores.

Who owed what and where it stands is decided by tickets.selectors.duties alone; this module only
counts. The on-time rate is on time ÷ required, where "required" counts the weeks already due
(on time, late, overdue, missing): a week still open is neither kept nor missed yet, so it does
not lower anyone's rate. A week belongs to the quarter that holds its Thursday (as an ISO week
belongs to the year that holds its Thursday).

Every function here runs a fixed number of queries whatever the number of people: one `duties`
call a week, with one policy table shared between them."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from onsite.converters import FIRST_DATE, LAST_DATE
from onsite.org.models import Assignment, Site, Staff
from onsite.periods import Quarter, Week
from onsite.policy import PolicyTable
from tickets.models import ReportKind
from tickets.selectors.duties import POLICY_KEYS, Duty, DutyStatus, duties

WEEKLY = ReportKind.WEEKLY
# The statuses in the order the tables and the chart show them.
STATUSES = tuple(DutyStatus.values)
# What the chart stacks: the weeks' filed and unfiled reports (exempt and open people owe none).
CHART_STATUSES = (DutyStatus.ON_TIME, DutyStatus.LATE, DutyStatus.OVERDUE, DutyStatus.MISSING)
# Due and judged: what an on-time rate divides by.
JUDGED = (DutyStatus.ON_TIME, DutyStatus.LATE, DutyStatus.OVERDUE, DutyStatus.MISSING)
TREND_WEEKS = 8
# DutyStatus labels carry the "report duty" context (迟交, not attendance's 迟到).
STATUS_LABELS = {status: status.label for status in DutyStatus}
THURSDAY = 3


def parse_week(text: str) -> Week:
    """`YYYY-Www` naming a real ISO week within the dates Onsite deals with, else ValueError."""
    week = Week.parse(text)
    if not (week.first >= FIRST_DATE and week.last <= LAST_DATE):
        raise ValueError(f"{text} is outside {FIRST_DATE}–{LAST_DATE}")
    return week


def parse_quarter(text: str) -> Quarter:
    """`YYYYQn` within the dates Onsite deals with, else ValueError."""
    quarter = Quarter.parse(text)
    if not (quarter.first >= FIRST_DATE and quarter.last <= LAST_DATE):
        raise ValueError(f"{text} is outside {FIRST_DATE}–{LAST_DATE}")
    return quarter


def weeks_of(quarter: Quarter) -> list[Week]:
    """The ISO weeks whose Thursday falls in `quarter` (13, sometimes 14)."""
    week = Week.containing(quarter.first)
    if not quarter.contains(week.first + datetime.timedelta(days=THURSDAY)):
        week = week.next
    found = []
    while quarter.contains(week.first + datetime.timedelta(days=THURSDAY)):
        found.append(week)
        week = week.next
    return found


def rate(on_time: int, required: int) -> float | None:
    """On time out of the weeks due, as a fraction; None when nothing was due."""
    return on_time / required if required else None


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


@dataclass(frozen=True)
class StatusRow:
    """One person's week at a site, as the page and `report_status` show it. A person placed at
    the site in the week whose report is owed to another site (moved during the week, SPEC §9
    says to the site of their last day) is exempt here, `owed_at` naming the other site."""

    staff: Staff
    required: bool
    status: str
    submitted_at: datetime.datetime | None
    due_at: datetime.datetime
    owed_at: Site | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def late_minutes(self) -> int | None:
        """How long after the due time a late report came, in whole minutes."""
        if self.status != DutyStatus.LATE or self.submitted_at is None:
            return None
        return int((self.submitted_at - self.due_at).total_seconds() // 60)


def _row(duty: Duty, site: Site) -> StatusRow:
    if duty.site.pk != site.pk:
        return StatusRow(
            staff=duty.staff,
            required=False,
            status=DutyStatus.EXEMPT,
            submitted_at=None,
            due_at=duty.due_at,
            owed_at=duty.site,
        )
    return StatusRow(
        staff=duty.staff,
        required=duty.required,
        status=duty.status,
        submitted_at=duty.submitted_at,
        due_at=duty.due_at,
    )


def _counts(statuses: Iterable[str]) -> dict[str, int]:
    found = Counter(statuses)
    return {status: found.get(status, 0) for status in STATUSES}


@dataclass
class TrendWeek:
    week: Week
    counts: dict[str, int]


@dataclass
class WeekTable:
    site: Site
    week: Week
    now: datetime.datetime
    rows: list[StatusRow]
    trend: list[TrendWeek] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return _counts(row.status for row in self.rows)

    @property
    def required(self) -> int:
        counts = self.counts
        return sum(counts[status] for status in JUDGED)

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.counts[DutyStatus.ON_TIME], self.required)

    def chart(self) -> dict:
        """What the page's chart draws (static/tickets/report_stats.js): a stacked bar a week."""
        return {
            "weeks": [item.week.label for item in self.trend],
            "series": [
                {
                    "key": status,
                    "name": str(STATUS_LABELS[status]),
                    "data": [item.counts[status] for item in self.trend],
                }
                for status in CHART_STATUSES
            ],
        }


def _in(companies: frozenset[int] | None, duty: Duty) -> bool:
    return companies is None or duty.staff.company_id in companies


def week_table(
    *,
    site: Site,
    week: Week,
    now: datetime.datetime,
    companies: Iterable[int] | None = None,
    trend_weeks: int = TREND_WEEKS,
) -> WeekTable:
    """Everyone placed at `site` on any day of `week` (of `companies` only, when given), with
    their status as of `now`, and the counts of the `trend_weeks` weeks up to `week` at the site.
    1 + 6 × `trend_weeks` queries (7 a week without the trend)."""
    companies = None if companies is None else frozenset(companies)
    policy = PolicyTable(POLICY_KEYS)
    placed = (
        Assignment.objects.overlapping(week.first, week.last)
        .filter(site=site)
        .values_list("staff_id", flat=True)
    )
    found = [
        duty
        for duty in duties(kind=WEEKLY, period=week, now=now, staff_ids=placed, policy=policy)
        if _in(companies, duty)
    ]
    rows = [_row(duty, site) for duty in found]
    trend = []
    for back in range(trend_weeks - 1, 0, -1):
        earlier = week.shift(-back)
        owed = duties(kind=WEEKLY, period=earlier, now=now, sites=[site], policy=policy)
        trend.append(
            TrendWeek(earlier, _counts(duty.status for duty in owed if _in(companies, duty)))
        )
    if trend_weeks:
        here = [duty.status for duty in found if duty.site.pk == site.pk]
        trend.append(TrendWeek(week, _counts(here)))
    return WeekTable(site=site, week=week, now=now, rows=rows, trend=trend)


@dataclass
class QuarterRate:
    """A person's weekly reports over a quarter: `required` counts the weeks due (on time, late
    and missing or overdue); `open` the weeks not due yet; `exempt` the weeks not owed."""

    staff: Staff
    quarter: Quarter
    on_time: int = 0
    late: int = 0
    missing: int = 0  # missing, or overdue: past the due time and not submitted
    open: int = 0
    exempt: int = 0

    @property
    def required(self) -> int:
        return self.on_time + self.late + self.missing

    @property
    def rate(self) -> float | None:
        """On time ÷ required; None when nothing was due."""
        return rate(self.on_time, self.required)

    @property
    def percent(self) -> str:
        return percent_text(self.rate)

    def add(self, status: str) -> None:
        if status == DutyStatus.ON_TIME:
            self.on_time += 1
        elif status == DutyStatus.LATE:
            self.late += 1
        elif status in (DutyStatus.OVERDUE, DutyStatus.MISSING):
            self.missing += 1
        elif status == DutyStatus.OPEN:
            self.open += 1
        else:
            self.exempt += 1


def _quarter_rates(quarter: Quarter, now: datetime.datetime, **where) -> dict[int, QuarterRate]:
    policy = PolicyTable(POLICY_KEYS)
    rates: dict[int, QuarterRate] = {}
    for week in weeks_of(quarter):
        for duty in duties(kind=WEEKLY, period=week, now=now, policy=policy, **where):
            found = rates.get(duty.staff.pk)
            if found is None:
                found = rates[duty.staff.pk] = QuarterRate(staff=duty.staff, quarter=quarter)
            found.add(duty.status)
    return rates


def quarter_rates(
    *, staff_ids: Iterable[int], quarter: Quarter, now: datetime.datetime
) -> dict[int, QuarterRate]:
    """The on-time rate of each of `staff_ids` over `quarter`, wherever they were placed, by staff
    id; a person never placed in the quarter has a rate with nothing required. 1 + 6 queries a
    week of the quarter, whatever the number of people (for a page of many people)."""
    ids = list(staff_ids)
    rates = _quarter_rates(quarter, now, staff_ids=ids)
    missing = [pk for pk in ids if pk not in rates]
    if missing:
        for person in Staff.objects.filter(pk__in=missing):
            rates[person.pk] = QuarterRate(staff=person, quarter=quarter)
    return rates


def person_quarter_rate(*, staff: Staff, quarter: Quarter, now: datetime.datetime) -> QuarterRate:
    """One person's weekly-report on-time rate over `quarter` as of `now` (SPEC §9, shown by §12
    beside the scores): required weeks, on time, late, missing or overdue, and the rate (None
    when nothing was required). A stable contract: assessment calls it."""
    rates = _quarter_rates(quarter, now, staff_ids=[staff.pk])
    return rates.get(staff.pk) or QuarterRate(staff=staff, quarter=quarter)


def site_quarter_rates(
    *,
    site: Site,
    quarter: Quarter,
    now: datetime.datetime,
    companies: Iterable[int] | None = None,
) -> list[QuarterRate]:
    """Each person who owed the site a weekly report in `quarter` (of `companies` only, when
    given), with their rate over the weeks owed to this site; by staff number."""
    companies = None if companies is None else frozenset(companies)
    rates = _quarter_rates(quarter, now, sites=[site])
    found = [r for r in rates.values() if companies is None or r.staff.company_id in companies]
    return sorted(found, key=lambda r: r.staff.staff_no)
