"""The rules of a result (SPEC §12), written once: the total (Σ weight × score / 100, one decimal,
half up), the grade and the position-adjustment flag from the company's policy, the rank with ties
sharing a place and the next place skipping (1, 2, 2, 4), and client satisfaction from ticket
ratings (average × 20) when there are enough of them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from assessment.models import Grade

K = TypeVar("K")
TENTH = Decimal("0.1")


def total_of(scores: Iterable[tuple[int, Decimal]]) -> Decimal:
    """Σ(weight × score) / 100 over (weight, score) pairs, rounded half up to one decimal."""
    raw = sum((Decimal(weight) * Decimal(score) for weight, score in scores), Decimal("0"))
    return (raw / 100).quantize(TENTH, rounding=ROUND_HALF_UP)


def average_of(totals: Iterable[Decimal]) -> Decimal | None:
    """The quarter of a company that scores monthly: the mean of its months, half up."""
    values = list(totals)
    if not values:
        return None
    return (sum(values, Decimal("0")) / len(values)).quantize(TENTH, rounding=ROUND_HALF_UP)


def grade_of(total: Decimal, policy) -> str:
    if total >= policy.assessment_excellent_from:
        return Grade.EXCELLENT
    if total >= policy.assessment_good_from:
        return Grade.GOOD
    if total >= policy.assessment_pass_from:
        return Grade.PASS
    return Grade.FAIL


def needs_adjustment(total: Decimal, policy) -> bool:
    return total < policy.assessment_adjustment_below


def ranks(totals: Mapping[K, Decimal]) -> dict[K, int]:
    """Competition ranking by total, highest first: ties share a rank, the next rank skips."""
    ordered = sorted(totals.items(), key=lambda item: item[1], reverse=True)
    result: dict[K, int] = {}
    previous = None
    rank = 0
    for position, (key, total) in enumerate(ordered, start=1):
        if total != previous:
            rank = position
            previous = total
        result[key] = rank
    return result


def satisfaction_of(ratings: list[int], minimum: int) -> Decimal | None:
    """Average rating (1–5) × 20, one decimal half up, from at least `minimum` ratings; None when
    there are fewer (the supervisor scores it then)."""
    if len(ratings) < minimum:
        return None
    mean = Decimal(sum(ratings)) / len(ratings) * 20
    return mean.quantize(TENTH, rounding=ROUND_HALF_UP)
