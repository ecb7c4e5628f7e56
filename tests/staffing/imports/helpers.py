"""Building import files in tests: CSV (with or without a BOM, in any encoding) and XLSX."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from staffing.imports.services import import_file


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


def run(kind: str, file, *, user=None, dry_run: bool = False, skip_invalid: bool = False):
    return import_file(kind=kind, file=file, user=user, dry_run=dry_run, skip_invalid=skip_invalid)


def errors_of(report) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in report.errors]
