"""Every URL × every role → the status it must answer (STYLE habit 2).

A new URL fails `test_every_url_is_in_the_matrix` until it has a row, here or in a module of
tests/matrix/ with a `ROWS` list."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from onsite.roles import Role
from tests import factories, matrix
from tests.conftest import World, build_world
from tests.matrix import ANON, CLIENT_B, EVERYONE, Row, expected, only, statuses


def notification_of_staff_a(w: World) -> list:
    return [factories.NotificationFactory(recipient=w.staff_a).pk]


MATRIX = [
    Row("dashboard", statuses(200)),
    Row("login", statuses(302, anonymous=200)),
    Row("logout", statuses(302), method="post"),
    Row("password_change", statuses(200)),
    Row("password_change_done", statuses(200)),
    Row("set_language", statuses(302, anonymous=302), method="post"),
    Row("health", statuses(200, anonymous=200)),
    Row("notifications:list", statuses(200)),
    Row("notifications:badge", statuses(200)),
    Row("notifications:read_all", statuses(302), method="post"),
    Row("notifications:open", only(("staff_a",)), args=notification_of_staff_a),
    Row(
        "notifications:open",
        only(("staff_a",), ok=302),
        method="post",
        args=notification_of_staff_a,
        label="notifications:open POST",
    ),
    Row("staffing:staff_list", only(("hr", "supervisor_a", "manager"), other=403)),
    Row("staffing:my_record", only(("staff_a", "staff_b", "hr_staff", "supervisor_staff"), ok=302)),
    Row(
        "staffing:staff_detail",
        only(("hr", "manager", "supervisor_a", "staff_a")),
        args=lambda w: [w.person_a.pk],
        label="staff_detail A",
    ),
    Row(
        "staffing:staff_detail",
        only(("hr", "manager", "staff_b")),
        args=lambda w: [w.person_b.pk],
        label="staff_detail B",
    ),
    Row("staffing:site_list", statuses(200, outsider=403)),
    Row(
        "staffing:site_detail",
        only(("hr", "manager", "finance", "supervisor_a", "client_a", "staff_a")),
        args=lambda w: [w.site_a.pk],
        label="site_detail A",
    ),
    Row(
        "staffing:site_detail",
        only(("hr", "manager", "finance", "staff_b", "client_b")),
        args=lambda w: [w.site_b.pk],
        label="site_detail B",
    ),
]

for module in pkgutil.iter_modules(matrix.__path__):
    MATRIX += importlib.import_module(f"tests.matrix.{module.name}").ROWS

CASES = [(row, role) for row in MATRIX for role in EVERYONE]


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """The named people, built once for the thousands of cases of this module: each case runs
    in a savepoint inside this outer transaction and is rolled back, so it sees the world as
    built, and the world is gone when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world(two_roles=True)
        world.users[CLIENT_B] = factories.UserFactory(username=CLIENT_B)
        factories.RoleGrantFactory(
            user=world.users[CLIENT_B], role=Role.CLIENT_CONTACT, site=world.site_b
        )
        yield world
        transaction.set_rollback(True)


@pytest.mark.parametrize(("row", "role"), CASES, ids=[f"{r}-{role}" for r, role in CASES])
def test_url_answers_each_role_as_the_matrix_says(client, db, matrix_world, row, role):
    world = matrix_world
    if role != ANON:
        client.force_login(world.users[role])
    args = row.args(world)
    url = reverse(row.name, args=args)
    data = {"language": "en", "next": "/"} if row.name == "set_language" else row.data(world)
    response = getattr(client, row.method)(url, data)
    assert response.status_code == expected(row, role, args), f"{row} as {role}"


def _named_patterns(resolver: URLResolver, prefix: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _named_patterns(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_url_is_in_the_matrix():
    # The back office's URLs too: each admin URL of each registered model (tests/matrix/admin.py).
    assert _named_patterns(get_resolver()) - {row.name for row in MATRIX} == set()
