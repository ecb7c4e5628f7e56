"""Nobody decides on or pays their own staff record (STYLE habit 15): 赵敏 is an HR admin and
also staff at site A; another HR admin acts on her record as on anyone's."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from onsite.access import OwnRecordRefused
from onsite.org.models import StaffStatus
from staffing.models import Condition, QualificationCheck, RecordKind, RewardPenalty
from staffing.services.assignments import assignment_create
from staffing.services.qualification import check_record
from staffing.services.records import record_add
from staffing.services.staff import staff_change_status, staff_update
from tests.pages import own


@pytest.fixture(autouse=True)
def _two_roles(two_roles):
    """赵敏 and 钱军 join the world."""


def test_an_hr_admin_cannot_raise_her_own_salary(world):
    with pytest.raises(OwnRecordRefused, match=own()):
        staff_update(staff=world.hr_person, by=world.hr_staff, monthly_salary=Decimal("99999"))
    world.hr_person.refresh_from_db()
    assert world.hr_person.monthly_salary == Decimal("11800")


def test_the_refusal_is_a_permission_denied_so_pages_answer_403(world):
    with pytest.raises(PermissionDenied):
        staff_update(
            staff=world.hr_person, by=world.hr_staff, employment_start=datetime.date(2020, 1, 1)
        )


def test_an_hr_admin_corrects_her_own_phone_when_her_pay_stays_as_it_is(world):
    staff_update(
        staff=world.hr_person,
        by=world.hr_staff,
        phone="13800138000",
        monthly_salary=Decimal("11800.00"),
        position=world.hr_person.position,
    )
    world.hr_person.refresh_from_db()
    assert world.hr_person.phone == "13800138000"


def test_another_hr_admin_sets_her_salary(world):
    staff_update(staff=world.hr_person, by=world.hr, monthly_salary=Decimal("12500"))
    world.hr_person.refresh_from_db()
    assert world.hr_person.monthly_salary == Decimal("12500")


def test_nobody_changes_their_own_status(world):
    with pytest.raises(OwnRecordRefused, match=own()):
        staff_change_status(
            staff=world.hr_person, to=StaffStatus.SUSPENDED, by=world.hr_staff, reason="x"
        )
    world.hr_person.refresh_from_db()
    assert world.hr_person.status == StaffStatus.ON_SITE


def test_nobody_rewards_or_fines_themselves(world):
    with pytest.raises(OwnRecordRefused, match=own()):
        record_add(
            staff=world.hr_person,
            kind=RecordKind.BONUS,
            amount=Decimal("5000"),
            date=datetime.date(2026, 10, 12),
            reason="表现优秀",
            decided_by="赵敏",
            by=world.hr_staff,
        )
    assert not RewardPenalty.objects.exists()


def test_nobody_passes_their_own_qualification_check(world):
    check, _ = QualificationCheck.objects.get_or_create(
        staff=world.hr_person, condition=Condition.NO_CRIMINAL_RECORD
    )
    with pytest.raises(OwnRecordRefused, match=own()):
        check_record(check=check, status="passed", by=world.hr_staff)
    check.refresh_from_db()
    assert check.status != "passed"


def test_nobody_places_themselves(world):
    placement = world.hr_person.assignments.get()
    with pytest.raises(OwnRecordRefused, match=own()):
        assignment_create(
            staff=world.hr_person,
            site=world.site_b,
            contract=placement.contract,
            start=datetime.date(2027, 1, 1),
            by=world.hr_staff,
        )
    assert world.hr_person.assignments.count() == 1
