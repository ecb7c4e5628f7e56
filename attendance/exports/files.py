"""The monthly attendance sheet as files (SPEC §6, §14): CSV for `attendance_sheet`, XLSX and PDF
for the sheet page. One list of columns serves all three, so the files never disagree.

CSV carries the English keys and `yes`/`no`, the stable contract HR scripts read; XLSX and PDF
carry the labels in the reader's language and real numbers. Deduction amounts, and the rule that
names the salary behind them, appear only `with_amounts` (HR of the site's company)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from attendance.models import LeaveKind, MonthStatus, OvertimeCategory
from attendance.selectors.sheet import Sheet, SheetRow
from onsite.pdf import render_pdf
from onsite.spreadsheets import csv_bytes, xlsx_append, xlsx_bytes

TEXT, NUMBER, MONEY, FLAG = "text", "number", "money", "flag"
RULE_SEPARATOR = "；"
CENT = Decimal("0.01")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=14)
HEADER_ROW = 3  # under the title and the status line
RULES_WIDTH = 80  # characters; longer rule sentences wrap within the cell


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[SheetRow], object]
    kind: str = NUMBER
    # False: the PDF leaves the column out (per-kind leave goes under the leave cell, rules
    # under the table), so that the table fits a landscape page.
    in_pdf: bool = True
    # False: the CSV writes the amount without needless zeros (fine_cny has always read `20`,
    # the contract HR scripts parse); XLSX and PDF still show it to the fen.
    csv_to_the_fen: bool = True

    def text(self, value) -> str:
        """The value as the CSV writes it: `yes`/`no`, days without needless zeros."""
        if value is None:
            return ""
        if self.kind == FLAG:
            return "yes" if value else "no"
        if self.kind == MONEY:
            return f"{value:.2f}"
        if isinstance(value, Decimal):
            return plain(value)
        return str(value)

    def csv_value(self, value):
        """The value as the CSV gets it: `yes`/`no`, numbers as numbers (days without needless
        zeros, amounts to the fen), so that only text is ever neutralised."""
        if value is None or self.kind == TEXT:
            return value
        if self.kind == FLAG:
            return "yes" if value else "no"
        if self.kind == MONEY and self.csv_to_the_fen:
            return Decimal(value).quantize(CENT)
        if isinstance(value, Decimal):
            return Decimal(plain(value))
        return value

    def display(self, value) -> str:
        """The value as a person reads it in the PDF."""
        if value is None:
            return "—"
        if self.kind == FLAG:
            return _("Yes") if value else _("No")
        return self.text(value)


def plain(value: Decimal) -> str:
    """3, 2.5, 30: a decimal without trailing zeros or an exponent."""
    text = f"{value.normalize():f}"
    return "0" if text == "-0" else text


# SPEC §14: these first, in this order, are the contract of the command's file.
SPEC_COLUMNS: list[Column] = [
    Column("staff_no", gettext_lazy("Staff number"), lambda r: r.staff_no, TEXT),
    Column("name", gettext_lazy("Full name"), lambda r: r.name, TEXT),
    Column("scheduled_days", gettext_lazy("Scheduled days"), lambda r: r.scheduled),
    Column("present_days", gettext_lazy("Present days"), lambda r: r.present),
    Column("late_count", gettext_lazy("Times late"), lambda r: r.late_count),
    Column("late_minutes", gettext_lazy("Minutes late"), lambda r: r.late_minutes),
    Column("early_count", gettext_lazy("Times left early"), lambda r: r.early_count),
    Column("early_minutes", gettext_lazy("Minutes left early"), lambda r: r.early_minutes),
    Column("absent_days", gettext_lazy("Absent days"), lambda r: r.absent),
    Column("leave_days", gettext_lazy("Leave days"), lambda r: r.leave),
    Column("overtime_hours", gettext_lazy("Overtime hours"), lambda r: r.overtime_hours),
    Column(
        "explanation_required",
        gettext_lazy("Explanation required"),
        lambda r: r.explanation_required,
        FLAG,
    ),
    Column("fine_cny", gettext_lazy("Fine (CNY)"), lambda r: r.fine, MONEY, csv_to_the_fen=False),
    Column("deduction_days", gettext_lazy("Deduction days"), lambda r: r.deduction_days),
    Column(
        "dismissal_review", gettext_lazy("Dismissal review"), lambda r: r.dismissal_review, FLAG
    ),
]
SPEC_KEYS = [column.key for column in SPEC_COLUMNS]


def _leave_column(kind: LeaveKind) -> Column:
    return Column(
        f"leave_{kind.value}_days",
        # Formatted when read, so that it follows the language of the file being written.
        lazy(lambda: _("%(kind)s (days)") % {"kind": kind.label}, str)(),
        lambda r: r.leave_by_kind.get(kind.value, Decimal(0)),
        in_pdf=False,
    )


LEAVE_COLUMNS = [_leave_column(kind) for kind in LeaveKind]


def _overtime_column(category: OvertimeCategory) -> Column:
    return Column(
        f"overtime_{category.value}_hours",
        lazy(lambda: _("%(kind)s (hours)") % {"kind": category.label}, str)(),
        lambda r: r.overtime_by_category.get(category.value, Decimal(0)),
        in_pdf=False,
    )


OVERTIME_COLUMNS = [_overtime_column(category) for category in OvertimeCategory]
# Empty, not 0.00, for a person whose salary is not on record: nothing could be computed.
DEDUCTION_AMOUNT = Column(
    "deduction_cny",
    gettext_lazy("Deduction (CNY)"),
    lambda r: None if r.monthly_salary is None else r.deduction_amount,
    MONEY,
)


def row_rules(row: SheetRow, *, with_amounts: bool) -> list[str]:
    """The sentences of every fine and flag of `row`; the deduction's names the salary, so it
    is there only with amounts."""
    outcomes = [*row.explanation, row.fine_outcome, row.dismissal_outcome]
    if with_amounts:
        outcomes.insert(-1, row.deduction_outcome)
    return [outcome.rule for outcome in outcomes if outcome is not None]


def sheet_columns(*, with_amounts: bool) -> list[Column]:
    amounts = [DEDUCTION_AMOUNT] if with_amounts else []
    rules = Column(
        "rules",
        gettext_lazy("Rules"),
        lambda r: RULE_SEPARATOR.join(row_rules(r, with_amounts=with_amounts)),
        TEXT,
        in_pdf=False,
    )
    return [*SPEC_COLUMNS, *LEAVE_COLUMNS, *OVERTIME_COLUMNS, *amounts, rules]


def sheet_rows(sheet: Sheet, *, with_amounts: bool) -> tuple[list[Column], list[list]]:
    """The columns, and one list of typed values (str, int, Decimal, bool; None for an amount
    that could not be computed) a person."""
    columns = sheet_columns(with_amounts=with_amounts)
    return columns, [[column.value(row) for column in columns] for row in sheet.rows]


def sheet_csv(sheet: Sheet, *, with_amounts: bool) -> bytes:
    """English keys as the header; UTF-8 with a BOM, which Excel on Chinese Windows needs to
    read the names as UTF-8 rather than GBK."""
    columns, rows = sheet_rows(sheet, with_amounts=with_amounts)
    header = [column.key for column in columns]
    lines = (
        [column.csv_value(value) for column, value in zip(columns, values, strict=True)]
        for values in rows
    )
    return csv_bytes([header, *lines])


def sheet_title(sheet: Sheet) -> str:
    month = formats.date_format(sheet.month, "YEAR_MONTH_FORMAT")
    return _("%(site)s — %(month)s attendance sheet") % {"site": sheet.site.name, "month": month}


def status_label(sheet: Sheet) -> str:
    label = str(MonthStatus(sheet.status).label)
    if sheet.closed:
        return label
    # Until the month is closed its days and deductions may still change (暂计).
    return _("%(status)s (deductions provisional until the month is closed)") % {"status": label}


def sheet_xlsx(sheet: Sheet, *, with_amounts: bool) -> bytes:
    """A title row, the month's status, then the labelled header (frozen, with the staff number
    and name) and one row a person, numbers as numbers."""
    columns, rows = sheet_rows(sheet, with_amounts=with_amounts)
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet_name(f"{sheet.site.code} {sheet.month:%Y-%m}")
    xlsx_append(ws, [sheet_title(sheet)])
    ws["A1"].font = TITLE_FONT
    generated = formats.date_format(timezone.localtime(), "Y-m-d H:i")
    xlsx_append(
        ws,
        [
            _("Status: %(status)s · generated %(time)s")
            % {"status": status_label(sheet), "time": generated}
        ],
    )
    xlsx_append(ws, [str(column.label) for column in columns])
    for number in range(1, len(columns) + 1):
        header = ws.cell(row=HEADER_ROW, column=number)
        header.font = HEADER_FONT
        header.fill = HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [text_width(str(column.label)) for column in columns]
    for values in rows:
        xlsx_append(
            ws, [_xlsx_value(column, value) for column, value in zip(columns, values, strict=True)]
        )
        for index, (column, value) in enumerate(zip(columns, values, strict=True)):
            widths[index] = max(widths[index], text_width(column.text(value)))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = min(widths[index - 1], RULES_WIDTH) + 2
        for (cell,) in ws.iter_rows(min_row=HEADER_ROW + 1, min_col=index, max_col=index):
            if column.kind == TEXT:
                # Staff numbers keep their leading zeros; rule sentences wrap.
                cell.number_format = "@"
                cell.alignment = Alignment(wrap_text=column.key == "rules", vertical="top")
            elif column.kind == MONEY:
                cell.number_format = "#,##0.00"
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    return xlsx_bytes(workbook)


def sheet_name(text: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return "".join(c for c in text if c not in "[]:*?/\\")[:31] or "Sheet"


def _xlsx_value(column: Column, value):
    if value is None:
        return None
    if column.kind == FLAG:
        return _("Yes") if value else _("No")
    if column.kind == MONEY:
        return float(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def text_width(text: str) -> int:
    """Columns of a fixed-width font: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


@dataclass(frozen=True)
class Cell:
    text: str
    kind: str
    detail: str = ""

    @property
    def css(self) -> str:
        # Numbers right-aligned; staff numbers and names kept on one line.
        return {NUMBER: "num", MONEY: "num", TEXT: "nowrap"}.get(self.kind, "")


def pdf_context(sheet: Sheet, *, with_amounts: bool, by=None) -> dict:
    """What templates/pdf/attendance_sheet.html shows: the table of the PDF columns with a totals
    line, and under it the rules of every row with a fine or a flag."""
    columns = [c for c in sheet_columns(with_amounts=with_amounts) if c.in_pdf]
    leave_labels = dict(LeaveKind.choices)
    rows, notes = [], []
    totals: dict[str, Decimal] = {}
    for row in sheet.rows:
        cells = []
        for column in columns:
            value = column.value(row)
            detail = ""
            if column.key == "leave_days":
                detail = "、".join(
                    f"{leave_labels[kind]} {plain(days)}"
                    for kind, days in row.leave_by_kind.items()
                    if days
                )
            if column.kind in (NUMBER, MONEY) and value is not None:
                totals[column.key] = totals.get(column.key, Decimal(0)) + Decimal(value)
            cells.append(Cell(column.display(value), column.kind, detail))
        rows.append(cells)
        rules = row_rules(row, with_amounts=with_amounts)
        if rules:
            notes.append({"staff_no": row.staff_no, "name": row.name, "rules": rules})
    total_cells = [
        Cell(column.text(totals[column.key]), column.kind) if column.key in totals else Cell("", "")
        for column in columns
    ]
    return {
        "sheet": sheet,
        "site": sheet.site,
        "title": sheet_title(sheet),
        "month_label": formats.date_format(sheet.month, "YEAR_MONTH_FORMAT"),
        "status": status_label(sheet),
        "columns": [Cell(str(c.label), c.kind) for c in columns],
        "rows": rows,
        "totals": total_cells if rows else [],
        "notes": notes,
        "generated_at": timezone.localtime(),
        "generated_by": by,
    }


def sheet_pdf(sheet: Sheet, *, with_amounts: bool, by=None) -> bytes:
    """The sheet on landscape A4 pages; `by` is the user who asked for it, named on it."""
    return render_pdf(
        template="pdf/attendance_sheet.html",
        context=pdf_context(sheet, with_amounts=with_amounts, by=by),
    )
