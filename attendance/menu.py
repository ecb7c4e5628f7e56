"""Attendance's entries in the menu (registered in AttendanceConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.navigation import NavItem, group_register, menu_register
from onsite.roles import Role

DECIDE = (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER)
G = "attendance"


def register() -> None:
    group_register(G, _("Attendance"))
    menu_register(
        NavItem(_("Monthly sheets"), "attendance:sheet_list", DECIDE, "attendance", G, 100),
        NavItem(_("Check in"), "attendance:check_in", (Role.STAFF,), "check_in", G, 110),
        NavItem(_("My attendance"), "attendance:my_month", (Role.STAFF,), "my_attendance", G, 120),
        NavItem(_("Leave"), "attendance:leave_list", (*DECIDE, Role.STAFF), "leave", G, 130),
        NavItem(
            _("Overtime"), "attendance:overtime_list", (*DECIDE, Role.STAFF), "overtime", G, 140
        ),
        NavItem(_("Who is away"), "attendance:away", DECIDE, "away", G, 150),
        NavItem(
            _("Punch corrections"),
            "attendance:correction_list",
            (Role.HR_ADMIN, Role.SUPERVISOR, Role.STAFF),
            "corrections",
            G,
            160,
        ),
        NavItem(
            _("Absence explanations"),
            "attendance:explanation_list",
            (Role.HR_ADMIN, Role.SUPERVISOR, Role.STAFF),
            "explanations",
            G,
            165,
        ),
        NavItem(
            _("Working-day calendar"), "attendance:calendar", (Role.HR_ADMIN,), "calendar", G, 170
        ),
    )
