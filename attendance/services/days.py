"""Keeping the judged days (attendance.models.Day) up to date. Whatever changes what a day is
judged on — punches, leave, corrections, hand marks, a schedule, the calendar — calls
`days_recompute` for the people and dates it touched; big changes queue it as a task."""

from __future__ import annotations

import datetime
import gc
import hashlib
import json
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from attendance.models import (
    AbsenceMark,
    Day,
    Leave,
    LeaveStatus,
    MonthClose,
    MonthStatus,
    Punch,
)
from attendance.selectors.calendar import WorkCalendar
from attendance.services.classify import DayInput, Rules, judge
from onsite.org.models import Assignment, Site
from onsite.org.schedule import Schedule
from onsite.periods import months_between
from onsite.policy import PolicyTable

DAY_FIELDS = [
    "site",
    "day_kind",
    "status",
    "scheduled",
    "present",
    "absent",
    "leave",
    "leave_kind",
    "late_minutes",
    "early_minutes",
    "is_late",
    "is_early",
    "missing_punch",
    "first_punch",
    "last_punch",
    "punch_count",
    "expected_start",
    "expected_end",
    "rule",
    "rule_args",
]
WRITE_BATCH = 2000


def days_recompute(
    *,
    start: datetime.date,
    end: datetime.date,
    staff_ids: Iterable[int] | None = None,
    site_ids: Iterable[int] | None = None,
) -> int:
    """See `_days_recompute`. The cyclic garbage collector is paused meanwhile: judging a month
    allocates hundreds of thousands of small tuples and no cycles, and its passes over them
    only cost time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _days_recompute(start=start, end=end, staff_ids=staff_ids, site_ids=site_ids)
    finally:
        if paused:
            gc.enable()


def _days_recompute(
    *,
    start: datetime.date,
    end: datetime.date,
    staff_ids: Iterable[int] | None = None,
    site_ids: Iterable[int] | None = None,
) -> int:
    """Judge again every day from `start` to `end` of the given people (or of everyone placed at
    the given sites then), up to today: a future day is not judged before it happens. Days of a
    closed month stay as they were. Returns the number of days judged (written or unchanged)."""
    end = min(end, timezone.localdate())
    if start > end:
        return 0
    assignments = Assignment.objects.overlapping(start, end)
    if staff_ids is not None:
        assignments = assignments.filter(staff_id__in=list(staff_ids))
    if site_ids is not None:
        people = assignments.filter(site_id__in=list(site_ids)).values("staff_id")
        assignments = assignments.filter(staff_id__in=people)
    # A person may also be some other site's backup on the same days; the day is judged once,
    # at the placement that wins it (PLACEMENT_ORDER), which comes first here.
    placements = list(
        assignments.by_precedence().values_list(
            "staff_id", "site_id", "start", "end", "staff__company_id"
        )
    )
    people = sorted({p[0] for p in placements} | set(staff_ids or ()))
    if not people:
        return 0
    sites = {
        s.pk: s
        for s in Site.objects.filter(pk__in={p[1] for p in placements}).only(
            "pk", "schedule", "time_zone"
        )
    }
    closed = set(
        MonthClose.objects.filter(
            site_id__in=list(sites),
            status=MonthStatus.CLOSED,
            month__in=[m.first for m in months_between(start, end)],
        ).values_list("site_id", "month")
    )
    calendar = WorkCalendar(start=start, end=end, site_ids=list(sites))
    policy = PolicyTable(["late_grace_minutes", "absent_threshold_minutes"])
    punches = _punches(people, sites, start, end)
    leave = _leave(people, start, end)
    marks = {
        (staff_id, date): (reason, note)
        for staff_id, date, reason, note in AbsenceMark.objects.filter(
            staff_id__in=people, date__range=(start, end)
        ).values_list("staff_id", "date", "reason", "note")
    }
    schedules = {pk: Schedule.parse(s.schedule) if s.schedule else None for pk, s in sites.items()}

    keep = Q()
    for site_id, month in closed:
        keep |= Q(site_id=site_id, date__year=month.year, date__month=month.month)
    judged_days = 0
    with transaction.atomic():
        _serialise()
        existing_rows = Day.objects.filter(staff_id__in=people, date__range=(start, end))
        if closed:
            existing_rows = existing_rows.exclude(keep)
        existing = {
            (staff_id, date): (pk, stored)
            for pk, staff_id, date, stored in existing_rows.values_list(
                "pk", "staff_id", "date", "fingerprint"
            ).iterator(chunk_size=20000)
        }
        gone, fresh = [], []
        judged: set[tuple[int, datetime.date]] = set()
        for staff_id, site_id, first, last, company_id in placements:
            grace = policy.value("late_grace_minutes", company_id=company_id, site_id=site_id)
            threshold = policy.value(
                "absent_threshold_minutes", company_id=company_id, site_id=site_id
            )
            rules = Rules(grace_minutes=grace, absent_threshold_minutes=threshold)
            schedule = schedules[site_id]
            day = max(first, start)
            stop = min(last or end, end)
            while day <= stop:
                key = (staff_id, day)
                first_placement = key not in judged
                judged.add(key)
                if not first_placement or (site_id, day.replace(day=1)) in closed:
                    day += ONE_DAY
                    continue
                entry = calendar.entry(day, site_id)
                minutes, first_at, last_at = punches.get(key, NO_PUNCHES)
                if not (entry.is_working or minutes):
                    day += ONE_DAY
                    continue
                judged_days += 1
                morning, afternoon = _halves(leave.get(staff_id, ()), day)
                mark = marks.get(key)
                # Everything the judgement depends on: the same inputs give the same day, so
                # an unchanged day is neither judged nor written again.
                digest = fingerprint(
                    (
                        JUDGE_VERSION,
                        site_id,
                        entry.kind,
                        entry.is_working,
                        schedule.periods if schedule else None,
                        minutes,
                        first_at,
                        last_at,
                        morning,
                        afternoon,
                        mark,
                        grace,
                        threshold,
                    )
                )
                stored = existing.pop(key, None)
                if stored is not None:
                    if stored[1] == digest:
                        day += ONE_DAY
                        continue
                    gone.append(stored[0])
                result = judge(
                    DayInput(
                        date=day,
                        day_kind=entry.kind,
                        scheduled=entry.is_working,
                        schedule=schedule,
                        punches=minutes,
                        morning_leave=morning,
                        afternoon_leave=afternoon,
                        mark=mark,
                    ),
                    rules,
                )
                fresh.append(
                    (
                        staff_id,
                        day,
                        site_id,
                        entry.kind,
                        result.status,
                        result.scheduled,
                        result.present,
                        result.absent,
                        result.leave,
                        result.leave_kind,
                        result.late_minutes,
                        result.early_minutes,
                        result.is_late,
                        result.is_early,
                        result.missing_punch,
                        _moment(first_at) if minutes else None,
                        _moment(last_at) if minutes else None,
                        len(minutes),
                        result.expected_start,
                        result.expected_end,
                        result.rule,
                        result.rule_args,
                        digest,
                    )
                )
                day += ONE_DAY
        # Rows left over are days no longer judged here: a punch removed from a rest day, a
        # placement that ended earlier.
        gone += [pk for pk, _stored in existing.values()]
        if gone:
            Day.objects.filter(pk__in=gone).delete()
        _insert(fresh)
    return judged_days


ONE_DAY = datetime.timedelta(days=1)
NO_PUNCHES = ((), None, None)
# Raise when attendance.services.classify changes what it decides, so that stored days are judged
# again.
JUDGE_VERSION = 1


def _moment(seconds: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC)


# One lock for every recomputation: two at once (an import's task and a correction, say) would
# otherwise delete and insert the same person's day side by side.
RECOMPUTE_LOCK = 0x0A77E4DA


def _serialise() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RECOMPUTE_LOCK])


COLUMNS = ["staff_id", "date", "site_id", *DAY_FIELDS[1:], "fingerprint"]


def fingerprint(values: tuple) -> str:
    """16 hex digits that change whenever any input of the day's judgement changes."""
    return hashlib.blake2b(repr(values).encode(), digest_size=8).hexdigest()


def _insert(rows: list[tuple]) -> None:
    """Insert day rows given as (staff_id, date, site_id, …DAY_FIELDS[1:], fingerprint) tuples. PostgreSQL
    takes them by COPY, which is many times faster than INSERT for a month of a company."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        Day.objects.bulk_create(
            [Day(**dict(zip(COLUMNS, row, strict=True))) for row in rows], batch_size=WRITE_BATCH
        )
        return
    sql = f"COPY {Day._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for offset in range(0, len(rows), WRITE_BATCH):
            copy.write("".join(_copy_line(row) for row in rows[offset : offset + WRITE_BATCH]))


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_line(row: tuple) -> str:
    """One row in COPY's text format; formatting it here is several times faster than letting
    the driver adapt each value."""
    cells = []
    for value in row:
        if value is None:
            cells.append("\\N")
        elif value is True:
            cells.append("t")
        elif value is False:
            cells.append("f")
        elif isinstance(value, str):
            cells.append(value.translate(COPY_ESCAPES))
        elif isinstance(value, dict):
            cells.append(json.dumps(value, ensure_ascii=False).translate(COPY_ESCAPES))
        elif isinstance(value, datetime.date | datetime.time):
            cells.append(value.isoformat())
        else:
            cells.append(str(value))
    return "\t".join(cells) + "\n"


def days_judge_yesterday(*, today: datetime.date | None = None) -> int:
    """The nightly pass: a day nobody punched or asked anything about is still judged (absent,
    usually), so every site's sheet has yesterday's rows by the morning."""
    yesterday = (today or timezone.localdate()) - datetime.timedelta(days=1)
    sites = Assignment.objects.active_on(yesterday).values_list("site_id", flat=True).distinct()
    return days_recompute(start=yesterday, end=yesterday, site_ids=list(sites))


UNIX_DAY_ONE = datetime.date(1970, 1, 1).toordinal()


def _punches(people, sites, start, end) -> dict[tuple[int, datetime.date], tuple]:
    """Each person's punches by local date of the site they punched at: (the minutes of the
    local day in order, the first and the last punch in seconds since 1970)."""
    zones = {pk: zoneinfo.ZoneInfo(site.time_zone) for pk, site in sites.items()}
    # A day in any time zone lies within a day either side of the same UTC dates.
    low = datetime.datetime.combine(
        start - datetime.timedelta(days=1), datetime.time(), datetime.UTC
    )
    high = datetime.datetime.combine(
        end + datetime.timedelta(days=2), datetime.time(), datetime.UTC
    )
    offsets = {pk: _fixed_offset(zone, low, high) for pk, zone in zones.items()}
    found: dict[tuple[int, datetime.date], list] = defaultdict(list)
    # Seconds since 1970 instead of timestamps: a month of a company is some 200,000 punches,
    # and turning text timestamps into datetimes would cost more than the judging.
    epoch = RawSQL(
        "EXTRACT(EPOCH FROM at)::bigint"
        if connection.vendor == "postgresql"
        else "CAST(strftime('%%s', at) AS INTEGER)",
        [],
    )
    first_day, last_day = start.toordinal(), end.toordinal()
    query = (
        Punch.objects.filter(staff_id__in=people, at__gte=low, at__lt=high)
        .annotate(epoch=epoch)
        .order_by("at")
        .values_list("staff_id", "site_id", "epoch")
    )
    # The driver's own rows, not the ORM's: a quarter of the time for this many.
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    for staff_id, site_id, seconds in fetched:
        offset = offsets.get(site_id)
        if offset is None:  # a zone that changes its offset in the range (summer time)
            local = datetime.datetime.fromtimestamp(seconds, zones.get(site_id, SHANGHAI))
            ordinal, minute = local.toordinal(), local.hour * 60 + local.minute
        else:
            days, rest = divmod(seconds + offset, 86400)
            ordinal, minute = UNIX_DAY_ONE + days, rest // 60
        if first_day <= ordinal <= last_day:
            found[(staff_id, datetime.date.fromordinal(ordinal))].append((minute, seconds))
    return {
        key: (tuple(m for m, _s in times), times[0][1], times[-1][1])
        for key, times in found.items()
    }


SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _leave(people, start, end) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = defaultdict(list)
    for row in Leave.objects.filter(
        staff_id__in=people, status=LeaveStatus.APPROVED, start__lte=end, end__gte=start
    ).values_list("staff_id", "kind", "start", "end", "starts_pm", "ends_am"):
        found[row[0]].append(row[1:])
    return found


def _halves(leaves, day: datetime.date) -> tuple[str, str]:
    """The leave kinds covering the morning and the afternoon of `day` ("" for none)."""
    morning = afternoon = ""
    for kind, first, last, starts_pm, ends_am in leaves:
        if first <= day <= last:
            if not (day == first and starts_pm):
                morning = morning or kind
            if not (day == last and ends_am):
                afternoon = afternoon or kind
    return morning, afternoon


def _fixed_offset(zone, low, high) -> int | None:
    """The zone's offset from UTC in seconds when it is the same all through [low, high]."""
    offsets = {zone.utcoffset(low), zone.utcoffset(high), zone.utcoffset(low + (high - low) / 2)}
    if len(offsets) == 1:
        return int(offsets.pop().total_seconds())
    return None
