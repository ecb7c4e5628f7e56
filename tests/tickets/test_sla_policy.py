"""Every number of the SLA is a policy key (tickets/policy.py), for the company or one site: the
response and resolution hours per priority, and the clock. The warning hours are shown in
test_reminders.py, the days before the automatic close in test_services_autoclose.py."""

from __future__ import annotations

import datetime

import pytest

from onsite.policy import policy_set
from tests.dates import MONDAY, at
from tests.tickets.conftest import RAISED_AT, raise_ticket

HOUR = datetime.timedelta(hours=1)
PRIORITIES = ("urgent", "high", "normal", "low")


@pytest.mark.parametrize(
    ("priority", "response", "resolution"),
    [("urgent", 24, 4), ("high", 24, 24), ("normal", 24, 72), ("low", 24, 168)],
)
def test_the_defaults_of_spec_11(world, priority, response, resolution):
    ticket = raise_ticket(world, priority=priority, category="general")
    assert ticket.response_due == RAISED_AT + response * HOUR
    assert ticket.resolution_due == RAISED_AT + resolution * HOUR


@pytest.mark.parametrize("priority", PRIORITIES)
@pytest.mark.parametrize("target", ["response", "resolution"])
def test_each_priority_has_its_own_hours_and_a_site_its_own(world, priority, target):
    hr = world.users["hr"]
    key = f"ticket_{target}_hours_{priority}"
    policy_set(key=key, value=7, company=world.company, by=hr)
    policy_set(key=key, value=9, site=world.site_b, by=hr)
    field = f"{target}_due"
    assert getattr(raise_ticket(world, priority=priority), field) == RAISED_AT + 7 * HOUR
    # The other priorities keep theirs.
    for other in PRIORITIES:
        if other != priority:
            assert getattr(raise_ticket(world, priority=other), field) != RAISED_AT + 7 * HOUR
    # Site B's own number wins over the company's.
    from onsite.roles import Role
    from tests import factories

    contact = factories.UserFactory(username="client_b")
    factories.RoleGrantFactory(user=contact, role=Role.CLIENT_CONTACT, site=world.site_b)
    at_b = raise_ticket(world, site=world.site_b, by=contact, priority=priority)
    assert getattr(at_b, field) == RAISED_AT + 9 * HOUR


def test_the_clock_is_the_companys_and_a_site_may_run_its_own(world):
    hr = world.users["hr"]
    friday_evening = at(datetime.date(2026, 10, 16), "17:00")
    policy_set(key="ticket_sla_clock", value="working_hours", company=world.company, by=hr)
    # Half an hour on Friday, the rest from Monday 08:30.
    assert raise_ticket(world, priority="urgent", now=friday_evening).resolution_due == at(
        datetime.date(2026, 10, 19), "12:00"
    )
    policy_set(key="ticket_sla_clock", value="wall", site=world.site_a, by=hr)
    assert raise_ticket(world, priority="urgent", now=friday_evening).resolution_due == (
        friday_evening + 4 * HOUR
    )


def test_due_times_are_fixed_when_raised(world):
    ticket = raise_ticket(world, priority="high")
    policy_set(
        key="ticket_resolution_hours_high", value=2, company=world.company, by=world.users["hr"]
    )
    ticket.refresh_from_db()
    assert ticket.resolution_due == RAISED_AT + 24 * HOUR
    assert RAISED_AT.date() == MONDAY
