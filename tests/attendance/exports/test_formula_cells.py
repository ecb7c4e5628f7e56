"""The attendance sheet's XLSX and CSV never carry a live formula (OWASP CSV injection): a name
or rule that starts with = + - @, a tab or a carriage return is written as text behind a quote,
through the sheet page's download and through `manage.py attendance_sheet` alike."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from attendance.exports.files import sheet_csv, sheet_xlsx
from onsite.org.models import Site, Staff
from tests.attendance.exports.test_exports import sheet_of
from tests.onsite.test_spreadsheets import HOSTILE


def xlsx_cells(data: bytes) -> list:
    sheet = load_workbook(io.BytesIO(data)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def as_read_back(text: str) -> str:
    # XML reads a carriage return back as a line feed.
    return "'" + text.replace("\r", "\n")


@pytest.mark.parametrize("name", HOSTILE)
def test_the_sheet_download_writes_a_hostile_name_as_text(client, october, name):
    Staff.objects.filter(pk=october.person_a.pk).update(name=name)
    Site.objects.filter(pk=october.site_a.pk).update(name="=1+1")
    client.force_login(october.hr)
    response = client.get(
        reverse("attendance:sheet_export", args=[october.site_a.pk, "2026-10", "xlsx"])
    )
    cells = xlsx_cells(response.content)
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    values = [cell.value for cell in cells]
    assert as_read_back(name) in values
    assert values[0].startswith("'=1+1")  # the title names the site


@pytest.mark.parametrize("name", HOSTILE)
def test_the_command_writes_a_hostile_name_as_text_in_csv_and_xlsx(october, tmp_path, name):
    Staff.objects.filter(pk=october.person_a.pk).update(name=name)
    csv_file, xlsx_file = tmp_path / "a.csv", tmp_path / "a.xlsx"
    for out in (csv_file, xlsx_file):
        call_command(
            "attendance_sheet",
            "--site",
            "A",
            "--month",
            "2026-10",
            "--output",
            str(out),
            stdout=io.StringIO(),
        )
    header, *rows = csv.reader(io.StringIO(csv_file.read_bytes().decode("utf-8-sig")))
    people = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert people[october.person_a.staff_no]["name"] == "'" + name
    cells = xlsx_cells(xlsx_file.read_bytes())
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert as_read_back(name) in [cell.value for cell in cells]


def test_a_negative_number_stays_a_number_and_only_text_is_neutralised():
    sheet = sheet_of(name="-张三", overtime_hours=Decimal("-3"))
    cells = {cell.value: cell for cell in xlsx_cells(sheet_xlsx(sheet, with_amounts=True))}
    assert cells["'-张三"].data_type == "s"
    assert cells[-3].data_type == "n"
    header, row = csv.reader(io.StringIO(sheet_csv(sheet, with_amounts=True).decode("utf-8-sig")))
    row = dict(zip(header, row, strict=True))
    assert (row["name"], row["overtime_hours"]) == ("'-张三", "-3")
