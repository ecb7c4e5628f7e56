"""Rows of the permission matrix. Each area adds a module here with a `ROWS` list;
tests/test_permission_matrix.py collects them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.conftest import ROLES, World

ANON = "anonymous"
# The client contact of site B, a stranger to site A (only the matrix's world has her): she
# answers as client_a on a page without a record in it, and as someone outside site A on a
# record of site A, unless a row names her (see `expected`).
CLIENT_B = "client_b"
EVERYONE = (*ROLES, CLIENT_B, ANON)
SIGNED_IN = (*ROLES, CLIENT_B)


@dataclass(frozen=True)
class Row:
    name: str
    expect: dict[str, int]
    method: str = "get"
    args: Callable[[World], list] = lambda w: []
    label: str = ""
    # The form posted (empty unless a row needs a filled one).
    data: Callable[[World], dict] = lambda w: {}

    def __str__(self) -> str:
        return self.label or self.name


# The people with two roles answer as the role they hold over others unless a row says
# otherwise: on their own records (and on pages for staff) a row names them itself.
TWINS = {"hr_staff": "hr", "supervisor_staff": "supervisor_a"}
TWO_ROLES = tuple(TWINS)


def statuses(default: int, anonymous: int = 302, **by_role: int) -> dict[str, int]:
    table = {role: default for role in ROLES}
    table.update(by_role)
    for twin, role in TWINS.items():
        if twin not in by_role:
            table[twin] = table[role]
    table[ANON] = anonymous
    return table


def only(allowed: tuple[str, ...], *, ok: int = 200, other: int = 404) -> dict[str, int]:
    return statuses(other, **{role: ok for role in allowed})


def expected(row: Row, role: str, args: list) -> int:
    """What `role` must get on `row` (whose URL takes `args`)."""
    if role in row.expect:
        return row.expect[role]
    if role == CLIENT_B:
        return row.expect["client_a"] if not args else row.expect["outsider"]
    raise KeyError(role)
