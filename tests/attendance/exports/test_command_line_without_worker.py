"""SPEC §14: an HR script imports punches, then writes the attendance sheet, on a machine where no
Celery worker runs. Tasks are queued to the broker as in production (not run eagerly, as the
rest of the suite does), so nothing the import hands to a worker would ever be done."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from attendance.models import Day
from onsite.celery import app as celery_app


@pytest.fixture
def no_worker(transactional_db):
    """Transactions commit as in production, so what waits for a commit runs when it would."""
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


def sheet_row(path) -> dict[str, str]:
    header, *rows = csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")))
    assert len(rows) == 1
    return dict(zip(header, rows[0], strict=True))


def test_the_sheet_after_a_punch_import_counts_the_imported_days(no_worker, world, tmp_path):
    punches = tmp_path / "punches.csv"
    no = world.person_a.staff_no
    punches.write_text(
        "staff_no,timestamp\n"
        f"{no},2026-10-12 08:25\n{no},2026-10-12 17:35\n"
        f"{no},2026-10-13 08:20\n{no},2026-10-13 17:40\n"
    )
    call_command("import_data", "punches", str(punches), stdout=io.StringIO())
    out = tmp_path / "sheet.csv"
    call_command(
        "attendance_sheet", "--site", "A", "--month", "2026-10", "--output", str(out),
        stdout=io.StringIO(),
    )  # fmt: skip
    row = sheet_row(out)
    assert row["staff_no"] == no
    assert row["present_days"] == "2"
    assert row["late_count"] == "0"
    # The import judged the whole month: the days nobody punched are absences.
    scheduled = Day.objects.filter(staff=world.person_a, scheduled__gt=0).count()
    assert int(row["scheduled_days"]) == scheduled > 2
    assert float(row["absent_days"]) == scheduled - 2


def test_a_dry_run_leaves_the_days_unjudged(no_worker, world, tmp_path):
    punches = tmp_path / "punches.csv"
    punches.write_text(f"staff_no,timestamp\n{world.person_a.staff_no},2026-10-12 08:25\n")
    call_command("import_data", "punches", str(punches), "--dry-run", stdout=io.StringIO())
    assert not Day.objects.exists()
