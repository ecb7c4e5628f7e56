"""Expenses at scale (SPEC §10): the demo company with 200 more sites and 300,000 expense lines
over the twelve months up to last month, in 20,400 claims of 1,700 people (one claim a person and
month). Timed: the statistics page (费用统计) and its month table as finance reads them, the
duplicate-invoice check (invoice_used) against 300,000 numbers with its plan on PostgreSQL, and
finance's review list (报销审核) of 20,000 claims. Everything is added with bulk_create in the
benchmark's own rolled-back transaction; the figures are printed in the table at the end of
`make bench`."""

from __future__ import annotations

import datetime
import statistics
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onsite.demo import COMPANY_NAME
from onsite.org.models import Assignment, Client, Company, Contract, Position, Site, Staff
from onsite.periods import Month
from staffing.models import Claim, ClaimStatus, ExpenseCategory, ExpenseLine
from staffing.selectors.expense_stats import month_table
from staffing.selectors.expenses import invoice_used
from tests.benchmarks.conftest import BENCH_REQUESTS, measure_get, report_timing

SITES = 200
PEOPLE = 1_700
MONTHS = 12
LINES = 300_000
CATEGORIES = ExpenseCategory.values
# Claims by person and month: most paid, then approved, then signed (all in finance's list).
STATUSES = (ClaimStatus.PAID,) * 8 + (ClaimStatus.APPROVED, ClaimStatus.SIGNED)


def _timed(calls: int, call) -> list[float]:
    samples = []
    for n in range(calls):
        started = time.perf_counter()
        call(n)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def build(today: datetime.date) -> tuple[Company, Month, list[str]]:
    """The sites, people, claims and lines; returns the company, last month and the numbers."""
    company = Company.objects.get(name=COMPANY_NAME)
    client = Client.objects.order_by("pk").first()
    last = Month.containing(today).previous
    first = last.shift(-(MONTHS - 1))
    sites = Site.objects.bulk_create(
        Site(code=f"BX{n:03d}", name=f"费用基准现场{n}", client=client) for n in range(SITES)
    )
    contract = Contract.objects.create(
        code="BENCH-EX",
        company=company,
        client=client,
        start=first.first,
        end=today + datetime.timedelta(days=365),
        headcount=PEOPLE,
    )
    contract.sites.set(sites)
    position = Position.objects.filter(company=company).first()
    people = Staff.objects.bulk_create(
        Staff(
            company=company,
            staff_no=f"BX{n:05d}",
            name=f"费用基准{n}",
            gender="male",
            birth_date=datetime.date(1990, 1, 1),
            status="on_site",
        )
        for n in range(PEOPLE)
    )
    Assignment.objects.bulk_create(
        Assignment(
            staff=p,
            site=sites[n % SITES],
            contract=contract,
            position=position,
            start=first.first,
        )
        for n, p in enumerate(people)
    )
    now = timezone.now()
    claims = []
    for m in range(MONTHS):
        month = first.shift(m)
        for n, person in enumerate(people):
            status = STATUSES[(n + m) % len(STATUSES)]
            claims.append(
                Claim(
                    staff=person,
                    site=sites[n % SITES],
                    status=status,
                    month=month.first,
                    submitted_at=now - datetime.timedelta(days=30 * (MONTHS - m)),
                    paid_on=month.last if status == ClaimStatus.PAID else None,
                )
            )
    claims = Claim.objects.bulk_create(claims, batch_size=5_000)
    numbers = [f"BX{n:010d}" for n in range(LINES)]
    lines = []
    totals = [Decimal("0")] * len(claims)
    for n in range(LINES):
        index = n % len(claims)
        claim = claims[index]
        month = Month.containing(claim.month)
        category = CATEGORIES[n % len(CATEGORIES)]
        # One site in forty spends five times as much in the last month: a few anomalies.
        amount = Decimal(20 + n % 180)
        if month == last and (index % PEOPLE) % 40 == 0:
            amount *= 5
        totals[index] += amount
        lines.append(
            ExpenseLine(
                claim_id=claim.pk,
                company=company,
                site_id=claim.site_id,
                date=month.first + datetime.timedelta(days=n % 28),
                category=category,
                away=category == ExpenseCategory.LODGING,
                amount=amount,
                invoice_no=numbers[n],
            )
        )
        if len(lines) == 20_000:
            ExpenseLine.objects.bulk_create(lines)
            lines = []
    ExpenseLine.objects.bulk_create(lines)
    for claim, total in zip(claims, totals, strict=True):
        claim.total = total
    Claim.objects.bulk_update(claims, ["total"], batch_size=5_000)
    with connection.cursor() as cursor:
        for model in (Site, Staff, Assignment, Claim, ExpenseLine):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return company, last, numbers


def test_expenses_at_scale(client, db, demo, report):
    started = time.perf_counter()
    company, last, numbers = build(timezone.localdate())
    report(
        f"expenses: bulk_create {SITES} sites, {PEOPLE} people, "
        f"{PEOPLE * MONTHS:,} claims, {LINES:,} lines",
        time.perf_counter() - started,
        "s",
    )
    finance = get_user_model().objects.get(username="finance")
    client.force_login(finance)

    # The statistics page: the month per site and category, the chart of twelve months.
    path = f"{reverse('staffing:expense_stats')}?company={company.pk}&month={last.label}"
    timing = measure_get(client, path)
    report_timing(report, f"expense statistics page, {SITES + 3} sites", timing)
    print(
        f"\nexpense statistics page, {LINES:,} lines, {len(timing.samples_ms)} runs: "
        f"median {timing.median:.1f} ms, p95 {timing.p95:.1f} ms, {len(timing.queries)} queries"
    )

    # The month table alone (what expense_report writes).
    with CaptureQueriesContext(connection) as captured:
        table = month_table(company=company, month=last)
    samples = _timed(BENCH_REQUESTS, lambda n: month_table(company=company, month=last))
    report("month table median", statistics.median(samples), "ms")
    report("month table p95", _p95(samples), "ms")
    report("month table queries", len(captured.captured_queries), "")
    report("  sites flagged 费用异常", len(table.flagged), "")
    print(
        f"month table: median {statistics.median(samples):.1f} ms, p95 {_p95(samples):.1f} ms, "
        f"{len(captured.captured_queries)} queries, {len(table.flagged)} sites flagged"
    )

    # The duplicate-invoice check, half of the numbers held, half new.
    def check(n: int) -> None:
        number = numbers[(n * 7919) % LINES] if n % 2 == 0 else f"NEW{n:09d}"
        invoice_used(company_id=company.pk, number=number)

    samples = _timed(200, check)
    report("invoice_used median (300,000 numbers)", statistics.median(samples), "ms")
    report("invoice_used p95", _p95(samples), "ms")
    print(f"invoice_used: median {statistics.median(samples):.2f} ms, p95 {_p95(samples):.2f} ms")
    if connection.vendor == "postgresql":
        plan = ExpenseLine.objects.filter(company_id=company.pk, invoice_no=numbers[1234]).explain(
            analyze=True
        )
        used = "expenseline_invoice_once_per_company" in plan
        report("  invoice check uses the unique index", "yes" if used else "NO", "")
        print("invoice_used plan:\n" + plan)

    # Finance's review list of its claims (20,400 in its stage).
    in_stage = Claim.objects.filter(staff__company=company).count()
    timing = measure_get(client, reverse("staffing:finance_claims"))
    report_timing(report, f"finance review list, {in_stage:,} claims", timing)
    print(
        f"finance review list, {in_stage:,} claims: median {timing.median:.1f} ms, "
        f"p95 {timing.p95:.1f} ms, {len(timing.queries)} queries"
    )
