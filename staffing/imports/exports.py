"""Workbooks going out: an import template per kind, and the roster of the staff one may see.

Both use the Chinese headers of the import columns, so an HR admin can fill in a template, or
edit an exported roster (with full ID numbers), and import it again."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from onsite.access import access_for
from onsite.importkinds import import_kind
from onsite.org.models import Assignment, Staff, mask_id_number
from onsite.spreadsheets import xlsx_append, xlsx_bytes
from staffing.imports.resources import StaffResource
from staffing.imports.services import kind_columns
from staffing.imports.widgets import GENDER_LABELS
from staffing.models import CheckStatus, Condition

TEXT = "@"  # Excel's text format: staff numbers keep leading zeros, ID numbers all 18 digits
CENT = Decimal("0.01")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

EXAMPLES: dict[str, dict[str, str]] = {
    "companies": {"name": "{company}"},
    "sites": {
        "code": "SH-01",
        "name": "张江数据中心",
        "client": "江南数据局",
        "address": "上海市浦东新区张江路 1 号",
        "schedule": "08:30-12:00,14:00-17:30",
        "grace_minutes": "5",
    },
    "contracts": {
        "code": "HT-2026-001",
        "company": "{company}",
        "client": "江南数据局",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "headcount": "5",
        "sites": "SH-01;SH-02",
    },
    "staff": {
        "staff_no": "E0001",
        "name": "张三",
        "gender": "男",
        "birth_date": "1990-03-07",
        "id_number": "110101199003070011",
        "phone": "13800138000",
        "company": "{company}",
        "position": "运维工程师",
        "monthly_salary": "6500",
        "qualified": "否",
    },
    "assignments": {
        "staff_no": "E0001",
        "site_code": "SH-01",
        "contract_code": "HT-2026-001",
        "start": "2026-03-01",
        "end": "",
        "backup": "否",
    },
    "punches": {"staff_no": "E0001", "timestamp": "2026-03-02 08:29", "device": "1"},
    "leave": {
        "staff_no": "E0001",
        "type": "事假",
        "start": "2026-03-02",
        "end": "2026-03-03",
        "start_half": "下午",
        "end_half": "",
        "status": "已批准",
    },
}


def template_workbook(*, kind: str, company_name: str) -> bytes:
    """Headers in Chinese, one example row, and a second sheet naming each column."""
    columns = [c for c in kind_columns(kind) if not c.export_only]
    example = EXAMPLES.get(kind) or dict(import_kind(kind).example)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Import")
    xlsx_append(sheet, [column.label for column in columns])
    xlsx_append(sheet, [example[c.key].format(company=company_name) for c in columns])
    _style(sheet, len(columns))
    notes = workbook.create_sheet(_("Columns"))
    xlsx_append(notes, [_("Column"), _("English key"), _("Required")])
    for column in columns:
        xlsx_append(notes, [column.label, column.key, "是" if column.required else "否"])
    _style(notes, 3)
    return xlsx_bytes(workbook)


def roster_workbook(*, user, full_ids: bool) -> bytes:
    """The staff `user` may see. ID numbers are masked unless an HR admin asks for them in full,
    and then only for their own companies' staff; salaries only for HR of the company."""
    access = access_for(user)
    today = timezone.localdate()
    here_today = Assignment.objects.active_on(today).filter(staff=OuterRef("pk"))
    people = (
        Staff.objects.visible_to(user)
        .select_related("company", "position")
        .annotate(
            site_name=Subquery(here_today.order_by("-start").values("site__name")[:1]),
            passed=Count("checks", filter=Q(checks__status=CheckStatus.PASSED)),
        )
        .order_by("company__name", "staff_no")
    )
    columns = StaffResource.columns
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Roster")
    xlsx_append(sheet, [column.label for column in columns])
    for person in people:
        hr = access.is_hr_for(person.company_id)
        if full_ids and hr:
            id_number = person.id_number
        else:
            id_number = mask_id_number(person.id_number) if person.id_number else ""
        values = {
            "staff_no": person.staff_no,
            "name": person.name,
            "gender": GENDER_LABELS.get(person.gender, ""),
            "birth_date": person.birth_date.isoformat(),
            "id_number": id_number,
            "phone": person.phone,
            "company": person.company.name,
            "position": person.position.title if person.position else "",
            # A number, to the fen: text would hide a negative amount behind a quote.
            "monthly_salary": (
                person.monthly_salary.quantize(CENT)
                if hr and person.monthly_salary is not None
                else ""
            ),
            "qualified": "是" if person.passed == len(Condition) else "否",
            "status": person.get_status_display(),
            "site": person.site_name or "",
        }
        xlsx_append(sheet, [values[column.key] for column in columns])
    _style(sheet, len(columns))
    return xlsx_bytes(workbook)


def _style(sheet, width: int) -> None:
    for number in range(1, width + 1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = 18
        sheet.column_dimensions[letter].number_format = TEXT
        header = sheet.cell(row=1, column=number)
        header.font = HEADER_FONT
        header.fill = HEADER_FILL
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = TEXT
    sheet.freeze_panes = "A2"
