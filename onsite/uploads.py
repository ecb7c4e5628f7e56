"""Checks every uploaded file: its size, its name's type, and that its first bytes agree with
that type, so a renamed executable is refused even with an accepted name."""

from __future__ import annotations

import re
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

# The first bytes each accepted type starts with; None means text, which must decode as UTF-8.
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "xlsx": (b"PK\x03\x04",),
    # Office files: the current ones are zip packages, the older ones OLE compound files.
    "docx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "ppt": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "csv": None,
    "txt": None,
    "dat": None,
}

DOCUMENT_TYPES = ("pdf", "jpg", "jpeg", "png")
SPREADSHEET_TYPES = ("csv", "xlsx")
# A ZKTeco attendance device's `attlog` export, saved as `1_attlog.dat` or renamed to .txt.
DEVICE_LOG_TYPES = ("dat", "txt")
# Its lines read `user_id<TAB>YYYY-MM-DD HH:MM:SS<TAB>…`, the user id often padded with blanks.
DEVICE_LOG_LINE = re.compile(r"^ *[^\s]+ *\t *\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}")


@deconstructible
class UploadValidator:
    def __init__(self, types: tuple[str, ...] = DOCUMENT_TYPES, max_bytes: int | None = None):
        unknown = set(types) - SIGNATURES.keys()
        if unknown:
            raise ValueError(f"no signature known for {sorted(unknown)}")
        self.types = tuple(types)
        self.max_bytes = max_bytes

    def __call__(self, file) -> None:
        limit = self.max_bytes or settings.UPLOAD_MAX_BYTES
        if file.size > limit:
            raise ValidationError(
                _("The file is %(size)s; files may be at most %(limit)s.")
                % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
                code="file_too_large",
            )
        extension = PurePath(file.name or "").suffix.lower().lstrip(".")
        if extension not in self.types:
            raise ValidationError(
                _("Files of type “%(type)s” are not accepted. Accepted types: %(types)s.")
                % {"type": extension or "?", "types": ", ".join(self.types)},
                code="file_type",
            )
        file.seek(0)
        head = file.read(2048)
        file.seek(0)
        signatures = SIGNATURES[extension]
        if signatures is None:
            if b"\x00" in head or not _decodes(head):
                raise ValidationError(
                    _("The file is not a text file as its name “%(name)s” says.")
                    % {"name": file.name},
                    code="file_content",
                )
        elif not head.startswith(signatures):
            raise ValidationError(
                _("The content of “%(name)s” is not a %(type)s file.")
                % {"name": file.name, "type": extension.upper()},
                code="file_content",
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadValidator) and (self.types, self.max_bytes) == (
            other.types,
            other.max_bytes,
        )


def is_device_log(head: bytes) -> bool:
    """Whether the first line with text in `head` (the file's first bytes) is an attlog line."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if b"\x00" in head or not _decodes(head):
        return False
    for line in head.decode("utf-8", errors="ignore").splitlines():
        if line.strip():
            return bool(DEVICE_LOG_LINE.match(line))
    return False


@deconstructible
class PunchFileValidator(UploadValidator):
    """Punches come as a spreadsheet or as an attendance device log. A .dat or .txt file passes
    only when its content is an attlog: the name alone lets no other text through."""

    def __init__(self, max_bytes: int | None = None):
        super().__init__(types=SPREADSHEET_TYPES + DEVICE_LOG_TYPES, max_bytes=max_bytes)

    def __call__(self, file) -> None:
        super().__call__(file)
        extension = PurePath(file.name or "").suffix.lower().lstrip(".")
        if extension not in DEVICE_LOG_TYPES:
            return
        file.seek(0)
        head = file.read(2048)
        file.seek(0)
        if not is_device_log(head):
            raise ValidationError(
                _(
                    "“%(name)s” is not an attendance device log: its lines must read "
                    "user ID, tab, date and time (like 1_attlog.dat)."
                )
                % {"name": file.name},
                code="file_content",
            )


def _decodes(head: bytes) -> bool:
    # The sample may end inside a multi-byte character; drop up to three trailing bytes.
    for cut in range(4):
        try:
            head[: len(head) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False
