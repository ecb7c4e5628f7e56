"""The month table of the expense statistics (SPEC §10, §14): per site and category, the mean of
the three months before (a month without expenses counting 0) and the anomaly flag at its edges."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from onsite.periods import Month
from onsite.policy import policy_set
from staffing.models import ClaimStatus
from staffing.selectors.expense_stats import month_table, trend
from tests import factories
from tests.dates import MONDAY
from tests.staffing.expenses.stats.helpers import spend

OCTOBER = Month(2026, 10)
JULY_DAY = datetime.date(2026, 7, 15)
SEPTEMBER_DAY = datetime.date(2026, 9, 20)


def row_of(table, site):
    return next(row for row in table.rows if row.site == site)


@pytest.fixture
def average_100(world):
    """Site A spent ¥300 in July and nothing in August or September: a mean of ¥100."""
    spend(world.person_a, world.site_a, JULY_DAY, "300.00")
    return world


def test_a_month_exactly_twice_the_average_is_not_flagged(average_100):
    w = average_100
    spend(w.person_a, w.site_a, MONDAY, "200.00")
    row = row_of(month_table(company=w.company, month=OCTOBER), w.site_a)
    assert row.previous_average == Decimal("100.00")
    assert row.total == Decimal("200.00")
    assert row.flagged is False


def test_one_fen_over_twice_the_average_is_flagged(average_100):
    w = average_100
    spend(w.person_a, w.site_a, MONDAY, "200.00")
    spend(w.person_a, w.site_a, MONDAY, "0.01", category="transport")
    table = month_table(company=w.company, month=OCTOBER)
    row = row_of(table, w.site_a)
    assert row.total == Decimal("200.01")
    assert row.flagged is True
    assert table.flagged == [row]


def test_months_without_expenses_count_as_zero_in_the_average(world):
    spend(world.person_a, world.site_a, SEPTEMBER_DAY, "90.00")
    row = row_of(month_table(company=world.company, month=OCTOBER), world.site_a)
    assert row.previous_average == Decimal("30.00")


def test_a_month_before_the_three_is_not_in_the_average(world):
    spend(world.person_a, world.site_a, datetime.date(2026, 6, 30), "900.00")
    spend(world.person_a, world.site_a, MONDAY, "50.00")
    row = row_of(month_table(company=world.company, month=OCTOBER), world.site_a)
    assert row.previous_average == Decimal("0.00")
    assert row.flagged is False


def test_an_average_of_zero_is_never_flagged(world):
    spend(world.person_b, world.site_b, MONDAY, "5000.00", category="transport")
    row = row_of(month_table(company=world.company, month=OCTOBER), world.site_b)
    assert row.amounts["transport"] == Decimal("5000.00")
    assert row.previous_average == Decimal("0.00")
    assert row.flagged is False


def test_an_average_that_is_not_whole_fen_decides_exactly(world):
    # ¥100 over three months is ¥33.333…: twice that is ¥66.666…, so ¥66.67 is over it.
    spend(world.person_a, world.site_a, SEPTEMBER_DAY, "100.00")
    spend(world.person_a, world.site_a, MONDAY, "66.67")
    row = row_of(month_table(company=world.company, month=OCTOBER), world.site_a)
    assert row.previous_average == Decimal("33.33")
    assert row.flagged is True


def test_a_line_counts_at_the_site_of_its_date_not_of_its_claim(world):
    # 张三 is placed at A, but on this day he was placed at B: the line says B.
    spend(world.person_a, world.site_b, MONDAY, "120.00")
    table = month_table(company=world.company, month=OCTOBER)
    assert row_of(table, world.site_b).total == Decimal("120.00")
    assert row_of(table, world.site_a).total == Decimal("0.00")


def test_only_lines_of_submitted_claims_count(world):
    for status in (ClaimStatus.DRAFT, ClaimStatus.RETURNED):
        if status == ClaimStatus.DRAFT:
            spend(world.person_a, world.site_a, MONDAY, "1000.00", status=status)
        else:
            spend(world.person_b, world.site_a, MONDAY, "1000.00", status=status)
    for status, amount in (
        (ClaimStatus.SUBMITTED, "1.00"),
        (ClaimStatus.SIGNED, "2.00"),
        (ClaimStatus.LATE_APPROVED, "4.00"),
        (ClaimStatus.APPROVED, "8.00"),
        (ClaimStatus.PAID, "16.00"),
    ):
        spend(world.person_a, world.site_a, MONDAY, amount, status=status)
    row = row_of(month_table(company=world.company, month=OCTOBER), world.site_a)
    assert row.total == Decimal("31.00")


def test_every_site_of_the_company_has_a_row_and_other_companies_are_apart(world):
    other = factories.StaffFactory(name="外司员工")
    spend(other, world.site_a, MONDAY, "777.00")
    table = month_table(company=world.company, month=OCTOBER)
    assert [row.site.code for row in table.rows] == ["A", "B"]
    assert all(row.total == 0 for row in table.rows)
    assert table.totals["total"] == Decimal("0.00")


def test_the_policy_sets_the_months_and_the_factor(average_100):
    w = average_100
    policy_set(key="expense_anomaly_months", value=4, company=w.company, by=w.hr)
    policy_set(key="expense_anomaly_factor", value=Decimal("1.5"), company=w.company, by=w.hr)
    spend(w.person_a, w.site_a, MONDAY, "112.51")
    row = row_of(month_table(company=w.company, month=OCTOBER), w.site_a)
    assert row.previous_average == Decimal("75.00")  # ¥300 over four months
    assert row.flagged is True  # above 1.5 × ¥75 = ¥112.50


def test_the_table_takes_the_same_queries_whatever_the_number_of_sites(
    world, django_assert_num_queries
):
    spend(world.person_a, world.site_a, MONDAY, "10.00")
    # The company's policy, the sites, the month's sums, the previous months' sums.
    with django_assert_num_queries(4) as few:
        month_table(company=world.company, month=OCTOBER)
    contract = world.person_a.assignments.get().contract
    for n in range(6):
        site = factories.SiteFactory(client=contract.client, code=f"X{n}")
        contract.sites.add(site)
        spend(world.person_b, site, MONDAY, "10.00")
    with django_assert_num_queries(len(few.captured_queries)):
        table = month_table(company=world.company, month=OCTOBER)
    assert len(table.rows) == 8


def test_the_trend_has_twelve_months_per_category(average_100):
    w = average_100
    spend(w.person_a, w.site_a, MONDAY, "40.00", category="transport")
    spend(w.person_b, w.site_b, MONDAY, "60.00", category="transport")
    chart = trend(company=w.company, month=OCTOBER)
    assert chart["months"][0] == "2025-11" and chart["months"][-1] == "2026-10"
    series = {s["key"]: s["data"] for s in chart["series"]}
    assert series["transport"][-1] == 100.0
    assert series["meals"][chart["months"].index("2026-07")] == 300.0
    one_site = trend(company=w.company, month=OCTOBER, site=w.site_b)
    assert {s["key"]: s["data"] for s in one_site["series"]}["transport"][-1] == 60.0
