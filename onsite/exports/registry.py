"""The kinds of background export, each registered by its app in `AppConfig.ready()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class ExportFile:
    """What a kind's `build` returns: the bytes, the name the person downloads them under
    (Chinese is fine) and their type."""

    name: str
    content: bytes
    content_type: str


class ExportFailed(Exception):
    """A failure the person who asked can understand and act on ("the site has no one placed
    this month"); `message` is translated and recorded on the job as it is."""

    def __init__(self, message: str | Promise):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str | Promise
    # title(params) -> what the job is called in "my exports", written when it is asked for.
    title: Callable[[dict], str]
    # allows(user, params) -> whether this person may have this file now: checked when it is
    # asked for, when it is made and on every download (scope may have been lost meanwhile).
    allows: Callable[[object, dict], bool]
    # build(*, params, user, progress) -> ExportFile, made with `user`'s scope; progress(percent)
    # moves the bar on the page. Raises ExportFailed with a message for the person.
    build: Callable[..., ExportFile]
    # back_url(params) -> the page the export is asked for on, linked from the job's page.
    back_url: Callable[[dict], str] | None = None


_REGISTRY: dict[str, ExportKind] = {}


def export_kind_register(kind: ExportKind) -> None:
    """Called from an app's `AppConfig.ready()`; registering the same key again replaces it."""
    _REGISTRY[kind.key] = kind


def export_kind(key: str) -> ExportKind | None:
    return _REGISTRY.get(key)


def export_kinds() -> list[ExportKind]:
    return sorted(_REGISTRY.values(), key=lambda kind: kind.key)
