import re

import pytest

from attendance.models import AbsenceMark, AbsenceReason, DayStatus, MonthClose
from attendance.services.marks import absence_mark, absence_unmark
from onsite.access import OwnRecordRefused
from onsite.transitions import Refused
from tests.dates import MONDAY, OCTOBER, at
from tests.factories import day_of, device_punch
from tests.pages import own


@pytest.fixture
def marked(world) -> AbsenceMark:
    device_punch(world.person_a, at(MONDAY, "08:25"))
    device_punch(world.person_a, at(MONDAY, "17:35"))
    return absence_mark(
        staff=world.person_a,
        date=MONDAY,
        reason=AbsenceReason.UNAUTHORISED_OUT,
        note="擅自外出",
        by=world.supervisor_a,
    )


def test_removing_the_mark_lets_the_punches_judge_the_day_again(world, marked):
    assert day_of(world.person_a, MONDAY).status == DayStatus.ABSENT
    absence_unmark(mark=marked, by=world.hr, reason="经核实为公务外出")
    assert not AbsenceMark.objects.exists()
    assert day_of(world.person_a, MONDAY).status == DayStatus.PRESENT


def test_the_history_keeps_the_removed_mark_with_who_and_why(world, marked):
    pk = marked.pk
    absence_unmark(mark=marked, by=world.hr, reason="经核实为公务外出")
    removal = AbsenceMark.history.filter(id=pk).latest()
    assert removal.history_type == "-"
    assert removal.history_user == world.hr
    assert removal.history_change_reason == "经核实为公务外出"
    assert removal.note == "擅自外出"


def test_a_reason_is_required(world, marked):
    with pytest.raises(Refused, match=re.escape("Say why the absence mark is removed.")):
        absence_unmark(mark=marked, by=world.hr, reason="")
    assert AbsenceMark.objects.exists()


def test_a_supervisor_of_another_site_may_not_remove_it(world, marked, supervisor_b):
    with pytest.raises(Refused, match=re.escape("You may not remove absences of 张三.")):
        absence_unmark(mark=marked, by=supervisor_b, reason="弄错了")


def test_the_person_may_not_remove_their_own_mark(world, marked):
    with pytest.raises(OwnRecordRefused, match=own()):
        absence_unmark(mark=marked, by=world.staff_a, reason="弄错了")


def test_a_closed_month_is_refused(world, marked):
    MonthClose.objects.create(site=world.site_a, month=OCTOBER, status="closed")
    with pytest.raises(Refused, match="is closed"):
        absence_unmark(mark=marked, by=world.hr, reason="经核实为公务外出")
    assert AbsenceMark.objects.exists()
    assert day_of(world.person_a, MONDAY).status == DayStatus.ABSENT


def test_a_supervisor_who_is_also_staff_does_not_remove_his_own_mark(world, two_roles):
    mark = absence_mark(
        staff=world.supervisor_person,
        date=MONDAY,
        reason=AbsenceReason.OTHER,
        note="未到岗",
        by=world.hr,
    )
    with pytest.raises(OwnRecordRefused, match=own()):
        absence_unmark(mark=mark, by=world.supervisor_staff, reason="弄错了")
    assert AbsenceMark.objects.filter(pk=mark.pk).exists()
