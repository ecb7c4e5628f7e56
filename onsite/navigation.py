"""The menu: which pages each role finds in its navigation, assembled from the entries each app
registers in its AppConfig.ready() (staffing/menu.py, attendance/menu.py), so the core imports
no app. Entries show in `order`; the entries of one group share a drop-down, placed where its
first entry is."""

from __future__ import annotations

from collections.abc import Callable
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
    order: int = 100  # lower first
    # A number shown beside the entry for its reader (what waits for them), in a fixed number
    # of queries whatever the number of rows; fetched apart from the page (`menu_count`).
    count: Callable[[object], int] | None = None


def _waiting_count(user) -> int:
    from onsite.inbox import waiting_count

    return waiting_count(user)


GROUPS: dict[str, str] = {}  # key: label of the drop-down
ITEMS: dict[str, NavItem] = {}  # key: entry; registering a key again replaces the entry


def group_register(key: str, label: str) -> None:
    GROUPS[key] = label


def menu_register(*items: NavItem) -> None:
    for item in items:
        ITEMS[item.key] = item


# The core's own pages.
menu_register(
    NavItem(_("Dashboard"), "dashboard", None, "dashboard", order=0),
    # On its own, not in a drop-down: what a supervisor opens first on a phone.
    NavItem(
        _("Approvals"),
        "inbox:list",
        (Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER, Role.FINANCE),
        "approvals",
        count=_waiting_count,
        order=10,
    ),
    # Every app's numbers (grace minutes, notice days, caps), not attendance's alone.
    NavItem(
        _("Policy settings"),
        "policy",
        (Role.HR_ADMIN,),
        "policy",
        group="attendance",
        order=175,
    ),
    NavItem(_("Notifications"), "notifications:list", None, "notifications", order=1000),
)


def items_for(access: Access, user=None) -> list[dict]:
    """The menu entries of one person, in order; an entry with `children` is a drop-down. An
    entry that counts for its reader (what waits for them) carries where to fetch the number."""
    shown, groups = [], {}
    for item in sorted(ITEMS.values(), key=lambda item: item.order):
        # A superuser sees every page but has no staff record of their own.
        everyone = item.roles is None or (access.is_superuser and Role.STAFF not in item.roles)
        if not (everyone or any(access.has(role) for role in item.roles)):
            continue
        entry = {"label": item.label, "url": reverse(item.url_name), "key": item.key}
        if item.count is not None:
            # Fetched by the page once loaded (and every minute), so no page pays for it.
            entry["count_url"] = reverse("menu_count", args=[item.key])
        # An entry whose group no app registered stands on its own.
        if item.group not in GROUPS:
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
