"""Benchmarks at scale: `make bench` (files named bench_*.py; `make test` never collects them).

The demo company is built once per session with `seed_demo(staff_count=BENCH_STAFF, months=3)`
in the test database and committed there, so every benchmark reads the same data; each benchmark
still runs in a transaction that is rolled back (logins, sessions). Figures go through the
`report(name, value, unit)` fixture and are printed as one table at the end of the run.
Benchmarks measure; they assert only that a page answers 200, never a timing.

BENCH_STAFF (default 2000) sets the number of staff; BENCH_REQUESTS (default 20) the number of
timed requests per page.
"""

from __future__ import annotations

import logging
import os
import statistics
import time
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from onsite.celery import app as celery_app

BENCH_STAFF = int(os.environ.get("BENCH_STAFF", "2000"))
BENCH_REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

_rows_key = pytest.StashKey[list]()


@dataclass
class Row:
    name: str
    value: float | int | str
    unit: str


def pytest_configure(config):
    config.stash[_rows_key] = []


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A test database of the benchmarks' own (test_<name>_bench): `make test` runs going on at
    the same time use test_<name>, and pytest-django drops and recreates whatever it finds there."""
    from django.conf import settings

    for alias in settings.DATABASES.values():
        test = alias.setdefault("TEST", {})
        test["NAME"] = f"{test.get('NAME') or 'test_' + alias['NAME']}_bench"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database as pytest-django builds it, plus the demo company at scale."""
    from onsite.demo import seed_demo

    rows = request.config.stash[_rows_key]
    # seed_demo queues notification e-mails on commit; run them here (into the locmem outbox)
    # rather than leave messages on the test broker for a later worker test to pick up.
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    trace_log = logging.getLogger("celery.app.trace")
    trace_level = trace_log.level
    trace_log.setLevel(logging.WARNING)
    try:
        # The six demo logins would cost about a second each with the production hasher; the
        # benchmarks log in with force_login, so that time says nothing about scale.
        with (
            override_settings(PASSWORD_HASHERS=FAST_HASHERS),
            django_db_blocker.unblock(),
        ):
            started = time.perf_counter()
            seeded = seed_demo(staff_count=BENCH_STAFF, months=3)
            rows.append(Row(f"seed_demo(staff_count={BENCH_STAFF}, months=3)", _ms(started), "ms"))
            # Bulk inserts leave the planner with empty-table statistics until autovacuum comes
            # round; a production database has long been analysed, so plans should match that.
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            rows.append(Row("  ANALYZE after seeding", _ms(started), "ms"))
    finally:
        celery_app.conf.task_always_eager = eager
        trace_log.setLevel(trace_level)
    rows.append(Row("  staff / sites built", f"{seeded['staff']:,} / {seeded['sites']}", ""))
    request.config.stash[_seeded_key] = seeded


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


_seeded_key = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def demo(django_db_setup, request) -> dict:
    """What seed_demo returned: company, staff and sites counts, users by demo username."""
    return request.config.stash[_seeded_key]


@pytest.fixture
def report(request):
    """`report(name, value, unit)` adds a row to the table printed at the end of the run."""
    rows = request.config.stash[_rows_key]

    def add(name: str, value, unit: str = "") -> None:
        rows.append(Row(name, value, unit))

    return add


@dataclass
class Timing:
    status: int
    queries: list[tuple[str, float]]  # (sql, ms) of the one captured request
    samples_ms: list[float]  # wall time of each timed request
    cpu_ms: list[float]  # CPU time of this process (Django, templates; not PostgreSQL)

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        if len(self.samples_ms) < 2:
            return self.samples_ms[0]
        return statistics.quantiles(self.samples_ms, n=20, method="inclusive")[-1]

    @property
    def sql_ms(self) -> float:
        return sum(ms for _, ms in self.queries)


def measure_get(client, path: str, *, requests: int = BENCH_REQUESTS, **extra) -> Timing:
    """One warm-up GET, one GET with its queries captured, then `requests` timed GETs.

    Queries are captured on a request of their own so that the debug cursor's bookkeeping does
    not weigh on the timed requests. Every response must be 200: a broken page is not measured.
    """
    response = client.get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    # Copied now: captured_queries reads connection.queries_log, which the next request clears.
    queries = [(q["sql"], float(q["time"]) * 1000) for q in captured.captured_queries]
    assert response.status_code == 200, (path, response.status_code)
    samples, cpu = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path, **extra)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return Timing(
        status=response.status_code,
        queries=queries,
        samples_ms=samples,
        cpu_ms=cpu,
    )


def report_timing(report, name: str, timing: Timing) -> None:
    report(f"{name} median", timing.median, "ms")
    report(f"{name} p95", timing.p95, "ms")
    report(f"{name} app CPU median", statistics.median(timing.cpu_ms), "ms")
    report(f"{name} queries", len(timing.queries), "")
    report(f"{name} SQL time (captured request)", timing.sql_ms, "ms")


@pytest.fixture
def print_queries():
    """Set BENCH_SQL=1 to print every query a measured page runs (for finding a slow one)."""

    def show(name: str, timing: Timing) -> None:
        if not os.environ.get("BENCH_SQL"):
            return
        print(f"\n--- {name}: {len(timing.queries)} queries")
        for n, (sql, ms) in enumerate(timing.queries, start=1):
            print(f"[{n}] {ms:.1f} ms  {sql}")

    return show


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,d}"
    return str(value)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    rows = config.stash.get(_rows_key, [])
    if not rows:
        return
    cells = [(row.name, _format(row.value), row.unit) for row in rows]
    name_w = max(len("benchmark"), *(len(c[0]) for c in cells))
    value_w = max(len("value"), *(len(c[1]) for c in cells))
    unit_w = max(len("unit"), *(len(c[2]) for c in cells))
    write = terminalreporter.write_line
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    terminalreporter.section(
        f"benchmarks: {BENCH_STAFF} staff, {BENCH_REQUESTS} timed requests a page, "
        f"{os.cpu_count()} CPUs, load average {load}"
    )
    write(f"{'benchmark':<{name_w}}  {'value':>{value_w}}  {'unit':<{unit_w}}")
    write(f"{'-' * name_w}  {'-' * value_w}  {'-' * unit_w}")
    for name, value, unit in cells:
        write(f"{name:<{name_w}}  {value:>{value_w}}  {unit:<{unit_w}}".rstrip())
