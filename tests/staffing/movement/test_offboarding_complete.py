import datetime
import threading

import pytest
from django.db import connection
from django.utils import translation

from onsite.org.models import Assignment, StaffStatus
from onsite.transitions import Refused
from staffing.models import LeavingReason, Offboarding, OffboardingStatus
from staffing.services.movement import offboarding_complete
from tests import factories
from tests.dates import STAFFING_DAY
from tests.staffing.movement.conftest import start_offboarding, tick_all


def complete(world, offboarding, today=STAFFING_DAY):
    with translation.override("en"):
        return offboarding_complete(offboarding=offboarding, by=world.hr, today=today)


def test_completion_is_refused_while_an_item_is_open_and_lists_them(world, offboarding_a):
    for item in offboarding_a.items.exclude(kind__in=["accounts", "badge"]):
        item.done_by, item.done_at = world.hr, datetime.datetime.now(datetime.UTC)
        item.save()
    with pytest.raises(Refused) as refusal:
        complete(world, offboarding_a)
    assert str(refusal.value) == (
        "Offboarding cannot be completed while items are open: "
        "Accounts in the client's systems deactivated、Badge returned."
    )
    offboarding_a.refresh_from_db()
    assert offboarding_a.status == OffboardingStatus.OPEN
    assert Assignment.objects.get(pk=offboarding_a.assignment_id).end is None


def test_completion_is_refused_before_the_last_working_day(world, placement_a):
    offboarding = start_offboarding(world, placement_a, leaving_on=datetime.date(2026, 12, 31))
    tick_all(offboarding, world.hr)
    with pytest.raises(Refused, match="from the last working day, 2026-12-31"):
        complete(world, offboarding)


def test_completion_ends_the_placement_on_the_last_working_day(world, placement_a):
    offboarding = start_offboarding(world, placement_a, leaving_on=datetime.date(2026, 11, 20))
    tick_all(offboarding, world.hr)
    complete(world, offboarding)
    offboarding.refresh_from_db()
    assert offboarding.status == OffboardingStatus.COMPLETED
    assert offboarding.completed_by == world.hr
    placement_a.refresh_from_db()
    assert placement_a.end == datetime.date(2026, 11, 20)
    assert placement_a.history.latest().history_user == world.hr


@pytest.mark.parametrize("reason", [LeavingReason.RESIGNATION, LeavingReason.DISMISSAL])
def test_a_person_who_resigned_or_was_dismissed_has_left(world, placement_a, reason):
    offboarding = start_offboarding(world, placement_a, reason=reason)
    tick_all(offboarding, world.hr)
    complete(world, offboarding)
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.LEFT
    assert world.person_a.history.latest().prev_record.status == StaffStatus.LEAVING


@pytest.mark.parametrize(
    "reason",
    [
        LeavingReason.CONTRACT_END,
        LeavingReason.REPLACEMENT,
        LeavingReason.ROTATION,
        LeavingReason.SITE_BAN,
    ],
)
def test_a_person_still_employed_returns_to_the_placeable_pool(world, placement_a, reason):
    offboarding = start_offboarding(world, placement_a, reason=reason)
    tick_all(offboarding, world.hr)
    complete(world, offboarding)
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.QUALIFIED


def test_a_person_still_placed_elsewhere_stays_on_site(world, placement_a):
    # A backup placement at site B runs on after leaving site A.
    factories.AssignmentFactory(
        staff=world.person_a,
        site=world.site_b,
        contract=placement_a.contract,
        position=placement_a.position,
        start=datetime.date(2026, 6, 1),
        backup=True,
    )
    offboarding = start_offboarding(world, placement_a, reason=LeavingReason.RESIGNATION)
    tick_all(offboarding, world.hr)
    complete(world, offboarding)
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.ON_SITE


def test_a_person_with_a_placement_to_come_is_qualified_even_after_resigning_here(
    world, placement_a
):
    factories.AssignmentFactory(
        staff=world.person_a,
        site=world.site_b,
        contract=placement_a.contract,
        position=placement_a.position,
        start=datetime.date(2027, 1, 1),
    )
    offboarding = start_offboarding(world, placement_a, reason=LeavingReason.RESIGNATION)
    tick_all(offboarding, world.hr)
    complete(world, offboarding)
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.QUALIFIED


def test_a_person_leaving_two_sites_stays_leaving_until_the_second_is_done(world, placement_a):
    second = factories.AssignmentFactory(
        staff=world.person_a,
        site=world.site_b,
        contract=placement_a.contract,
        position=placement_a.position,
        start=datetime.date(2026, 6, 1),
        backup=True,
    )
    first = start_offboarding(world, placement_a, reason=LeavingReason.RESIGNATION)
    other = start_offboarding(world, second, reason=LeavingReason.RESIGNATION)
    tick_all(first, world.hr)
    complete(world, first)
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.LEAVING
    tick_all(other, world.hr)
    complete(world, other)
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.LEFT


def test_a_banned_person_keeps_the_ban(world, offboarding_a):
    world.person_a.status = StaffStatus.BANNED
    world.person_a.save()
    tick_all(offboarding_a, world.hr)
    complete(world, offboarding_a)
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.BANNED


def test_a_completed_offboarding_cannot_be_completed_again(world, offboarding_a):
    tick_all(offboarding_a, world.hr)
    complete(world, offboarding_a)
    with pytest.raises(Refused, match="is completed"):
        complete(world, offboarding_a)


@pytest.mark.django_db(transaction=True)
def test_two_people_completing_at_once_complete_once():
    from tests.conftest import build_world

    world = build_world()
    placement = world.person_a.assignments.get()
    offboarding = start_offboarding(world, placement, reason=LeavingReason.RESIGNATION)
    tick_all(offboarding, world.hr)
    barrier = threading.Barrier(2)
    outcomes = []

    def finish():
        barrier.wait()
        try:
            offboarding_complete(
                offboarding=Offboarding.objects.get(pk=offboarding.pk),
                by=world.hr,
                today=STAFFING_DAY,
            )
            outcomes.append("completed")
        except Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=finish) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["completed", "refused"]
    assert world.person_a.history.filter(status="left").count() == 1
