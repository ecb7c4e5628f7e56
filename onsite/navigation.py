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
    group: str = ""  # items of one group share a drop-down when a person has two or more


GROUPS = {
    "people": _("People"),
    "attendance": _("Attendance"),
}


ITEMS = (
    NavItem(_("Dashboard"), "dashboard", None, "dashboard"),
    # On its own, not in a drop-down: what a supervisor opens first on a phone.
    NavItem(
        _("Approvals"),
        "attendance:approvals",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER),
        "approvals",
    ),
    NavItem(
        _("Staff"),
        "staffing:staff_list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER),
        "staff",
        group="people",
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
        group="people",
    ),
    NavItem(
        _("Resignations"),
        "staffing:resignation_list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER, Role.STAFF),
        "resignations",
        group="people",
    ),
    NavItem(
        _("Rotation due"),
        "staffing:rotation_due",
        (Role.HR_ADMIN, Role.MANAGER),
        "rotation",
        group="people",
    ),
    NavItem(
        _("Monthly sheets"),
        "attendance:sheet_list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER),
        "attendance",
        group="attendance",
    ),
    NavItem(_("Check in"), "attendance:check_in", (Role.STAFF,), "check_in", group="attendance"),
    NavItem(
        _("My attendance"),
        "attendance:my_month",
        (Role.STAFF,),
        "my_attendance",
        group="attendance",
    ),
    NavItem(
        _("Leave"),
        "attendance:leave_list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.STAFF, Role.MANAGER),
        "leave",
        group="attendance",
    ),
    NavItem(
        _("Overtime"),
        "attendance:overtime_list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.STAFF, Role.MANAGER),
        "overtime",
        group="attendance",
    ),
    NavItem(
        _("Who is away"),
        "attendance:away",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER),
        "away",
        group="attendance",
    ),
    NavItem(
        _("Punch corrections"),
        "attendance:correction_list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.STAFF),
        "corrections",
        group="attendance",
    ),
    NavItem(
        _("Absence explanations"),
        "attendance:explanation_list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.STAFF),
        "explanations",
        group="attendance",
    ),
    NavItem(
        _("Working-day calendar"),
        "attendance:calendar",
        (Role.HR_ADMIN,),
        "calendar",
        group="attendance",
    ),
    NavItem(
        _("Attendance policies"),
        "attendance:policy",
        (Role.HR_ADMIN,),
        "policy",
        group="attendance",
    ),
    NavItem(
        _("Import data"), "staffing:import_upload", (Role.HR_ADMIN,), "imports", group="people"
    ),
    NavItem(_("Notifications"), "notifications:list", None, "notifications"),
)


def items_for(access: Access) -> list[dict]:
    """The menu entries of one person, in order; an entry with `children` is a drop-down."""
    shown, groups = [], {}
    for item in ITEMS:
        # A superuser sees every page but has no staff record of their own.
        everyone = item.roles is None or (access.is_superuser and Role.STAFF not in item.roles)
        if not (everyone or any(access.has(role) for role in item.roles)):
            continue
        entry = {"label": item.label, "url": reverse(item.url_name), "key": item.key}
        if not item.group:
            shown.append(entry)
        elif item.group in groups:
            groups[item.group]["children"].append(entry)
        else:
            groups[item.group] = {
                "label": GROUPS[item.group],
                "key": item.group,
                "children": [entry],
            }
            shown.append(groups[item.group])
    # A group with a single page is just that page.
    return [e["children"][0] if len(e.get("children", ())) == 1 else e for e in shown]
