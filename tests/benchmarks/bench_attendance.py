"""Attendance at scale (issue 4): judging a month for every placed person, the monthly sheet of
a 500-person site, and importing 100,000 punch rows. Each benchmark builds its own month in its
own rolled-back transaction; the figures are printed in the table at the end of `make bench`."""

from __future__ import annotations

import csv
import datetime
import io
import time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from attendance.models import Day, Punch, PunchSource
from attendance.selectors.calendar import WorkCalendar
from attendance.services.days import days_recompute
from onsite.demo import COMPANY_NAME
from onsite.org.models import Assignment, Contract, Site, Staff
from onsite.org.schedule import Schedule
from onsite.periods import month_bounds
from staffing.imports.services import import_file
from tests.benchmarks.conftest import measure_get, report_timing

IMPORT_ROWS = 100_000


def bench_month() -> datetime.date:
    """The month before last: inside every demo placement, with no demo punches in it."""
    today = timezone.localdate()
    return (today.replace(day=1) - datetime.timedelta(days=32)).replace(day=1)


def four_punches_a_day(placements, month: datetime.date) -> int:
    """Arrive, lunch out, lunch in, leave, on every working day of `month`: most on time, every
    seventh day late and every eleventh early, so every rule has work to do."""
    first, last = month_bounds(month)
    calendar = WorkCalendar(start=first, end=last)
    workdays = [d for d in calendar.days() if calendar.is_working(d)]
    zone = timezone.get_current_timezone()
    schedules: dict[int, Schedule] = {}
    punches = []
    for n, (staff_id, site_id, schedule_text) in enumerate(placements):
        schedule = schedules.setdefault(site_id, Schedule.parse(schedule_text))
        for d, day in enumerate(workdays):
            late = 20 if (n + d) % 7 == 0 else -5
            early = -25 if (n + d) % 11 == 0 else 5
            times = (
                (schedule.start, late),
                (schedule.morning.end, 1),
                (schedule.afternoon.start, -3),
                (schedule.end, early),
            )
            punches += [
                Punch(
                    staff_id=staff_id,
                    site_id=site_id,
                    at=datetime.datetime.combine(day, t, zone) + datetime.timedelta(minutes=m),
                    source=PunchSource.DEVICE,
                )
                for t, m in times
            ]
    Punch.objects.bulk_create(punches, batch_size=10_000)
    return len(punches)


def placements_of(sites) -> list[tuple[int, int, str]]:
    return list(
        Assignment.objects.filter(site__in=sites).values_list(
            "staff_id", "site_id", "site__schedule"
        )
    )


def test_judging_a_month_for_every_placed_person(db, demo, report):
    month = bench_month()
    first, last = month_bounds(month)
    placements = placements_of(Site.objects.all())
    started = time.perf_counter()
    count = four_punches_a_day(placements, month)
    report(
        f"attendance: insert {count:,} punches ({len(placements):,} people)",
        time.perf_counter() - started,
        "s",
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE attendance_punch")
    started = time.perf_counter()
    written = days_recompute(
        start=first, end=last, site_ids=list(Site.objects.values_list("pk", flat=True))
    )
    seconds = time.perf_counter() - started
    assert written >= len(placements) * 15
    report(
        f"attendance: judge {month:%Y-%m} for {len(placements):,} people ({written:,} days)",
        seconds,
        "s",
    )
    started = time.perf_counter()
    days_recompute(start=first, end=last, site_ids=list(Site.objects.values_list("pk", flat=True)))
    report(
        "attendance: judge the same month again (nothing changed, nothing written)",
        time.perf_counter() - started,
        "s",
    )


def big_site(size: int, month: datetime.date) -> Site:
    """A site with `size` people placed since before `month`, and a month of four punches a day."""
    contract = Contract.objects.filter(company__name=COMPANY_NAME).first()
    site = Site.objects.create(
        code="BENCH-500",
        name="五百人驻场点",
        client=contract.client,
        schedule="08:30-12:00,14:00-17:30",
    )
    contract.sites.add(site)
    contract.headcount += size
    contract.save()
    people = Staff.objects.bulk_create(
        [
            Staff(
                company=contract.company,
                staff_no=f"BIG{n:04d}",
                name=f"驻场人员{n}",
                gender="male",
                birth_date=datetime.date(1990, 1, 1),
                id_number="",
                monthly_salary=8000,
            )
            for n in range(size)
        ]
    )
    position = contract.company.positions.first()
    Assignment.objects.bulk_create(
        [
            Assignment(
                staff=p,
                site=site,
                contract=contract,
                position=position,
                start=month - datetime.timedelta(days=40),
            )
            for p in people
        ]
    )
    four_punches_a_day(placements_of([site]), month)
    first, last = month_bounds(month)
    days_recompute(start=first, end=last, site_ids=[site.pk])
    return site


def test_the_sheet_of_a_five_hundred_person_site(client, db, demo, report, print_queries):
    month = bench_month()
    hr = get_user_model().objects.get(username="hr")
    client.force_login(hr)
    small = Site.objects.get(code="JN-DC")
    days_recompute(
        *(), start=month_bounds(month)[0], end=month_bounds(month)[1], site_ids=[small.pk]
    )
    small_timing = measure_get(
        client, reverse("attendance:sheet", args=[small.pk, f"{month:%Y-%m}"])
    )
    site = big_site(500, month)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE attendance_day")
    timing = measure_get(client, reverse("attendance:sheet", args=[site.pk, f"{month:%Y-%m}"]))
    people = Day.objects.filter(site=site).values("staff_id").distinct().count()
    report_timing(report, f"sheet page, {people} people", timing)
    report(
        f"sheet page queries, {Assignment.objects.filter(site=small).count()} people",
        len(small_timing.queries),
        "",
    )
    print_queries("sheet 500", timing)


def punch_csv(rows: int, month: datetime.date) -> bytes:
    """`rows` punches of the demo staff in `month`, two a day at minutes no other punch uses."""
    first, last = month_bounds(month)
    numbers = list(
        Assignment.objects.filter(staff__company__name=COMPANY_NAME)
        .values_list("staff__staff_no", flat=True)
        .order_by("staff__staff_no")
    )
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["工号", "打卡时间", "设备"])
    written = 0
    day = first
    while written < rows and day <= last:
        for number in numbers:
            for stamp in ("07:11:05", "19:23:47"):
                writer.writerow([number, f"{day} {stamp}", "1"])
                written += 1
                if written == rows:
                    break
            if written == rows:
                break
        day += datetime.timedelta(days=1)
    assert written == rows, "not enough people and days for the file"
    return text.getvalue().encode("utf-8")


def test_importing_a_hundred_thousand_punch_rows(db, demo, report):
    month = bench_month()
    hr = get_user_model().objects.get(username="hr")
    data = punch_csv(IMPORT_ROWS, month)
    report("punch import: file", f"{IMPORT_ROWS:,} rows, {len(data) / 1024:,.0f} KiB", "")
    for label in ("new rows", "the same file again"):
        started = time.perf_counter()
        result = import_file(
            kind="punches",
            file=SimpleUploadedFile("punches.csv", data),
            user=hr,
            dry_run=False,
            skip_invalid=False,
        )
        # The benchmark's transaction is rolled back, never committed; PostgreSQL checks the
        # deferred foreign keys at commit, so check them now and count that time too.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        seconds = time.perf_counter() - started
        assert result.errors == [], result.errors[:5]
        report(f"punch import: 100,000 {label} ({result.new:,} new)", seconds, "s")
