"""Importing leave (SPEC §14 `leave`) until leave requests have their own pages.

A row is one stretch of leave, known by its person, type, days and halves. The same row again is
unchanged; the same leave with another status is that leave moved to the new status (through
`transition`, so its history says who and when); anything else is a new leave at the site the
person was placed at on its first day. Volumes are small, but the people, placements, closed
months and stored leave are still read once per file, not once per row."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from attendance.imports.punches import (
    Ambiguous,
    Directory,
    Problems,
    ambiguous,
    not_assigned,
    own_record,
    staff_number,
    unknown_staff,
)
from attendance.models import Leave, LeaveKind, LeaveStatus
from attendance.services.leave_days import count_missing_days
from attendance.services.months import closed_message, closed_months
from attendance.tasks import queue_recompute
from onsite.periods import months_between
from onsite.transitions import transition
from staffing.imports.context import ImportContext
from staffing.imports.resources import Column
from staffing.imports.services import ImportReport, ImportRows
from staffing.imports.widgets import Date, empty_cell

# The Chinese names HR writes; the English keys and the labels in the reader's language also do.
KIND_NAMES = {
    "事假": LeaveKind.PERSONAL,
    "病假": LeaveKind.SICK,
    "年假": LeaveKind.ANNUAL,
    "年休假": LeaveKind.ANNUAL,
    "婚假": LeaveKind.MARRIAGE,
    "丧假": LeaveKind.BEREAVEMENT,
    "产假": LeaveKind.MATERNITY,
    "陪产假": LeaveKind.PATERNITY,
    "调休": LeaveKind.COMPENSATORY,
}
STATUS_NAMES = {
    "已批准": LeaveStatus.APPROVED,
    "批准": LeaveStatus.APPROVED,
    "待审批": LeaveStatus.PENDING,
    "审批中": LeaveStatus.PENDING,
    "已驳回": LeaveStatus.REJECTED,
    "驳回": LeaveStatus.REJECTED,
    "已撤销": LeaveStatus.CANCELLED,
    "撤销": LeaveStatus.CANCELLED,
}
MORNING = frozenset({"am", "上午", "morning"})
AFTERNOON = frozenset({"pm", "下午", "afternoon"})
# The file says what the status is; an import may move a leave from any status to any other.
IMPORT_TRANSITIONS = {status: set(LeaveStatus) - {status} for status in LeaveStatus}
DATE = Date(required=True)


def _names(choices, extra: dict) -> dict[str, str]:
    names = {key: key for key in choices.values}
    names.update({str(label).lower(): key for key, label in choices.choices})
    names.update(extra)
    return names


def _choice(text: str, names: dict[str, str], key: str, errors: list, what: str) -> str | None:
    if not text:
        errors.append((key, str(empty_cell())))
        return None
    value = names.get(text.lower())
    if value is None:
        known = "、".join(sorted({name for name in names if not name.isascii()}))
        errors.append(
            (
                key,
                _("“%(value)s” is not %(what)s; write one of %(names)s, or its English key.")
                % {"value": text, "what": what, "names": known},
            )
        )
    return value


def _half(text: str, key: str, errors: list) -> str:
    """ "am", "pm" or "" (the whole day) for a half-day cell."""
    text = text.lower()
    if text in MORNING:
        return "am"
    if text in AFTERNOON:
        return "pm"
    if text:
        errors.append(
            (
                key,
                _("“%(value)s” is not a half day; write 上午 (am) or 下午 (pm), or leave it empty.")
                % {"value": text},
            )
        )
    return ""


class LeaveImport:
    kind = "leave"
    device_log = False
    columns = (
        Column("staff_no", "工号", required=True),
        Column("type", "请假类型", required=True, aliases=("类型", "假别", "假期类型")),
        Column("start", "开始日期", required=True),
        Column("end", "结束日期", required=True),
        Column("start_half", "开始半天", aliases=("开始时段",)),
        Column("end_half", "结束半天", aliases=("结束时段",)),
        Column("status", "状态", required=True, aliases=("审批状态",)),
    )

    def __init__(self, *, context: ImportContext):
        self.context = context

    def run(
        self, *, rows: ImportRows, report: ImportReport, dry_run: bool, skip_invalid: bool
    ) -> ImportReport:
        problems = Problems(rows, report)
        parsed = self._parse(rows, problems)
        new: list[Leave] = []
        updates: list[tuple[int, str, dict]] = []
        if parsed:
            new, updates = self._judge(parsed, problems, report)
        problems.fill(report)
        report.new, report.updated = len(new), len(updates)
        if dry_run or (problems and not skip_invalid):
            return report
        user = self.context.user
        with transaction.atomic():
            if new:
                # Counted as a request's are, so that balances count them as taken or asked.
                count_missing_days(new)
                bulk_create_with_history(
                    new, Leave, default_user=user, default_change_reason=_("Imported")
                )
            for pk, status, _row in updates:
                transition(
                    Leave(pk=pk),
                    to=status,
                    allowed=IMPORT_TRANSITIONS,
                    by=user,
                    reason=_("Imported"),
                )
            changed = [(leave.staff_id, leave.start, leave.end) for leave in new]
            changed += [(row["staff_id"], row["start"], row["end"]) for _pk, _s, row in updates]
            if changed:
                queue_recompute(
                    start=min(start for _staff, start, _end in changed),
                    end=max(end for _staff, _start, end in changed),
                    staff_ids={staff for staff, _start, _end in changed},
                )
        report.written = True
        return report

    def _parse(self, rows: ImportRows, problems: Problems) -> list[dict]:
        kinds = _names(LeaveKind, KIND_NAMES)
        statuses = _names(LeaveStatus, STATUS_NAMES)
        position = {key: index for index, key in enumerate(rows.keys)}
        parsed = []
        for number, cells in zip(rows.numbers, rows.rows, strict=True):
            row = {key: cells[index] for key, index in position.items()}
            errors: list[tuple[str, str]] = []
            staff_no = staff_number(row["staff_no"])
            if not staff_no:
                errors.append(("staff_no", str(empty_cell())))
            kind = _choice(row["type"], kinds, "type", errors, _("a type of leave"))
            status = _choice(row["status"], statuses, "status", errors, _("a status"))
            dates = {}
            for key in ("start", "end"):
                try:
                    dates[key] = DATE.clean(row[key])
                except ValueError as error:
                    errors.append((key, str(error)))
            # A half day is the afternoon of the first day or the morning of the last.
            starts_pm = _half(row.get("start_half", ""), "start_half", errors) == "pm"
            ends_am = _half(row.get("end_half", ""), "end_half", errors) == "am"
            if len(dates) == 2:
                start, end = dates["start"], dates["end"]
                if end < start:
                    errors.append(("end", _("The last day is before the first day.")))
                elif start == end and starts_pm and ends_am:
                    errors.append(
                        (
                            "end_half",
                            _(
                                "A one-day leave cannot start at noon and end at noon; leave "
                                "both halves empty for a whole day."
                            ),
                        )
                    )
            for key, message in errors:
                problems.add(number, key, message)
            if not errors:
                parsed.append(
                    {
                        "number": number,
                        "staff_no": staff_no,
                        "kind": kind,
                        "status": status,
                        "start": dates["start"],
                        "end": dates["end"],
                        "starts_pm": starts_pm,
                        "ends_am": ends_am,
                    }
                )
        return parsed

    def _judge(
        self, parsed: list[dict], problems: Problems, report: ImportReport
    ) -> tuple[list[Leave], list[tuple[int, str, dict]]]:
        first = min(row["start"] for row in parsed)
        last = max(row["end"] for row in parsed)
        directory = Directory(
            context=self.context,
            numbers={row["staff_no"] for row in parsed},
            first=first,
            last=last,
        )
        months: set[datetime.date] = set()
        for row in parsed:
            months.update(m.first for m in months_between(row["start"], row["end"]))
        closed = closed_months(site_ids=list(directory.sites), dates=months)
        stored: dict[tuple, tuple[int, str]] = {}
        for pk, *identity, status in (
            Leave.objects.filter(
                staff_id__in=directory.staff_ids(), start__lte=last, end__gte=first
            )
            .order_by("-pk")
            .values_list("pk", "staff_id", "kind", "start", "end", "starts_pm", "ends_am", "status")
        ):
            stored[tuple(identity)] = (pk, status)
        user = self.context.user
        seen: dict[tuple, int] = {}
        new: list[Leave] = []
        updates: list[tuple[int, str, dict]] = []
        for row in parsed:
            number, staff_no, start = row["number"], row["staff_no"], row["start"]
            if not directory.knows(staff_no):
                problems.add(number, "staff_no", unknown_staff(staff_no))
                continue
            try:
                placed = directory.place(staff_no, start)
            except Ambiguous:
                problems.add(number, "staff_no", ambiguous(staff_no, start))
                continue
            if placed is None:
                problems.add(number, "start", not_assigned(staff_no, start))
                continue
            staff_id, site_id = placed
            if staff_id == directory.own_staff_id:
                problems.add(number, "staff_no", own_record(staff_no))
                continue
            identity = (staff_id, row["kind"], start, row["end"], row["starts_pm"], row["ends_am"])
            if identity in seen:
                problems.add(
                    number,
                    "staff_no",
                    _("Row %(row)s is about the same record; a file may name each record once.")
                    % {"row": seen[identity]},
                )
                continue
            seen[identity] = number
            pk, status = stored.get(identity, (None, None))
            if status == row["status"]:
                report.skipped += 1
                continue
            month = next(
                (
                    m.first
                    for m in months_between(start, row["end"])
                    if (site_id, m.first) in closed
                ),
                None,
            )
            if month is not None:
                column = "end" if month > start else "start"
                problems.add(
                    number, column, closed_message(site=directory.sites[site_id], month=month)
                )
                continue
            row["staff_id"] = staff_id
            if pk is not None:
                updates.append((pk, row["status"], row))
                continue
            new.append(
                Leave(
                    staff_id=staff_id,
                    site_id=site_id,
                    kind=row["kind"],
                    start=start,
                    end=row["end"],
                    starts_pm=row["starts_pm"],
                    ends_am=row["ends_am"],
                    status=row["status"],
                    created_by=user,
                )
            )
        return new, updates
