"""Service tickets (SPEC §11): the test world (tests/conftest.py) with a client contact at each
site, and a ticket raised at site A."""

from __future__ import annotations

import datetime

import pytest

from onsite.roles import Role
from tests import factories
from tests.dates import SHANGHAI
from tickets.services.tickets import ticket_raise

# A Monday morning at site A (a plain working day of the seeded calendar).
RAISED_AT = datetime.datetime(2026, 10, 12, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture
def client_a(world):
    """The client contact of site A (the world has `client_a` already; this returns it)."""
    return world.client_a


@pytest.fixture
def client_b(world):
    user = factories.UserFactory(username="client_b", first_name="芳", last_name="钱")
    factories.RoleGrantFactory(user=user, role=Role.CLIENT_CONTACT, site=world.site_b)
    return user


def raise_ticket(world, **options):
    values = {
        "site": world.site_a,
        "by": world.client_a,
        "category": "fault",
        "priority": "normal",
        "title": "打印机无法打印",
        "description": "三楼打印机卡纸",
        "now": RAISED_AT,
        **options,
    }
    return ticket_raise(**values)


@pytest.fixture
def ticket(world):
    return raise_ticket(world)
