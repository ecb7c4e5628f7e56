"""Importing a spreadsheet (SPEC §14): the one entry point for the pages and the command line.

`import_file` reads the file, maps its headers to the kind's columns, runs the kind's resource
in one transaction and reports every bad row by its row number in the file, the header as
written there, and the reason. A file with a bad row changes nothing unless the caller chose to
skip bad rows; a dry run changes nothing at all.

The kinds come from the core registry (onsite.importkinds), where each app registers its own.
Punches come by the hundred thousand, so their kind (and leave, beside them) is not run row by
row through import-export: `import_file` hands the read rows to the kind's own bulk importer
(registered with `bulk`), which fills in the same report."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

import tablib
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite.importkinds import KEYS, import_kind, import_reader
from onsite.spreadsheets import SpreadsheetRefused, check_xlsx
from onsite.uploads import SPREADSHEET_TYPES, PunchFileValidator, UploadValidator
from staffing.imports.context import ImportContext
from staffing.imports.parsing import (
    UnreadableFile,
    is_device_log_file,
    read_device_log,
    read_table,
    utf8_advice,
)
from staffing.imports.resources import Column, ImportResource

logger = logging.getLogger(__name__)

NO_COLUMN = "—"
# Every app's kinds, from the core registry (each app registers its own in its ready()).
KINDS = KEYS


def bulk_importer(kind: str):
    """The bulk importer of `kind` (a class with `columns`, `device_log` and `run`), None for a
    kind read row by row through its import-export resource."""
    return import_reader(kind) if import_kind(kind).bulk else None


def kind_columns(kind: str) -> tuple[Column, ...]:
    """The columns of `kind`, whether a resource or a bulk importer reads it."""
    return import_reader(kind).columns


@dataclass(frozen=True)
class RowError:
    row: int | None  # the row in the file (the header is row 1); None: the file as a whole
    column: str  # the header as written in the file, or "—"
    message: str

    def __str__(self) -> str:
        # A fixed form, whatever the language, so that scripts can read the command's output.
        if self.row is None:
            return f"file: {self.message}"
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    skip_invalid: bool
    new: int = 0
    updated: int = 0
    skipped: int = 0  # unchanged rows
    invalid: int = 0  # bad rows, each with at least one error
    errors: list[RowError] = field(default_factory=list)
    written: bool = False  # whether the changes of the good rows were kept

    @property
    def rows(self) -> int:
        return self.new + self.updated + self.skipped + self.invalid

    @property
    def imported(self) -> int:
        """Rows that changed something and were kept."""
        return self.new + self.updated if self.written else 0

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "dry_run": self.dry_run,
            "skip_invalid": self.skip_invalid,
            "new": self.new,
            "updated": self.updated,
            "skipped": self.skipped,
            "invalid": self.invalid,
            "written": self.written,
            "errors": [[e.row, e.column, e.message] for e in self.errors],
        }

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        errors = [RowError(row, column, message) for row, column, message in data["errors"]]
        return cls(**{**data, "errors": errors})


@dataclass
class ImportRows:
    """A file's rows as a bulk importer gets them: each row's cells in the order of `keys`."""

    name: str  # the file's name as uploaded (an attlog file's name names its device)
    keys: list[str]
    headers: dict[str, str]  # key → the header as written (for a device log, its label)
    rows: list[list[str]]
    numbers: list[int]  # the file row (or, in a device log, line) of each row
    device_log: bool = False

    def column(self, key: str) -> str:
        return self.headers.get(key, NO_COLUMN)


def import_file(
    *, kind: str, file, user, dry_run: bool, skip_invalid: bool, today=None
) -> ImportReport:
    """Import `file` (a named binary file: an upload, or a File around an open path) as `kind`.

    `user` decides the scope: an HR admin imports only into their own companies, a superuser
    anywhere; None (the command line without a superuser) is not restricted either."""
    bulk = bulk_importer(kind)
    resource_class = bulk or import_reader(kind)
    report = ImportReport(kind=kind, dry_run=dry_run, skip_invalid=skip_invalid)
    try:
        upload_check(file, kind=kind)
        if bulk is not None and bulk.device_log and is_device_log_file(file):
            labels = [column.label for column in bulk.columns[:2]]
            table = read_device_log(file, headers=labels)
        else:
            table = read_table(file)
    except ValidationError as error:
        return _refused(report, " ".join(error.messages))
    except UnreadableFile as error:
        return _refused(report, str(error))
    keys, header_errors = _header_keys(resource_class, table.headers)
    if header_errors:
        report.errors = header_errors
        return report
    headers = dict(zip(keys, table.headers, strict=True))
    if not table.rows:
        return _refused(report, _("The file has a header but no rows."))

    context = ImportContext(user=user, today=today or timezone.localdate())
    if bulk is not None:
        overlong = set(table.overlong)
        report.errors = [
            RowError(number, NO_COLUMN, _("This row has values right of the last column."))
            for number in table.overlong
        ]
        numbers, lines = table.numbers, table.rows
        if overlong:
            kept = [(n, r) for n, r in zip(numbers, lines, strict=True) if n not in overlong]
            numbers, lines = [n for n, _r in kept], [r for _n, r in kept]
        rows = ImportRows(
            name=PurePath(file.name or "").name,
            keys=keys,
            headers=headers,
            rows=lines,
            numbers=numbers,
            device_log=table.device_log,
        )
        return bulk(context=context).run(
            rows=rows, report=report, dry_run=dry_run, skip_invalid=skip_invalid
        )
    dataset = tablib.Dataset(headers=keys)
    overlong = set(table.overlong)
    for number, row in zip(table.numbers, table.rows, strict=True):
        if number in overlong:
            report.errors.append(
                RowError(number, NO_COLUMN, _("This row has values right of the last column."))
            )
            continue
        dataset.append(row)
        context.numbers.append(number)
    # Rows refused before the import are bad rows too: without skipping, nothing is written.
    rehearse = dry_run or bool(report.errors and not skip_invalid)

    resource = resource_class(context=context)
    result = resource.import_data(
        dataset,
        dry_run=rehearse,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=not skip_invalid,
    )
    totals = result.totals
    report.new, report.updated, report.skipped = totals["new"], totals["update"], totals["skip"]
    report.invalid = totals["invalid"] + totals["error"] + len(report.errors)
    order = {key: position for position, key in enumerate(keys)}
    found: list[tuple[int, RowError]] = []
    for invalid in result.invalid_rows:
        number = context.file_row(invalid.number)
        for key, messages in invalid.error_dict.items():
            column = headers.get(key, NO_COLUMN)
            found += [(order.get(key, -1), RowError(number, column, m)) for m in messages]
    for error_row in result.error_rows:
        number = context.file_row(error_row.number)
        for error in error_row.errors:
            logger.error("import %s: row %s failed: %s", kind, number, type(error.error).__name__)
        found.append((-1, RowError(number, NO_COLUMN, _unexpected())))
    for error in result.base_errors:
        logger.error("import %s failed: %s", kind, type(error.error).__name__)
        found.append((-1, RowError(None, NO_COLUMN, _unexpected())))
    report.errors.extend(error for _order, error in found)
    report.errors.sort(key=lambda e: (e.row or 0, order.get(_key_of(headers, e.column), -1)))
    report.written = (
        not rehearse
        and not result.has_errors()
        and (skip_invalid or not result.has_validation_errors())
    )
    return report


def upload_check(file, *, kind: str | None = None) -> None:
    """The checks every upload passes (size, type, content), with a CSV that is not UTF-8 — the
    usual Excel "CSV" on a Chinese Windows — told how to save the file properly. A kind that
    reads device logs also takes a .dat or .txt file, if its content is one."""
    bulk = bulk_importer(kind) if kind in KINDS else None
    device_log = bulk is not None and bulk.device_log
    validator = PunchFileValidator() if device_log else UploadValidator(types=SPREADSHEET_TYPES)
    try:
        validator(file)
    except ValidationError as error:
        if (file.name or "").lower().endswith(".csv") and error.code == "file_content":
            raise ValidationError(utf8_advice(), code="file_encoding") from None
        raise
    if (file.name or "").lower().endswith(".xlsx"):
        try:
            check_xlsx(file)  # a zip bomb is refused on its directory alone, before any reading
        except SpreadsheetRefused as refused:
            raise ValidationError(str(refused), code="file_unpacked_too_large") from None


def _unexpected() -> str:
    return _("This row could not be saved, so nothing was imported. Please tell the administrator.")


def _refused(report: ImportReport, message: str) -> ImportReport:
    report.errors = [RowError(None, NO_COLUMN, message)]
    return report


def _key_of(headers: dict[str, str], column: str) -> str | None:
    for key, header in headers.items():
        if header == column:
            return key
    return None


def normalise_header(text: str) -> str:
    """`Staff No`, `staff-no` and `STAFF_NO` are one header; so are `工号` and `工号 *`."""
    text = unicodedata.normalize("NFKC", text).strip().rstrip("*").strip().lower()
    return "_".join(text.replace("-", " ").split())


def header_lookup(resource_class: type[ImportResource] | type) -> dict[str, str]:
    lookup = {}
    for column in resource_class.columns:
        for name in (column.key, column.label, *column.aliases):
            lookup[normalise_header(name)] = column.key
    return lookup


def _header_keys(
    resource_class: type[ImportResource], headers: list[str]
) -> tuple[list[str], list[RowError]]:
    lookup = header_lookup(resource_class)
    keys: list[str] = []
    errors: list[RowError] = []
    for position, header in enumerate(headers, start=1):
        key = lookup.get(normalise_header(header))
        if not header:
            errors.append(
                RowError(1, NO_COLUMN, _("Column %(number)s has no header.") % {"number": position})
            )
        elif key is None:
            known = "、".join(f"{c.label} ({c.key})" for c in resource_class.columns)
            errors.append(
                RowError(
                    1,
                    header,
                    _("Unknown column “%(header)s”. The columns of this kind are: %(columns)s.")
                    % {"header": header, "columns": known},
                )
            )
        elif key in keys:
            errors.append(
                RowError(
                    1, header, _("The column “%(header)s” appears twice.") % {"header": header}
                )
            )
        keys.append(key or f"?{position}")
    for column in resource_class.columns:
        if column.required and column.key not in keys:
            errors.append(
                RowError(
                    1,
                    column.label,
                    _("The column “%(label)s” (%(key)s) is missing.")
                    % {"label": column.label, "key": column.key},
                )
            )
    return keys, errors
