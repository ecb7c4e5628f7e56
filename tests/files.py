"""Files for the import tests: CSV (with or without a BOM, in any encoding), XLSX and ZKTeco
device logs, and running an import the way the import page does."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from staffing.imports.services import import_file

PUNCH_HEADER = ["工号", "打卡时间", "设备"]
LEAVE_HEADER = ["工号", "请假类型", "开始日期", "结束日期", "开始半天", "结束半天", "状态"]


def csv_file(rows: list[list], *, name: str = "data.csv", bom: bool = False, encoding="utf-8"):
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    data = text.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_file(rows: list[list], *, name: str = "data.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def attlog_file(lines: list[str], *, name: str = "1_attlog.dat"):
    """A ZKTeco attlog export: no header, tab-separated, CRLF line ends as the device writes."""
    return SimpleUploadedFile(name, "\r\n".join(lines).encode() + b"\r\n")


def attlog_line(user_id: str, when: str) -> str:
    # The device pads the user id and appends verify mode, in/out state, work code and a spare.
    return f"{user_id:>9}\t{when}\t1\t0\t1\t0"


def run(kind: str, file, *, user=None, dry_run: bool = False, skip_invalid: bool = False):
    return import_file(kind=kind, file=file, user=user, dry_run=dry_run, skip_invalid=skip_invalid)


def errors_of(report) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in report.errors]
