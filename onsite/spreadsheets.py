"""Every spreadsheet Onsite writes or reads goes through here.

Writing: a cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a
formula by Excel and LibreOffice (a name `=HYPERLINK(…)` becomes a live link). OWASP's rule: such
text gets a leading single quote, and XLSX text cells are always stored as strings. Real numbers
stay numbers: -3 is a number, not text, and is written as one.

Reading: a 1.5 KB XLSX can declare sixteen thousand columns, and a 1.6 MB one unpack to gigabytes.
A workbook is refused before it is opened when its members would unpack beyond
SPREADSHEET_MAX_UNCOMPRESSED_BYTES or its sheet declares more than the row and column limits; it
is then streamed (read-only), and reading stops at the first row beyond the limits, as it does
for CSV and device logs."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl.cell.cell import Cell

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
NUMBERS = (int, float, Decimal)


# Writing ----------------------------------------------------------------------------------------


def safe_cell(value):
    """`value` as it may go into a spreadsheet: text that a spreadsheet would run as a formula is
    prefixed with a quote; numbers, dates, booleans and None are kept as they are."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return QUOTE + value
    return value


def restore_cell(text: str) -> str:
    """The text a neutralised cell stood for, so that an exported roster imports unchanged."""
    if text.startswith(QUOTE) and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def csv_text(value) -> str:
    """One CSV field: numbers written plainly (a Decimal as it is quantised), text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return safe_cell(str(value))


def csv_bytes(rows: Iterable[Sequence], *, bom: bool = True) -> bytes:
    """Rows as CSV in UTF-8; with a byte-order mark by default, which Excel on Chinese Windows
    needs to read names as UTF-8 rather than GBK."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_append(worksheet, values: Iterable) -> None:
    """Append one row of `values` to an openpyxl worksheet, text neutralised and stored as a
    string (data type `s`): no cell this writes is ever a formula."""
    row = []
    for value in values:
        value = safe_cell(value)
        if isinstance(value, str):
            # A cell made here and appended: reading the row back (worksheet[max_row]) scanned
            # every cell of the sheet on each row, seconds for a 2,000-row ranking.
            value = Cell(worksheet, value=value)
            value.data_type = "s"
        row.append(value)
    worksheet.append(row)


def xlsx_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Reading ----------------------------------------------------------------------------------------


class SpreadsheetRefused(Exception):
    """The file is beyond what is read; the message says which limit and what to do."""


def max_rows() -> int:
    return settings.SPREADSHEET_MAX_ROWS


def max_columns() -> int:
    return settings.SPREADSHEET_MAX_COLUMNS


def too_many_rows() -> SpreadsheetRefused:
    return SpreadsheetRefused(
        _(
            "The file has more than %(max)s rows. Split it into files of at most %(max)s rows "
            "each and upload them one by one."
        )
        % {"max": max_rows()}
    )


def too_many_columns(row: int) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        _(
            "Row %(row)s has values beyond column %(max)s; at most %(max)s columns are read. "
            "Remove the extra columns and upload the file again."
        )
        % {"row": row, "max": max_columns()}
    )


def check_xlsx(source) -> None:
    """Refuse a workbook (bytes, or a binary file) that would unpack beyond the limit, reading
    only the zip's directory."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            # zipfile stops at each member's declared size, so the declared sizes bound the work.
            unpacked = sum(member.file_size for member in archive.infolist())
            limit = settings.SPREADSHEET_MAX_UNCOMPRESSED_BYTES
            if unpacked > limit:
                raise SpreadsheetRefused(
                    _(
                        "The workbook unpacks to %(size)s; workbooks may unpack to at most "
                        "%(limit)s. Copy the rows you need into a new workbook and upload that."
                    )
                    % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)}
                )
    except (zipfile.BadZipFile, OSError, ValueError):
        pass  # not a zip: opening it says the file cannot be read
    finally:
        source.seek(0)


def _check_declared(sheet) -> None:
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > max_rows() or columns > max_columns():
        raise SpreadsheetRefused(
            _(
                "The worksheet declares %(rows)s rows and %(columns)s columns; at most "
                "%(max_rows)s rows and %(max_columns)s columns are read. Copy the cells that "
                "hold data into a new workbook and upload that."
            )
            % {
                "rows": rows,
                "columns": columns,
                "max_rows": max_rows(),
                "max_columns": max_columns(),
            }
        )


def xlsx_rows(data: bytes) -> Iterator[list]:
    """The values of the first sheet of the workbook in `data`, one list a row (the file's rows,
    empty ones included), at most the column limit wide; SpreadsheetRefused beyond the limits.
    Errors of a file that is no workbook at all pass through (zipfile, openpyxl)."""
    from openpyxl import load_workbook

    check_xlsx(data)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        _check_declared(sheet)
        # The declared size is only a claim: stream the cells themselves, without padding every
        # row out to it, and stop one row past the limit.
        sheet.reset_dimensions()
        width = max_columns()
        for number, values in enumerate(
            sheet.iter_rows(max_row=max_rows() + 1, values_only=True), start=1
        ):
            if number > max_rows():
                raise too_many_rows()
            if len(values) > width:
                if any(value not in (None, "") for value in values[width:]):
                    raise too_many_columns(number)
                values = values[:width]
            yield list(values)
    finally:
        workbook.close()


def limited_rows(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """`rows` of text (CSV records, log lines), refused beyond the row or column limit."""
    width = max_columns()
    for number, cells in enumerate(rows, start=1):
        if number > max_rows():
            raise too_many_rows()
        if len(cells) > width:
            if any(cells[width:]):
                raise too_many_columns(number)
            cells = cells[:width]
        yield cells
