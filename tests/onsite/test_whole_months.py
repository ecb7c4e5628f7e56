import datetime

import pytest

from onsite.periods import add_months, whole_months

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 1), 12, D(2027, 1, 1)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2026, 11, 22), -13, D(2025, 10, 22)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "day", "expected"),
    [
        (D(2026, 1, 1), D(2026, 12, 31), 11),
        (D(2026, 1, 1), D(2027, 1, 1), 12),
        (D(2026, 1, 31), D(2026, 2, 28), 1),
        (D(2026, 5, 10), D(2026, 5, 9), 0),
    ],
)
def test_months_between_counts_whole_months(start, day, expected):
    assert whole_months(start, day) == expected
