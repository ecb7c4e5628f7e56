"""`manage.py assessment_export` (SPEC §14): the people ranked at a site in a cycle, read back
cell by cell from CSV and XLSX; a monthly company's quarter averages; errors and exit codes."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from assessment.models import Result
from assessment.selectors.export import COLUMNS, site_rows
from assessment.services import cycles
from tests import factories
from tests.assessment.test_cycles import criterion, opened, score_all
from tests.assessment.test_cycles import scores as score_services

pytestmark = pytest.mark.django_db

EVERYTHING = ("performance", "attitude", "teamwork", "satisfaction")


def export(tmp_path, world, name="out.csv", **options):
    output = tmp_path / name
    out = io.StringIO()
    args = [
        "--site",
        options.get("site", world.site_a.code),
        "--cycle",
        options.get("cycle", "2026Q3"),
    ]
    if "company" in options:
        args += ["--company", options["company"]]
    call_command("assessment_export", *args, "--output", str(output), stdout=out)
    return output, out.getvalue()


def csv_rows(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def scored_quarter(world, close=True):
    cycle = opened(world)
    third = factories.colleague_of(world, "王五")
    score_all(world, cycle, world.person_a, {k: 90 for k in EVERYTHING})
    score_all(world, cycle, third, {k: "59.5" for k in EVERYTHING} | {"satisfaction": 60})
    score_all(world, cycle, world.person_b, {k: 95 for k in EVERYTHING})
    if close:
        cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
        cycles.cycle_close(cycle=cycle, by=world.hr)
    return cycle, third


def test_csv_has_the_spec_columns_and_one_row_per_person_ranked_at_the_site(world, tmp_path):
    _cycle, third = scored_quarter(world)
    path, out = export(tmp_path, world)
    rows = csv_rows(path)
    assert rows[0] == list(COLUMNS)
    # 李四 is ranked at site B: not in site A's file; 80×59.5 + 20×60 → 59.6.
    assert rows[1:] == [
        [world.person_a.staff_no, "张三", "90.0", "90.0", "90.0", "90.0", "90.0", "excellent",
         "1", "2", "no"],
        [third.staff_no, "王五", "59.5", "59.5", "59.5", "60.0", "59.6", "fail", "2", "3",
         "yes"],
    ]  # fmt: skip
    assert "2" in out


def test_xlsx_holds_the_same_cells_with_numbers_as_numbers(world, tmp_path):
    scored_quarter(world)
    path, _out = export(tmp_path, world, "out.xlsx")
    sheet = load_workbook(path).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == list(COLUMNS)
    assert values[1] == [
        world.person_a.staff_no,
        "张三",
        90,
        90,
        90,
        90,
        90,
        "excellent",
        1,
        2,
        "no",
    ]
    assert values[2][5:] == [60, 59.6, "fail", 2, 3, "yes"]
    assert len(values) == 3


def test_an_open_cycle_is_computed_as_it_stands_without_saving(world, tmp_path):
    cycle, _third = scored_quarter(world, close=False)
    path, _out = export(tmp_path, world)
    rows = csv_rows(path)
    assert [row[6:] for row in rows[1:]] == [
        ["90.0", "excellent", "1", "2", "no"],
        ["59.6", "fail", "2", "3", "yes"],
    ]
    assert not Result.objects.filter(cycle=cycle).exists()


def test_a_monthly_company_quarter_holds_the_mean_of_its_months(world, tmp_path):
    months = {"2026-07": 80, "2026-08": 85, "2026-09": "90.5"}
    for label, value in months.items():
        cycle = opened(world, label)
        score_all(world, cycle, world.person_a, {k: value for k in EVERYTHING})
        # Attitude differs: 70, 71, 71 → 70.666… → 70.7.
        c = criterion(cycle, "attitude")
        score_services.score_set(
            cycle=cycle,
            staff=world.person_a,
            criterion=c,
            score=70 if label == "2026-07" else 71,
            by=world.supervisor_a,
        )
        cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
        cycles.cycle_close(cycle=cycle, by=world.hr)
    quarter = opened(world)
    cycles.cycle_start_scoring(cycle=quarter, by=world.hr)
    cycles.cycle_close(cycle=quarter, by=world.hr)
    result = Result.objects.get(cycle=quarter, staff=world.person_a)
    path, _out = export(tmp_path, world)
    rows = csv_rows(path)
    # (80 + 85 + 90.5) / 3 = 85.1666… → 85.2 for each criterion scored alike.
    assert rows[1][2:6] == ["85.2", "70.7", "85.2", "85.2"]
    assert rows[1][6:] == [
        str(result.total),
        result.grade,
        str(result.site_rank),
        str(result.company_rank),
        "no",
    ]


def test_a_criterion_without_a_score_is_empty(world, tmp_path):
    cycle = opened(world)
    score_all(world, cycle, world.person_a, {"performance": 80})
    rows = site_rows(cycle=cycle, site=world.site_a)
    assert [(r["performance"], r["attitude"], r["total"]) for r in rows] == [
        (Decimal("80.0"), None, Decimal("32.0"))
    ]
    path, _out = export(tmp_path, world)
    assert csv_rows(path)[1][2:7] == ["80.0", "", "", "", "32.0"]


def test_unknown_site_cycle_or_ending_exit_non_zero_with_a_message(world, tmp_path):
    scored_quarter(world)
    with pytest.raises(CommandError, match="NOPE"):
        export(tmp_path, world, site="NOPE")
    with pytest.raises(CommandError, match="2025Q1"):
        export(tmp_path, world, cycle="2025Q1")
    with pytest.raises(CommandError, match=r"\.csv"):
        export(tmp_path, world, "out.txt")
    with pytest.raises(CommandError, match="2026Q3"):
        export(tmp_path, world, company="另一家公司")
    assert not (tmp_path / "out.txt").exists()


def test_the_command_exits_with_status_1_from_the_shell(world, tmp_path):
    from django.core.management import ManagementUtility

    utility = ManagementUtility(
        ["manage.py", "assessment_export", "--site", "NOPE", "--cycle", "2026Q3",
         "--output", str(tmp_path / "x.csv")]
    )  # fmt: skip
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code == 1


def test_a_pdf_of_an_open_cycle_is_refused_with_a_message(world, tmp_path):
    scored_quarter(world, close=False)
    with pytest.raises(CommandError):
        export(tmp_path, world, "out.pdf")
    assert not (tmp_path / "out.pdf").exists()
