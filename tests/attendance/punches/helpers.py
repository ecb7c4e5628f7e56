"""Kept only for the approvals and decide-view tests being rewritten into one suite: the names
they import now live in tests/dates.py, tests/pages.py, tests/factories and tests/conftest.py.
Delete this module when nothing imports it."""

from __future__ import annotations

import pytest
from django.utils import translation

from onsite.roles import Role
from tests import factories
from tests.conftest import english, supervisor_b  # noqa: F401
from tests.dates import MONDAY, OCTOBER, SHANGHAI, SUNDAY, TUESDAY, at  # noqa: F401
from tests.factories import (  # noqa: F401
    absent_all_month,
    day_of,
    device_punch,
    present_every_working_day,
)
from tests.pages import page_text  # noqa: F401


def make_supervisor_b(world):
    user = factories.UserFactory(username="supervisor_b")
    factories.RoleGrantFactory(user=user, role=Role.SUPERVISOR, site=world.site_b)
    return user


@pytest.fixture(autouse=True)
def english_messages():
    """Autouse where imported, as before."""
    with translation.override("en"):
        yield
