"""The monthly service report as files: CSV with exactly the SPEC §14 columns (what
`ticket_report` writes), XLSX with the summary above the same rows, PDF for the client."""

from __future__ import annotations

import zoneinfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from onsite.pdf import render_pdf
from onsite.spreadsheets import csv_bytes, xlsx_append, xlsx_bytes
from tickets.models import Category, Priority
from tickets.selectors.report import Compliance, Report, ReportRow

# SPEC §14, in this order; category and priority as keys, booleans as yes/no.
COLUMNS = (
    "number",
    "category",
    "priority",
    "raised_at",
    "response_minutes",
    "response_breached",
    "resolution_minutes",
    "resolution_breached",
    "rating",
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def local_time(report: Report, moment) -> str:
    """A time as the site reads it, `YYYY-MM-DD HH:MM` (the form the import reads back)."""
    if moment is None:
        return ""
    return moment.astimezone(zoneinfo.ZoneInfo(report.site.time_zone)).strftime("%Y-%m-%d %H:%M")


def row_values(report: Report, row: ReportRow) -> list:
    return [
        row.number,
        row.category,
        row.priority,
        local_time(report, row.raised_at),
        row.response_minutes,
        yes_no(row.response_breached),
        row.resolution_minutes,
        yes_no(row.resolution_breached),
        row.rating,
    ]


def report_csv(report: Report) -> bytes:
    return csv_bytes([COLUMNS, *(row_values(report, row) for row in report.rows)])


def report_title(report: Report) -> str:
    return _("%(site)s · %(month)s service report") % {
        "site": report.site.name,
        "month": f"{report.month:%Y-%m}",
    }


def percent_text(compliance: Compliance) -> str:
    return "—" if compliance.percent is None else f"{compliance.percent:.1f}%"


def summary_lines(report: Report) -> list[tuple[str, object]]:
    """The summary as label/value pairs, the same on the page's files and the PDF."""
    return [
        (_("Tickets raised"), report.total),
        (_("Response compliance"), percent_text(report.response)),
        (_("Resolution compliance"), percent_text(report.resolution)),
        (_("Breaches"), len(report.breaches)),
        (
            _("Average rating"),
            "—" if report.average_rating is None else f"{report.average_rating:.2f}",
        ),
        (_("Rated tickets"), report.rated),
    ]


def report_xlsx(report: Report) -> bytes:
    """A summary sheet (title, the figures, category × priority) and the rows of §14: numbers as
    numbers, text stored as text, never a formula."""
    bold = Font(bold=True)
    workbook = Workbook()
    ws = workbook.active
    ws.title = _("Summary")
    xlsx_append(ws, [report_title(report)])
    ws["A1"].font = Font(bold=True, size=14)
    generated = formats.date_format(timezone.localtime(report.now), "Y-m-d H:i")
    xlsx_append(ws, [_("As of %(time)s") % {"time": generated}])
    xlsx_append(ws, [])
    for label, value in summary_lines(report):
        xlsx_append(ws, [label, value])
    xlsx_append(ws, [])
    xlsx_append(ws, [_("Category"), *[str(label) for _k, label in Priority.choices], _("Total")])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for line in report.table():
        xlsx_append(ws, [line["label"], *line["counts"], line["total"]])
    ws.column_dimensions["A"].width = 24

    rows = workbook.create_sheet(_("Tickets"))
    xlsx_append(rows, [*COLUMNS, "title"])
    for cell in rows[1]:
        cell.font = bold
    for row in report.rows:
        xlsx_append(rows, [*row_values(report, row), row.title])
    rows.freeze_panes = "A2"
    rows.column_dimensions["D"].width = 18
    rows.column_dimensions["J"].width = 40
    return xlsx_bytes(workbook)


def pdf_context(report: Report, *, by=None) -> dict:
    categories = dict(Category.choices)
    priorities = dict(Priority.choices)
    return {
        "report": report,
        "site": report.site,
        "title": report_title(report),
        "summary": summary_lines(report),
        "priorities": [str(label) for _k, label in Priority.choices],
        "table": report.table(),
        "breaches": [
            {
                "reference": row.reference,
                "title": row.title,
                "category": categories[row.category],
                "priority": priorities[row.priority],
                "raised_at": local_time(report, row.raised_at),
                "response": _breach_text(row.response_breached, row.response_minutes),
                "resolution": _breach_text(row.resolution_breached, row.resolution_minutes),
            }
            for row in report.breaches
        ],
        "generated_at": timezone.localtime(report.now),
        "generated_by": by,
    }


def _breach_text(breached: bool, minutes: int | None) -> str:
    if not breached:
        return _("Met") if minutes is not None else ""
    if minutes is None:
        return _("Overdue, not reached")
    return _("Breached: reached after %(minutes)s minutes") % {"minutes": minutes}


def report_pdf(report: Report, *, by=None) -> bytes:
    return render_pdf(template="pdf/ticket_report.html", context=pdf_context(report, by=by))
