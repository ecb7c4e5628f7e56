"""The weekly report statistics at scale (SPEC §9): a site of 500 people with eight weeks of
reports, its weekly statistics page (the table of last week, the counts and the eight-week chart)
and its quarter's on-time rates, as its HR admin reads them. The site and its people are added
with bulk_create in the benchmark's own rolled-back transaction; the figures are printed in the
table at the end of `make bench`."""

from __future__ import annotations

import datetime
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from onsite.demo import COMPANY_NAME
from onsite.org.models import Assignment, Client, Company, Contract, Position, Site, Staff
from onsite.periods import Week
from tests.benchmarks.conftest import measure_get, report_timing
from tickets.models import Report, ReportStatus
from tickets.selectors.report_stats import weeks_of
from tickets.views.report_stats import quarter_of

PEOPLE = 500
WEEKS = 14  # the statistics' eight weeks and the rest of the quarter before them


def build_site(today: datetime.date) -> tuple[Site, Week]:
    """A site of PEOPLE people placed for WEEKS weeks, and their reports of every week: most on
    time, one in seven late, one in eleven never."""
    company = Company.objects.get(name=COMPANY_NAME)
    client = Client.objects.order_by("pk").first()
    site = Site.objects.create(
        code="BENCH-RS", name="周报统计基准机房", client=client, schedule="08:30-12:00,14:00-17:30"
    )
    last = Week.containing(today).previous
    first = last.shift(-(WEEKS - 1))
    contract = Contract.objects.create(
        code="BENCH-RS",
        company=company,
        client=client,
        start=first.first,
        end=today + datetime.timedelta(days=365),
        headcount=PEOPLE,
    )
    contract.sites.set([site])
    position = Position.objects.filter(company=company).first()
    people = Staff.objects.bulk_create(
        Staff(
            company=company,
            staff_no=f"RS{n:05d}",
            name=f"周报基准{n}",
            gender="male",
            birth_date=datetime.date(1990, 1, 1),
            status="on_site",
        )
        for n in range(PEOPLE)
    )
    Assignment.objects.bulk_create(
        Assignment(staff=p, site=site, contract=contract, position=position, start=first.first)
        for p in people
    )
    zone = timezone.get_current_timezone()
    reports = []
    for back in range(WEEKS):
        week = last.shift(-back)
        due = datetime.datetime.combine(
            week.last + datetime.timedelta(days=1), datetime.time(13, 0), zone
        )
        for n, person in enumerate(people):
            if (n + back) % 11 == 0:
                continue
            when = due + datetime.timedelta(hours=5 if (n + back) % 7 == 0 else -20)
            reports.append(
                Report(
                    staff=person,
                    site=site,
                    period=week.label,
                    starts_on=week.first,
                    ends_on=week.last,
                    due_at=due,
                    status=ReportStatus.SUBMITTED,
                    work_done="基准",
                    first_submitted_at=when,
                    submitted_at=when,
                )
            )
    Report.objects.bulk_create(reports, batch_size=5_000)
    with connection.cursor() as cursor:
        for model in (Staff, Assignment, Report):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return site, last


def test_the_weekly_statistics_of_a_500_person_site(client, db, demo, report, print_queries):
    started = time.perf_counter()
    site, last = build_site(timezone.localdate())
    report(
        f"report stats: bulk_create {PEOPLE} people and {WEEKS} weeks of reports",
        time.perf_counter() - started,
        "s",
    )
    client.force_login(get_user_model().objects.get(username="hr"))
    timing = measure_get(client, reverse("tickets:report_stats", args=[site.pk, last.label]))
    report_timing(report, f"weekly report statistics page, HR, {PEOPLE} people", timing)
    print_queries("weekly report statistics", timing)
    print(
        f"\nweekly report statistics, {PEOPLE} people, {len(timing.samples_ms)} runs: "
        f"median {timing.median:.1f} ms, p95 {timing.p95:.1f} ms, {len(timing.queries)} queries"
    )
    held = quarter_of(last)
    timing = measure_get(
        client,
        reverse("tickets:report_stats_quarter", args=[site.pk, held.label]),
        requests=5,
    )
    report_timing(
        report, f"quarter on-time rates page ({len(weeks_of(held))} weeks), {PEOPLE} people", timing
    )
    print(
        f"quarter on-time rates, {PEOPLE} people, {len(timing.samples_ms)} runs: "
        f"median {timing.median:.1f} ms, p95 {timing.p95:.1f} ms, {len(timing.queries)} queries"
    )
