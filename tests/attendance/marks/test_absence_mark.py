import datetime
import re

import pytest
from django.utils import timezone

from attendance.models import AbsenceMark, AbsenceReason, DayStatus, MonthClose
from attendance.services.marks import absence_mark
from onsite.access import OwnRecordRefused
from onsite.transitions import Refused
from tests.dates import MONDAY, OCTOBER, SUNDAY, at
from tests.factories import day_of, device_punch
from tests.pages import own


def mark(world, date=MONDAY, by=None, reason=AbsenceReason.SUBSTITUTION, note="由他人代班"):
    return absence_mark(
        staff=world.person_a, date=date, reason=reason, note=note, by=by or world.supervisor_a
    )


@pytest.fixture
def present_monday(world):
    device_punch(world.person_a, at(MONDAY, "08:25"))
    device_punch(world.person_a, at(MONDAY, "17:35"))
    assert day_of(world.person_a, MONDAY).status == DayStatus.PRESENT


def test_a_mark_makes_a_present_day_absent_with_its_reason(world, present_monday):
    record = mark(world)
    assert record.site == world.site_a
    assert record.created_by == world.supervisor_a
    day = day_of(world.person_a, MONDAY)
    assert day.status == DayStatus.ABSENT
    assert day.absent == 1 and day.present == 0
    assert day.rule == "marked_absent"
    assert day.rule_args["note"] == "由他人代班"


def test_hr_of_the_company_marks_too(world):
    assert mark(world, by=world.hr).created_by == world.hr


def test_the_mark_is_in_the_history_with_who_made_it(world):
    record = mark(world)
    (entry,) = record.history.all()
    assert entry.history_type == "+"
    assert entry.history_user == world.supervisor_a


def test_one_mark_per_person_and_day(world):
    mark(world)
    with pytest.raises(
        Refused, match=re.escape("张三 already has an absence marked on 2026-10-12.")
    ):
        mark(world, by=world.hr, reason=AbsenceReason.OTHER)
    assert AbsenceMark.objects.count() == 1


def test_a_supervisor_of_another_site_may_not_mark(world, supervisor_b):
    with pytest.raises(Refused, match=re.escape("You may not mark absences of 张三.")):
        mark(world, by=supervisor_b)


def test_staff_may_not_mark(world):
    with pytest.raises(OwnRecordRefused, match=own()):
        mark(world, by=world.staff_a)
    with pytest.raises(Refused, match=re.escape("You may not mark absences of 张三.")):
        mark(world, by=world.staff_b)


def test_the_reason_must_be_one_of_the_list(world):
    with pytest.raises(Refused, match=re.escape("Choose the reason for the absence.")):
        mark(world, reason="lazy")


def test_a_note_is_required(world):
    with pytest.raises(Refused, match=re.escape("Describe what happened in the note.")):
        mark(world, note=" ")


def test_a_rest_day_has_no_absence_to_mark(world):
    with pytest.raises(Refused, match="2026-10-18 is not a working day at 甲机房"):
        mark(world, date=SUNDAY)


def test_a_day_to_come_cannot_be_marked(world):
    with pytest.raises(Refused, match="only for today or an earlier day"):
        mark(world, date=timezone.localdate() + datetime.timedelta(days=1))


def test_a_day_when_the_person_was_not_placed_is_refused(world):
    with pytest.raises(Refused, match=re.escape("张三 is not placed at any site on 2025-12-15.")):
        mark(world, date=datetime.date(2025, 12, 15))


def test_a_closed_month_is_refused(world, present_monday):
    MonthClose.objects.create(site=world.site_a, month=OCTOBER, status="closed")
    with pytest.raises(Refused, match="The attendance of 甲机房 for 2026-10 is closed"):
        mark(world)
    assert not AbsenceMark.objects.exists()
    assert day_of(world.person_a, MONDAY).status == DayStatus.PRESENT


def test_an_hr_admin_who_is_also_staff_does_not_mark_herself_absent(world, two_roles):
    with pytest.raises(OwnRecordRefused, match=own()):
        absence_mark(
            staff=world.hr_person,
            date=MONDAY,
            reason=AbsenceReason.OTHER,
            note="未到岗",
            by=world.hr_staff,
        )
    assert not AbsenceMark.objects.exists()
