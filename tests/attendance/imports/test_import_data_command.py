import io

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import gettext as _

from attendance.models import Leave, Punch, PunchSource
from tests.files import attlog_line

COUNTS = _("%(kind)s: %(new)s new, %(updated)s updated, %(skipped)s unchanged, %(invalid)s bad")


def command(path, *args, kind="punches") -> str:
    out = io.StringIO()
    call_command("import_data", kind, str(path), *args, stdout=out)
    return out.getvalue()


def counts(kind, new=0, updated=0, skipped=0, invalid=0) -> str:
    return COUNTS % {
        "kind": kind,
        "new": new,
        "updated": updated,
        "skipped": skipped,
        "invalid": invalid,
    }


def test_the_command_imports_a_punch_csv_and_prints_the_counts(world, tmp_path):
    path = tmp_path / "punches.csv"
    no = world.person_a.staff_no
    path.write_text(f"工号,打卡时间\n{no},2026-10-12 08:29\n{no},2026-10-12 17:31\n")
    output = command(path)
    assert counts("punches", new=2) in output
    assert _("Imported: %(new)s new, %(updated)s updated.") % {"new": 2, "updated": 0} in output
    assert Punch.objects.count() == 2
    # Again: nothing new, every row unchanged.
    assert counts("punches", skipped=2) in command(path)
    assert Punch.objects.count() == 2


def test_the_command_reads_a_device_log(world, tmp_path):
    path = tmp_path / "1_attlog.dat"
    path.write_text(attlog_line(world.person_a.staff_no, "2026-10-12 08:29:31") + "\r\n")
    assert counts("punches", new=1) in command(path)
    assert Punch.objects.values_list("source", "device").get() == (PunchSource.DEVICE, "1")


def test_the_command_prints_each_bad_row_and_exits_non_zero(world, tmp_path):
    path = tmp_path / "punches.csv"
    path.write_text(f"工号,打卡时间\n{world.person_a.staff_no},2026-10-12 08:29\nX999,2026-10-12\n")
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_data", "punches", str(path), stdout=out)
    assert raised.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert (
        "row 3, column 工号: "
        + _("There is no staff member with the number %(staff_no)s.") % {"staff_no": "X999"}
        in lines
    )
    assert any(line.startswith("row 3, column 打卡时间: ") for line in lines)
    assert not Punch.objects.exists()


def test_the_command_dry_run_changes_nothing(world, tmp_path):
    path = tmp_path / "punches.csv"
    path.write_text(f"工号,打卡时间\n{world.person_a.staff_no},2026-10-12 08:29\n")
    output = command(path, "--dry-run")
    assert counts("punches", new=1) in output
    assert _("Dry run: nothing was changed.") in output
    assert not Punch.objects.exists()


def test_the_command_imports_leave(world, tmp_path):
    path = tmp_path / "leave.csv"
    path.write_text(
        "工号,请假类型,开始日期,结束日期,开始半天,结束半天,状态\n"
        f"{world.person_a.staff_no},年假,2026-10-12,2026-10-13,,,已批准\n"
    )
    assert counts("leave", new=1) in command(path, kind="leave")
    assert Leave.objects.get().kind == "annual"
