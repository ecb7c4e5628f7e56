import datetime
import re

import pytest

from attendance.models import DayStatus, MonthClose, Punch, PunchSource
from attendance.services.punches import punch_check_in
from onsite.transitions import Refused
from tests.dates import MONDAY, OCTOBER, at
from tests.factories import day_of


def check_in(world, now, by=None):
    return punch_check_in(staff=world.person_a, by=by or world.staff_a, now=now)


def test_checking_in_punches_at_the_servers_minute_at_todays_site(world):
    punch = check_in(world, at(MONDAY, "08:29", second=41))
    assert punch.at == at(MONDAY, "08:29")
    assert punch.source == PunchSource.WEB
    assert punch.site == world.site_a
    assert punch.created_by == world.staff_a


def test_a_double_click_in_the_same_minute_is_one_punch(world):
    first = check_in(world, at(MONDAY, "08:29", second=10))
    second = check_in(world, at(MONDAY, "08:29", second=55))
    assert second.pk == first.pk
    assert Punch.objects.count() == 1


def test_checking_in_then_out_makes_a_present_day(world):
    check_in(world, at(MONDAY, "08:29"))
    assert day_of(world.person_a, MONDAY).status == DayStatus.MISSING_PUNCH
    check_in(world, at(MONDAY, "17:31"))
    assert day_of(world.person_a, MONDAY).status == DayStatus.PRESENT


def test_someone_not_placed_today_has_nowhere_to_check_in(world):
    with pytest.raises(Refused, match="You are not placed at any site today"):
        check_in(world, at(datetime.date(2025, 12, 31), "08:29"))
    assert not Punch.objects.exists()


def test_nobody_checks_in_for_someone_else(world):
    with pytest.raises(Refused, match=re.escape("You can only check in for yourself.")):
        check_in(world, at(MONDAY, "08:29"), by=world.supervisor_a)


def test_a_closed_month_is_refused(world):
    MonthClose.objects.create(site=world.site_a, month=OCTOBER, status="closed")
    with pytest.raises(Refused, match="is closed"):
        check_in(world, at(MONDAY, "08:29"))
