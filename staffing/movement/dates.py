"""Calendar months, as the rotation policy counts them."""

from __future__ import annotations

import datetime

from onsite.periods import add_months

__all__ = ["add_months", "months_between"]


def months_between(start: datetime.date, day: datetime.date) -> int:
    """Whole months from `start` to `day`: the largest n with add_months(start, n) <= day."""
    months = (day.year - start.year) * 12 + day.month - start.month
    if add_months(start, months) > day:
        months -= 1
    return max(months, 0)
