"""Service tickets at scale (issue 12): the ticket list of a company with 50,000 tickets, the SLA
scan over 50,000 open tickets, and the month report of a 2,000-ticket site. Each benchmark adds
its tickets with bulk_create in its own rolled-back transaction; the figures are printed in the
table at the end of `make bench`."""

from __future__ import annotations

import datetime
import importlib
import statistics
import time
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from onsite.demo import COMPANY_NAME
from onsite.org.models import Assignment, Company, Site
from tests.benchmarks.conftest import BENCH_REQUESTS, measure_get, report_timing
from tickets.models import Category, Priority, Ticket, TicketStatus

TICKETS = 50_000
REPORT_TICKETS = 2_000
S = TicketStatus
CATEGORIES = Category.values
PRIORITIES = Priority.values
RESOLUTION_HOURS = {"urgent": 4, "high": 24, "normal": 72, "low": 168}


def _optional(module: str):
    """A module another part of the issue writes; None while it is not there yet."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def timed(run: Callable[[], object], runs: int = BENCH_REQUESTS) -> tuple[float, float, object]:
    """(median ms, p95 ms, last result) of `runs` calls after one warm-up."""
    result = run()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        samples.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(samples, n=20, method="inclusive")[-1]
    return statistics.median(samples), p95, result


def explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    # The plan as PostgreSQL ran it; SQLite only says which indexes it would use.
    if connection.vendor == "postgresql":
        prefix, column = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)", 0
    else:
        prefix, column = "EXPLAIN QUERY PLAN", -1
    with connection.cursor() as cursor:
        cursor.execute(f"{prefix} {sql}", params)
        return "\n".join(str(row[column]) for row in cursor.fetchall())


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Ticket._meta.db_table}")


def build_tickets(
    sites: list[Site],
    count: int,
    *,
    now: datetime.datetime,
    status_of: Callable[[int, datetime.datetime], str],
    raised_of: Callable[[int], datetime.datetime],
) -> int:
    """`count` tickets spread over `sites`, numbered per site after the site's last number, with
    due times as the wall clock fixes them and the times of their moves."""
    company = Company.objects.get(name=COMPANY_NAME)
    client = get_user_model().objects.get(username="client")
    assignees = dict(Assignment.objects.filter(site__in=sites).values_list("site_id", "staff_id"))
    numbers = {site.pk: 0 for site in sites}
    for site_id, last in (
        Ticket.objects.filter(site__in=sites)
        .order_by()
        .values_list("site_id")
        .annotate(last=Max("number"))
    ):
        numbers[site_id] = last
    rows = []
    for n in range(count):
        site = sites[n % len(sites)]
        numbers[site.pk] += 1
        priority = PRIORITIES[n % len(PRIORITIES)]
        raised = raised_of(n)
        status = status_of(n, raised)
        answered = status != S.NEW
        # One in twenty answered late, one in fifteen resolved late: the lists have breaches.
        acknowledged = raised + datetime.timedelta(hours=30 if n % 20 == 0 else 1)
        resolution_due = raised + datetime.timedelta(hours=RESOLUTION_HOURS[priority])
        resolved = resolution_due + datetime.timedelta(hours=-1 if n % 15 else 5)
        done = status in (S.RESOLVED, S.CLOSED)
        rows.append(
            Ticket(
                site=site,
                company=company,
                number=numbers[site.pk],
                category=CATEGORIES[n % len(CATEGORIES)],
                priority=priority,
                title=f"基准工单 {n}",
                complaint=n % 97 == 0,
                raised_by=client,
                assignee_id=assignees.get(site.pk),
                status=status,
                raised_at=raised,
                acknowledged_at=acknowledged if answered else None,
                resolved_at=resolved if done else None,
                closed_at=resolved + datetime.timedelta(days=1) if status == S.CLOSED else None,
                response_due=raised + datetime.timedelta(hours=24),
                resolution_due=resolution_due,
                rating=(n % 5) + 1 if status == S.CLOSED and n % 3 == 0 else None,
            )
        )
    Ticket.objects.bulk_create(rows, batch_size=5_000)
    return len(rows)


def company_sites() -> list[Site]:
    return list(Site.objects.filter(contracts__company__name=COMPANY_NAME).distinct())


def test_the_ticket_list_of_a_company_with_50000_tickets(client, db, demo, report, print_queries):
    now = timezone.now()
    sites = company_sites()

    def status_of(n: int, raised: datetime.datetime) -> str:
        # A year of tickets: the older ones closed, the last fortnight's in every state.
        if now - raised > datetime.timedelta(days=14):
            return S.CLOSED
        return S.values[n % len(S.values)]

    started = time.perf_counter()
    built = build_tickets(
        sites,
        TICKETS,
        now=now,
        status_of=status_of,
        raised_of=lambda n: now - datetime.timedelta(minutes=10 * (TICKETS - n)),
    )
    report(
        f"tickets: bulk_create {built:,} tickets at {len(sites)} sites",
        time.perf_counter() - started,
        "s",
    )
    analyze()
    hr = get_user_model().objects.get(username="hr")
    lists = _optional("tickets.selectors.lists")
    if lists is not None:
        rows = lists.tickets_for(hr)
        source = "tickets.selectors.lists.tickets_for"
    else:
        rows = Ticket.objects.visible_to(hr).select_related("site", "assignee", "raised_by")
        source = "Ticket.objects.visible_to().select_related() (no list selector yet)"
    assert rows.count() >= TICKETS

    def first_page():
        from django.core.paginator import Paginator

        page = Paginator(rows, 30).get_page(1)
        return page.paginator.count, list(page)

    with CaptureQueriesContext(connection) as captured:
        first_page()
    median, p95, _result = timed(first_page)
    report(f"ticket list query ({source}), HR, first page of 30: median", median, "ms")
    report("ticket list query p95", p95, "ms")
    report("ticket list query: queries (count + page)", len(captured.captured_queries), "")
    print(f"\n--- EXPLAIN of the list's page query:\n{explain(rows[:30])}")
    try:
        path = reverse("tickets:list")
    except NoReverseMatch:
        report("ticket list page", "not measured: no tickets:list URL yet", "")
        return
    client.force_login(hr)
    timing = measure_get(client, path)
    report_timing(report, "ticket list page, HR, 50,000 tickets", timing)
    print_queries("ticket list", timing)
    timing = measure_get(client, f"{path}?breached=yes")
    report_timing(report, "ticket list page, HR, breached only", timing)
    print_queries("ticket list breached", timing)


def test_the_sla_scan_over_50000_open_tickets(db, demo, report):
    now = timezone.now()
    sites = company_sites()

    def raised_of(n: int) -> datetime.datetime:
        # Most open tickets fall due far ahead (long changes, low-priority requests); one in a
        # hundred is past or near its due time, as in a desk that keeps up.
        if n % 100 == 0:
            return now - datetime.timedelta(hours=n % 200 + 1)
        return now + datetime.timedelta(days=10 + n % 300) - datetime.timedelta(hours=1)

    started = time.perf_counter()
    built = build_tickets(
        sites,
        TICKETS,
        now=now,
        status_of=lambda n, raised: (S.NEW, S.ACKNOWLEDGED, S.IN_PROGRESS, S.REOPENED)[n % 4],
        raised_of=raised_of,
    )
    report(f"tickets: bulk_create {built:,} open tickets", time.perf_counter() - started, "s")
    analyze()
    reminders = _optional("tickets.services.reminders")
    if reminders is not None:
        scan = reminders.scan_query(now)
        source = "tickets.services.reminders.scan_query"
    else:
        from django.db.models import Q

        until = now + datetime.timedelta(hours=72)
        scan = Ticket.objects.filter(
            Q(status=S.NEW, response_due__lte=until)
            | Q(status__in=[S.NEW, S.ACKNOWLEDGED, S.IN_PROGRESS, S.REOPENED])
            & Q(resolution_due__lte=until)
        ).order_by()
        source = "the scan's query (no reminders module yet)"
    plan = explain(scan)
    print(f"\n--- EXPLAIN ANALYZE of the SLA scan ({source}):\n{plan}")
    with CaptureQueriesContext(connection) as captured:
        found = len(list(scan.all()))
    median, p95, _result = timed(lambda: list(scan.all()))
    report(f"SLA scan query over {TICKETS:,} open tickets ({found:,} found): median", median, "ms")
    report("SLA scan query p95", p95, "ms")
    report("SLA scan: queries", len(captured.captured_queries), "")
    used = [name for name in ("ticket_open_due", "ticket_unanswered_due") if name in plan]
    report("SLA scan: partial indexes in the plan", ", ".join(used) or "none", "")
    if reminders is not None:
        for label in ("first run, sends", "second run, nothing new"):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                sent = reminders.tickets_sla_remind(now=now)
                seconds = time.perf_counter() - started
            report(
                f"SLA run ({label}: {sent:,} sent, {len(captured.captured_queries)} queries)",
                seconds * 1000,
                "ms",
            )


def test_the_month_report_of_a_2000_ticket_site(db, demo, report):
    module = _optional("tickets.selectors.report")
    if module is None or not hasattr(module, "month_report"):
        report("month report", "not measured: tickets.selectors.report is not there yet", "")
        pytest.skip("tickets.selectors.report is not there yet")
    site = Site.objects.get(code="JN-DC")
    now = timezone.now()
    first = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time(8), zone)
    # Spread over the month's first 28 days, every state, some late, some rated.
    step = datetime.timedelta(days=28) / REPORT_TICKETS
    build_tickets(
        [site],
        REPORT_TICKETS,
        now=now,
        status_of=lambda n, raised: S.values[n % len(S.values)] if n % 4 == 0 else S.CLOSED,
        raised_of=lambda n: start + step * n,
    )
    analyze()

    def run():
        return module.month_report(site=site, month=first, now=now)

    with CaptureQueriesContext(connection) as captured:
        built = run()
    assert built.total >= REPORT_TICKETS
    median, p95, _result = timed(run)
    report(f"month report of a {built.total:,}-ticket site ({first:%Y-%m}): median", median, "ms")
    report("month report p95", p95, "ms")
    report("month report: queries", len(captured.captured_queries), "")
