"""A claim's whole way (SPEC §10): lines added to a draft, submitted before the deadline, signed by
the site's supervisor, approved and paid by finance; paying twice pays once; a late claim waits
for a manager before finance sees it."""

import datetime
from decimal import Decimal

import pytest

from onsite.transitions import Refused
from staffing.models import Claim, ClaimStatus, ExpenseLine
from staffing.services import claims, expenses
from tests.dates import MONDAY, SHANGHAI, TUESDAY

pytestmark = pytest.mark.django_db

# Before the deadline of October's expenses (the end of 10 November, site time).
ON_TIME = datetime.datetime(2026, 11, 5, 9, 0, tzinfo=SHANGHAI)
LATE = datetime.datetime(2026, 11, 11, 0, 0, tzinfo=SHANGHAI)


def meals(world, day=MONDAY, amount="80.00", invoice="04410001"):
    return expenses.line_add(
        staff=world.person_a,
        by=world.staff_a,
        date=day,
        category="meals",
        amount=Decimal(amount),
        invoice_no=invoice,
    )


def test_a_claim_goes_from_draft_to_paid_once(world):
    first = meals(world)
    meals(world, day=TUESDAY, amount="45.50", invoice="04410002")
    claim = first.claim
    claim.refresh_from_db()
    assert (claim.status, claim.total, claim.month) == (
        "draft",
        Decimal("125.50"),
        MONDAY.replace(day=1),
    )
    claim = expenses.claim_submit(claim=claim, by=world.staff_a, now=ON_TIME)
    assert (claim.status, claim.late, claim.site) == ("submitted", False, world.site_a)
    claims.claim_sign(claim=claim, by=world.supervisor_a)
    assert Claim.objects.visible_to(world.finance).filter(pk=claim.pk).exists()
    claims.claim_approve(claim=claim, by=world.finance)
    claims.claim_pay(
        claim=claim, by=world.finance, paid_on=TUESDAY.replace(month=11), reference="T1"
    )
    with pytest.raises(Refused, match="已付款"):
        claims.claim_pay(claim=claim, by=world.finance, paid_on=TUESDAY.replace(month=11))
    claim.refresh_from_db()
    assert (claim.status, claim.payment_reference) == (ClaimStatus.PAID, "T1")
    assert claim.history.count() == 5  # created, submitted, signed, approved, paid


def test_a_late_claim_waits_for_a_manager_before_finance(world):
    claim = meals(world).claim
    claim = expenses.claim_submit(claim=claim, by=world.staff_a, now=LATE)
    assert claim.late
    claims.claim_sign(claim=claim, by=world.supervisor_a)
    assert not Claim.objects.visible_to(world.finance).filter(pk=claim.pk).exists()
    with pytest.raises(Refused):
        claims.claim_approve(claim=claim, by=world.finance)
    claims.claim_approve_late(claim=claim, by=world.manager)
    claims.claim_approve(claim=claim, by=world.finance)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_a_duplicate_invoice_is_refused_with_the_claim_and_person(world):
    meals(world, invoice="0441 0009")
    with pytest.raises(Refused) as refused:
        expenses.line_add(
            staff=world.person_b,
            by=world.staff_b,
            date=MONDAY,
            category="meals",
            amount=Decimal("10.00"),
            invoice_no="０４４１０００９",
        )
    # staff_b may not see 张三's claim: no names.
    assert world.person_a.name not in str(refused.value)


def test_a_claim_returned_after_the_deadline_is_not_late_when_sent_again(world):
    line = meals(world)
    # Recorded before it was first submitted, as it would have been.
    ExpenseLine.objects.filter(pk=line.pk).update(created_at=ON_TIME - datetime.timedelta(days=1))
    claim = line.claim
    claim = expenses.claim_submit(claim=claim, by=world.staff_a, now=ON_TIME)
    claims.claim_return(claim=claim, by=world.supervisor_a, reason="请补充发票")
    claim.refresh_from_db()
    assert (claim.status, claim.return_reason) == (ClaimStatus.RETURNED, "请补充发票")
    claim = expenses.claim_submit(claim=claim, by=world.staff_a, now=LATE)
    assert (claim.status, claim.late, claim.first_submitted_at) == ("submitted", False, ON_TIME)
