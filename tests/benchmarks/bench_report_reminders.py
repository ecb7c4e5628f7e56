"""The Monday reminder at scale (SPEC §9): 10,000 people with a login on 200 sites, none of whom
has submitted last week's report, reminded at 09:00 of Monday; then the same run again (a second
beat, a retry), which must send nothing; then the supervisors' 13:05 digest. Each run's time,
messages sent and queries are printed in the table at the end of `make bench`.

The sites and people are added with bulk_create in the benchmark's own rolled-back transaction.
The demo company of the other benchmarks is in the same database: its people's reminders of that
week are sent (and claimed) first, so the figures are those of the 10,000. The logins have no
e-mail address, so the figures are the job's own, not the e-mails' (their tasks are queued on
commit, one per message, when there is one)."""

from __future__ import annotations

import datetime
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from onsite.demo import COMPANY_NAME
from onsite.models import Notification, RoleGrant
from onsite.org.models import Assignment, Client, Company, Contract, Position, Site, Staff
from onsite.periods import Week
from onsite.roles import Role
from tickets.services.report_reminders import DIGEST, REMINDER, reports_digest, reports_remind

PEOPLE = 10_000
SITES = 200


def build(week: Week) -> list[Staff]:
    """SITES sites with PEOPLE // SITES people each, placed since before `week`, each site with
    a supervisor."""
    company = Company.objects.get(name=COMPANY_NAME)
    client = Client.objects.order_by("pk").first()
    sites = Site.objects.bulk_create(
        Site(
            code=f"BR{n:03d}",
            name=f"提醒基准现场{n}",
            client=client,
            schedule="08:30-12:00,14:00-17:30",
        )
        for n in range(SITES)
    )
    start = week.first - datetime.timedelta(days=28)
    contract = Contract.objects.create(
        code="BENCH-RR",
        company=company,
        client=client,
        start=start,
        end=week.last + datetime.timedelta(days=365),
        headcount=PEOPLE,
    )
    contract.sites.set(sites)
    position = Position.objects.filter(company=company).first()
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"rr{n:05d}", password="!", email="") for n in range(PEOPLE + SITES)
    )
    people = Staff.objects.bulk_create(
        Staff(
            company=company,
            user=users[n],
            staff_no=f"RR{n:05d}",
            name=f"提醒基准{n}",
            gender="male",
            birth_date=datetime.date(1990, 1, 1),
            status="on_site",
        )
        for n in range(PEOPLE)
    )
    Assignment.objects.bulk_create(
        (
            Assignment(
                staff=person,
                site=sites[n % SITES],
                contract=contract,
                position=position,
                start=start,
            )
            for n, person in enumerate(people)
        ),
        batch_size=5_000,
    )
    RoleGrant.objects.bulk_create(
        RoleGrant(user=users[PEOPLE + n], role=Role.SUPERVISOR, site=site)
        for n, site in enumerate(sites)
    )
    with connection.cursor() as cursor:
        for model in (User, Staff, Assignment, Site, RoleGrant):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return people


def timed_run(job, now) -> tuple[float, int, int]:
    """(seconds, messages sent, queries) of one run of `job` at `now`; the queries counted
    as they go (the debug log keeps only the last 9,000)."""
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        sent = job(now=now)
        seconds = time.perf_counter() - started
    return seconds, sent, queries


def test_the_monday_reminder_of_10000_people_on_200_sites(db, demo, report):
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    week = Week.containing(today).previous
    monday = week.last + datetime.timedelta(days=1)
    at_nine = datetime.datetime.combine(monday, datetime.time(9, 0), zone)
    # The demo company's own reminders of the week, out of the way.
    reports_remind(now=at_nine)
    reports_digest(now=at_nine.replace(hour=13, minute=5))

    started = time.perf_counter()
    people = build(week)
    report(
        f"report reminders: bulk_create {len(people):,} people on {SITES} sites",
        time.perf_counter() - started,
        "s",
    )
    mine = Notification.objects.filter(
        kind=REMINDER, recipient__staff_record__staff_no__startswith="RR"
    )
    lines = []
    for run in ("first", "second"):
        seconds, sent, queries = timed_run(reports_remind, at_nine)
        report(f"Monday 09:00 reminder, {run} run: time", seconds, "s")
        report(f"Monday 09:00 reminder, {run} run: reminders sent", sent, "")
        report(f"Monday 09:00 reminder, {run} run: queries", queries, "")
        lines.append(f"{run} run: {seconds:.1f} s, {sent:,} sent, {queries:,} queries")
    reminded = mine.count()
    once = mine.values("recipient_id").distinct().count()
    report(
        "Monday 09:00 reminder: notifications of the 10,000 / distinct people",
        f"{reminded:,} / {once:,}",
        "",
    )
    assert reminded == once == PEOPLE

    seconds, sent, queries = timed_run(reports_digest, at_nine.replace(hour=13, minute=5))
    report("Monday 13:05 digest: time", seconds, "s")
    report("Monday 13:05 digest: digests sent (one per supervisor)", sent, "")
    report("Monday 13:05 digest: queries", queries, "")
    lines.append(f"13:05 digest: {seconds:.1f} s, {sent:,} sent, {queries:,} queries")
    assert Notification.objects.filter(kind=DIGEST, params__period=week.label).count() >= SITES
    print(f"\nMonday reminder, {PEOPLE:,} people on {SITES} sites, week {week.label}:")
    print("\n".join(lines))
