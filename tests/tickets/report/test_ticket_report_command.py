"""`manage.py ticket_report` (SPEC §14): the columns and rules of the ticket report."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.pdf import pdf_embedded_fonts, pdf_text
from tests.tickets.conftest import RAISED_AT
from tests.tickets.report.conftest import settle
from tickets.exports.files import COLUMNS
from tickets.models import Ticket


def run(tmp_path, name="report.csv", **options):
    output = tmp_path / name
    out = io.StringIO()
    call_command(
        "ticket_report",
        "--site",
        options.get("site", "A"),
        "--month",
        options.get("month", "2026-10"),
        "--output",
        str(output),
        stdout=out,
    )
    return output, out.getvalue()


def csv_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_one_row_per_ticket_with_the_spec_columns(october, tmp_path):
    _world, (met, late_answer, unanswered, urgent) = october
    path, out = run(tmp_path)
    assert "4" in out
    text = path.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    rows = {int(row["number"]): row for row in csv_rows(path)}
    assert rows[met.number] == {
        "number": str(met.number),
        "category": "general",
        "priority": "normal",
        "raised_at": "2026-10-12 09:00",
        "response_minutes": "60",
        "response_breached": "no",
        "resolution_minutes": "600",
        "resolution_breached": "no",
        "rating": "5",
    }
    assert rows[late_answer.number]["response_minutes"] == "1800"
    assert rows[late_answer.number]["response_breached"] == "yes"
    # Never answered, its due times long past (as of now): empty minutes, breached.
    assert rows[unanswered.number]["response_minutes"] == ""
    assert rows[unanswered.number]["response_breached"] == "yes"
    assert rows[unanswered.number]["resolution_breached"] == "yes"
    assert rows[unanswered.number]["priority"] == "low"
    assert rows[urgent.number]["resolution_minutes"] == "360"
    assert rows[urgent.number]["resolution_breached"] == "yes"
    assert rows[urgent.number]["rating"] == ""


def test_minutes_are_wall_clock_on_a_working_hours_site(october, tmp_path):
    """Raised Friday 17:00, answered Monday 09:00: the client waited 64 hours, which the file
    says; the due time the working-hours clock fixed (Monday) decides that it was met."""
    _world, (met, *_rest) = october
    friday = datetime.datetime(2026, 10, 16, 17, 0, tzinfo=RAISED_AT.tzinfo)
    monday = friday + datetime.timedelta(hours=64)
    settle(
        met,
        raised_at=friday,
        acknowledged_at=monday,
        response_due=monday + datetime.timedelta(hours=8),
        resolved_at=None,
        closed_at=None,
        rating=None,
        status="acknowledged",
        resolution_due=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
    )
    path, _out = run(tmp_path)
    row = next(r for r in csv_rows(path) if int(r["number"]) == met.number)
    assert row["response_minutes"] == str(64 * 60)
    assert row["response_breached"] == "no"
    assert row["resolution_minutes"] == ""
    assert row["resolution_breached"] == "no"


def test_a_month_without_tickets_writes_the_header_only(world, tmp_path):
    path, _out = run(tmp_path, month="2026-09")
    assert path.read_bytes().decode("utf-8-sig").splitlines() == [",".join(COLUMNS)]


def test_computed_from_the_data_as_it_stands(october, tmp_path):
    _world, (met, *_rest) = october
    Ticket.objects.filter(pk=met.pk).update(rating=2)
    path, _out = run(tmp_path)
    assert next(r for r in csv_rows(path) if int(r["number"]) == met.number)["rating"] == "2"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"site": "NOPE"}, "NOPE"),
        ({"month": "2026-13"}, "2026-13"),
        ({"month": "October"}, "October"),
    ],
)
def test_an_unknown_site_or_month_is_refused(world, tmp_path, options, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, **options)
    assert not (tmp_path / "report.csv").exists()


def test_an_unknown_file_type_is_refused(world, tmp_path):
    with pytest.raises(CommandError, match=r"report\.txt"):
        run(tmp_path, name="report.txt")


def test_the_xlsx_has_the_summary_and_the_rows_never_formulas(october, tmp_path):
    _world, (met, *_rest) = october
    Ticket.objects.filter(pk=met.pk).update(title="=HYPERLINK(1)")
    path, _out = run(tmp_path, name="report.xlsx")
    book = load_workbook(path)
    summary, rows = book.worksheets
    assert "甲机房" in summary["A1"].value
    values = [cell for row in summary.iter_rows(values_only=True) for cell in row]
    assert "50.0%" in values  # response compliance
    header = [cell.value for cell in rows[1]]
    assert header[: len(COLUMNS)] == list(COLUMNS)
    assert rows.max_row == 5
    for row in rows.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
    titles = [rows.cell(row=r, column=len(COLUMNS) + 1).value for r in range(2, 6)]
    assert "'=HYPERLINK(1)" in titles
    assert isinstance(rows.cell(row=2, column=5).value, int)  # minutes as numbers


def test_the_pdf_prints_chinese_with_an_embedded_cjk_font(october, tmp_path):
    path, _out = run(tmp_path, name="report.pdf")
    data = path.read_bytes()
    text = pdf_text(data)
    assert "甲机房" in text
    assert "A-0003" in text  # the unanswered ticket among the breaches
    fonts = pdf_embedded_fonts(data)
    assert any("CJK" in name for name in fonts), fonts
