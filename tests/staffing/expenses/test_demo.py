"""The demo's expenses (staffing/services/expense_demo.py): a claim in every state, the trips of
each decision, an over-cap line with its justification, a late claim, bank accounts for all,
paid history on the demo sites and the first site's last month flagged (费用异常)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from onsite.demo import COMPANY_NAME, seed_demo
from onsite.org.models import Company, Staff
from onsite.periods import Month
from staffing.models import BankAccount, Claim, ClaimStatus, ExpenseLine, Trip, TripStatus
from staffing.selectors.expense_stats import month_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_demo(staff_count=12, months=3)
    return Company.objects.get(name=COMPANY_NAME)


def test_every_state_of_a_claim_and_a_trip_is_there(demo):
    claims = Claim.objects.filter(staff__company=demo)
    assert set(claims.values_list("status", flat=True)) == set(ClaimStatus.values)
    staff_login = Staff.objects.get(company=demo, user__username="staff")
    own = claims.filter(staff=staff_login)
    # Each state is the staff login's own, made by the services.
    for status in ClaimStatus.values:
        assert own.filter(status=status).exists(), status
    assert set(Trip.objects.filter(staff=staff_login).values_list("status", flat=True)) == set(
        TripStatus.values
    )
    late = claims.get(status=ClaimStatus.LATE_APPROVED)
    assert late.late and late.late_approved_by.username == "manager"
    assert late.history.count() == 4  # created, submitted, signed, approved late
    returned = claims.get(status=ClaimStatus.RETURNED)
    assert returned.return_reason


def test_one_line_over_the_lodging_cap_is_justified_on_an_approved_trip(demo):
    (line,) = ExpenseLine.objects.filter(company=demo, cap__isnull=False)
    assert line.category == "lodging" and line.amount > line.cap
    assert line.justification and line.trip.status == TripStatus.APPROVED
    assert line.claim.over_cap


def test_everyone_has_a_bank_account(demo):
    people = Staff.objects.filter(company=demo)
    assert BankAccount.objects.filter(staff__in=people).count() == people.count()


def test_paid_history_and_the_first_sites_last_month_flagged(demo):
    this_month = Month.containing(timezone.localdate())
    paid = Claim.objects.filter(staff__company=demo, status=ClaimStatus.PAID)
    for back in (1, 2, 3):
        assert paid.filter(month=this_month.shift(-back).first).count() >= 9
    table = month_table(company=demo, month=this_month.shift(-1))
    assert [row.site.code for row in table.flagged] == ["JN-DC"]
    flagged = table.flagged[0]
    assert flagged.total > 3 * flagged.previous_average
    # The month before shows something on every site.
    before = month_table(company=demo, month=this_month.shift(-2))
    assert all(row.total > 0 for row in before.rows)
