"""`import_data expenses` (SPEC §14): paid history, one paid claim per person and month, category
by key or Chinese label, lodging away, the site of the date's placement; the same line again is
unchanged, an invoice number another line of the company holds is a row error; the whole file or
nothing, a dry run changes nothing, and the same file twice changes nothing."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from onsite.org.models import Assignment
from staffing.imports.expenses import IMPORTED
from staffing.models import Claim, ClaimStatus, ExpenseLine
from tests import factories
from tests.files import csv_file, errors_of, run, xlsx_file

HEADER = ["工号", "日期", "类别", "金额", "发票号码"]


@pytest.fixture
def numbered(world):
    world.person_a.staff_no = "E001"
    world.person_a.save(update_fields=["staff_no"])
    world.person_b.staff_no = "E002"
    world.person_b.save(update_fields=["staff_no"])
    return world


def good_rows():
    return [
        HEADER,
        ["E001", "2026-08-03", "餐饮", "86.50", "0440-0230-0111"],
        ["E001", "2026-08-20", "lodging", "380", "044002300112"],
        ["E001", "2026-09-01", "交通", "12.00", ""],
        ["E002", "2026-08-05", "通讯", "199.00", "044002300113"],
    ]


def test_a_good_file_makes_one_paid_claim_per_person_and_month(numbered):
    w = numbered
    report = run("expenses", csv_file(good_rows()), user=w.hr)
    assert errors_of(report) == [] and report.written and report.new == 4
    claims = Claim.objects.filter(payment_reference=IMPORTED).order_by("staff__staff_no", "month")
    assert [(c.staff.staff_no, c.month, c.status, c.total) for c in claims] == [
        ("E001", datetime.date(2026, 8, 1), ClaimStatus.PAID, Decimal("466.50")),
        ("E001", datetime.date(2026, 9, 1), ClaimStatus.PAID, Decimal("12.00")),
        ("E002", datetime.date(2026, 8, 1), ClaimStatus.PAID, Decimal("199.00")),
    ]
    lodging = ExpenseLine.objects.get(category="lodging")
    assert lodging.away is True and lodging.site == w.site_a
    meals = ExpenseLine.objects.get(category="meals")
    assert meals.invoice_no == "044002300111" and meals.away is False
    assert ExpenseLine.objects.get(category="communication").site == w.site_b


def test_the_same_file_twice_changes_nothing(numbered):
    w = numbered
    run("expenses", csv_file(good_rows()), user=w.hr)
    again = run("expenses", xlsx_file(good_rows()), user=w.hr)
    assert errors_of(again) == [] and again.new == 0 and again.skipped == 4
    assert ExpenseLine.objects.count() == 4 and Claim.objects.count() == 3


def test_a_later_file_of_the_same_month_joins_the_months_claim(numbered):
    w = numbered
    run("expenses", csv_file(good_rows()), user=w.hr)
    run("expenses", csv_file([HEADER, ["E001", "2026-08-30", "补助", "50", ""]]), user=w.hr)
    claim = Claim.objects.get(staff=w.person_a, month=datetime.date(2026, 8, 1))
    assert claim.lines.count() == 3 and claim.total == Decimal("516.50")


def test_the_site_is_the_placement_of_the_lines_date(numbered):
    w = numbered
    contract = w.person_a.assignments.get().contract
    Assignment.objects.create(
        staff=w.person_a,
        site=w.site_b,
        contract=contract,
        position=w.person_a.assignments.get().position,
        start=datetime.date(2026, 9, 1),
        end=datetime.date(2026, 9, 30),
    )
    rows = [
        HEADER,
        ["E001", "2026-08-31", "餐饮", "10", ""],
        ["E001", "2026-09-01", "餐饮", "11", ""],
    ]
    run("expenses", csv_file(rows), user=w.hr)
    sites = dict(ExpenseLine.objects.values_list("date", "site__code"))
    assert sites == {datetime.date(2026, 8, 31): "A", datetime.date(2026, 9, 1): "B"}


def test_bad_rows_are_listed_by_row_and_column_and_nothing_is_written(numbered):
    w = numbered
    rows = [
        HEADER,
        ["E001", "2026-08-03", "餐饮", "86.50", ""],
        ["E999", "2026-08-03", "餐饮", "10", ""],
        ["E001", "2026-02-30", "打车", "-5", "发票#1"],
        ["E001", "2099-01-01", "交通", "0", ""],
    ]
    report = run("expenses", csv_file(rows), user=w.hr)
    found = {(row, column) for row, column, _message in errors_of(report)}
    assert found == {
        (3, "工号"),
        (4, "日期"),
        (4, "类别"),
        (4, "金额"),
        (4, "发票号码"),
        (5, "日期"),
        (5, "金额"),
    }
    assert report.invalid == 3 and not report.written
    assert ExpenseLine.objects.count() == 0 and Claim.objects.count() == 0


def test_skip_invalid_keeps_the_good_rows(numbered):
    rows = [HEADER, ["E001", "2026-08-03", "餐饮", "86.50", ""], ["E001", "x", "餐饮", "1", ""]]
    report = run("expenses", csv_file(rows), user=numbered.hr, skip_invalid=True)
    assert report.written and report.new == 1 and report.invalid == 1
    assert ExpenseLine.objects.count() == 1


def test_a_dry_run_changes_nothing(numbered):
    report = run("expenses", csv_file(good_rows()), user=numbered.hr, dry_run=True)
    assert report.new == 4 and not report.written
    assert ExpenseLine.objects.count() == 0 and Claim.objects.count() == 0


def test_one_invoice_for_two_people_in_the_file_is_refused(numbered):
    rows = [
        HEADER,
        ["E001", "2026-08-03", "餐饮", "86.50", "INV1"],
        ["E002", "2026-08-04", "餐饮", "20.00", "inv-1"],
    ]
    report = run("expenses", csv_file(rows), user=numbered.hr)
    assert [(row, column) for row, column, _m in errors_of(report)] == [(3, "发票号码")]
    assert "INV1" in errors_of(report)[0][2]
    assert ExpenseLine.objects.count() == 0


def test_an_invoice_of_an_existing_line_is_refused(numbered):
    w = numbered
    claim = factories.ClaimFactory(staff=w.person_b, status=ClaimStatus.SUBMITTED)
    factories.ExpenseLineFactory(claim=claim, invoice_no="044002300111")
    rows = [HEADER, ["E001", "2026-08-03", "餐饮", "86.50", "044002300111"]]
    report = run("expenses", csv_file(rows), user=w.hr)
    assert [(row, column) for row, column, _m in errors_of(report)] == [(2, "发票号码")]
    assert "已在本公司的报销单中报销过" in errors_of(report)[0][2]


def test_an_invoice_of_another_company_is_its_own(numbered):
    other = factories.StaffFactory(name="外司员工")
    claim = factories.ClaimFactory(
        staff=other, status=ClaimStatus.PAID, paid_on=datetime.date(2026, 8, 1)
    )
    factories.ExpenseLineFactory(claim=claim, invoice_no="044002300111")
    report = run("expenses", csv_file(good_rows()), user=numbered.hr)
    assert errors_of(report) == [] and report.new == 4


def test_hr_imports_only_their_companys_people(numbered):
    other = factories.StaffFactory(name="外司员工", staff_no="X01")
    rows = [HEADER, ["X01", "2026-08-03", "餐饮", "86.50", ""]]
    report = run("expenses", csv_file(rows), user=numbered.hr)
    assert [(row, column) for row, column, _m in errors_of(report)] == [(2, "工号")]
    assert not ExpenseLine.objects.filter(claim__staff=other).exists()


def test_the_command_imports_the_english_headers(numbered, tmp_path):
    path = tmp_path / "expenses.csv"
    path.write_text(
        "staff_no,date,category,amount,invoice_no\nE001,2026-08-03,meals,86.50,A1\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_data", "expenses", str(path), stdout=out)
    call_command("import_data", "expenses", str(path), stdout=out)
    assert ExpenseLine.objects.get().invoice_no == "A1"
