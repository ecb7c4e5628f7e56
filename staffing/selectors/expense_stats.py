"""Expense statistics (SPEC §10, §14 `expense_report`): a company's month per site and category,
each site compared with the mean of its previous months (费用异常), and a 12-month trend.

Decisions (one place for them):
- the lines that count are those of claims that were submitted and not sent back: submitted,
  signed, late and approved by a manager, approved by finance, paid (COUNTED). Drafts are not yet
  expenses of the company, and a returned claim's lines may still change;
- a line counts at the site where the person was placed on its date (ExpenseLine.site, set when
  the line is recorded); a line of a day without a placement belongs to no site's row;
- the sites of a company are those its contracts serve, and any site where its people spent in
  the months read (a contract that ended still has its history);
- `previous_average` is the sum of the previous `expense_anomaly_months` calendar months divided
  by their number, a month without expenses counting as 0; a month is flagged when its total is
  above `expense_anomaly_factor` times that mean, never when the mean is 0. The comparison is
  exact (total × months > factor × sum): a mean of ¥100/3 is not rounded before it decides;
- both policy numbers are the company's: one table is one comparison for all its sites.

The month is read in a fixed number of queries whatever the number of sites: the sites, one
grouped sum of the month, one grouped sum of the months before."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from onsite.access import access_for
from onsite.org.models import Company, Site
from onsite.periods import Month
from onsite.policy import policy_for
from onsite.spreadsheets import csv_bytes, xlsx_append, xlsx_bytes
from staffing.models import ClaimStatus, ExpenseCategory, ExpenseLine

CATEGORIES = tuple(ExpenseCategory.values)
COUNTED = (
    ClaimStatus.SUBMITTED,
    ClaimStatus.SIGNED,
    ClaimStatus.LATE_APPROVED,
    ClaimStatus.APPROVED,
    ClaimStatus.PAID,
)
ZERO = Decimal("0.00")
CENT = Decimal("0.01")
TREND_MONTHS = 12
# The columns of the expense report (SPEC §14), in order.
COLUMNS = (*CATEGORIES, "total", "previous_average", "flagged")


def counted_lines(company_id: int):
    """The company's lines that the statistics count (see the module's decisions)."""
    return ExpenseLine.objects.filter(company_id=company_id, claim__status__in=COUNTED)


def stats_companies(user):
    """The companies whose statistics `user` reads: as finance, HR or a manager of the company
    (every company for a superuser)."""
    access = access_for(user)
    companies = Company.objects.order_by("name")
    if access.is_superuser:
        return companies
    return companies.filter(
        pk__in=access.finance_companies | access.hr_companies | access.manager_companies
    )


def _money(value) -> Decimal:
    return (value or ZERO).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class SiteMonth:
    site: Site
    amounts: dict[str, Decimal]  # by category key, every category present
    previous_sum: Decimal
    months: int
    factor: Decimal

    @property
    def total(self) -> Decimal:
        return _money(sum(self.amounts.values(), ZERO))

    @property
    def previous_average(self) -> Decimal:
        return _money(self.previous_sum / self.months)

    @property
    def flagged(self) -> bool:
        if self.previous_sum <= 0:
            return False
        return self.total * self.months > self.factor * self.previous_sum

    @property
    def amount_list(self) -> list[Decimal]:
        return [self.amounts[c] for c in CATEGORIES]

    def cells(self) -> list:
        return [
            self.site.code,
            *self.amount_list,
            self.total,
            self.previous_average,
            self.flagged,
        ]


@dataclass
class MonthTable:
    company: Company
    month: Month
    months: int  # how many months make the average
    factor: Decimal
    rows: list[SiteMonth] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, Decimal]:
        found = {c: _money(sum((r.amounts[c] for r in self.rows), ZERO)) for c in CATEGORIES}
        found["total"] = _money(sum(found.values(), ZERO))
        return found

    @property
    def total_list(self) -> list[Decimal]:
        totals = self.totals
        return [totals[c] for c in (*CATEGORIES, "total")]

    @property
    def category_labels(self):
        return ExpenseCategory.choices

    @property
    def flagged(self) -> list[SiteMonth]:
        return [row for row in self.rows if row.flagged]


def month_table(*, company: Company, month: Month) -> MonthTable:
    """The company's month per site and category, each site with its previous average."""
    policy = policy_for(company=company)
    months = int(policy.expense_anomaly_months)
    factor = Decimal(str(policy.expense_anomaly_factor))
    before = month.shift(-months)
    lines = counted_lines(company.pk).filter(site__isnull=False)
    spent_in_window = lines.filter(date__range=(before.first, month.last)).values("site_id")
    sites = (
        Site.objects.filter(Q(contracts__company=company) | Q(pk__in=spent_in_window))
        .distinct()
        .order_by("code")
    )
    amounts: dict[int, dict[str, Decimal]] = {}
    for site_id, category, total in (
        lines.filter(date__range=(month.first, month.last))
        .values_list("site_id", "category")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        amounts.setdefault(site_id, {})[category] = _money(total)
    previous = dict(
        lines.filter(date__range=(before.first, month.previous.last))
        .values_list("site_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    table = MonthTable(company=company, month=month, months=months, factor=factor)
    for site in sites:
        spent = amounts.get(site.pk, {})
        table.rows.append(
            SiteMonth(
                site=site,
                amounts={c: spent.get(c, ZERO) for c in CATEGORIES},
                previous_sum=_money(previous.get(site.pk)),
                months=months,
                factor=factor,
            )
        )
    return table


def trend(
    *, company: Company, month: Month, site: Site | None = None, months: int = TREND_MONTHS
) -> dict:
    """The `months` months up to `month` per category (the company's, or one site's), in one
    grouped query: {"months": ["2026-01", …], "series": [{"key", "name", "data"}]}."""
    first = month.shift(-(months - 1))
    labels = [first.shift(n).label for n in range(months)]
    lines = counted_lines(company.pk).filter(date__range=(first.first, month.last))
    if site is not None:
        lines = lines.filter(site=site)
    found: dict[tuple[str, str], Decimal] = {}
    for day, category, total in (
        lines.annotate(month=TruncMonth("date"))
        .values_list("month", "category")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        if isinstance(day, datetime.datetime):
            day = day.date()
        found[(Month.containing(day).label, category)] = _money(total)
    return {
        "months": labels,
        "series": [
            {
                "key": key,
                "name": str(label),
                # Yuan as numbers for the chart (JSON has no Decimal); the table shows the exact sums.
                "data": [float(found.get((m, key), ZERO)) for m in labels],
            }
            for key, label in ExpenseCategory.choices
        ],
    }


# Files ------------------------------------------------------------------------------------------


def report_rows(table: MonthTable, *, labels: bool = False) -> list[list]:
    """The header (SPEC §14 keys, or the reader's labels) and one row per site."""
    if labels:
        header = [
            _("Site code"),
            *(str(label) for _key, label in ExpenseCategory.choices),
            _("Total"),
            _("Previous average"),
            _("Expense anomaly"),
        ]
    else:
        header = ["site_code", *COLUMNS]
    return [header, *(row.cells() for row in table.rows)]


def report_csv(table: MonthTable) -> bytes:
    return csv_bytes(report_rows(table))


def report_xlsx(table: MonthTable, *, labels: bool = False) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = table.month.label
    for n, row in enumerate(report_rows(table, labels=labels)):
        if n and labels:
            row = [*row[:-1], _("Expense anomaly") if row[-1] else ""]
        elif n:
            row = [*row[:-1], "yes" if row[-1] else "no"]
        xlsx_append(sheet, row)
    return xlsx_bytes(workbook)
