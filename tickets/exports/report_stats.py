"""The weekly report status of a site as files: CSV with exactly the SPEC §14 columns (what
`report_status` writes), XLSX with the same rows under a title and the week's counts."""

from __future__ import annotations

import zoneinfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from onsite.spreadsheets import csv_bytes, xlsx_append, xlsx_bytes
from tickets.selectors.report_stats import (
    STATUS_LABELS,
    STATUSES,
    StatusRow,
    WeekTable,
    percent_text,
)

# SPEC §14, in this order; `required` as yes/no, `status` as its key.
COLUMNS = ("staff_no", "name", "required", "submitted_at", "status")


def local_time(table: WeekTable, moment) -> str:
    """A time as the site reads it, `YYYY-MM-DD HH:MM`; empty when there is none."""
    if moment is None:
        return ""
    return moment.astimezone(zoneinfo.ZoneInfo(table.site.time_zone)).strftime("%Y-%m-%d %H:%M")


def row_values(table: WeekTable, row: StatusRow) -> list:
    return [
        row.staff.staff_no,
        row.staff.name,
        "yes" if row.required else "no",
        local_time(table, row.submitted_at),
        row.status,
    ]


def status_csv(table: WeekTable) -> bytes:
    return csv_bytes([COLUMNS, *(row_values(table, row) for row in table.rows)])


def status_title(table: WeekTable) -> str:
    return _("%(site)s · weekly reports of %(week)s") % {
        "site": table.site.name,
        "week": table.week.label,
    }


def status_xlsx(table: WeekTable) -> bytes:
    """The title, the counts and the rate above the rows of §14: text stored as text, never a
    formula."""
    bold = Font(bold=True)
    workbook = Workbook()
    ws = workbook.active
    ws.title = table.week.label
    xlsx_append(ws, [status_title(table)])
    ws["A1"].font = Font(bold=True, size=14)
    generated = formats.date_format(timezone.localtime(table.now), "Y-m-d H:i")
    xlsx_append(
        ws,
        [
            _("%(first)s to %(last)s, as of %(time)s")
            % {"first": table.week.first, "last": table.week.last, "time": generated}
        ],
    )
    counts = table.counts
    for status in STATUSES:
        xlsx_append(ws, [str(STATUS_LABELS[status]), counts[status]])
    xlsx_append(ws, [_("On-time rate"), percent_text(table.on_time_rate)])
    xlsx_append(ws, [])
    xlsx_append(ws, list(COLUMNS))
    for cell in ws[ws.max_row]:
        cell.font = bold
    for row in table.rows:
        xlsx_append(ws, row_values(table, row))
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["D"].width = 18
    return xlsx_bytes(workbook)
