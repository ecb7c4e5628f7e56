"""Uploaded files waiting for their import to be confirmed (SPEC §14: preview, then import).

Each upload lives in MEDIA_ROOT/imports/<uuid>/, which no URL serves. It belongs to the user who
uploaded it and to their session: another user, or the same user signed in elsewhere, finds
nothing there (404). The file is read once for its preview, whose report is kept beside it, so
that showing the preview again reads nothing; the confirmed import keeps its report there too and
deletes the file. Folders older than a day are removed when the next file is uploaded."""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.core.files import File

from staffing.imports.services import KINDS, ImportReport

SESSION_KEY = "staffing_imports"
STALE_SECONDS = 24 * 60 * 60


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


@dataclass
class PendingImport:
    token: str
    folder: Path
    kind: str
    name: str  # the file's name as uploaded, for showing
    skip_invalid: bool
    user_id: int

    @property
    def upload(self) -> Path:
        return self.folder / ("upload" + PurePath(self.name).suffix.lower())

    @property
    def running(self) -> Path:
        return self.folder / "running"

    @property
    def result(self) -> Path:
        return self.folder / "result.json"

    @property
    def preview_path(self) -> Path:
        return self.folder / "preview.json"

    @property
    def report(self) -> ImportReport | None:
        """The report of the confirmed import, once it ran."""
        return _read_report(self.result)

    @property
    def preview(self) -> ImportReport | None:
        """The report of the dry run made when the file was uploaded."""
        return _read_report(self.preview_path)

    def save_preview(self, report: ImportReport) -> None:
        _write_report(self.preview_path, report)

    def open(self, path: Path | None = None) -> File:
        path = path or self.upload
        # The stored name keeps the uploaded file's extension, which decides how it is read.
        return File(path.open("rb"), name=self.name)

    def claim(self) -> bool:
        """Take the upload for the real import; False if another request already took it (a
        rename is atomic, so of two confirmations at once exactly one runs the import)."""
        try:
            os.rename(self.upload, self.running)
        except FileNotFoundError:
            return False
        return True

    def release(self) -> None:
        """Put a claimed upload back, after an import that failed unexpectedly."""
        if self.running.exists():
            os.replace(self.running, self.upload)

    def finish(self, report: ImportReport) -> None:
        _write_report(self.result, report)
        self.running.unlink(missing_ok=True)


def _read_report(path: Path) -> ImportReport | None:
    try:
        return ImportReport.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


def _write_report(path: Path, report: ImportReport) -> None:
    # Written aside and renamed, so a reader never finds half a report.
    part = path.with_suffix(".part")
    part.write_text(json.dumps(report.as_dict(), ensure_ascii=False), encoding="utf-8")
    os.replace(part, path)


def pending_save(*, request, file, kind: str, skip_invalid: bool) -> PendingImport:
    sweep()
    token = str(uuid.uuid4())
    folder = root() / token
    folder.mkdir(parents=True, mode=0o700)
    pending = PendingImport(
        token=token,
        folder=folder,
        kind=kind,
        name=PurePath(file.name or "upload.csv").name,
        skip_invalid=skip_invalid,
        user_id=request.user.pk,
    )
    with pending.upload.open("wb") as out:
        for chunk in file.chunks():
            out.write(chunk)
    meta = {
        "kind": kind,
        "name": pending.name,
        "skip_invalid": skip_invalid,
        "user_id": pending.user_id,
    }
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-19:], token]
    return pending


def pending_get(*, request, token) -> PendingImport | None:
    """The upload `token` of this user in this session, or None."""
    token = str(token)
    if token not in request.session.get(SESSION_KEY, []):
        return None
    folder = root() / token
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("user_id") != request.user.pk or meta.get("kind") not in KINDS:
        return None
    return PendingImport(
        token=token,
        folder=folder,
        kind=meta["kind"],
        name=meta["name"],
        skip_invalid=bool(meta["skip_invalid"]),
        user_id=meta["user_id"],
    )


def sweep(*, now: float | None = None) -> None:
    """Remove uploads older than a day: abandoned previews, and results nobody reads again."""
    now = now or time.time()
    folder = root()
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        try:
            if entry.is_dir() and now - entry.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            continue
