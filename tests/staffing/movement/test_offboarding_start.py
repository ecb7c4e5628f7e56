import datetime

import pytest
from django.utils import translation

from onsite.models import Notification
from onsite.org.models import StaffStatus
from onsite.transitions import Refused, TransitionError
from staffing.models import (
    ChangeKind,
    LeavingReason,
    Offboarding,
    OffboardingItemKind,
    OffboardingStatus,
)
from staffing.services.notices import change_notice_file
from tests import factories
from tests.dates import STAFFING_DAY
from tests.staffing.movement.conftest import start_offboarding


def start(world, placement, **kwargs):
    with translation.override("en"):
        return start_offboarding(world, placement, **kwargs)


def test_starting_opens_every_item_and_moves_the_person_to_leaving(world, placement_a):
    offboarding = start(world, placement_a, successor=world.person_b)
    assert offboarding.status == OffboardingStatus.OPEN
    assert sorted(offboarding.items.values_list("kind", flat=True)) == sorted(
        OffboardingItemKind.values
    )
    assert not offboarding.items.filter(done_at__isnull=False).exists()
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.LEAVING
    assert world.person_a.history.latest().history_user == world.hr


def test_the_sites_supervisors_and_hr_are_told(world, placement_a):
    start(world, placement_a)
    told = set(
        Notification.objects.filter(kind="movement.offboarding_started").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"hr", "supervisor_a"}


def test_a_second_start_is_refused(world, placement_a):
    start(world, placement_a)
    with pytest.raises(Refused, match="offboarding of 张三 from 甲机房 has already started"):
        start(world, placement_a)
    assert Offboarding.objects.count() == 1


def test_a_last_day_before_the_placement_began_is_refused(world, placement_a):
    with pytest.raises(Refused, match="before the placement started, on 2026-01-01"):
        start(world, placement_a, leaving_on=datetime.date(2025, 12, 31))


def test_a_placement_that_already_ended_is_refused(world, placement_a):
    placement_a.end = datetime.date(2026, 10, 31)
    placement_a.save()
    with pytest.raises(Refused, match="already ended on 2026-10-31"):
        start(world, placement_a)


def test_the_successor_is_someone_else_of_the_same_company(world, placement_a):
    with pytest.raises(Refused, match="cannot hand their work over to themselves"):
        start(world, placement_a, successor=world.person_a)
    stranger = factories.StaffFactory(name="赵六")
    with pytest.raises(Refused, match="赵六 works for another company"):
        start(world, placement_a, successor=stranger)
    gone = factories.StaffFactory(company=world.company, name="钱七", status=StaffStatus.LEFT)
    with pytest.raises(Refused, match="钱七 is “Left” and cannot take over the work"):
        start(world, placement_a, successor=gone)


def test_a_rotation_within_the_minimum_months_is_refused(world, placement_a):
    placement_a.start = datetime.date(2026, 8, 1)
    placement_a.save()
    with pytest.raises(Refused) as refusal:
        start(world, placement_a, reason=LeavingReason.ROTATION)
    assert refusal.value.messages == [
        "张三 will have been at 甲机房 for 3 months on 2026-11-22; a rotation needs at least 6.",
        "A manager can allow it on a change notice for the rotation.",
    ]


def test_a_managers_override_on_a_rotation_notice_allows_an_early_rotation(world, placement_a):
    placement_a.start = datetime.date(2026, 8, 1)
    placement_a.save()
    change_notice_file(
        site=world.site_a,
        kind=ChangeKind.ROTATION,
        leaving=world.person_a,
        planned_on=STAFFING_DAY,
        reason="轮岗",
        override_reason="客户要求提前轮岗",
        by=world.manager,
        today=STAFFING_DAY,
    )
    offboarding = start(world, placement_a, reason=LeavingReason.ROTATION)
    assert offboarding.reason == LeavingReason.ROTATION


def test_other_reasons_are_not_held_to_the_rotation_minimum(world, placement_a):
    placement_a.start = datetime.date(2026, 8, 1)
    placement_a.save()
    assert start(world, placement_a, reason=LeavingReason.DISMISSAL)


def test_a_person_not_on_site_cannot_start_leaving(world, placement_a):
    world.person_a.status = StaffStatus.CANDIDATE
    world.person_a.save()
    with pytest.raises(TransitionError):
        start(world, placement_a)
    assert not Offboarding.objects.exists()
