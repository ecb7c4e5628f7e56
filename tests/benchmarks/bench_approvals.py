"""The approvals inbox at scale: the supervisor of a 500-person site with 1,000 requests waiting
(500 leave, 500 overtime, made in bulk), read at its first page (the longest waiting) and at
its last (the deepest OFFSET of the UNION), and the waiting count alone. Each benchmark builds
its site in its own rolled-back transaction; figures go to the table at the end of `make bench`."""

from __future__ import annotations

import datetime
import time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from attendance.models import Leave, LeaveStatus, Overtime, OvertimeCategory, OvertimeStatus
from onsite.demo import COMPANY_NAME
from onsite.inbox import PER_PAGE, waiting_count
from onsite.models import RoleGrant
from onsite.org.models import Assignment, Contract, Site, Staff
from onsite.roles import Role
from tests.benchmarks.conftest import measure_get, report_timing

PEOPLE = 500


@pytest.fixture(autouse=True)
def _serve_testserver(settings):
    # The test settings run with DEBUG off, where ALLOWED_HOSTS is empty unless set.
    settings.ALLOWED_HOSTS = ["testserver"]


def next_monday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 + (7 - today.weekday()) % 7)


def busy_site() -> tuple[Site, object]:
    """A site with PEOPLE placed there, each with one leave and one overtime request waiting,
    asked over the last weeks; and a supervisor of the site."""
    contract = Contract.objects.filter(company__name=COMPANY_NAME).first()
    site = Site.objects.create(
        code="BENCH-APPROVALS",
        name="审批压力测试点",
        client=contract.client,
        schedule="08:30-12:00,14:00-17:30",
    )
    contract.sites.add(site)
    contract.headcount += PEOPLE
    contract.save()
    people = Staff.objects.bulk_create(
        [
            Staff(
                company=contract.company,
                staff_no=f"APR{n:04d}",
                name=f"待审人员{n}",
                gender="male",
                birth_date=datetime.date(1990, 1, 1),
                id_number="",
            )
            for n in range(PEOPLE)
        ]
    )
    Assignment.objects.bulk_create(
        [
            Assignment(
                staff=p,
                site=site,
                contract=contract,
                position=contract.company.positions.first(),
                start=timezone.localdate() - datetime.timedelta(days=60),
            )
            for p in people
        ]
    )
    monday = next_monday()
    Leave.objects.bulk_create(
        [
            Leave(
                staff=p,
                site=site,
                kind="personal",
                start=monday + datetime.timedelta(days=n % 5),
                end=monday + datetime.timedelta(days=n % 5),
                days=Decimal(1),
                reason="家中有事",
                cover=people[(n + 1) % PEOPLE],
                status=LeaveStatus.PENDING,
            )
            for n, p in enumerate(people)
        ]
    )
    saturday = monday - datetime.timedelta(days=2)
    Overtime.objects.bulk_create(
        [
            Overtime(
                staff=p,
                site=site,
                date=saturday,
                start_time=datetime.time(9),
                end_time=datetime.time(11),
                hours=Decimal(2),
                day_kind="rest",
                category=OvertimeCategory.REST_DAY,
                rate=200,
                reason="系统割接",
                status=OvertimeStatus.PENDING,
            )
            for p in people
        ]
    )
    # Spread the requests over the past weeks, so that "longest waiting first" has to sort.
    with connection.cursor() as cursor:
        for table in ("attendance_leave", "attendance_overtime"):
            cursor.execute(
                f"UPDATE {table} SET created_at = now() - (id * 37 %% 40000) * interval '1 minute'"
                " WHERE site_id = %s",
                [site.pk],
            )
        cursor.execute("ANALYZE attendance_leave")
        cursor.execute("ANALYZE attendance_overtime")
    supervisor = get_user_model().objects.create_user("bench_supervisor")
    RoleGrant.objects.create(user=supervisor, role=Role.SUPERVISOR, site=site)
    return site, supervisor


def test_the_inbox_of_a_supervisor_with_a_thousand_requests(db, demo, report, print_queries):
    started = time.perf_counter()
    _site, supervisor = busy_site()
    report(
        f"approvals: build {PEOPLE} people, {2 * PEOPLE} requests",
        time.perf_counter() - started,
        "s",
    )
    started = time.perf_counter()
    count = waiting_count(supervisor)
    report("approvals: waiting_count (one query)", (time.perf_counter() - started) * 1000, "ms")
    assert count == 2 * PEOPLE
    client = Client()
    client.force_login(supervisor)
    url = reverse("inbox:list")
    first = measure_get(client, url)
    report_timing(report, f"approvals inbox, {count} waiting, page 1", first)
    print_queries("approvals page 1", first)
    last_page = -(-count // PER_PAGE)
    last = measure_get(client, f"{url}?page={last_page}")
    report_timing(report, f"approvals inbox, page {last_page}", last)
    print_queries(f"approvals page {last_page}", last)
