"""`manage.py attendance_sheet --site CODE --month YYYY-MM --output FILE` (SPEC §14)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from attendance.models import Day
from tests.attendance.exports.test_exports import SPEC_14
from tests.factories import full_day


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("attendance_sheet", *args, stdout=out)
    return out.getvalue()


def read_csv(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_the_csv_header_starts_with_the_spec_columns(october, tmp_path):
    out = tmp_path / "a.csv"
    run("--site", "A", "--month", "2026-10", "--output", str(out))
    header = read_csv(out)[0]
    assert header[:15] == SPEC_14
    assert header[-2:] == ["deduction_cny", "rules"]


def test_a_persons_row_carries_the_months_numbers(october, tmp_path):
    out = tmp_path / "a.csv"
    with translation.override("en"):
        message = run("--site", "A", "--month", "2026-10", "--output", str(out))
    assert message.strip() == f"1 row written to {out}."
    header, *rows = read_csv(out)
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["staff_no"] == october.person_a.staff_no
    assert row["name"] == "张三"
    expected = {
        "scheduled_days": "5",
        "present_days": "3.5",
        "late_count": "2",
        "late_minutes": "36",
        "early_count": "1",
        "early_minutes": "30",
        "absent_days": "1",
        "leave_days": "0.5",
        "overtime_hours": "0",
        "explanation_required": "no",
        "fine_cny": "20",
        "deduction_days": "1.5",
        "dismissal_review": "no",
        "leave_personal_days": "0.5",
        "leave_sick_days": "0",
        "deduction_cny": "500.00",
    }
    assert {key: row[key] for key in expected} == expected
    assert "20" in row["rules"] and "6000" in row["rules"]


def test_the_sheet_is_written_as_judged_unless_asked_to_recompute(october, tmp_path):
    # A punch that arrived after the days were judged, with no recompute queued.
    Day.objects.filter(staff=october.person_a, date=datetime.date(2026, 10, 15)).delete()
    full_day(october.person_a, october.site_a, "2026-10-15")
    out = tmp_path / "a.csv"
    run("--site", "A", "--month", "2026-10", "--output", str(out))
    header, row = read_csv(out)
    assert dict(zip(header, row, strict=True))["scheduled_days"] == "4"
    run("--site", "A", "--month", "2026-10", "--output", str(out), "--recompute")
    header, row = read_csv(out)
    values = dict(zip(header, row, strict=True))
    # Every workday of October is judged now, the 15th present.
    assert int(values["scheduled_days"]) > 5
    assert Day.objects.get(staff=october.person_a, date="2026-10-15").present == 1


def test_the_xlsx_output_has_labelled_headers_and_numbers(october, tmp_path):
    out = tmp_path / "a.xlsx"
    run("--site", "A", "--month", "2026-10", "--output", str(out))
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert "甲机房" in rows[0][0]
    assert rows[2][:2] == ("工号", "姓名")
    assert rows[3][:4] == (october.person_a.staff_no, "张三", 5, 3.5)
    assert len(rows) == 4


def test_a_site_with_nobody_writes_only_the_header(world, tmp_path):
    world.person_b.assignments.all().delete()
    out = tmp_path / "b.csv"
    with translation.override("en"):
        assert run("--site", "B", "--month", "2026-10", "--output", str(out)).startswith("0 rows")
    assert len(read_csv(out)) == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--site", "Z", "--month", "2026-10", "--output", "x.csv"), "Z"),
        (("--site", "A", "--month", "2026-13", "--output", "x.csv"), "2026-13"),
        (("--site", "A", "--month", "10/2026", "--output", "x.csv"), "YYYY-MM"),
        (("--site", "A", "--month", "2026-10", "--output", "x.pdf"), ".xlsx"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(world, tmp_path, args, words):
    with pytest.raises(CommandError, match=words):
        run(*args)
    assert not (tmp_path / "x.csv").exists()


def test_an_unwritable_path_is_refused(world, tmp_path):
    with pytest.raises(CommandError, match="无法写入"):
        run("--site", "A", "--month", "2026-10", "--output", str(tmp_path / "no" / "a.csv"))
