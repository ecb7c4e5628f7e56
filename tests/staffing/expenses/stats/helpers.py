"""Lines of the statistics tests: a claim of a status with one line at a site on a day."""

from __future__ import annotations

import datetime
from decimal import Decimal

from staffing.models import ClaimStatus
from tests.factories import ClaimFactory, ExpenseLineFactory


def spend(
    person,
    site,
    day: datetime.date,
    amount: str,
    *,
    category: str = "meals",
    status: str = ClaimStatus.PAID,
):
    extra = {}
    if status == ClaimStatus.PAID:
        extra["paid_on"] = day
    if status == ClaimStatus.RETURNED:
        extra["return_reason"] = "发票不清晰"
    claim = ClaimFactory(staff=person, site=site, status=status, **extra)
    return ExpenseLineFactory(
        claim=claim,
        site=site,
        date=day,
        amount=Decimal(amount),
        category=category,
        away=category == "lodging",
    )
