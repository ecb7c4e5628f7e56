import datetime
import re

import pytest
from django.utils import timezone

from attendance.models import DayStatus, MonthClose, Punch, PunchSource
from attendance.services.punches import punch_add_manual
from onsite.access import OwnRecordRefused
from onsite.transitions import Refused
from tests import factories
from tests.dates import MONDAY, OCTOBER, at
from tests.factories import day_of, device_punch
from tests.pages import own


def add(world, when, by=None, reason="考勤机故障", staff=None):
    return punch_add_manual(
        staff=staff or world.person_a, at=when, reason=reason, by=by or world.hr
    )


def test_hr_enters_a_punch_kept_to_the_minute_with_its_reason(world):
    punch = add(world, at(MONDAY, "08:31", second=47))
    assert punch.at == at(MONDAY, "08:31")
    assert punch.source == PunchSource.MANUAL
    assert punch.reason == "考勤机故障"
    assert punch.created_by == world.hr
    assert punch.site == world.site_a


def test_the_supervisor_of_the_persons_site_enters_a_punch(world):
    punch = add(world, at(MONDAY, "17:40"), by=world.supervisor_a)
    assert punch.created_by == world.supervisor_a


def test_the_day_is_judged_again_at_once(world):
    add(world, at(MONDAY, "08:25"))
    assert day_of(world.person_a, MONDAY).status == DayStatus.MISSING_PUNCH
    add(world, at(MONDAY, "17:35"))
    day = day_of(world.person_a, MONDAY)
    assert day.status == DayStatus.PRESENT
    assert day.punch_count == 2


def test_a_supervisor_of_another_site_may_not_enter_punches_for_the_person(world, supervisor_b):
    with pytest.raises(Refused, match=re.escape("You may not enter punches for 张三.")):
        add(world, at(MONDAY, "08:31"), by=supervisor_b)
    assert not Punch.objects.exists()


def test_staff_may_not_enter_a_punch_by_hand_even_for_themselves(world):
    with pytest.raises(OwnRecordRefused, match=own()):
        add(world, at(MONDAY, "08:31"), by=world.staff_a)
    with pytest.raises(Refused, match=re.escape("You may not enter punches for 李四.")):
        add(world, at(MONDAY, "08:31"), by=world.staff_a, staff=world.person_b)


def test_a_reason_is_required(world):
    with pytest.raises(Refused, match=re.escape("Give a reason for entering the punch by hand.")):
        add(world, at(MONDAY, "08:31"), reason="  ")


def test_a_second_punch_in_the_same_minute_is_refused(world):
    device_punch(world.person_a, at(MONDAY, "08:31", second=5))
    with pytest.raises(Refused, match=re.escape("There is already a punch at 2026-10-12 08:31.")):
        add(world, at(MONDAY, "08:31", second=50))
    assert Punch.objects.count() == 1


def test_a_day_when_the_person_was_not_placed_is_refused(world):
    with pytest.raises(Refused, match=re.escape("张三 is not placed at any site on 2025-12-15.")):
        add(world, at(datetime.date(2025, 12, 15), "08:31"))


def test_a_time_that_has_not_come_is_refused(world):
    with pytest.raises(Refused, match="has not come yet"):
        add(world, timezone.now() + datetime.timedelta(hours=2))


def test_a_closed_month_is_refused(world):
    MonthClose.objects.create(site=world.site_a, month=OCTOBER, status="closed")
    with pytest.raises(Refused, match="The attendance of 甲机房 for 2026-10 is closed"):
        add(world, at(MONDAY, "08:31"))
    assert not Punch.objects.exists()


def test_a_backup_placement_elsewhere_belongs_to_the_site_the_enterer_acts_for(world, supervisor_b):
    factories.AssignmentFactory(
        staff=world.person_a,
        site=world.site_b,
        contract=world.person_a.assignments.get().contract,
        backup=True,
        start=datetime.date(2026, 1, 1),
    )
    assert add(world, at(MONDAY, "08:31"), by=supervisor_b).site == world.site_b
    assert add(world, at(MONDAY, "17:31"), by=world.supervisor_a).site == world.site_a


def test_a_supervisor_who_is_also_staff_does_not_enter_his_own_punch(world, two_roles):
    with pytest.raises(OwnRecordRefused, match=own()):
        add(world, at(MONDAY, "08:25"), by=world.supervisor_staff, staff=world.supervisor_person)
    assert not Punch.objects.exists()


def test_an_hr_admin_who_is_also_staff_does_not_enter_her_own_punch(world, two_roles):
    with pytest.raises(OwnRecordRefused, match=own()):
        add(world, at(MONDAY, "08:25"), by=world.hr_staff, staff=world.hr_person)
    assert not Punch.objects.exists()


def test_each_enters_the_punches_of_the_other(world, two_roles):
    add(world, at(MONDAY, "08:25"), by=world.hr_staff, staff=world.supervisor_person)
    add(world, at(MONDAY, "08:26"), by=world.supervisor_staff, staff=world.hr_person)
    assert Punch.objects.count() == 2
