"""The import kind of service tickets, registered in TicketsConfig.ready() (SPEC §14)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.importkinds import ImportKind, import_kind_register


def register() -> None:
    import_kind_register(
        ImportKind(
            "tickets",
            _("Service tickets"),
            "tickets.imports.tickets.TicketImport",
            bulk=True,
            note=_(
                "History from a ticket log. Times in the site's local time, like 2026-10-12 "
                "09:30, empty where the ticket never got there; a number the site already has "
                "is left as it is."
            ),
            order=80,
            example=(
                ("number", "12"),
                ("site_code", "SH-01"),
                ("category", "故障事件"),
                ("priority", "高"),
                ("title", "机房空调漏水"),
                ("raised_at", "2026-03-02 09:30"),
                ("acknowledged_at", "2026-03-02 09:45"),
                ("resolved_at", "2026-03-02 15:00"),
                ("closed_at", "2026-03-03 10:00"),
                ("rating", "5"),
                ("complaint", "否"),
            ),
        )
    )
