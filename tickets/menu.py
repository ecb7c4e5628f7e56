"""Service tickets in the menu (registered in TicketsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.navigation import NavItem, menu_register
from onsite.roles import Role

READERS = (Role.CLIENT_CONTACT, Role.STAFF, Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER)


def register() -> None:
    # On its own, not in a drop-down: what a client contact opens on a phone.
    menu_register(NavItem(_("Service tickets"), "tickets:list", READERS, "tickets", order=20))
    # The day's round (tinsp): opened on a phone by the person on duty.
    menu_register(
        NavItem(_("Daily inspections"), "tickets:inspections", READERS, "inspections", order=21)
    )
