"""onsite.spreadsheets: the one helper every spreadsheet we write or read goes through."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from onsite.spreadsheets import csv_bytes, restore_cell, safe_cell, xlsx_append, xlsx_bytes

# Each would run as a formula (or start one) in Excel or LibreOffice.
HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_would_run_as_a_formula_gets_a_leading_quote(text):
    assert safe_cell(text) == "'" + text
    assert restore_cell(safe_cell(text)) == text


@pytest.mark.parametrize("value", [-3, -2.5, Decimal("-12.50"), 0, None, True, "张三", "a=b", ""])
def test_numbers_and_harmless_text_are_kept_as_they_are(value):
    assert safe_cell(value) is value


def test_a_quote_the_user_wrote_before_harmless_text_is_kept_on_reading():
    assert restore_cell("'007") == "'007"


@pytest.mark.parametrize("text", HOSTILE)
def test_xlsx_cells_are_strings_never_formulas(text):
    workbook = Workbook()
    xlsx_append(workbook.active, [text, -3, Decimal("-1.5")])
    (row,) = load_workbook(io.BytesIO(xlsx_bytes(workbook))).active.iter_rows()
    assert [cell.data_type for cell in row] == ["s", "n", "n"]
    # XML reads a carriage return back as a line feed; the quote in front is what counts.
    assert row[0].value == "'" + text.replace("\r", "\n")
    assert [row[1].value, row[2].value] == [-3, -1.5]


def test_csv_neutralises_text_and_writes_negative_numbers_as_numbers():
    data = csv_bytes([["name", "n"], *[[text, -3] for text in HOSTILE], ["x", Decimal("-0.50")]])
    assert data.startswith(b"\xef\xbb\xbf")
    _header, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    assert [row[0] for row in rows[:-1]] == ["'" + text for text in HOSTILE]
    assert [row[1] for row in rows] == ["-3"] * len(HOSTILE) + ["-0.50"]


def test_no_app_module_writes_or_opens_a_spreadsheet_past_the_helper():
    """A new export or import that calls csv or openpyxl itself would skip the neutralising and
    the limits; it must use onsite.spreadsheets instead."""
    root = Path(__file__).resolve().parents[2]
    direct = re.compile(
        r"csv\.(writer|DictWriter)\(|load_workbook\(|\.save\(buffer\)"
        r"|\b(ws|sheet|worksheet)\.append\("
    )
    found = []
    for app in ("onsite", "staffing", "attendance"):
        for path in (root / app).rglob("*.py"):
            if path.name == "spreadsheets.py" or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if "openpyxl" in text or "import csv" in text:
                found += [f"{path.relative_to(root)}: {m.group(0)}" for m in direct.finditer(text)]
    assert found == []
