"""Attendance's import kinds, registered in AttendanceConfig.ready() (SPEC §14): punches and
leave, each read by its own bulk importer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.importkinds import ImportKind, import_kind_register


def register() -> None:
    import_kind_register(
        ImportKind(
            "punches",
            _("Punches"),
            "attendance.imports.punches.PunchImport",
            bulk=True,
            note=_(
                "Times in the site's local time, like 2026-10-12 08:29. An attendance device's "
                "attlog file (.dat or .txt) is accepted as it is."
            ),
            order=60,
        )
    )
    import_kind_register(
        ImportKind(
            "leave",
            _("Leave"),
            "attendance.imports.leave.LeaveImport",
            bulk=True,
            note=_(
                "Half days: 下午 (pm) as the first day's half starts the leave at noon, 上午 (am) "
                "as the last day's half ends it at noon."
            ),
            order=70,
        )
    )
