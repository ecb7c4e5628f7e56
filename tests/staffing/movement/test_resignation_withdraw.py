import datetime

import pytest

from onsite.transitions import TransitionError
from staffing.models import ResignationStatus
from staffing.services.movement import resignation_apply, resignation_approve, resignation_withdraw
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


def test_a_pending_resignation_can_be_withdrawn_and_a_new_one_sent(world, resignation):
    resignation_withdraw(resignation=resignation, by=world.staff_a)
    resignation.refresh_from_db()
    assert resignation.status == ResignationStatus.WITHDRAWN
    again = resignation_apply(
        staff=world.person_a,
        leaving_on=datetime.date(2027, 1, 31),
        reason="改期",
        by=world.staff_a,
        today=STAFFING_DAY,
    )
    assert again.status == ResignationStatus.PENDING


def test_an_approved_resignation_cannot_be_withdrawn(world, resignation):
    resignation_approve(resignation=resignation, by=world.hr, today=STAFFING_DAY)
    with pytest.raises(TransitionError):
        resignation_withdraw(resignation=resignation, by=world.staff_a)
