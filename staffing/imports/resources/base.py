"""The resource every import kind builds on: columns, the preloaded records, the row hooks.

The package docstring (staffing/imports/resources/__init__.py) says what they add to
import-export.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources
from import_export.instance_loaders import BaseInstanceLoader

from onsite.spreadsheets import safe_cell


@dataclass(frozen=True)
class Column:
    key: str  # the English key of SPEC §14
    label: str  # the Chinese header the templates use; either is accepted
    required: bool = False  # the file must have this column
    aliases: tuple[str, ...] = ()
    export_only: bool = False  # written by the roster export, ignored on import


class PreloadedLoader(BaseInstanceLoader):
    """The records a file may update, read in one query before the first row."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = resource.preload(dataset)

    def get_instance(self, row):
        key = self.resource.row_identity(row)
        return None if key is None else self.instances.get(key)


def ref(record) -> object:
    """A related record as a comparable value; a record not yet saved differs from every other."""
    if record is None:
        return None
    return record.pk if record.pk is not None else ("new", str(record))


def add_error(errors: dict[str, list[str]], key: str, message: str) -> None:
    errors.setdefault(key, []).append(str(message))


class ImportResource(resources.ModelResource):
    kind: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    # Columns whose value is kept aside for `check` and `after_save_instance` rather than set on
    # the record as an attribute of the same name.
    extra: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        skip_diff = True  # replaced by the `state()` snapshot, see the module docstring
        use_transactions = True
        instance_loader_class = PreloadedLoader

    def __init__(self, *, context):
        super().__init__()
        self.context = context

    def export(self, *args, **kwargs):
        """import-export's own export, neutralised as every spreadsheet we write
        (onsite.spreadsheets): whatever format it is saved in, no cell of it runs as a formula."""
        dataset = super().export(*args, **kwargs)
        safe = tablib.Dataset(headers=[safe_cell(header) for header in dataset.headers or []])
        for row in dataset:
            safe.append([safe_cell(value) for value in row])
        return safe

    # What subclasses define.

    def preload(self, dataset) -> dict:
        return {}

    def row_identity(self, row) -> object:
        raise NotImplementedError

    def identity(self, instance) -> object:
        raise NotImplementedError

    def state(self, instance) -> tuple:
        return ()

    def extra_changed(self, instance) -> bool:
        return False

    def check(self, instance, row, errors: dict[str, list[str]]) -> None:
        """Rules across cells, added to `errors`. `instance._import_failed` names the columns
        whose cell could not be read; a rule that needs one of them is left out."""

    # The import-export hooks.

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._import_extra = {}
        instance._import_state = None if new else self.state(instance)

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list[str]] = {}
        for field in self.get_import_fields():
            if field.readonly or field.column_name not in row:
                continue
            try:
                value = field.clean(row, context=self.context)
            except ValueError as error:
                add_error(errors, field.column_name, str(error))
                continue
            if field.column_name in self.extra:
                instance._import_extra[field.column_name] = value
            else:
                setattr(instance, field.attribute, value)
        instance._import_failed = frozenset(errors)
        self.check(instance, row, errors)
        number = kwargs.get("row_number")
        first = self.context.saved.get(self.identity(instance)) if not errors else None
        if first is not None:
            add_error(
                errors,
                self.columns[0].key,
                _("Row %(row)s is about the same record; a file may name each record once.")
                % {"row": first},
            )
        if errors:
            raise ValidationError(errors)
        instance._import_row = self.context.file_row(number) if number else None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance._import_state is None:
            return False
        if self.state(instance) != instance._import_state or self.extra_changed(instance):
            return False
        self.context.saved.setdefault(self.identity(instance), instance._import_row)
        return True

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.context.user
        self.context.saved[self.identity(instance)] = instance._import_row

    def save_m2m(self, instance, row, **kwargs):
        """Many-to-many values are saved by `after_save_instance`, with the rest of the row."""

    def after_import(self, dataset, result, **kwargs):
        """Nothing: ModelResource would reset the table's id sequence, which new rows never
        need (ids come from the sequence) and which could hand out an id a concurrent,
        uncommitted transaction already holds."""
