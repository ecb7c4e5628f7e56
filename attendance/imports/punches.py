"""Importing punches (SPEC §14 `punches`) in bulk: a month of a large site's device files is a
hundred thousand rows, so they are not run row by row through import-export.

The file is read in two passes. The first parses every row (staff number, time, device) without
touching the database; then the people it names, their placements over its dates, the closed
months and the punches already stored are read in one query each; the second pass judges every
row against those, and the new punches are written with one INSERT per 20,000 (see
`punches_insert` for why not `bulk_create`). Nothing is written by a dry run or while a row is
bad (unless bad rows are skipped); after a write the days of the people and dates concerned are
judged again, by a task queued for after the commit.

A punch is stored at the minute, so two rows of one person in the same minute are one punch,
and a punch already stored is an unchanged row: importing a file twice adds nothing. The shared
pieces (`Problems`, `Directory`) serve the leave import too (attendance/imports/leave.py)."""

from __future__ import annotations

import datetime
import re
import unicodedata
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePath

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.models import Punch, PunchSource
from attendance.services.months import closed_message, closed_months
from attendance.tasks import queue_recompute
from onsite.org.models import Assignment, Site, Staff
from onsite.periods import month_bounds
from staffing.imports.context import ImportContext
from staffing.imports.resources import Column
from staffing.imports.services import ImportReport, ImportRows, RowError
from staffing.imports.widgets import empty_cell

WRITE_BATCH = 20000
DEVICE_MAX_LENGTH = Punch._meta.get_field("device").max_length
DEFAULT_ZONE = "Asia/Shanghai"
# 2026-10-12 08:29, 2026/10/12 8:29:31, 2026年10月12日 08:29, and 2026-10-12 08:29:31.500000 (an
# XLSX date-time cell as the spreadsheet reader writes it).
TIMESTAMP = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
)
ATTLOG_SUFFIX = re.compile(r"[_-]?attlog$", re.IGNORECASE)


def unknown_staff(staff_no: str) -> str:
    # The same words whether nobody has the number or somebody outside the importer's companies.
    return _("There is no staff member with the number %(staff_no)s.") % {"staff_no": staff_no}


def not_assigned(staff_no: str, day: datetime.date) -> str:
    return _("Staff member %(staff_no)s is not assigned to any site on %(date)s.") % {
        "staff_no": staff_no,
        "date": day.isoformat(),
    }


def staff_number(value: str) -> str:
    """A staff number as written, full-width letters and digits folded (as every import does)."""
    return value if value.isascii() else unicodedata.normalize("NFKC", value).strip()


class Problems:
    """The bad rows of a file, each problem under the key of the column it is about."""

    def __init__(self, rows: ImportRows, report: ImportReport):
        self.rows = rows
        self.order = {key: position for position, key in enumerate(rows.keys)}
        self.found: list[tuple[int, int, RowError]] = [
            (error.row or 0, -1, error) for error in report.errors
        ]
        self.bad: set[int] = {error.row for error in report.errors if error.row is not None}

    def __bool__(self) -> bool:
        return bool(self.found)

    def add(self, number: int, key: str, message: str) -> None:
        error = RowError(number, self.rows.column(key), str(message))
        self.found.append((number, self.order.get(key, -1), error))
        self.bad.add(number)

    def fill(self, report: ImportReport) -> None:
        self.found.sort(key=lambda found: found[:2])
        report.errors = [error for _number, _order, error in self.found]
        report.invalid = len(self.bad)


class Ambiguous(Exception):
    """One staff number names several people placed on the day."""


class Directory:
    """The people a file names by staff number and where each was placed between `first` and
    `last`, read in two queries. An HR admin finds only the staff of their own companies; a
    number of someone else's staff reads exactly like a number nobody has."""

    def __init__(
        self,
        *,
        context: ImportContext,
        numbers: Iterable[str],
        first: datetime.date,
        last: datetime.date,
    ):
        staff = Staff.objects.filter(staff_no__in=set(numbers))
        if not context.unrestricted:
            staff = staff.filter(company_id__in=context.access.hr_companies)
        # Nobody imports punches or leave for themselves (STYLE habit 15).
        self.own_staff_id = context.access.staff_id if context.user is not None else None
        self.ids: dict[str, list[int]] = defaultdict(list)
        for pk, staff_no in staff.values_list("pk", "staff_no"):
            self.ids[staff_no].append(pk)
        # Each person's placements in the order they win a day (PLACEMENT_ORDER).
        self.placements: dict[int, list[tuple]] = defaultdict(list)
        for staff_id, site_id, start, end in (
            Assignment.objects.filter(staff_id__in=[pk for ids in self.ids.values() for pk in ids])
            .overlapping(first, last)
            .by_precedence()
            .values_list("staff_id", "site_id", "start", "end")
        ):
            self.placements[staff_id].append((site_id, start, end))
        site_ids = {p[0] for placed in self.placements.values() for p in placed}
        self.sites = {
            site.pk: site
            for site in Site.objects.filter(pk__in=site_ids).only("pk", "name", "time_zone")
        }
        self.zones = {
            pk: zoneinfo.ZoneInfo(site.time_zone or DEFAULT_ZONE) for pk, site in self.sites.items()
        }
        self._placed: dict[tuple[str, datetime.date], tuple[int, int] | None] = {}

    def knows(self, staff_no: str) -> bool:
        return staff_no in self.ids

    def staff_ids(self) -> list[int]:
        return [pk for ids in self.ids.values() for pk in ids]

    def place(self, staff_no: str, day: datetime.date) -> tuple[int, int] | None:
        """(staff id, site id) of the person with `staff_no` placed on `day`; None if nobody with
        that number was placed then; Ambiguous if several were."""
        key = (staff_no, day)
        if key not in self._placed:
            found = []
            for staff_id in self.ids.get(staff_no, ()):
                for site_id, start, end in self.placements.get(staff_id, ()):
                    if start <= day and (end is None or day <= end):
                        found.append((staff_id, site_id))
                        break
            if len(found) > 1:
                raise Ambiguous
            self._placed[key] = found[0] if found else None
        return self._placed[key]


def own_record(staff_no: str) -> str:
    return _(
        "Staff number %(staff_no)s is your own record: your punches and leave are entered by "
        "someone else."
    ) % {"staff_no": staff_no}


def ambiguous(staff_no: str, day: datetime.date) -> str:
    return _(
        "Several staff members of different companies have the number %(staff_no)s and were "
        "placed on %(date)s; import their rows as the HR admin of one company."
    ) % {"staff_no": staff_no, "date": day.isoformat()}


class Timestamps:
    """Reads a time cell as (local date's ordinal, minute of the day), seconds dropped; None
    when it is not a date and time. Each date is checked once however many rows it has."""

    def __init__(self):
        self.ordinals: dict[tuple[str, str, str], int | None] = {}

    def read(self, text: str) -> tuple[int, int] | None:
        match = TIMESTAMP.fullmatch(text)
        if match is None and not text.isascii():
            match = TIMESTAMP.fullmatch(unicodedata.normalize("NFKC", text).strip())
        if match is None:
            return None
        year, month, day, hour, minute, second = match.groups()
        date = (year, month, day)
        ordinal = self.ordinals.get(date, 0)
        if ordinal == 0:
            try:
                ordinal = datetime.date(int(year), int(month), int(day)).toordinal()
            except ValueError:
                ordinal = None
            self.ordinals[date] = ordinal
        hour, minute = int(hour), int(minute)
        if ordinal is None or hour > 23 or minute > 59 or (second and int(second) > 59):
            return None
        return ordinal, hour * 60 + minute


def device_of(name: str) -> str:
    """The device an attlog file came from, by its name: `1_attlog.dat` is device 1."""
    stem = PurePath(name).stem
    return (ATTLOG_SUFFIX.sub("", stem) or stem)[:DEVICE_MAX_LENGTH]


class PunchImport:
    """Times travel through the import as whole minutes since 1970 UTC, which is what a stored
    punch is (SPEC §6: one punch per person per minute); hashing and sending a hundred thousand
    datetime objects cost more than everything else the import does in Python."""

    kind = "punches"
    device_log = True  # also reads ZKTeco attlog files, recognised by their content
    columns = (
        Column("staff_no", "工号", required=True, aliases=("人员编号", "考勤号", "user_id")),
        Column(
            "timestamp",
            "打卡时间",
            required=True,
            aliases=("时间", "日期时间", "打卡日期时间", "datetime", "time"),
        ),
        Column("device", "设备", aliases=("设备名称", "考勤机", "device_name")),
    )

    def __init__(self, *, context: ImportContext):
        self.context = context

    def run(
        self, *, rows: ImportRows, report: ImportReport, dry_run: bool, skip_invalid: bool
    ) -> ImportReport:
        problems = Problems(rows, report)
        parsed, unread = self._parse(rows, problems)
        new = self._judge(parsed, unread, problems, report) if parsed or unread else []
        problems.fill(report)
        report.new = len(new)
        if dry_run or (problems and not skip_invalid):
            return report
        user = self.context.user
        with transaction.atomic():
            punches_insert(
                new,
                source=PunchSource.DEVICE if rows.device_log else PunchSource.FILE,
                user_id=user.pk if user is not None else None,
            )
            if new:
                # The site's local date of each punch is the day it counts for.
                days = {ordinal for *_punch, ordinal in new}
                # Whole months: a file of history also brings the days nobody punched, which
                # must be judged absent for the sheet to add up.
                queue_recompute(
                    start=datetime.date.fromordinal(min(days)).replace(day=1),
                    end=month_bounds(datetime.date.fromordinal(max(days)))[1],
                    staff_ids={staff_id for staff_id, *_ in new},
                )
        report.written = True
        return report

    def _parse(self, rows: ImportRows, problems: Problems) -> tuple[list[tuple], list[tuple]]:
        """(row number, staff number, local date ordinal, minute of the day, device) of every
        readable row, and (row number, staff number) of the rows whose other cells are not, so
        that an unknown staff number is reported with them too."""
        at_no, at_time = rows.keys.index("staff_no"), rows.keys.index("timestamp")
        at_device = rows.keys.index("device") if "device" in rows.keys else None
        default_device = device_of(rows.name) if rows.device_log else ""
        timestamps = Timestamps()
        parsed, unread = [], []
        for number, row in zip(rows.numbers, rows.rows, strict=True):
            staff_no = staff_number(row[at_no])
            text = row[at_time]
            moment = timestamps.read(text) if text else None
            device = default_device if at_device is None else row[at_device]
            if not staff_no:
                problems.add(number, "staff_no", str(empty_cell()))
            if not text:
                problems.add(number, "timestamp", str(empty_cell()))
            elif moment is None:
                problems.add(
                    number,
                    "timestamp",
                    _("“%(value)s” is not a date and time; write it like 2026-03-02 08:29.")
                    % {"value": text},
                )
            if len(device) > DEVICE_MAX_LENGTH:
                problems.add(
                    number,
                    "device",
                    _("At most %(limit)s characters are allowed; this cell has %(count)s.")
                    % {"limit": DEVICE_MAX_LENGTH, "count": len(device)},
                )
            elif staff_no and moment is not None:
                parsed.append((number, staff_no, moment[0], moment[1], device))
                continue
            if staff_no:
                unread.append((number, staff_no))
        return parsed, unread

    def _judge(
        self, parsed: list[tuple], unread: list[tuple], problems: Problems, report: ImportReport
    ) -> list[tuple]:
        """(staff id, site id, UTC minute, device, local date ordinal) of each new punch of the
        parsed rows; rows already stored, or repeating another row's minute, are unchanged;
        the others are bad, with their reason."""
        today = self.context.today.toordinal()
        ordinals = {ordinal for _n, _no, ordinal, _m, _d in parsed} or {today}
        first = datetime.date.fromordinal(min(ordinals))
        last = datetime.date.fromordinal(max(ordinals))
        numbers = {p[1] for p in parsed} | {staff_no for _number, staff_no in unread}
        directory = Directory(context=self.context, numbers=numbers, first=first, last=last)
        for number, staff_no in unread:
            if not directory.knows(staff_no):
                problems.add(number, "staff_no", unknown_staff(staff_no))
        if not parsed:
            return []
        closed = closed_months(
            site_ids=list(directory.sites), dates=map(datetime.date.fromordinal, ordinals)
        )
        stored = stored_punches(directory.staff_ids(), first=first, last=last)
        verdicts: dict[tuple[str, int], tuple] = {}
        offsets: dict[tuple[int, int], int | None] = {}
        seen: set[tuple[int, int]] = set()
        new: list[tuple] = []
        for number, staff_no, ordinal, minute, device in parsed:
            verdict = verdicts.get((staff_no, ordinal))
            if verdict is None:
                verdict = verdicts[(staff_no, ordinal)] = self._verdict(
                    directory, closed, offsets, staff_no, ordinal
                )
            staff_id, site_id, base, refusal, closed_refusal = verdict
            if refusal is not None:
                problems.add(number, *refusal)
                continue
            if base is not None:
                at = base + minute
            else:  # the site's clock changes that day
                local = datetime.datetime.fromordinal(ordinal) + datetime.timedelta(minutes=minute)
                at = epoch_minute(local.replace(tzinfo=directory.zones[site_id]))
            key = (staff_id, at)
            if key in seen or key in stored:
                report.skipped += 1
                continue
            if closed_refusal is not None:
                problems.add(number, "timestamp", closed_refusal)
                continue
            seen.add(key)
            new.append((staff_id, site_id, at, device, ordinal))
        return new

    @staticmethod
    def _verdict(directory, closed, offsets, staff_no: str, ordinal: int) -> tuple:
        """What every row of `staff_no` on one day shares: (staff id, site id, the UTC minute of
        the day's local midnight if the site's offset holds all day, the refusal of the row as
        (column, message), the refusal of a new punch because the month is closed)."""
        day = datetime.date.fromordinal(ordinal)
        if not directory.knows(staff_no):
            return None, None, None, ("staff_no", unknown_staff(staff_no)), None
        try:
            placed = directory.place(staff_no, day)
        except Ambiguous:
            return None, None, None, ("staff_no", ambiguous(staff_no, day)), None
        if placed is None:
            return None, None, None, ("timestamp", not_assigned(staff_no, day)), None
        staff_id, site_id = placed
        if staff_id == directory.own_staff_id:
            return None, None, None, ("staff_no", own_record(staff_no)), None
        if (site_id, ordinal) not in offsets:
            zone = directory.zones[site_id]
            midnight = datetime.datetime.combine(day, datetime.time.min, zone)
            night = datetime.datetime.combine(day, datetime.time.max, zone)
            steady = midnight.utcoffset() == night.utcoffset()
            offsets[(site_id, ordinal)] = epoch_minute(midnight) if steady else None
        month = day.replace(day=1)
        closed_refusal = (
            closed_message(site=directory.sites[site_id], month=month)
            if (site_id, month) in closed
            else None
        )
        return staff_id, site_id, offsets[(site_id, ordinal)], None, closed_refusal


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)


def epoch_minute(moment: datetime.datetime) -> int:
    return (moment - EPOCH) // MINUTE


def stored_punches(
    staff_ids: list[int], *, first: datetime.date, last: datetime.date
) -> set[tuple[int, int]]:
    """(staff id, UTC minute since 1970) of the punches of these people around these local
    dates (a local date lies within a day of the same UTC date, whatever the zone)."""
    if not staff_ids:
        return set()
    low = datetime.datetime.combine(
        first - datetime.timedelta(days=1), datetime.time(), datetime.UTC
    )
    high = datetime.datetime.combine(
        last + datetime.timedelta(days=2), datetime.time(), datetime.UTC
    )
    if connection.vendor != "postgresql":
        return {
            (staff_id, epoch_minute(at))
            for staff_id, at in Punch.objects.filter(
                staff_id__in=staff_ids, at__gte=low, at__lt=high
            ).values_list("staff_id", "at")
        }
    quote = connection.ops.quote_name
    column = {f.name: quote(f.column) for f in Punch._meta.concrete_fields}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT {column["staff"]}, (EXTRACT(EPOCH FROM {column["at"]}) / 60)::bigint
            FROM {quote(Punch._meta.db_table)}
            WHERE {column["staff"]} = ANY(%s::bigint[])
              AND {column["at"]} >= %s AND {column["at"]} < %s
            """,
            [
                staff_ids,
                datetime.datetime.combine(
                    first - datetime.timedelta(days=1), datetime.time(), datetime.UTC
                ),
                datetime.datetime.combine(
                    last + datetime.timedelta(days=2), datetime.time(), datetime.UTC
                ),
            ],
        )
        return set(cursor.fetchall())


def punches_insert(punches: list[tuple], *, source: str, user_id: int | None) -> None:
    """Store (staff id, site id, UTC minute, device, …) punches, one INSERT … SELECT FROM unnest
    per batch; a punch stored in the meantime by someone else is left as it is. Model instances
    and bulk_create took longer than all the rest of a 100,000-row import."""
    if not punches:
        return
    if connection.vendor != "postgresql":
        # The newcomer's SQLite has no unnest(); it never holds 100,000 punches either.
        now = timezone.now()
        Punch.objects.bulk_create(
            [
                Punch(
                    staff_id=staff_id,
                    site_id=site_id,
                    at=datetime.datetime.fromtimestamp(minute * 60, datetime.UTC),
                    device=device,
                    source=source,
                    created_by_id=user_id,
                    created_at=now,
                )
                for staff_id, site_id, minute, device, *_rest in punches
            ],
            batch_size=WRITE_BATCH,
            ignore_conflicts=True,
        )
        return
    quote = connection.ops.quote_name
    column = {f.name: quote(f.column) for f in Punch._meta.concrete_fields}
    sql = f"""
        INSERT INTO {quote(Punch._meta.db_table)}
            ({column["staff"]}, {column["site"]}, {column["at"]}, {column["device"]},
             {column["source"]}, {column["reason"]}, {column["created_by"]},
             {column["created_at"]})
        SELECT punch.staff_id, punch.site_id, to_timestamp(punch.minute * 60), punch.device,
               %s, '', %s, %s
        FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::text[])
            AS punch(staff_id, site_id, minute, device)
        ON CONFLICT DO NOTHING
    """
    now = timezone.now()
    # In the order of the unique index (person, time): each index page is visited once.
    punches = sorted(punches, key=lambda punch: (punch[0], punch[2]))
    with connection.cursor() as cursor:
        for offset in range(0, len(punches), WRITE_BATCH):
            batch = punches[offset : offset + WRITE_BATCH]
            cursor.execute(
                sql,
                [
                    source,
                    user_id,
                    now,
                    [punch[0] for punch in batch],
                    [punch[1] for punch in batch],
                    [punch[2] for punch in batch],
                    [punch[3] for punch in batch],
                ],
            )
