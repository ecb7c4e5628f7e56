"""A person's placement on a date: one rule when several placements cover the day."""

import datetime

import pytest

from onsite.org.models import PLACEMENT_ORDER, Assignment
from tests.factories import AssignmentFactory, StaffFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_nobody_placed_on_the_day_has_no_placement():
    placement = AssignmentFactory(start=D(2026, 3, 1), end=D(2026, 3, 31))
    assert Assignment.objects.placement_of(placement.staff, D(2026, 4, 1)) is None
    assert Assignment.objects.placement_of(placement.staff, D(2026, 2, 28)) is None
    assert Assignment.objects.placement_of(placement.staff, D(2026, 3, 31)) == placement


def test_a_regular_placement_wins_over_a_later_backup_one():
    staff = StaffFactory()
    own = AssignmentFactory(staff=staff, start=D(2026, 1, 1))
    AssignmentFactory(staff=staff, start=D(2026, 3, 1), backup=True)
    assert Assignment.objects.placement_of(staff, D(2026, 3, 10)) == own


def test_between_two_backup_placements_the_latest_started_wins_then_the_first_recorded():
    staff = StaffFactory()
    AssignmentFactory(staff=staff, start=D(2026, 1, 1), backup=True)
    latest = AssignmentFactory(staff=staff, start=D(2026, 2, 1), backup=True)
    twin = AssignmentFactory(staff=staff, start=D(2026, 2, 1), backup=True)
    assert Assignment.objects.placement_of(staff.pk, D(2026, 2, 5)) == latest
    assert twin.pk > latest.pk
    assert PLACEMENT_ORDER == ("backup", "-start", "pk")


def test_overlapping_finds_placements_with_a_day_in_the_range():
    before = AssignmentFactory(start=D(2026, 1, 1), end=D(2026, 1, 31))
    open_ended = AssignmentFactory(start=D(2026, 2, 15))
    AssignmentFactory(start=D(2026, 3, 1))
    found = set(Assignment.objects.overlapping(D(2026, 1, 31), D(2026, 2, 28)))
    assert found == {before, open_ended}


def test_overlapping_without_an_end_finds_every_placement_not_ended_by_then():
    ended = AssignmentFactory(start=D(2026, 1, 1), end=D(2026, 1, 31))
    running = AssignmentFactory(start=D(2026, 1, 1), end=D(2026, 6, 30))
    coming = AssignmentFactory(start=D(2027, 1, 1))
    found = set(Assignment.objects.overlapping(D(2026, 2, 1), None))
    assert ended not in found and found == {running, coming}
