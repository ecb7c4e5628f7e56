"""attendance.exports.files: the columns of SPEC §14 in order, how values are written, and what only
HR may read."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

from attendance.exports.files import SPEC_KEYS, sheet_csv, sheet_rows
from attendance.models import LeaveKind
from attendance.selectors.sheet import Sheet, SheetRow, apply_outcomes
from onsite.org.models import Site
from onsite.policy import POLICIES

SPEC_14 = [
    "staff_no",
    "name",
    "scheduled_days",
    "present_days",
    "late_count",
    "late_minutes",
    "early_count",
    "early_minutes",
    "absent_days",
    "leave_days",
    "overtime_hours",
    "explanation_required",
    "fine_cny",
    "deduction_days",
    "dismissal_review",
]


def sheet_of(**values) -> Sheet:
    row = SheetRow(staff_id=1, staff_no="007", name="张三", monthly_salary=Decimal("6600"))
    for name, value in values.items():
        setattr(row, name, value)
    apply_outcomes(row, lambda key: POLICIES[key].default)
    site = Site(code="A", name="甲机房")
    return Sheet(site=site, month=datetime.date(2026, 10, 1), rows=[row], status="open")


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_spec_columns_come_first_in_spec_order():
    columns, _ = sheet_rows(sheet_of(), with_amounts=True)
    assert [c.key for c in columns][:15] == SPEC_14 == SPEC_KEYS


def test_leave_kinds_overtime_categories_amounts_and_rules_follow_the_spec_columns():
    columns, _ = sheet_rows(sheet_of(), with_amounts=True)
    assert [c.key for c in columns][15:] == [
        *(f"leave_{kind}_days" for kind in LeaveKind.values),
        "overtime_workday_hours",
        "overtime_rest_day_hours",
        "overtime_holiday_hours",
        "deduction_cny",
        "rules",
    ]


def test_the_csv_starts_with_a_bom_for_excel():
    assert sheet_csv(sheet_of(), with_amounts=False).startswith("\ufeff".encode())


def test_booleans_are_yes_and_no():
    flagged = sheet_of(scheduled=Decimal(22), absent=Decimal(4), present=Decimal(18))
    (row,) = csv_rows(sheet_csv(flagged, with_amounts=False))
    assert (row["explanation_required"], row["dismissal_review"]) == ("yes", "yes")
    (row,) = csv_rows(sheet_csv(sheet_of(scheduled=Decimal(22)), with_amounts=False))
    assert (row["explanation_required"], row["dismissal_review"]) == ("no", "no")


def test_days_are_written_without_needless_zeros():
    sheet = sheet_of(
        scheduled=Decimal("22.0"),
        present=Decimal("19.5"),
        absent=Decimal("2.0"),
        leave=Decimal("0.5"),
        leave_by_kind={LeaveKind.PERSONAL: Decimal("0.5"), LeaveKind.SICK: Decimal("0.0")},
    )
    (row,) = csv_rows(sheet_csv(sheet, with_amounts=True))
    assert row["scheduled_days"] == "22"
    assert row["present_days"] == "19.5"
    assert row["absent_days"] == "2"
    assert row["leave_personal_days"] == "0.5"
    assert row["leave_sick_days"] == "0"
    assert row["deduction_days"] == "2.5"
    assert row["deduction_cny"] == "750.00"  # 6600 ÷ 22 × 2.5
    assert row["staff_no"] == "007"


def test_the_fine_and_its_rule_are_written():
    sheet = sheet_of(scheduled=Decimal(22), present=Decimal(22), late_count=3, early_count=1)
    (row,) = csv_rows(sheet_csv(sheet, with_amounts=False))
    assert row["fine_cny"] == "40"
    assert "20" in row["rules"]


def test_rules_of_one_person_are_joined_by_a_chinese_semicolon():
    sheet = sheet_of(scheduled=Decimal(22), absent=Decimal(4), late_count=3, late_minutes=200)
    (row,) = csv_rows(sheet_csv(sheet, with_amounts=False))
    # Two explanation reasons, the fine and the dismissal review.
    assert len(row["rules"].split("；")) == 4


def test_without_hr_rights_the_amount_and_the_salary_in_its_rule_are_left_out():
    sheet = sheet_of(scheduled=Decimal(22), absent=Decimal(1), present=Decimal(21))
    columns, _ = sheet_rows(sheet, with_amounts=False)
    assert "deduction_cny" not in [c.key for c in columns]
    data = sheet_csv(sheet, with_amounts=False).decode("utf-8-sig")
    assert "6600" not in data and "300.00" not in data
    (row,) = csv_rows(sheet_csv(sheet, with_amounts=False))
    assert row["deduction_days"] == "1"
    with_hr = csv_rows(sheet_csv(sheet, with_amounts=True))[0]
    assert with_hr["deduction_cny"] == "300.00"
    assert "6600" in with_hr["rules"]


def test_rows_hold_numbers_not_text():
    sheet = sheet_of(scheduled=Decimal("21.5"), late_count=2, late_minutes=40)
    columns, (values,) = sheet_rows(sheet, with_amounts=True)
    by_key = dict(zip((c.key for c in columns), values, strict=True))
    assert by_key["scheduled_days"] == Decimal("21.5")
    assert by_key["late_minutes"] == 40
    assert by_key["explanation_required"] is False


def test_the_amount_is_empty_when_no_salary_is_on_record():
    sheet = sheet_of(scheduled=Decimal(22), absent=Decimal(1), present=Decimal(21))
    sheet.rows[0].monthly_salary = None
    (row,) = csv_rows(sheet_csv(sheet, with_amounts=True))
    assert (row["deduction_days"], row["deduction_cny"]) == ("1", "")
