"""The roster, the import templates and import-export's own export never carry a live formula
(OWASP CSV injection): text starting with = + - @, a tab or a carriage return is written behind a
quote, as a string; numbers stay numbers; and an exported roster imports back unchanged."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from onsite.org.models import Company, Staff
from staffing.imports.context import ImportContext
from staffing.imports.resources import StaffResource
from staffing.imports.services import import_file
from tests.onsite.test_spreadsheets import HOSTILE


def cells(response) -> list:
    workbook = load_workbook(io.BytesIO(response.content))
    return [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value]


def no_formula(found) -> None:
    assert [cell.coordinate for cell in found if cell.data_type == "f"] == []


@pytest.mark.parametrize("name", HOSTILE)
def test_the_roster_writes_a_hostile_name_as_text(client, world, name):
    Staff.objects.filter(pk=world.person_a.pk).update(name=name)
    client.force_login(world.hr)
    found = cells(client.get(reverse("staffing:roster_export")))
    no_formula(found)
    # XML reads a carriage return back as a line feed.
    assert "'" + name.replace("\r", "\n") in [cell.value for cell in found]


def test_the_roster_writes_the_salary_as_a_number(client, world):
    Staff.objects.filter(pk=world.person_a.pk).update(monthly_salary=Decimal("12500"))
    client.force_login(world.hr)
    found = cells(client.get(reverse("staffing:roster_export")))
    (salary,) = [cell for cell in found if cell.value == 12500]
    assert salary.data_type == "n"


def test_an_exported_roster_with_a_hostile_name_imports_back_unchanged(client, world):
    Staff.objects.filter(pk=world.person_a.pk).update(name="=HYPERLINK(1)")
    client.force_login(world.hr)
    response = client.get(reverse("staffing:roster_export"), {"full_ids": "1"})
    upload = SimpleUploadedFile("roster.xlsx", response.content)
    report = import_file(kind="staff", file=upload, user=world.hr, dry_run=True, skip_invalid=False)
    assert (report.errors, report.updated, report.new) == ([], 0, 0)


def test_a_template_naming_a_hostile_company_writes_it_as_text(client, world):
    Company.objects.filter(pk=world.company.pk).update(name="@SUM(A1)")
    client.force_login(world.hr)
    found = cells(client.get(reverse("staffing:import_template", args=["staff"])))
    no_formula(found)
    assert "'@SUM(A1)" in [cell.value for cell in found]


def test_import_exports_own_export_is_neutralised(world):
    Staff.objects.filter(pk=world.person_a.pk).update(name="+1")
    resource = StaffResource(context=ImportContext(user=None, today=None))
    dataset = resource.export(queryset=Staff.objects.filter(pk=world.person_a.pk))
    assert "'+1" in dataset[0]
