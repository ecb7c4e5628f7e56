"""The scoring list (待评分, SPEC §12) of a 500-person site at scale: the site's supervisor reads who
is left in the current quarter's cycle, and the company's manager reads the teamwork left of all
its people. Half the people are scored already and a third have enough rated tickets for their
client satisfaction to be computed, so every part of the list is read. The site, its people,
scores and tickets are added with bulk_create in the benchmark's rolled-back transaction; the
median and p95 time of the page and its query count go to the table at the end of `make bench`."""

from __future__ import annotations

import datetime
import time
from decimal import Decimal

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from assessment.models import Cycle, CycleCriterion, Score, Scorer
from assessment.services.cycles import DEFAULT_CRITERIA
from onsite.models import RoleGrant
from onsite.org.models import Assignment, Client, Company, Contract, Position, Site, Staff
from onsite.periods import Quarter
from onsite.roles import Role
from tests import factories
from tests.benchmarks.conftest import measure_get, report_timing
from tickets.models import Ticket

PEOPLE = 500
RATED = 3  # tickets of each person with ratings: the policy's default minimum


def build_site(today: datetime.date):
    """A company of PEOPLE people placed at one site all quarter, its open cycle, the site's
    supervisor and the company's manager."""
    quarter = Quarter.containing(today)
    company = Company.objects.create(name="评分基准服务有限公司")
    client = Client.objects.create(name="评分基准客户")
    site = Site.objects.create(
        code="BENCH-SC", name="评分基准机房", client=client, schedule="08:30-12:00,14:00-17:30"
    )
    contract = Contract.objects.create(
        code="BENCH-SC",
        company=company,
        client=client,
        start=quarter.first,
        end=quarter.last + datetime.timedelta(days=365),
        headcount=PEOPLE,
    )
    contract.sites.set([site])
    position = Position.objects.create(company=company, title="运维工程师")
    people = Staff.objects.bulk_create(
        Staff(
            company=company,
            staff_no=f"SC{n:05d}",
            name=f"评分基准{n}",
            gender="male",
            birth_date=datetime.date(1990, 1, 1),
            status="on_site",
        )
        for n in range(PEOPLE)
    )
    Assignment.objects.bulk_create(
        Assignment(staff=p, site=site, contract=contract, position=position, start=quarter.first)
        for p in people
    )
    cycle = Cycle.objects.create(
        company=company,
        kind="quarter",
        label=quarter.label,
        first_day=quarter.first,
        last_day=quarter.last,
        scoring_deadline=quarter.last + datetime.timedelta(days=15),
    )
    criteria = CycleCriterion.objects.bulk_create(
        CycleCriterion(
            cycle=cycle, key=key, label=str(label), weight=weight, scorer=scorer, order=n
        )
        for n, (key, label, weight, scorer) in enumerate(DEFAULT_CRITERIA)
    )
    supervisor = factories.UserFactory(username="bench-scoring-supervisor")
    RoleGrant.objects.create(user=supervisor, role=Role.SUPERVISOR, site=site)
    manager = factories.UserFactory(username="bench-scoring-manager")
    RoleGrant.objects.create(user=manager, role=Role.MANAGER, company=company)
    # Half the people scored on everything but satisfaction.
    Score.objects.bulk_create(
        Score(cycle=cycle, staff=p, criterion=c, score=Decimal(60 + n % 40))
        for n, p in enumerate(people[: PEOPLE // 2])
        for c in criteria
        if c.scorer != Scorer.COMPUTED
    )
    # A third with enough rated tickets: their satisfaction is computed.
    resolved = timezone.make_aware(datetime.datetime.combine(quarter.first, datetime.time(10)))
    Ticket.objects.bulk_create(
        Ticket(
            site=site,
            company=company,
            number=n * RATED + k + 1,
            category="fault",
            priority="normal",
            title="打印机无法打印",
            assignee=p,
            status="closed",
            raised_at=resolved - datetime.timedelta(hours=2),
            resolved_at=resolved,
            closed_at=resolved,
            response_due=resolved,
            resolution_due=resolved,
            rating=4 + k % 2,
        )
        for n, p in enumerate(people[::3])
        for k in range(RATED)
    )
    with connection.cursor() as cursor:
        for model in (Staff, Assignment, Score, Ticket):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return supervisor, manager


def test_the_scoring_list_of_a_500_person_site(client, db, demo, report, print_queries):
    started = time.perf_counter()
    supervisor, manager = build_site(timezone.localdate())
    report(
        f"scoring list: bulk_create {PEOPLE} people, scores and rated tickets",
        time.perf_counter() - started,
        "s",
    )
    for reader, who in ((supervisor, "supervisor"), (manager, "manager")):
        client.force_login(reader)
        for query, what in (("", "everyone"), ("?left=1", "left to do")):
            timing = measure_get(client, reverse("assessment:scoring") + query)
            name = f"scoring list ({what}), {who}, {PEOPLE} people"
            report_timing(report, name, timing)
            print_queries(name, timing)
            print(
                f"\n{name}, {len(timing.samples_ms)} runs: median {timing.median:.1f} ms, "
                f"p95 {timing.p95:.1f} ms, {len(timing.queries)} queries"
            )
