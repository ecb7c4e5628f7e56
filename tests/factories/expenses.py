"""Factories of expenses (SPEC §10): business trips, claims with their lines and bank accounts.
A line is dated on the reference Monday, 120 yuan of meals without an invoice, in a draft claim
of its own person; a trip covers the reference week."""

from decimal import Decimal

import factory

from staffing.models import (
    BankAccount,
    Claim,
    ClaimStatus,
    ExpenseCategory,
    ExpenseLine,
    Trip,
    TripStatus,
)
from tests.dates import MONDAY, OCTOBER, SUNDAY
from tests.factories.org import StaffFactory

__all__ = ["BankAccountFactory", "ClaimFactory", "ExpenseLineFactory", "TripFactory"]


class TripFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trip

    staff = factory.SubFactory(StaffFactory)
    destination = "上海"
    start = MONDAY
    end = SUNDAY
    purpose = "机房迁移支持"
    estimated_cost = Decimal("3000.00")
    status = TripStatus.APPROVED


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    staff = factory.SubFactory(StaffFactory)
    status = ClaimStatus.DRAFT
    month = OCTOBER


class ExpenseLineFactory(factory.django.DjangoModelFactory):
    """A line of meals within the default cap of ¥100 a day."""

    class Meta:
        model = ExpenseLine

    claim = factory.SubFactory(ClaimFactory)
    company = factory.SelfAttribute("claim.staff.company")
    date = MONDAY
    category = ExpenseCategory.MEALS
    amount = Decimal("80.00")
    invoice_no = factory.Sequence(lambda n: f"0441{n:08d}")


class BankAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BankAccount

    staff = factory.SubFactory(StaffFactory)
    bank_name = "中国工商银行北京分行"
    account_number = factory.Sequence(lambda n: f"62220200{n:011d}")
