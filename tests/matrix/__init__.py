"""Rows of the permission matrix. Each area adds a module here with a `ROWS` list;
tests/test_permission_matrix.py collects them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.conftest import ROLES, World

ANON = "anonymous"
EVERYONE = (*ROLES, ANON)
SIGNED_IN = ROLES


@dataclass(frozen=True)
class Row:
    name: str
    expect: dict[str, int]
    method: str = "get"
    args: Callable[[World], list] = lambda w: []
    label: str = ""

    def __str__(self) -> str:
        return self.label or self.name


def statuses(default: int, anonymous: int = 302, **by_role: int) -> dict[str, int]:
    table = {role: default for role in ROLES}
    table.update(by_role)
    table[ANON] = anonymous
    return table


def only(allowed: tuple[str, ...], *, ok: int = 200, other: int = 404) -> dict[str, int]:
    return statuses(other, **{role: ok for role in allowed})
