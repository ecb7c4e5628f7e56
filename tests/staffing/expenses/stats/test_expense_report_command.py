"""`manage.py expense_report` (SPEC §14): exactly the columns, one row per site, read back from
the CSV and the XLSX; an unknown company or a bad month exits non-zero with a message."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.dates import MONDAY
from tests.staffing.expenses.stats.helpers import spend

HEADER = [
    "site_code",
    "transport",
    "lodging",
    "meals",
    "communication",
    "subsidy",
    "total",
    "previous_average",
    "flagged",
]


@pytest.fixture
def spent(world):
    spend(world.person_a, world.site_a, datetime.date(2026, 8, 3), "150.00")
    spend(world.person_a, world.site_a, MONDAY, "80.00")
    spend(world.person_a, world.site_a, MONDAY, "1200.00", category="lodging")
    spend(world.person_b, world.site_b, MONDAY, "35.50", category="transport")
    return world


def run(*args) -> str:
    out = io.StringIO()
    call_command("expense_report", *args, stdout=out)
    return out.getvalue()


def test_the_csv_has_the_columns_and_a_row_per_site(spent, tmp_path):
    path = tmp_path / "expenses.csv"
    printed = run("--company", "恒信技术服务", "--month", "2026-10", "--output", str(path))
    assert str(path) in printed
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert rows[1] == ["A", "0.00", "1200.00", "80.00", "0.00", "0.00", "1280.00", "50.00", "yes"]
    assert rows[2] == ["B", "35.50", "0.00", "0.00", "0.00", "0.00", "35.50", "0.00", "no"]
    assert len(rows) == 3


def test_the_xlsx_has_the_same_rows(spent, tmp_path):
    path = tmp_path / "expenses.xlsx"
    run("--company", "恒信技术服务", "--month", "2026-10", "--output", str(path))
    sheet = openpyxl.load_workbook(path).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert rows[1][0] == "A" and float(rows[1][6]) == 1280.0 and rows[1][-1] == "yes"
    assert rows[2][0] == "B" and rows[2][-1] == "no"


def test_a_month_read_later_sees_the_data_as_it_stands(spent, tmp_path):
    path = tmp_path / "expenses.csv"
    spend(spent.person_b, spent.site_b, MONDAY, "4.50", category="transport")
    run("--company", "恒信技术服务", "--month", "2026-10", "--output", str(path))
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert rows[2][1] == "40.00"


def test_a_site_code_that_looks_like_a_formula_is_neutralised(spent, tmp_path):
    spent.site_b.code = "=HYPERLINK(1)"
    spent.site_b.save(update_fields=["code"])
    path = tmp_path / "expenses.csv"
    run("--company", "恒信技术服务", "--month", "2026-10", "--output", str(path))
    assert "'=HYPERLINK(1)" in path.read_bytes().decode("utf-8-sig")


@pytest.mark.parametrize(
    ("company", "month", "name", "message"),
    [
        ("没有这家公司", "2026-10", "x.csv", "没有这家公司"),
        ("恒信技术服务", "2026-13", "x.csv", "2026-13"),
        ("恒信技术服务", "10/2026", "x.csv", "10/2026"),
        ("恒信技术服务", "2026-10", "x.pdf", "x.pdf"),
    ],
)
def test_an_unknown_company_or_bad_month_exits_with_a_message(
    world, tmp_path, company, month, name, message
):
    with pytest.raises(CommandError, match=message):
        run("--company", company, "--month", month, "--output", str(tmp_path / name))
    assert not (tmp_path / name).exists()
