"""`manage.py report_status` (SPEC §14): one row per person placed at the site in the week, with
the columns, times and statuses of §14, as of the moment it runs."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from attendance.models import LeaveStatus
from tests import factories
from tests.dates import FRIDAY, MONDAY, WEDNESDAY, at
from tests.tickets.report_stats.conftest import LATER, NEXT_MONDAY, NEXT_SUNDAY, freeze, submit
from tickets.exports.report_stats import COLUMNS


def run(tmp_path, name="status.csv", **options):
    output = tmp_path / name
    out = io.StringIO()
    call_command(
        "report_status",
        "--site",
        options.get("site", "A"),
        "--week",
        options.get("week", "2026-W42"),
        "--output",
        str(output),
        stdout=out,
    )
    return output, out.getvalue()


def csv_rows(path) -> dict[str, dict]:
    text = path.read_bytes().decode("utf-8-sig")
    return {row["name"]: row for row in csv.DictReader(io.StringIO(text))}


def colleague(world, name: str):
    """Another person placed at site A since the start of the year."""
    placement = world.person_a.assignments.get()
    person = factories.StaffFactory(company=world.company, name=name)
    factories.AssignmentFactory(
        staff=person,
        site=world.site_a,
        contract=placement.contract,
        position=placement.position,
    )
    return person


def test_submitted_at_12_59_is_on_time_at_13_01_late(world, tmp_path, monkeypatch):
    late = colleague(world, "王五")
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, "12:59"))
    submit(late, world.site_a, at(NEXT_MONDAY, "13:01"))
    freeze(monkeypatch, LATER)
    path, out = run(tmp_path)
    assert "2" in out
    assert path.read_bytes().decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)
    rows = csv_rows(path)
    assert rows["张三"] == {
        "staff_no": world.person_a.staff_no,
        "name": "张三",
        "required": "yes",
        "submitted_at": "2026-10-19 12:59",
        "status": "on_time",
    }
    assert (rows["王五"]["submitted_at"], rows["王五"]["status"]) == ("2026-10-19 13:01", "late")
    # Site B's person is not placed at A.
    assert "李四" not in rows


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (at(NEXT_MONDAY, "12:59"), "open"),
        (at(NEXT_MONDAY, "13:00"), "overdue"),
        (at(NEXT_SUNDAY, "23:59"), "overdue"),
        (at(NEXT_SUNDAY + datetime.timedelta(days=1), "00:00"), "missing"),
    ],
)
def test_not_submitted_is_open_overdue_or_missing_by_when_the_command_runs(
    world, tmp_path, monkeypatch, now, status
):
    freeze(monkeypatch, now)
    path, _out = run(tmp_path)
    row = csv_rows(path)["张三"]
    assert (row["required"], row["submitted_at"], row["status"]) == ("yes", "", status)


def test_a_week_of_leave_is_exempt(world, tmp_path, monkeypatch):
    factories.LeaveFactory(
        staff=world.person_a, start=MONDAY, end=FRIDAY, status=LeaveStatus.APPROVED
    )
    freeze(monkeypatch, LATER)
    path, _out = run(tmp_path)
    row = csv_rows(path)["张三"]
    assert (row["required"], row["submitted_at"], row["status"]) == ("no", "", "exempt")


def test_submitted_at_is_written_in_the_sites_time_zone(world, tmp_path, monkeypatch):
    world.site_a.time_zone = "Asia/Urumqi"  # two hours behind Beijing: due 15:00 Beijing time
    world.site_a.save()
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, "14:30"))
    freeze(monkeypatch, LATER)
    path, _out = run(tmp_path)
    row = csv_rows(path)["张三"]
    assert (row["submitted_at"], row["status"]) == ("2026-10-19 12:30", "on_time")


def test_a_person_moved_away_during_the_week_is_listed_exempt(world, tmp_path, monkeypatch):
    placement = world.person_a.assignments.get()
    placement.end = WEDNESDAY - datetime.timedelta(days=1)
    placement.save()
    factories.AssignmentFactory(
        staff=world.person_a,
        site=world.site_b,
        contract=placement.contract,
        position=placement.position,
        start=WEDNESDAY,
    )
    freeze(monkeypatch, LATER)
    at_a, _out = run(tmp_path)
    at_b, _out = run(tmp_path, name="b.csv", site="B")
    assert csv_rows(at_a)["张三"]["status"] == "exempt"
    assert csv_rows(at_a)["张三"]["required"] == "no"
    assert csv_rows(at_b)["张三"]["status"] == "missing"


def test_computed_from_the_data_as_it_stands(world, tmp_path, monkeypatch):
    freeze(monkeypatch, LATER)
    path, _out = run(tmp_path)
    assert csv_rows(path)["张三"]["status"] == "missing"
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, "09:00"))
    path, _out = run(tmp_path)
    assert csv_rows(path)["张三"]["status"] == "on_time"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"site": "NOPE"}, "NOPE"),
        ({"week": "2026-W54"}, "2026-W54"),
        ({"week": "2025-W53"}, "2025-W53"),  # 2025 has 52 weeks (2026 has 53)
        ({"week": "2026-W00"}, "2026-W00"),
        ({"week": "2026-41"}, "2026-41"),
        ({"week": "0000-W01"}, "0000-W01"),
        ({"week": "9999-W52"}, "9999-W52"),
    ],
)
def test_an_unknown_site_or_week_is_refused(world, tmp_path, options, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, **options)
    assert not (tmp_path / "status.csv").exists()


def test_an_unknown_file_type_is_refused(world, tmp_path):
    with pytest.raises(CommandError, match=r"status\.txt"):
        run(tmp_path, name="status.txt")


def test_the_xlsx_has_the_counts_and_the_rows_never_formulas(world, tmp_path, monkeypatch):
    world.person_a.name = "=HYPERLINK(1)"
    world.person_a.save()
    colleague(world, "王五")
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, "12:00"))
    freeze(monkeypatch, LATER)
    path, _out = run(tmp_path, name="status.xlsx")
    sheet = load_workbook(path).worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert "甲机房" in values[0][0]
    header = values.index(list(COLUMNS))
    rows = values[header + 1 :]
    # By staff number: 张三 before his newer colleague.
    assert [row[2:] for row in rows] == [
        ["yes", "2026-10-19 12:00", "on_time"],
        ["yes", None, "missing"],
    ]
    assert "'=HYPERLINK(1)" in [row[1] for row in rows]
    assert [row[1] for row in values if row[0] == "按时率"] == ["50.0%"]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
