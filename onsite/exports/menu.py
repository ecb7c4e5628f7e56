"""The "My exports" entry in the menu (registered in OnsiteConfig.ready()): a file asked for in
the background is found again here once its progress page is closed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.navigation import NavItem, menu_register
from onsite.roles import Role

# Who may ask for an export: the sheet roles of attendance/exports/jobs.py. Staff ask for none,
# so their list would always be empty.
ASKERS = (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER)


def register() -> None:
    # On its own, beside the notifications: exports come from several apps' pages.
    menu_register(NavItem(_("My exports"), "exports:list", ASKERS, "exports", order=990))
