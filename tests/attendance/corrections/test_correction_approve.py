import re
import threading

import pytest
from django.db import connection
from django.utils import translation

from attendance.models import (
    Correction,
    CorrectionStatus,
    DayStatus,
    MonthClose,
    Punch,
    PunchSource,
)
from attendance.services.corrections import correction_approve
from onsite.access import OwnRecordRefused
from onsite.models import Notification
from onsite.roles import Role
from onsite.transitions import Refused, TransitionError
from tests import factories
from tests.dates import MONDAY, OCTOBER, at
from tests.factories import correction_requested, day_of, device_punch
from tests.pages import own


@pytest.fixture
def correction(world) -> Correction:
    return correction_requested(world)


def test_approval_adds_the_punch_and_the_day_becomes_present(world, correction):
    day = day_of(world.person_a, MONDAY)
    assert day.status == DayStatus.MISSING_PUNCH
    assert day.absent == 1
    correction_approve(correction=correction, by=world.supervisor_a, note="属实")
    punch = Punch.objects.get(source=PunchSource.CORRECTION)
    assert punch.at == at(MONDAY, "17:35")
    assert punch.reason == "下班忘记打卡"
    assert punch.created_by == world.supervisor_a
    day = day_of(world.person_a, MONDAY)
    assert day.status == DayStatus.PRESENT
    assert day.present == 1 and day.absent == 0


def test_the_decision_is_recorded_and_kept_in_the_history(world, correction):
    correction_approve(correction=correction, by=world.supervisor_a, note="属实")
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.APPROVED
    assert correction.decided_by == world.supervisor_a
    assert correction.decision_note == "属实"
    decision = correction.history.latest()
    assert decision.history_user == world.supervisor_a
    assert decision.history_change_reason == "属实"
    assert correction.history.first().status == CorrectionStatus.APPROVED
    assert correction.history.earliest().status == CorrectionStatus.PENDING


def test_the_original_punches_are_untouched(world, correction):
    original = Punch.objects.get()
    correction_approve(correction=correction, by=world.hr)
    assert Punch.objects.get(pk=original.pk).source == PunchSource.DEVICE
    assert Punch.objects.count() == 2


def test_the_person_is_told(world, correction):
    correction_approve(correction=correction, by=world.hr)
    (notice,) = Notification.objects.filter(kind="attendance.correction_decided")
    assert notice.recipient == world.staff_a
    assert notice.title == "Your correction for 2026-10-12 17:35 is approved"


def test_a_punch_that_came_in_meanwhile_is_not_doubled(world, correction):
    device_punch(world.person_a, at(MONDAY, "17:35"))
    correction_approve(correction=correction, by=world.hr)
    assert Punch.objects.count() == 2
    assert not Punch.objects.filter(source=PunchSource.CORRECTION).exists()
    assert day_of(world.person_a, MONDAY).status == DayStatus.PRESENT


def test_a_supervisor_of_another_site_may_not_decide(world, correction, supervisor_b):
    with pytest.raises(Refused, match="Only a supervisor of the site or HR"):
        correction_approve(correction=correction, by=supervisor_b)
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING


def test_nobody_approves_their_own_correction(world, correction):
    factories.RoleGrantFactory(user=world.staff_a, role=Role.SUPERVISOR, site=world.site_a)
    with pytest.raises(OwnRecordRefused, match=own()):
        correction_approve(correction=correction, by=world.staff_a)


def test_a_closed_month_is_refused_before_the_decision(world, correction):
    MonthClose.objects.create(site=world.site_a, month=OCTOBER, status="closed")
    with pytest.raises(Refused, match="The attendance of 甲机房 for 2026-10 is closed"):
        correction_approve(correction=correction, by=world.hr)
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING
    assert correction.history.count() == 1
    assert Punch.objects.count() == 1


def test_an_approved_correction_cannot_be_approved_again(world, correction):
    correction_approve(correction=correction, by=world.hr)
    with pytest.raises(
        TransitionError,
        match=re.escape("This correction was decided meanwhile: it is now “Approved”."),
    ):
        correction_approve(correction=correction, by=world.supervisor_a)
    assert Punch.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_supervisors_approving_at_once_decide_once_and_add_one_punch():
    from tests.conftest import build_world

    world = build_world()
    second = factories.UserFactory(username="supervisor_b")
    factories.RoleGrantFactory(user=second, role=Role.SUPERVISOR, site=world.site_b)
    factories.RoleGrantFactory(user=second, role=Role.SUPERVISOR, site=world.site_a)
    with translation.override("en"):
        correction = correction_requested(world)
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(user):
        barrier.wait()
        try:
            correction_approve(correction=Correction.objects.get(pk=correction.pk), by=user)
            outcomes.append("approved")
        except TransitionError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in (world.supervisor_a, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused"]
    assert correction.history.filter(status=CorrectionStatus.APPROVED).count() == 1
    assert Punch.objects.filter(source=PunchSource.CORRECTION).count() == 1
    assert Notification.objects.filter(kind="attendance.correction_decided").count() == 1
