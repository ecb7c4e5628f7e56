"""Entering and leaving (SPEC §4): the named people of tests/conftest.py, plus their placements
and an offboarding in progress."""

from __future__ import annotations

import html

import pytest

from onsite.org.models import Assignment
from onsite.roles import Role
from staffing.models import LeavingReason, Offboarding
from staffing.services.movement import offboarding_item_record, offboarding_start
from tests import factories
from tests.dates import STAFFING_DAY


@pytest.fixture
def placement_a(world) -> Assignment:
    """张三 at 甲机房 since 2026-01-01, open-ended."""
    return world.person_a.assignments.select_related("staff", "site").get()


@pytest.fixture
def placement_b(world) -> Assignment:
    return world.person_b.assignments.select_related("staff", "site").get()


@pytest.fixture
def supervisor_b(world):
    """The supervisor of site B, a stranger to site A."""
    user = factories.UserFactory(username="supervisor_b")
    factories.RoleGrantFactory(user=user, role=Role.SUPERVISOR, site=world.site_b)
    return user


def start_offboarding(world, placement, **kwargs) -> Offboarding:
    options = {
        "reason": LeavingReason.CONTRACT_END,
        "leaving_on": STAFFING_DAY,
        "by": world.hr,
        "today": STAFFING_DAY,
        **kwargs,
    }
    return offboarding_start(assignment=placement, **options)


@pytest.fixture
def offboarding_a(world, placement_a) -> Offboarding:
    return start_offboarding(world, placement_a, successor=world.person_b)


def tick_all(offboarding: Offboarding, by) -> None:
    for item in offboarding.items.all():
        offboarding_item_record(item=item, by=by)


@pytest.fixture
def english(client, settings):
    """The test client with English picked by the language switch, so that assertions read the
    source strings whatever the translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page_text(response) -> str:
    """The page as a person reads it: HTML entities decoded."""
    return html.unescape(response.content.decode())
