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

import os
import statistics
import time
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onsite.celery import app as celery_app

BENCH_STAFF = int(os.environ.get("BENCH_STAFF", "2000"))
BENCH_REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))

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

    # seed_demo queues notification e-mails on commit; run them here (into the locmem outbox)
    # rather than leave messages on the test broker for a later worker test to pick up.
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with django_db_blocker.unblock():
            started = time.perf_counter()
            seeded = seed_demo(staff_count=BENCH_STAFF, months=3)
            elapsed = time.perf_counter() - started
    finally:
        celery_app.conf.task_always_eager = eager
    rows = request.config.stash[_rows_key]
    rows.append(Row(f"seed_demo(staff_count={BENCH_STAFF}, months=3)", elapsed * 1000, "ms"))
    rows.append(Row("  staff / sites built", f"{seeded['staff']} / {seeded['sites']}", ""))
    request.config.stash[_seeded_key] = seeded


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
    queries: list[str]
    samples_ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        if len(self.samples_ms) < 2:
            return self.samples_ms[0]
        return statistics.quantiles(self.samples_ms, n=20, method="inclusive")[-1]


def measure_get(client, path: str, *, requests: int = BENCH_REQUESTS, **extra) -> Timing:
    """One warm-up GET, one GET with its queries captured, then `requests` timed GETs.

    Queries are captured on a request of their own so that the debug cursor's bookkeeping does
    not weigh on the timed requests. Every response must be 200: a broken page is not measured.
    """
    response = client.get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path, **extra)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return Timing(
        status=response.status_code,
        queries=[q["sql"] for q in captured.captured_queries],
        samples_ms=samples,
    )


def report_timing(report, name: str, timing: Timing) -> None:
    report(f"{name} median", timing.median, "ms")
    report(f"{name} p95", timing.p95, "ms")
    report(f"{name} queries", len(timing.queries), "")


@pytest.fixture
def print_queries():
    """Set BENCH_SQL=1 to print every query a measured page runs (for finding a slow one)."""

    def show(name: str, timing: Timing) -> None:
        if not os.environ.get("BENCH_SQL"):
            return
        print(f"\n--- {name}: {len(timing.queries)} queries")
        for n, sql in enumerate(timing.queries, start=1):
            print(f"[{n}] {sql}")

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
    terminalreporter.section(
        f"benchmarks ({BENCH_STAFF} staff, {BENCH_REQUESTS} timed requests each)"
    )
    write(f"{'benchmark':<{name_w}}  {'value':>{value_w}}  {'unit':<{unit_w}}")
    write(f"{'-' * name_w}  {'-' * value_w}  {'-' * unit_w}")
    for name, value, unit in cells:
        write(f"{name:<{name_w}}  {value:>{value_w}}  {unit:<{unit_w}}".rstrip())
