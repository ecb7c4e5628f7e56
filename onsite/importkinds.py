"""The kinds of data that can be imported from a spreadsheet (SPEC §14), registered by the apps
in their AppConfig.ready() (staffing/imports/kinds.py, attendance/imports/kinds.py), so the upload
page, the preview, the result and `manage.py import_data` list every app's kinds without the
core or staffing importing the app that reads them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class ImportKind:
    key: str  # in URLs, the upload form and `import_data KIND`
    label: str  # shown on the pages, translated
    # Dotted path of what reads the rows: an import-export resource, or with `bulk` a class of
    # its own (`columns`, `device_log`, `run`) for kinds that come by the hundred thousand.
    reader: str
    bulk: bool = False
    note: str = ""  # a line under the kind's columns on the upload page
    order: int = 100  # lower first on the upload page and in the form
    # One example row of the template workbook, by column key (a kind of an app above staffing
    # brings its own; staffing's and attendance's are in staffing.imports.exports.EXAMPLES).
    example: tuple[tuple[str, str], ...] = ()


KINDS: dict[str, ImportKind] = {}


def import_kind_register(kind: ImportKind) -> None:
    KINDS[kind.key] = kind


def import_kinds() -> list[ImportKind]:
    return sorted(KINDS.values(), key=lambda kind: (kind.order, kind.key))


def import_kind(key: object) -> ImportKind | None:
    """The kind registered under `key`, None for anything else (a stale or forged key)."""
    return KINDS.get(key) if isinstance(key, str) else None


def import_reader(key: str):
    return import_string(KINDS[key].reader)


class RegisteredKeys:
    """The registered keys, read when used rather than when imported: a module importing this
    before every app's ready() has run still sees every kind (`kind in KEYS`, `list(KEYS)`)."""

    def __iter__(self) -> Iterator[str]:
        return iter([kind.key for kind in import_kinds()])

    def __contains__(self, key: object) -> bool:
        return import_kind(key) is not None

    def __len__(self) -> int:
        return len(KINDS)


KEYS = RegisteredKeys()
