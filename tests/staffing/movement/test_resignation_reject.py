import datetime

import pytest
from django.utils import translation

from onsite.models import Notification
from onsite.org.models import StaffStatus
from onsite.transitions import Refused, TransitionError
from staffing.models import Offboarding, ResignationStatus
from staffing.services.movement import resignation_apply, resignation_reject
from tests.dates import STAFFING_DAY


@pytest.fixture
def resignation(world):
    return resignation_apply(
        staff=world.person_a,
        leaving_on=datetime.date(2026, 12, 31),
        reason="个人原因",
        by=world.staff_a,
        today=STAFFING_DAY,
    )


def test_a_rejection_needs_a_reason(world, resignation):
    with translation.override("en"), pytest.raises(Refused) as refusal:
        resignation_reject(resignation=resignation, by=world.supervisor_a, reason="  ")
    assert str(refusal.value) == "Give a reason for the rejection."
    resignation.refresh_from_db()
    assert resignation.status == ResignationStatus.PENDING


def test_a_rejection_records_the_reason_and_tells_the_applicant(world, resignation):
    resignation_reject(resignation=resignation, by=world.supervisor_a, reason="项目关键期")
    resignation.refresh_from_db()
    assert resignation.status == ResignationStatus.REJECTED
    assert (resignation.decided_by, resignation.decision_reason) == (
        world.supervisor_a,
        "项目关键期",
    )
    (notice,) = Notification.objects.filter(kind="movement.resignation_decided")
    assert (notice.recipient, notice.body) == (world.staff_a, "项目关键期")


def test_a_rejection_leaves_the_person_on_site(world, resignation):
    resignation_reject(resignation=resignation, by=world.hr, reason="不同意")
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.ON_SITE
    assert not Offboarding.objects.exists()


def test_a_rejected_resignation_cannot_be_rejected_again(world, resignation):
    resignation_reject(resignation=resignation, by=world.hr, reason="不同意")
    with pytest.raises(TransitionError):
        resignation_reject(resignation=resignation, by=world.supervisor_a, reason="不同意")
