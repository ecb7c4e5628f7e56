"""Nobody decides on their own leaving (STYLE habit 15): 钱军 supervises site A and 赵敏 is HR
of the company; both are also staff placed at site A."""

import datetime

import pytest

from onsite.access import OwnRecordRefused
from staffing.models import (
    ChangeKind,
    LeavingReason,
    Offboarding,
    OnboardingItemKind,
    ResignationStatus,
)
from staffing.services.movement import (
    offboarding_complete,
    offboarding_item_record,
    offboarding_start,
    onboarding_item_record,
    resignation_apply,
    resignation_approve,
    resignation_reject,
)
from staffing.services.notices import change_notice_file
from tests.dates import STAFFING_DAY, YEAR_END
from tests.pages import own


def resign(staff):
    return resignation_apply(
        staff=staff, leaving_on=YEAR_END, reason="个人原因", by=staff.user, today=STAFFING_DAY
    )


@pytest.fixture(autouse=True)
def _two_roles(two_roles):
    """赵敏 and 钱军 join the world."""


def test_a_supervisor_who_is_also_staff_does_not_approve_his_own_resignation(world):
    resignation = resign(world.supervisor_person)
    with pytest.raises(OwnRecordRefused, match=own()):
        resignation_approve(resignation=resignation, by=world.supervisor_staff, today=STAFFING_DAY)
    resignation.refresh_from_db()
    assert resignation.status == ResignationStatus.PENDING
    assert not Offboarding.objects.exists()


def test_an_hr_admin_who_is_also_staff_does_not_reject_her_own_resignation(world):
    resignation = resign(world.hr_person)
    with pytest.raises(OwnRecordRefused, match=own()):
        resignation_reject(resignation=resignation, by=world.hr_staff, reason="不同意")
    resignation.refresh_from_db()
    assert resignation.status == ResignationStatus.PENDING


def test_the_other_decides_it(world):
    resignation = resign(world.hr_person)
    resignation_approve(resignation=resignation, by=world.supervisor_staff, today=STAFFING_DAY)
    assert resignation.status == ResignationStatus.APPROVED


def test_nobody_ticks_their_own_checklists_or_offboards_themselves(world):
    placement = world.hr_person.assignments.get()
    with pytest.raises(OwnRecordRefused, match=own()):
        onboarding_item_record(
            assignment=placement, kind=next(iter(OnboardingItemKind)), by=world.hr_staff
        )
    with pytest.raises(OwnRecordRefused, match=own()):
        offboarding_start(
            assignment=placement,
            reason=LeavingReason.CONTRACT_END,
            leaving_on=STAFFING_DAY,
            by=world.hr_staff,
            today=STAFFING_DAY,
        )
    offboarding = offboarding_start(
        assignment=placement,
        reason=LeavingReason.CONTRACT_END,
        leaving_on=STAFFING_DAY,
        by=world.hr,
        today=STAFFING_DAY,
    )
    with pytest.raises(OwnRecordRefused, match=own()):
        offboarding_item_record(item=offboarding.items.first(), by=world.hr_staff)
    with pytest.raises(OwnRecordRefused, match=own()):
        offboarding_complete(offboarding=offboarding, by=world.hr_staff, today=STAFFING_DAY)


def test_nobody_files_a_change_notice_of_their_own_departure(world):
    with pytest.raises(OwnRecordRefused, match=own()):
        change_notice_file(
            site=world.site_a,
            kind=ChangeKind.DEPARTURE,
            leaving=world.hr_person,
            planned_on=STAFFING_DAY + datetime.timedelta(days=40),
            reason="合同到期",
            by=world.hr_staff,
            today=STAFFING_DAY,
        )
