"""Transport and lodging away from the site need an approved business trip covering the date
(SPEC §10): a trip covering it on its first and last day lets the line in, a day before or after
does not; a pending, rejected or someone else's trip is refused."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from onsite.transitions import Refused
from staffing.models import TripStatus
from staffing.services import expenses, trips
from tests.dates import FRIDAY, MONDAY, SATURDAY, SUNDAY, TUESDAY
from tests.factories.expenses import TripFactory

pytestmark = pytest.mark.django_db


def add(world, category="transport", day=TUESDAY, **extra):
    return expenses.line_add(
        staff=world.person_a,
        by=world.staff_a,
        date=day,
        category=category,
        amount=Decimal("300.00"),
        **extra,
    )


@pytest.fixture
def trip(world):
    """张三's trip of Tuesday to Friday of the reference week, asked and approved."""
    asked = trips.trip_request(
        staff=world.person_a,
        by=world.staff_a,
        destination="上海",
        start=TUESDAY,
        end=FRIDAY,
        purpose="机房迁移支持",
        estimated_cost=Decimal("3000.00"),
    )
    return trips.trip_approve(trip=asked, by=world.manager)


@pytest.mark.parametrize("day", [TUESDAY, FRIDAY])
def test_a_trip_covering_the_date_to_its_edges_lets_transport_and_lodging_in(world, trip, day):
    assert add(world, day=day, away=True, trip=trip).trip == trip
    lodging = add(world, "lodging", day=day, trip=trip)
    assert (lodging.away, lodging.trip) == (True, trip)


@pytest.mark.parametrize("day", [MONDAY, SATURDAY])
def test_a_day_outside_the_trip_is_refused(world, trip, day):
    with pytest.raises(Refused, match="出差") as refused:
        add(world, day=day, away=True, trip=trip)
    assert day.isoformat() in str(refused.value)


def test_away_without_a_trip_is_refused_and_lodging_is_always_away(world):
    with pytest.raises(Refused, match=TUESDAY.isoformat()):
        add(world, away=True)
    with pytest.raises(Refused, match=TUESDAY.isoformat()):
        add(world, "lodging")
    # Transport at the site needs no trip.
    assert add(world).trip is None


@pytest.mark.parametrize("status", [TripStatus.PENDING, TripStatus.REJECTED])
def test_a_pending_or_rejected_trip_is_refused(world, status):
    extra = {"reason": "改为远程支持"} if status == TripStatus.REJECTED else {}
    trip = TripFactory(staff=world.person_a, status=status, start=MONDAY, end=SUNDAY, **extra)
    with pytest.raises(Refused):
        add(world, away=True, trip=trip)
    with pytest.raises(Refused):
        add(world, "lodging", trip=trip)


def test_someone_elses_trip_is_refused(world):
    trip = TripFactory(staff=world.person_b, start=MONDAY, end=SUNDAY)
    with pytest.raises(Refused):
        add(world, away=True, trip=trip)


def test_a_rejected_trip_needs_a_reason_and_is_decided_once(world):
    asked = trips.trip_request(
        staff=world.person_a,
        by=world.staff_a,
        destination="上海",
        start=TUESDAY,
        end=FRIDAY,
        purpose="培训",
        estimated_cost=Decimal("0"),
    )
    with pytest.raises(Refused):
        trips.trip_reject(trip=asked, by=world.manager, reason="  ")
    trips.trip_reject(trip=asked, by=world.manager, reason="改为远程支持")
    with pytest.raises(Refused):
        trips.trip_approve(trip=asked, by=world.manager)
    asked.refresh_from_db()
    assert asked.status == TripStatus.REJECTED


def test_nobody_decides_their_own_trip(two_roles):
    world = two_roles
    from onsite.models import RoleGrant
    from onsite.roles import Role

    RoleGrant.objects.create(user=world.supervisor_staff, role=Role.MANAGER, company=world.company)
    asked = trips.trip_request(
        staff=world.supervisor_person,
        by=world.supervisor_staff,
        destination="杭州",
        start=TUESDAY,
        end=FRIDAY,
        purpose="培训",
        estimated_cost=Decimal("800.00"),
    )
    with pytest.raises(Refused):
        trips.trip_approve(trip=asked, by=world.supervisor_staff)
    assert trips.trip_approve(trip=asked, by=world.manager).status == TripStatus.APPROVED


def test_a_trip_ending_before_it_starts_is_refused(world):
    with pytest.raises(Refused):
        trips.trip_request(
            staff=world.person_a,
            by=world.staff_a,
            destination="上海",
            start=FRIDAY,
            end=FRIDAY - datetime.timedelta(days=1),
            purpose="培训",
            estimated_cost=Decimal("10"),
        )
