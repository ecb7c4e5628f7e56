"""The claim deadline (SPEC §10): a month's expenses are claimed by the end of day 10 of the next
month on the site's clock; 23:59 of the 10th is on time, 00:00 of the 11th is late. A site in
another time zone has its own midnight; a company's own deadline day moves it."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

import pytest

from onsite.policy import policy_set
from staffing.selectors.expenses import claim_deadline
from staffing.services import expenses
from tests import factories
from tests.dates import MONDAY, OCTOBER, SHANGHAI

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
URUMQI = zoneinfo.ZoneInfo("Asia/Urumqi")


def at(day: int, hhmm: str, zone=SHANGHAI) -> datetime.datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=zone)


def submitted(person, user, when, day=MONDAY):
    line = expenses.line_add(
        staff=person, by=user, date=day, category="meals", amount=Decimal("50.00")
    )
    return expenses.claim_submit(claim=line.claim, by=user, now=when)


@pytest.mark.parametrize(("when", "late"), [(at(10, "23:59"), False), (at(11, "00:00"), True)])
def test_the_tenth_ends_at_midnight_on_the_sites_clock(world, when, late):
    claim = submitted(world.person_a, world.staff_a, when)
    assert claim.late is late


@pytest.mark.parametrize(
    ("when", "late"),
    [
        # Midnight in Shanghai is 17:00 of the 10th in Berlin: still on time there.
        (at(11, "00:00"), False),
        (at(10, "23:59", BERLIN), False),
        (at(11, "00:00", BERLIN), True),
    ],
)
def test_a_site_in_berlin_has_its_own_midnight(world, when, late):
    world.site_b.time_zone = "Europe/Berlin"
    world.site_b.save()
    claim = submitted(world.person_b, world.staff_b, when)
    assert claim.late is late


def test_urumqi_is_read_on_its_own_clock_too(world):
    world.site_b.time_zone = "Asia/Urumqi"
    world.site_b.save()
    deadline = claim_deadline(month=OCTOBER, company_id=world.company.pk, site=world.site_b)
    assert deadline == datetime.datetime(2026, 11, 11, 0, 0, tzinfo=URUMQI)
    # 01:00 in Shanghai is 23:00 of the 10th in Urumqi.
    assert submitted(world.person_b, world.staff_b, at(11, "01:00")).late is False


def test_the_earliest_month_decides(world):
    # A line of September makes the whole claim late after 10 October.
    expenses.line_add(
        staff=world.person_a,
        by=world.staff_a,
        date=datetime.date(2026, 9, 30),
        category="meals",
        amount=Decimal("10.00"),
    )
    claim = submitted(
        world.person_a, world.staff_a, datetime.datetime(2026, 10, 11, tzinfo=SHANGHAI)
    )
    assert claim.late is True


def test_a_company_that_moves_its_deadline_day_moves_the_deadline(world):
    policy_set(key="expense_deadline_day", value=15, company=world.company, by=world.hr)
    other = factories.CompanyFactory()
    assert claim_deadline(
        month=OCTOBER, company_id=world.company.pk, site=world.site_a
    ) == datetime.datetime(2026, 11, 16, 0, 0, tzinfo=SHANGHAI)
    # Another company keeps the 10th.
    assert claim_deadline(
        month=OCTOBER, company_id=other.pk, site=world.site_a
    ) == datetime.datetime(2026, 11, 11, 0, 0, tzinfo=SHANGHAI)
    assert submitted(world.person_a, world.staff_a, at(15, "23:59")).late is False


def test_after_the_moved_deadline_it_is_late(world):
    policy_set(key="expense_deadline_day", value=15, company=world.company, by=world.hr)
    assert submitted(world.person_a, world.staff_a, at(16, "00:00")).late is True
