"""What a user may see: the role grants of one user, read once per request.

Every `visible_to(user)` queryset starts from `access_for(user)`; views never decide scope
themselves. A record outside a user's scope is simply absent from their querysets, so a view
that loads it answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from onsite.roles import Role

EMPTY: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Access:
    is_authenticated: bool = False
    is_superuser: bool = False
    hr_companies: frozenset[int] = EMPTY
    manager_companies: frozenset[int] = EMPTY
    manager_departments: frozenset[int] = EMPTY
    finance_companies: frozenset[int] = EMPTY
    supervised_sites: frozenset[int] = EMPTY
    client_sites: frozenset[int] = EMPTY
    staff_id: int | None = None
    staff_company_id: int | None = None
    roles: tuple[Role, ...] = field(default=())

    def has(self, role: Role) -> bool:
        return role in self.roles

    def is_hr_for(self, company_id: int) -> bool:
        return self.is_superuser or company_id in self.hr_companies

    @property
    def is_hr(self) -> bool:
        return self.is_superuser or bool(self.hr_companies)


ANONYMOUS = Access()


def access_for(user) -> Access:
    """The user's grants, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_onsite_access", None)
    if cached is not None:
        return cached
    from onsite.models import RoleGrant
    from onsite.org.models import Staff

    sets: dict[str, set[int]] = {
        "hr": set(),
        "manager": set(),
        "department": set(),
        "finance": set(),
        "supervised": set(),
        "client": set(),
    }
    for role, company_id, department_id, site_id in RoleGrant.objects.filter(user=user).values_list(
        "role", "company_id", "department_id", "site_id"
    ):
        if role == Role.HR_ADMIN:
            sets["hr"].add(company_id)
        elif role == Role.MANAGER and department_id:
            sets["department"].add(department_id)
        elif role == Role.MANAGER:
            sets["manager"].add(company_id)
        elif role == Role.FINANCE:
            sets["finance"].add(company_id)
        elif role == Role.SUPERVISOR:
            sets["supervised"].add(site_id)
        elif role == Role.CLIENT_CONTACT:
            sets["client"].add(site_id)
    staff = Staff.objects.filter(user=user).values_list("pk", "company_id").first()
    held = {
        Role.HR_ADMIN: sets["hr"],
        Role.SUPERVISOR: sets["supervised"],
        Role.STAFF: staff,
        Role.MANAGER: sets["manager"] | sets["department"],
        Role.FINANCE: sets["finance"],
        Role.CLIENT_CONTACT: sets["client"],
    }
    access = Access(
        is_authenticated=True,
        is_superuser=user.is_superuser,
        hr_companies=frozenset(sets["hr"]),
        manager_companies=frozenset(sets["manager"]),
        manager_departments=frozenset(sets["department"]),
        finance_companies=frozenset(sets["finance"]),
        supervised_sites=frozenset(sets["supervised"]),
        client_sites=frozenset(sets["client"]),
        staff_id=staff[0] if staff else None,
        staff_company_id=staff[1] if staff else None,
        roles=tuple(role for role in Role if held[role]),
    )
    user._onsite_access = access
    return access


def forget_access(user) -> None:
    """Drop the cached grants after changing them within one request or test."""
    user.__dict__.pop("_onsite_access", None)


# --- nobody acts on their own staff record (STYLE habit 15) -----------------------------------


class OwnRecordRefused(PermissionDenied):
    """Someone holding two roles acted on their own staff record. A PermissionDenied, so a view
    that lets it through answers 403 like any act outside one's rights; the message is translated
    and safe to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.messages = [message]


def acts_on_self(user, staff) -> bool:
    """Whether `staff` (a staff record or its id) is `user`'s own record."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if isinstance(staff, int):
        return access_for(user).staff_id == staff
    return staff is not None and staff.user_id is not None and staff.user_id == user.pk


def refuse_own_record(*, by, staff) -> None:
    """The one rule for every service that decides on, marks, punches for or pays a person:
    whatever roles `by` holds, never on their own record."""
    if acts_on_self(by, staff):
        raise OwnRecordRefused(
            _(
                "You cannot act on your own record: your decisions, punches, absence marks and "
                "pay are handled by someone else."
            )
        )
