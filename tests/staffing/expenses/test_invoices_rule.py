"""One invoice number, one line in the whole company (SPEC §10): across people and across a
person's claims, typed with full-width digits, spaces, dashes or lower case it is the same
number; another company's invoice of the same number is its own."""

from __future__ import annotations

from decimal import Decimal

import pytest

from onsite.transitions import Refused
from staffing.models import ClaimStatus, ExpenseLine
from staffing.services import expenses
from tests import factories
from tests.dates import MONDAY, TUESDAY

pytestmark = pytest.mark.django_db


def add(person, user, invoice, day=MONDAY, amount="20.00"):
    return expenses.line_add(
        staff=person,
        by=user,
        date=day,
        category="meals",
        amount=Decimal(amount),
        invoice_no=invoice,
    )


@pytest.mark.parametrize(
    "typed", ["０４４１００００９９", "0441 0000 99", "0441-0000-99", " 044100 0099 "]
)
def test_full_width_digits_spaces_and_dashes_are_the_same_number(world, typed):
    first = add(world.person_a, world.staff_a, "0441000099")
    assert first.invoice_no == "0441000099"
    with pytest.raises(Refused):
        add(world.person_b, world.staff_b, typed)


def test_letters_are_compared_in_capitals(world):
    assert add(world.person_a, world.staff_a, "ab12").invoice_no == "AB12"
    with pytest.raises(Refused):
        add(world.person_b, world.staff_b, "ＡＢ１２")


def test_across_the_persons_own_claims_it_names_the_claim(world):
    first = add(world.person_a, world.staff_a, "12345678")
    claim = first.claim
    claim.status = ClaimStatus.SUBMITTED
    claim.save()
    with pytest.raises(Refused) as refused:
        add(world.person_a, world.staff_a, "12345678", day=TUESDAY)
    message = str(refused.value)
    assert claim.number in message and "张三" in message and MONDAY.isoformat() in message


def test_across_people_it_does_not_name_a_claim_the_reader_may_not_see(world):
    add(world.person_a, world.staff_a, "87654321")
    with pytest.raises(Refused) as refused:
        add(world.person_b, world.staff_b, "87654321")
    assert "张三" not in str(refused.value)
    assert ExpenseLine.objects.filter(invoice_no="87654321").count() == 1


def test_another_company_has_its_own_numbers(world):
    add(world.person_a, world.staff_a, "55550001")
    other = factories.StaffFactory(user=factories.UserFactory(username="other"))
    factories.AssignmentFactory(staff=other)
    line = add(other, other.user, "55550001")
    assert line.company_id != world.company.pk


def test_a_removed_line_gives_its_number_back_and_a_line_keeps_its_own(world):
    line = add(world.person_a, world.staff_a, "11112222")
    # Saving the line again with its own number is no duplicate.
    expenses.line_update(
        line=line,
        by=world.staff_a,
        date=MONDAY,
        category="meals",
        amount=Decimal("30.00"),
        invoice_no="1111 2222",
    )
    expenses.line_remove(line=line, by=world.staff_a)
    assert add(world.person_b, world.staff_b, "11112222").invoice_no == "11112222"


def test_a_number_of_other_characters_is_refused(world):
    with pytest.raises(Refused):
        add(world.person_a, world.staff_a, "发票12")
