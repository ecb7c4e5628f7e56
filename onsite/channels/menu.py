"""The "Group robots" entry in the menu (registered in OnsiteConfig.ready()), beside the policy
settings of the HR admin and, for a supervisor, on its own. One's own notification settings are
reached from the user's corner of the navigation bar (templates/base.html)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.navigation import NavItem, menu_register
from onsite.roles import Role


def register() -> None:
    menu_register(
        NavItem(
            _("Group robots"),
            "channels:webhooks",
            (Role.HR_ADMIN, Role.SUPERVISOR),
            "group_robots",
            group="attendance",
            order=176,
        )
    )
