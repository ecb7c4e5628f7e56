"""费用统计 (SPEC §10): finance, HR and the manager of the company read its statistics and their
XLSX; everyone else signed in is refused (403): the page exists, it is not theirs. Another
company's statistics are not there (404, tests/staffing/expenses/stats/test_page.py)."""

from __future__ import annotations

from tests.matrix import Row, only

READERS = ("finance", "hr", "manager")
# The people with two roles answer as their other role: HR reads them, the supervisor does not.
EXPECT = only(READERS, other=403)

ROWS = [
    Row("staffing:expense_stats", EXPECT),
    Row("staffing:expense_stats_xlsx", EXPECT),
]
