import threading

import pytest
from django.db import connection
from django.utils import translation

from onsite.models import Notification
from onsite.org.models import StaffStatus
from onsite.transitions import Refused, TransitionError
from staffing.models import LeavingReason, Offboarding, Resignation, ResignationStatus
from staffing.services.movement import resignation_apply, resignation_approve
from tests.dates import STAFFING_DAY, YEAR_END
from tests.staffing.movement.conftest import start_offboarding


@pytest.fixture
def resignation(world) -> Resignation:
    return resignation_apply(
        staff=world.person_a,
        leaving_on=YEAR_END,
        reason="个人原因",
        by=world.staff_a,
        today=STAFFING_DAY,
    )


def test_approval_records_the_decider_and_starts_offboarding(world, resignation, placement_a):
    resignation_approve(
        resignation=resignation, by=world.supervisor_a, note="同意", today=STAFFING_DAY
    )
    resignation.refresh_from_db()
    assert resignation.status == ResignationStatus.APPROVED
    assert resignation.decided_by == world.supervisor_a
    assert resignation.decision_reason == "同意"
    offboarding = Offboarding.objects.get(assignment=placement_a)
    assert offboarding.reason == LeavingReason.RESIGNATION
    assert offboarding.leaving_on == YEAR_END
    assert offboarding.resignation == resignation


def test_approval_moves_the_person_from_on_site_to_leaving(world, resignation):
    resignation_approve(resignation=resignation, by=world.hr, today=STAFFING_DAY)
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.LEAVING
    latest = world.person_a.history.latest()
    assert latest.history_user == world.hr


def test_the_applicant_is_told(world, resignation):
    resignation_approve(resignation=resignation, by=world.hr, today=STAFFING_DAY)
    (notice,) = Notification.objects.filter(kind="movement.resignation_decided")
    assert notice.recipient == world.staff_a


def test_an_approved_resignation_cannot_be_approved_again(world, resignation):
    resignation_approve(resignation=resignation, by=world.hr, today=STAFFING_DAY)
    with pytest.raises(TransitionError):
        resignation_approve(resignation=resignation, by=world.supervisor_a, today=STAFFING_DAY)
    assert Offboarding.objects.count() == 1


def test_approval_is_undone_when_the_offboarding_cannot_start(world, resignation, placement_a):
    start_offboarding(world, placement_a)  # HR began one for the contract's end meanwhile
    with translation.override("en"), pytest.raises(Refused, match="has already started"):
        resignation_approve(resignation=resignation, by=world.hr, today=STAFFING_DAY)
    resignation.refresh_from_db()
    assert resignation.status == ResignationStatus.PENDING


@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_once_approve_once_and_start_one_offboarding():
    from tests.conftest import build_world

    world = build_world()
    resignation = resignation_apply(
        staff=world.person_a,
        leaving_on=YEAR_END,
        reason="个人原因",
        by=world.staff_a,
        today=STAFFING_DAY,
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(user):
        barrier.wait()
        try:
            resignation_approve(
                resignation=Resignation.objects.get(pk=resignation.pk), by=user, today=STAFFING_DAY
            )
            outcomes.append("approved")
        except Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(user,)) for user in (world.hr, world.supervisor_a)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused"]
    assert resignation.history.filter(status="approved").count() == 1
    assert Offboarding.objects.count() == 1
    assert world.person_a.history.filter(status="leaving").count() == 1


def test_a_person_not_on_site_cannot_be_offboarded(world, resignation):
    world.person_a.status = StaffStatus.QUALIFIED
    world.person_a.save()
    with pytest.raises(TransitionError):
        resignation_approve(resignation=resignation, by=world.hr, today=STAFFING_DAY)
    assert not Offboarding.objects.exists()
