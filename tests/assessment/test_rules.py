"""The rules of a result (SPEC §12) at their edges: the total half up at one decimal, each grade's
threshold, the adjustment flag, ranks with ties (1, 2, 2, 4), satisfaction from ratings with
fewer and with enough tickets, and the average of months."""

from decimal import Decimal

import pytest

from assessment.selectors.results import (
    average_of,
    grade_of,
    needs_adjustment,
    ranks,
    satisfaction_of,
    total_of,
)
from onsite.policy import policy_for

D = Decimal


def test_the_total_is_the_weighted_sum_rounded_half_up_at_one_decimal():
    # 40×88.5 + 20×90.5 + 20×70.5 + 20×80.5 = 8370 → 83.7 exactly.
    assert total_of([(40, D("88.5")), (20, D("90.5")), (20, D("70.5")), (20, D("80.5"))]) == D(
        "83.7"
    )
    # 40×88.3 + 20×90.1 + 20×70.2 + 20×80.4 = 8346 → 83.46 → 83.5.
    assert total_of([(40, D("88.3")), (20, D("90.1")), (20, D("70.2")), (20, D("80.4"))]) == D(
        "83.5"
    )
    # 0.25 and 0.75 sit on the half: up, never to the even neighbour.
    assert total_of([(25, D("1.0")), (75, D("0"))]) == D("0.3")
    assert total_of([(50, D("84.5")), (50, D("84.6"))]) == D("84.6")  # 84.55 → 84.6
    assert total_of([(50, D("84.4")), (50, D("84.5"))]) == D("84.5")  # 84.45 → 84.5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("total", "grade", "flagged"),
    [
        ("100.0", "excellent", False),
        ("90.0", "excellent", False),
        ("89.9", "good", False),
        ("80.0", "good", False),
        ("79.9", "pass", False),
        ("60.0", "pass", False),
        ("59.9", "fail", True),
        ("0.0", "fail", True),
    ],
)
def test_each_grade_starts_at_its_threshold_and_below_60_is_flagged(total, grade, flagged):
    policy = policy_for()
    assert grade_of(D(total), policy) == grade
    assert needs_adjustment(D(total), policy) is flagged


@pytest.mark.django_db
def test_a_company_that_moves_a_threshold_moves_the_grade(world):
    from onsite.policy import policy_set

    policy_set(key="assessment_excellent_from", value=95, company=world.company, by=world.hr)
    policy = policy_for(company=world.company)
    assert grade_of(D("94.9"), policy) == "good"
    assert grade_of(D("95.0"), policy) == "excellent"


def test_ties_share_a_rank_and_the_next_rank_skips():
    assert ranks({"a": D("91.0"), "b": D("85.5"), "c": D("85.5"), "d": D("70.0")}) == {
        "a": 1,
        "b": 2,
        "c": 2,
        "d": 4,
    }
    assert ranks({"a": D("80.0"), "b": D("80.0"), "c": D("80.0")}) == {"a": 1, "b": 1, "c": 1}
    assert ranks({}) == {}


def test_satisfaction_is_the_average_rating_times_20_from_enough_tickets():
    assert satisfaction_of([5, 4], minimum=3) is None  # too few: the supervisor scores it
    assert satisfaction_of([5, 4, 4], minimum=3) == D("86.7")  # 4.333… × 20 = 86.67 → 86.7
    assert satisfaction_of([5, 5, 5, 1], minimum=3) == D("80.0")
    assert satisfaction_of([1, 1, 1], minimum=3) == D("20.0")


def test_a_quarter_scored_monthly_is_the_average_of_its_months():
    assert average_of([D("80.0"), D("85.0"), D("90.5")]) == D("85.2")  # 85.1666…
    assert average_of([D("80.0"), D("80.1")]) == D("80.1")  # 80.05 → 80.1, half up
    assert average_of([]) is None
