"""The caps of expenses at their edges (SPEC §10): lodging per night, meals per day,
communication per calendar month summed across lines and claims; a line exactly at the cap needs
nothing, one fen over needs a justification and records the cap it went over."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from onsite.policy import policy_set
from onsite.transitions import Refused
from staffing.models import ClaimStatus
from staffing.services import expenses
from tests.dates import MONDAY, OCTOBER, OCTOBER_END, SUNDAY, TUESDAY
from tests.factories.expenses import TripFactory

pytestmark = pytest.mark.django_db

OVER = "超标"


def add(world, category, amount, day=MONDAY, justification="", **extra):
    return expenses.line_add(
        staff=world.person_a,
        by=world.staff_a,
        date=day,
        category=category,
        amount=Decimal(amount),
        justification=justification,
        **extra,
    )


@pytest.fixture
def trip(world):
    """An approved trip of 张三 covering the reference week."""
    return TripFactory(staff=world.person_a, start=MONDAY, end=SUNDAY)


def test_meals_exactly_at_the_cap_need_nothing(world):
    line = add(world, "meals", "100.00")
    assert (line.cap, line.over_cap) == (None, False)
    line.claim.refresh_from_db()
    assert line.claim.over_cap is False


def test_meals_one_fen_over_need_a_justification(world):
    with pytest.raises(Refused) as refused:
        add(world, "meals", "100.01")
    assert "¥100.00" in str(refused.value) and "¥100.01" in str(refused.value)
    line = add(world, "meals", "100.01", justification="陪同客户加班用餐")
    assert (line.cap, line.justification) == (Decimal("100.00"), "陪同客户加班用餐")
    line.claim.refresh_from_db()
    assert line.claim.over_cap is True


def test_meals_are_summed_per_day(world):
    add(world, "meals", "60.00")
    add(world, "meals", "40.00")
    # Another day starts again from nothing.
    assert add(world, "meals", "100.00", day=TUESDAY).cap is None
    with pytest.raises(Refused):
        add(world, "meals", "0.01")


def test_a_justification_of_blanks_is_none(world):
    with pytest.raises(Refused):
        add(world, "meals", "100.01", justification="   ")


def test_lodging_exactly_at_the_cap_per_night_and_one_fen_over(world, trip):
    assert add(world, "lodging", "400.00", trip=trip).cap is None
    # The next night is a night of its own.
    assert add(world, "lodging", "400.00", day=TUESDAY, trip=trip).cap is None
    with pytest.raises(Refused) as refused:
        add(world, "lodging", "400.01", day=datetime.date(2026, 10, 14), trip=trip)
    assert "¥400.00" in str(refused.value)
    line = add(
        world,
        "lodging",
        "400.01",
        day=datetime.date(2026, 10, 14),
        trip=trip,
        justification="会期酒店统一价",
    )
    assert line.cap == Decimal("400.00")


def test_communication_is_summed_per_calendar_month_across_claims(world):
    first = add(world, "communication", "150.00", day=OCTOBER)
    # The first claim goes in; its line still counts towards October.
    first.claim.status = ClaimStatus.SUBMITTED
    first.claim.save()
    second = add(world, "communication", "50.00", day=OCTOBER_END)
    assert second.claim_id != first.claim_id
    assert second.cap is None
    with pytest.raises(Refused):
        add(world, "communication", "0.01", day=datetime.date(2026, 10, 20))
    # November is a new month.
    assert add(world, "communication", "200.00", day=datetime.date(2026, 11, 1)).cap is None


def test_changing_a_line_does_not_count_it_twice(world):
    line = add(world, "meals", "100.00")
    updated = expenses.line_update(
        line=line, by=world.staff_a, date=MONDAY, category="meals", amount=Decimal("100.00")
    )
    assert updated.cap is None
    with pytest.raises(Refused):
        expenses.line_update(
            line=line, by=world.staff_a, date=MONDAY, category="meals", amount=Decimal("100.01")
        )


def test_a_companys_own_cap_and_no_cap(world):
    policy_set(key="expense_cap_meals", value=Decimal("50"), company=world.company, by=world.hr)
    assert add(world, "meals", "50.00").cap is None
    with pytest.raises(Refused):
        add(world, "meals", "0.01")
    # Transport has no cap by default (0).
    assert add(world, "transport", "9999.00", day=TUESDAY).cap is None


def test_a_removed_over_cap_line_clears_the_claims_flag(world):
    line = add(world, "meals", "120.00", justification="加班")
    claim = line.claim
    expenses.line_remove(line=line, by=world.staff_a)
    claim.refresh_from_db()
    assert (claim.over_cap, claim.total) == (False, Decimal("0"))
