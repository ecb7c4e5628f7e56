"""The menu, in one place: which pages each role finds in its navigation."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onsite.access import Access
from onsite.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[Role, ...] | None  # None: every signed-in user
    key: str


ITEMS = (
    NavItem(_("Dashboard"), "dashboard", None, "dashboard"),
    NavItem(
        _("Staff"),
        "staffing:staff_list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER),
        "staff",
    ),
    NavItem(
        _("Sites"),
        "staffing:site_list",
        (
            Role.HR_ADMIN,
            Role.SUPERVISOR,
            Role.STAFF,
            Role.MANAGER,
            Role.FINANCE,
            Role.CLIENT_CONTACT,
        ),
        "sites",
    ),
    NavItem(_("My record"), "staffing:my_record", (Role.STAFF,), "my_record"),
    NavItem(
        _("Change notices"),
        "staffing:change_notice_list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER),
        "change_notices",
    ),
    NavItem(
        _("Resignations"),
        "staffing:resignation_list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER, Role.STAFF),
        "resignations",
    ),
    NavItem(_("Rotation due"), "staffing:rotation_due", (Role.HR_ADMIN, Role.MANAGER), "rotation"),
    NavItem(_("Import data"), "staffing:import_upload", (Role.HR_ADMIN,), "imports"),
    NavItem(_("Notifications"), "notifications:list", None, "notifications"),
)


def items_for(access: Access) -> list[dict]:
    shown = []
    for item in ITEMS:
        # A superuser sees every page but has no staff record of their own.
        everyone = item.roles is None or (access.is_superuser and Role.STAFF not in item.roles)
        if everyone or any(access.has(role) for role in item.roles):
            shown.append({"label": item.label, "url": reverse(item.url_name), "key": item.key})
    return shown
