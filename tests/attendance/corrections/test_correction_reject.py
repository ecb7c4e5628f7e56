import re

import pytest

from attendance.models import Correction, CorrectionStatus, DayStatus, MonthClose, Punch
from attendance.services.corrections import correction_reject
from onsite.models import Notification
from onsite.transitions import Refused, TransitionError
from tests.dates import MONDAY, OCTOBER
from tests.factories import correction_requested, day_of


@pytest.fixture
def correction(world) -> Correction:
    return correction_requested(world)


def test_a_rejection_leaves_the_day_absent_and_adds_no_punch(world, correction):
    correction_reject(correction=correction, by=world.supervisor_a, note="监控显示16:50离岗")
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.REJECTED
    assert correction.decided_by == world.supervisor_a
    assert correction.decision_note == "监控显示16:50离岗"
    assert Punch.objects.count() == 1
    day = day_of(world.person_a, MONDAY)
    assert day.status == DayStatus.MISSING_PUNCH
    assert day.absent == 1


def test_the_reason_is_kept_in_the_history(world, correction):
    correction_reject(correction=correction, by=world.hr, note="不属实")
    decision = correction.history.latest()
    assert decision.status == CorrectionStatus.REJECTED
    assert decision.history_user == world.hr
    assert decision.history_change_reason == "不属实"


def test_a_rejection_needs_a_reason(world, correction):
    with pytest.raises(Refused, match=re.escape("Give a reason for the rejection.")):
        correction_reject(correction=correction, by=world.hr, note=" ")
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING


def test_the_person_is_told_why(world, correction):
    correction_reject(correction=correction, by=world.hr, note="不属实")
    (notice,) = Notification.objects.filter(kind="attendance.correction_decided")
    assert notice.recipient == world.staff_a
    assert notice.title == "Your correction for 2026-10-12 17:35 is not approved"
    assert notice.body == "不属实"


def test_a_supervisor_of_another_site_may_not_reject(world, correction, supervisor_b):
    with pytest.raises(Refused, match="Only a supervisor of the site or HR"):
        correction_reject(correction=correction, by=supervisor_b, note="不行")


def test_a_closed_month_is_refused(world, correction):
    MonthClose.objects.create(site=world.site_a, month=OCTOBER, status="closed")
    with pytest.raises(Refused, match="is closed"):
        correction_reject(correction=correction, by=world.hr, note="不属实")
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING


def test_a_decided_correction_cannot_be_rejected(world, correction):
    correction_reject(correction=correction, by=world.hr, note="不属实")
    with pytest.raises(TransitionError):
        correction_reject(correction=correction, by=world.supervisor_a, note="再次驳回")
