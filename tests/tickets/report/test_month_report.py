"""The monthly service report of a site (SPEC §11, §14): counts, compliance, breaches, rating."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dates import SHANGHAI
from tests.tickets.conftest import RAISED_AT, raise_ticket
from tests.tickets.report.conftest import HOUR, LATER, settle
from tickets.selectors.report import month_report

OCTOBER = datetime.date(2026, 10, 1)


def test_counts_by_category_and_priority(october):
    world, _tickets = october
    report = month_report(site=world.site_a, month=OCTOBER, now=LATER)
    assert report.total == 4
    assert report.by_category == {"general": 1, "data_request": 1, "change": 1, "fault": 1}
    assert report.by_priority == {"urgent": 1, "high": 0, "normal": 2, "low": 1}
    assert report.counts[("fault", "urgent")] == 1


def test_compliance_breaches_and_rating(october):
    world, (_met, late_answer, unanswered, urgent) = october
    report = month_report(site=world.site_a, month=OCTOBER, now=LATER)
    # Response: met, urgent in time; late_answer after 30 h; unanswered past its due time.
    assert (report.response.met, report.response.breached) == (2, 2)
    assert report.response.percent == 50.0
    # Resolution: met and late_answer in time, urgent 6 h > 4 h, unanswered never resolved.
    assert (report.resolution.met, report.resolution.breached) == (2, 2)
    assert [row.number for row in report.breaches] == [
        late_answer.number,
        unanswered.number,
        urgent.number,
    ]
    assert report.average_rating == 4.0
    assert report.rated == 2


def test_a_target_not_yet_due_is_pending_not_breached(october):
    world, (_met, _late, unanswered, _urgent) = october
    report = month_report(site=world.site_a, month=OCTOBER, now=RAISED_AT + 2 * HOUR)
    row = next(row for row in report.rows if row.number == unanswered.number)
    assert not row.response_breached and not row.resolution_breached
    assert row.response_minutes is None
    # Only the unanswered ticket waits; the stored late answer is judged as it stands.
    assert (report.response.met, report.response.breached, report.response.pending) == (2, 1, 1)


def test_a_reopened_ticket_is_not_resolved(october):
    world, (met, *_rest) = october
    settle(met, status="reopened", rating=None, closed_at=None)
    report = month_report(site=world.site_a, month=OCTOBER, now=LATER)
    row = next(row for row in report.rows if row.number == met.number)
    assert row.resolution_minutes is None
    assert row.resolution_breached


def test_the_month_is_read_in_the_sites_time(world):
    # 1 November 00:30 in Shanghai is still 31 October in UTC: November's, not October's.
    raise_ticket(world, now=datetime.datetime(2026, 11, 1, 0, 30, tzinfo=SHANGHAI))
    raise_ticket(world, now=datetime.datetime(2026, 10, 31, 23, 30, tzinfo=SHANGHAI))
    assert month_report(site=world.site_a, month=OCTOBER).total == 1
    assert month_report(site=world.site_a, month=datetime.date(2026, 11, 1)).total == 1


def test_other_sites_tickets_stay_out(october):
    world, _tickets = october
    assert month_report(site=world.site_b, month=OCTOBER).total == 0


def test_the_number_of_queries_does_not_grow_with_the_tickets(october):
    world, _tickets = october
    with CaptureQueriesContext(connection) as few:
        month_report(site=world.site_a, month=OCTOBER, now=LATER)
    for _ in range(5):
        raise_ticket(world)
    with CaptureQueriesContext(connection) as many:
        report = month_report(site=world.site_a, month=OCTOBER, now=LATER)
    assert report.total == 9
    assert len(many) == len(few) == 3
