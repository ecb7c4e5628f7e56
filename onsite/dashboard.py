"""What each role's dashboard shows, assembled from cards that the apps register in their
AppConfig.ready() (staffing/dashboard.py, attendance/dashboard.py), so the core imports no app.

The page has one section per role the reader holds; a section shows the cards registered for
its role, lowest `order` first. A card marked `once` is shown a single time above the sections,
whatever roles of the reader it is registered for (what waits for the reader's decision). Each
card costs a fixed number of queries, whatever the number of staff (pinned in
tests/onsite/test_dashboard.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from onsite.access import Access
from onsite.models import RoleGrant
from onsite.org.models import Assignment, Site
from onsite.roles import Role


@dataclass(frozen=True)
class Card:
    key: str  # unique over the dashboard; registering a key again replaces the card
    roles: tuple[Role, ...]
    template: str  # rendered with the card's values as `s`
    # The template's values for one reader (their Access and user); None leaves the card out.
    values: Callable[[Access, object], dict | None]
    order: int = 100  # lower first; the core's own cards use 50
    once: bool = False  # shown once above the role sections instead of in each


CARDS: dict[str, Card] = {}


def card_register(card: Card) -> None:
    CARDS[card.key] = card


def _cards(role: Role | None = None, *, once: bool = False) -> list[Card]:
    chosen = [c for c in CARDS.values() if c.once == once and (once or role in c.roles)]
    return sorted(chosen, key=lambda c: (c.order, c.key))


def _rendered(card: Card, access: Access, user) -> dict | None:
    values = card.values(access, user)
    return None if values is None else {"key": card.key, "template": card.template, "s": values}


def sections_for(access: Access, user=None) -> list[dict]:
    """One section per role of the reader, each with its cards in order."""
    sections = []
    for role in access.roles:
        cards = [_rendered(card, access, user) for card in _cards(role)]
        sections.append({"role": role, "cards": [c for c in cards if c is not None]})
    return sections


def lead_cards_for(access: Access, user=None) -> list[dict]:
    """The `once` cards of the reader's roles, shown above the sections."""
    cards = [
        _rendered(card, access, user)
        for card in _cards(once=True)
        if access.is_superuser or any(access.has(role) for role in card.roles)
    ]
    return [c for c in cards if c is not None]


# The core's own cards: the organisation's sites and placements, which every app builds on.


def _sites_with_headcount(site_ids, *, staff_of: Q | None = None):
    """Sites with the number of people placed there today, counting only `staff_of` when given
    (a Q over `assignments__staff__…`)."""
    today = timezone.localdate()
    active = Q(assignments__start__lte=today) & (
        Q(assignments__end__isnull=True) | Q(assignments__end__gte=today)
    )
    if staff_of is not None:
        active &= staff_of
    return (
        Site.objects.filter(pk__in=site_ids)
        .select_related("client")
        .annotate(on_site=Count("assignments__staff", filter=active, distinct=True))
        .order_by("code")
    )


def _company_sites(company_ids, departments=frozenset()):
    staff_of = Q(assignments__staff__company_id__in=company_ids)
    where = Q(contracts__company_id__in=company_ids)
    # The join through assignments costs a scan of them; only department managers need it.
    if departments:
        staff_of |= Q(assignments__staff__department_id__in=departments)
        where |= Q(assignments__staff__department_id__in=departments)
    return _sites_with_headcount(Site.objects.filter(where).values("pk"), staff_of=staff_of)


def supervisor_sites(access: Access, user) -> dict:
    return {"sites": _sites_with_headcount(access.supervised_sites)}


def staff_placements(access: Access, user) -> dict:
    return {
        "assignments": Assignment.objects.active_today()
        .filter(staff_id=access.staff_id)
        .select_related("site", "site__client", "position", "contract")
    }


def manager_sites(access: Access, user) -> dict:
    return {"sites": _company_sites(access.manager_companies, access.manager_departments)}


def finance_sites(access: Access, user) -> dict:
    return {"sites": _company_sites(access.finance_companies)}


def client_sites(access: Access, user) -> dict:
    supervisors = RoleGrant.objects.filter(role=Role.SUPERVISOR).select_related("user")
    return {
        "sites": _sites_with_headcount(access.client_sites).prefetch_related(
            Prefetch("role_grants", queryset=supervisors, to_attr="supervisor_grants")
        )
    }


for _card in (
    Card(
        "supervisor_sites", (Role.SUPERVISOR,), "dashboard/_supervisor.html", supervisor_sites, 50
    ),
    Card("staff_placements", (Role.STAFF,), "dashboard/_staff.html", staff_placements, 50),
    Card("manager_sites", (Role.MANAGER,), "dashboard/_manager.html", manager_sites, 50),
    Card("finance_sites", (Role.FINANCE,), "dashboard/_finance.html", finance_sites, 50),
    Card("client_sites", (Role.CLIENT_CONTACT,), "dashboard/_client.html", client_sites, 50),
):
    card_register(_card)
