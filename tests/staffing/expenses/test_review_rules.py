"""The rules of a claim's review (SPEC §10): a late claim needs a manager's approval before
finance, who cannot approve it before; nobody signs, approves, returns or pays their own claim
(the people of two roles); a returned claim is edited and submitted again."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from onsite.models import RoleGrant
from onsite.roles import Role
from onsite.transitions import Refused
from staffing.models import Claim, ClaimStatus
from staffing.services import claims, expenses
from tests.dates import MONDAY, SHANGHAI, TUESDAY

pytestmark = pytest.mark.django_db

ON_TIME = datetime.datetime(2026, 11, 10, 23, 59, tzinfo=SHANGHAI)
LATE = datetime.datetime(2026, 11, 11, 0, 0, tzinfo=SHANGHAI)
PAID_ON = datetime.date(2026, 11, 20)


def submitted(person, user, when=ON_TIME, amount="80.00", invoice=""):
    line = expenses.line_add(
        staff=person,
        by=user,
        date=MONDAY,
        category="meals",
        amount=Decimal(amount),
        invoice_no=invoice,
    )
    return expenses.claim_submit(claim=line.claim, by=user, now=when)


def status(claim) -> str:
    return Claim.objects.get(pk=claim.pk).status


# --- a late claim ------------------------------------------------------------------------------


def test_finance_cannot_approve_a_late_claim_before_a_manager(world):
    claim = submitted(world.person_a, world.staff_a, LATE)
    claim = claims.claim_sign(claim=claim, by=world.supervisor_a)
    assert not Claim.objects.visible_to(world.finance).filter(pk=claim.pk).exists()
    with pytest.raises(Refused, match="须先经经理批准"):
        claims.claim_approve(claim=claim, by=world.finance)
    with pytest.raises(Refused):
        claims.claim_pay(claim=claim, by=world.finance, paid_on=PAID_ON)
    assert status(claim) == ClaimStatus.SIGNED
    claim = claims.claim_approve_late(claim=claim, by=world.manager)
    assert Claim.objects.visible_to(world.finance).filter(pk=claim.pk).exists()
    claim = claims.claim_approve(claim=claim, by=world.finance)
    claims.claim_pay(claim=claim, by=world.finance, paid_on=PAID_ON)
    assert status(claim) == ClaimStatus.PAID


def test_a_claim_on_time_needs_no_manager_and_a_manager_cannot_step_in(world):
    claim = claims.claim_sign(claim=submitted(world.person_a, world.staff_a), by=world.supervisor_a)
    with pytest.raises(Refused):
        claims.claim_approve_late(claim=claim, by=world.manager)
    assert claims.claim_approve(claim=claim, by=world.finance).status == ClaimStatus.APPROVED


def test_the_manager_approves_only_a_signed_late_claim(world):
    claim = submitted(world.person_a, world.staff_a, LATE)
    with pytest.raises(Refused):
        claims.claim_approve_late(claim=claim, by=world.manager)
    with pytest.raises(Refused):
        claims.claim_approve(claim=claim, by=world.finance)
    assert status(claim) == ClaimStatus.SUBMITTED


# --- nobody reviews their own claim ------------------------------------------------------------


def test_a_supervisor_does_not_sign_their_own_claim(two_roles):
    world = two_roles
    claim = submitted(world.supervisor_person, world.supervisor_staff)
    with pytest.raises(Refused):
        claims.claim_sign(claim=claim, by=world.supervisor_staff)
    with pytest.raises(Refused):
        claims.claim_return(claim=claim, by=world.supervisor_staff, reason="自己退回")
    assert claims.claim_sign(claim=claim, by=world.supervisor_a).signed_by == world.supervisor_a


def test_finance_does_not_approve_return_or_pay_their_own_claim(two_roles):
    world = two_roles
    RoleGrant.objects.create(user=world.hr_staff, role=Role.FINANCE, company=world.company)
    claim = claims.claim_sign(
        claim=submitted(world.hr_person, world.hr_staff), by=world.supervisor_a
    )
    for act in (
        lambda: claims.claim_approve(claim=claim, by=world.hr_staff),
        lambda: claims.claim_return(claim=claim, by=world.hr_staff, reason="自己退回"),
    ):
        with pytest.raises(Refused):
            act()
    claim = claims.claim_approve(claim=claim, by=world.finance)
    with pytest.raises(Refused):
        claims.claim_pay(claim=claim, by=world.hr_staff, paid_on=PAID_ON)
    assert claims.claims_pay(claims=[claim], by=world.hr_staff, paid_on=PAID_ON) == (0, 1)
    assert status(claim) == ClaimStatus.APPROVED
    claims.claim_pay(claim=claim, by=world.finance, paid_on=PAID_ON)
    assert status(claim) == ClaimStatus.PAID


def test_a_manager_does_not_approve_their_own_late_claim(two_roles):
    world = two_roles
    RoleGrant.objects.create(user=world.supervisor_staff, role=Role.MANAGER, company=world.company)
    claim = submitted(world.supervisor_person, world.supervisor_staff, LATE)
    claim = claims.claim_sign(claim=claim, by=world.supervisor_a)
    with pytest.raises(Refused):
        claims.claim_approve_late(claim=claim, by=world.supervisor_staff)
    assert claims.claim_approve_late(claim=claim, by=world.manager).status == "late_approved"


def test_nobody_changes_anothers_claim(world):
    claim = submitted(world.person_a, world.staff_a)
    with pytest.raises(Refused):
        expenses.claim_submit(claim=claim, by=world.staff_b)
    with pytest.raises(Refused):
        expenses.line_add(
            staff=world.person_a,
            by=world.staff_b,
            date=MONDAY,
            category="meals",
            amount=Decimal("1.00"),
        )


# --- a returned claim ---------------------------------------------------------------------------


def test_a_returned_claim_is_edited_and_submitted_again(world):
    claim = submitted(world.person_a, world.staff_a, invoice="90000001")
    (line,) = claim.lines.all()
    # Submitted: its lines are not changed.
    with pytest.raises(Refused):
        expenses.line_update(
            line=line, by=world.staff_a, date=MONDAY, category="meals", amount=Decimal("1.00")
        )
    with pytest.raises(Refused):
        claims.claim_return(claim=claim, by=world.supervisor_a, reason="  ")
    claims.claim_return(claim=claim, by=world.supervisor_a, reason="请补充发票")
    claim.refresh_from_db()
    assert (claim.status, claim.returned_from) == (ClaimStatus.RETURNED, ClaimStatus.SUBMITTED)
    expenses.line_update(
        line=line,
        by=world.staff_a,
        date=MONDAY,
        category="meals",
        amount=Decimal("70.00"),
        invoice_no="90000001",
    )
    expenses.line_add(
        staff=world.person_a,
        by=world.staff_a,
        date=TUESDAY,
        category="meals",
        amount=Decimal("25.50"),
        claim=claim,
    )
    claim = expenses.claim_submit(claim=claim, by=world.staff_a, now=ON_TIME)
    claim.refresh_from_db()
    assert (claim.status, claim.total, claim.lines.count()) == (
        ClaimStatus.SUBMITTED,
        Decimal("95.50"),
        2,
    )
    # The same number, its history kept: created, submitted, returned, submitted.
    assert claim.history.count() == 4
    assert claims.claim_sign(claim=claim, by=world.supervisor_a).status == ClaimStatus.SIGNED


def test_a_line_added_without_naming_the_returned_claim_opens_a_new_draft(world):
    claim = submitted(world.person_a, world.staff_a)
    claims.claim_return(claim=claim, by=world.supervisor_a, reason="请补充发票")
    line = expenses.line_add(
        staff=world.person_a,
        by=world.staff_a,
        date=TUESDAY,
        category="meals",
        amount=Decimal("10.00"),
    )
    assert line.claim_id != claim.pk
    assert line.claim.status == ClaimStatus.DRAFT


def test_a_claim_returned_by_finance_goes_back_to_its_supervisor(world):
    claim = claims.claim_sign(claim=submitted(world.person_a, world.staff_a), by=world.supervisor_a)
    claims.claim_return(claim=claim, by=world.finance, reason="抬头有误")
    claim.refresh_from_db()
    assert claim.returned_from == ClaimStatus.SIGNED
    claim = expenses.claim_submit(claim=claim, by=world.staff_a, now=ON_TIME)
    assert (claim.status, claim.late) == (ClaimStatus.SUBMITTED, False)
