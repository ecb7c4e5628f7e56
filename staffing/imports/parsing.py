"""Reading an uploaded spreadsheet into rows of text (SPEC §14): CSV in UTF-8, with or without a
byte-order mark, or the first sheet of an XLSX workbook. Row numbers are the file's own: the
header is row 1, so people find a reported row where their spreadsheet program shows it.

An attendance device's `attlog` export (punches only) has no header: its rows are its lines,
numbered from 1, each `user_id<TAB>date time<TAB>…` of which the first two fields count."""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.utils.translation import gettext as _

from onsite.spreadsheets import SpreadsheetRefused, limited_rows, restore_cell, xlsx_rows
from onsite.uploads import is_device_log

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class UnreadableFile(Exception):
    """The file cannot be read as a table at all; the message says what to do about it."""


@dataclass
class Table:
    headers: list[str]  # as written in the file, stripped
    rows: list[list[str]] = field(default_factory=list)  # each as long as `headers`
    numbers: list[int] = field(default_factory=list)  # the file row number of each data row
    overlong: list[int] = field(default_factory=list)  # rows with values right of the last header
    device_log: bool = False  # read from an attlog file, whose headers are given, not written


def is_device_log_file(file) -> bool:
    """Whether `file` is an attendance device log, whatever its name says (SPEC §14: by content)."""
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    return not head.startswith(b"PK") and is_device_log(head)


def read_device_log(file, *, headers: list[str]) -> Table:
    """The first two fields of each line of an attlog file, under `headers`; blanks around a
    field are dropped, as are the device's further fields (verify mode, in/out, work code)."""
    file.seek(0)
    data = file.read()
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile(utf8_advice()) from None
    table = Table(headers=list(headers), device_log=True)
    lines = limited_rows([line] for line in text.splitlines())
    try:
        for number, (line,) in enumerate(lines, start=1):
            if not line.strip():
                continue
            fields = line.split("\t", 2)[:2]
            fields.extend([""] * (2 - len(fields)))
            table.rows.append([fields[0].strip(), fields[1].strip()])
            table.numbers.append(number)
    except SpreadsheetRefused as refused:
        raise UnreadableFile(str(refused)) from None
    if not table.rows:
        raise UnreadableFile(_("The file is empty."))
    return table


def read_table(file) -> Table:
    """The table in `file` (an open binary file with a name); an UnreadableFile otherwise."""
    extension = PurePath(file.name or "").suffix.lower().lstrip(".")
    file.seek(0)
    data = file.read()
    try:
        return _table(_xlsx_lines(data) if extension == "xlsx" else _csv_lines(data))
    except SpreadsheetRefused as refused:
        raise UnreadableFile(str(refused)) from None


def utf8_advice() -> str:
    return _(
        "The file is not UTF-8 text. In Excel choose “Save as” → “CSV UTF-8 (comma delimited)”, "
        "or upload the XLSX workbook itself."
    )


def _csv_lines(data: bytes):
    if data.startswith(UTF16_BOMS):
        raise UnreadableFile(utf8_advice())
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile(utf8_advice()) from None
    if "\x00" in text:
        raise UnreadableFile(utf8_advice())
    return _csv_records(text)


def _csv_records(text: str):
    # Each record is one spreadsheet row, even when a quoted cell holds a line break.
    records = limited_rows(csv.reader(io.StringIO(text)))
    try:
        for record in records:
            yield [_text(cell) for cell in record]
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file is malformed: %(problem)s.") % {"problem": error}
        ) from None


def _xlsx_lines(data: bytes):
    from openpyxl.utils.exceptions import InvalidFileException

    rows = xlsx_rows(data)
    try:
        for values in rows:
            yield [_cell_text(value) for value in values]
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise UnreadableFile(_("The file could not be read as an XLSX workbook.")) from None


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float | Decimal):
        return str(value)
    return _text(str(value))


def _text(cell: str) -> str:
    # A cell our own exports neutralised ('=…) reads back as it was written, blanks dropped.
    return restore_cell(cell.strip()).strip()


def _table(lines) -> Table:
    lines = iter(lines)
    first = next(lines, None)
    headers = [unicodedata.normalize("NFC", cell).strip() for cell in first or []]
    if not any(headers):
        raise UnreadableFile(_("The file is empty; its first row must name the columns."))
    while not headers[-1]:
        headers.pop()
    table = Table(headers=headers)
    width = len(headers)
    rows, numbers = table.rows, table.numbers
    for number, cells in enumerate(lines, start=2):
        if not any(cells):
            continue
        if len(cells) != width:  # each line is a new list: one of the right width is kept as is
            if len(cells) > width and any(cells[width:]):
                table.overlong.append(number)
            cells = list(cells[:width])
            cells.extend([""] * (width - len(cells)))
        rows.append(cells)
        numbers.append(number)
    return table
