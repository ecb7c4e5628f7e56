"""`import_data assessment_scores` (SPEC §14): scores by key or Chinese label into an opened
cycle, HR standing as the scorer; bad rows by row and column, nothing written; a closed cycle
refused; the same file twice changes nothing; a dry run writes nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from assessment.models import Score
from assessment.services import cycles
from tests.assessment.test_cycles import opened
from tests.files import csv_file, errors_of, run, xlsx_file

pytestmark = pytest.mark.django_db

KEYS = ["staff_no", "cycle", "criterion", "score"]
LABELS = ["工号", "考核周期", "考核项目", "得分"]


def stored(cycle) -> dict:
    return {
        (s.staff.name, s.criterion.key): s.score
        for s in Score.objects.filter(cycle=cycle).select_related("staff", "criterion")
    }


def test_scores_by_key_or_label_are_stored_with_hr_as_the_scorer(world):
    cycle = opened(world)
    a, b = world.person_a.staff_no, world.person_b.staff_no
    rows = [[a, "2026Q3", "工作业绩", "86.5"], [a, "2026Q3", "teamwork", "90"],
            [b, "2026Q3", "客户满意度", "75"]]  # fmt: skip
    report = run("assessment_scores", csv_file([LABELS, *rows]), user=world.hr)
    assert (report.new, report.updated, report.errors, report.written) == (3, 0, [], True)
    assert stored(cycle) == {
        ("张三", "performance"): Decimal("86.5"),
        ("张三", "teamwork"): Decimal("90.0"),
        ("李四", "satisfaction"): Decimal("75.0"),
    }
    assert set(Score.objects.values_list("scored_by", flat=True)) == {world.hr.pk}


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(world):
    opened(world)
    a = world.person_a.staff_no
    rows = [
        [a, "2026Q3", "performance", "80"],
        ["NOBODY", "2026Q3", "performance", "80"],
        [a, "2026Q9", "performance", "80"],
        [a, "2026Q3", "人缘", "80"],
        [a, "2026Q3", "attitude", "80.25"],
        [a, "2026Q3", "attitude", "101"],
        [a, "2026-08", "attitude", "80"],
    ]
    report = run("assessment_scores", csv_file([KEYS, *rows]), user=world.hr)
    errors = errors_of(report)
    assert [(row, column) for row, column, _m in errors] == [
        (3, "staff_no"),
        (4, "cycle"),
        (5, "criterion"),
        (6, "score"),
        (7, "score"),
        (8, "cycle"),
    ]
    assert "NOBODY" in errors[0][2] and "人缘" in errors[2][2]
    assert (report.invalid, report.written) == (6, False)
    assert not Score.objects.exists()
    # Skipping the bad rows keeps the good one.
    kept = run("assessment_scores", csv_file([KEYS, *rows]), user=world.hr, skip_invalid=True)
    assert (kept.new, kept.written) == (1, True)
    assert Score.objects.get().score == Decimal("80.0")


def test_scores_of_a_closed_cycle_are_refused(world):
    cycle = opened(world)
    cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
    cycles.cycle_close(cycle=cycle, by=world.hr)
    file = csv_file([KEYS, [world.person_a.staff_no, "2026Q3", "performance", "80"]])
    report = run("assessment_scores", file, user=world.hr)
    [(row, column, message)] = errors_of(report)
    assert (row, column) == (2, "cycle") and "2026Q3" in message
    assert not report.written and not Score.objects.exists()


def test_the_same_file_twice_changes_nothing_and_a_new_value_updates(world):
    cycle = opened(world)
    rows = [[world.person_a.staff_no, "2026Q3", "performance", "80"],
            [world.person_a.staff_no, "2026Q3", "attitude", "70.5"]]  # fmt: skip
    run("assessment_scores", csv_file([KEYS, *rows]), user=world.hr)
    before = list(Score.objects.values().order_by("pk"))
    again = run("assessment_scores", xlsx_file([KEYS, *rows]), user=world.hr)
    assert (again.new, again.updated, again.skipped, again.errors) == (0, 0, 2, [])
    assert list(Score.objects.values().order_by("pk")) == before
    rows[0][3] = "85"
    changed = run("assessment_scores", csv_file([KEYS, *rows]), user=world.hr)
    assert (changed.new, changed.updated, changed.skipped) == (0, 1, 1)
    assert stored(cycle)[("张三", "performance")] == Decimal("85.0")


def test_a_dry_run_writes_nothing(world):
    opened(world)
    file = csv_file([KEYS, [world.person_a.staff_no, "2026Q3", "performance", "80"]])
    report = run("assessment_scores", file, user=world.hr, dry_run=True)
    assert (report.new, report.written) == (1, False)
    assert not Score.objects.exists()


def test_hr_never_imports_their_own_score(world, two_roles):
    opened(world)
    file = csv_file([KEYS, [world.hr_person.staff_no, "2026Q3", "performance", "80"]])
    report = run("assessment_scores", file, user=world.users["hr_staff"])
    assert [(r, c) for r, c, _m in errors_of(report)] == [(2, "staff_no")]
    assert not Score.objects.exists()


def test_two_rows_giving_one_score_two_values_are_refused(world):
    opened(world)
    a = world.person_a.staff_no
    rows = [[a, "2026Q3", "performance", "80"], [a, "2026Q3", "工作业绩", "81"]]
    report = run("assessment_scores", csv_file([KEYS, *rows]), user=world.hr)
    assert [(r, c) for r, c, _m in errors_of(report)] == [(3, "score")]
    assert not Score.objects.exists()


def test_the_command_imports_and_fails_on_bad_rows(world, tmp_path):
    opened(world)
    good = tmp_path / "good.csv"
    good.write_text(
        f"staff_no,cycle,criterion,score\n{world.person_a.staff_no},2026Q3,teamwork,66\n"
    )
    out = io.StringIO()
    call_command("import_data", "assessment_scores", str(good), stdout=out)
    assert Score.objects.get().score == Decimal("66.0")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"staff_no,cycle,criterion,score\n{world.person_a.staff_no},2026Q3,teamwork,x\n")
    with pytest.raises(CommandError):
        call_command("import_data", "assessment_scores", str(bad), stdout=io.StringIO())
    assert Score.objects.get().score == Decimal("66.0")
