import io

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import gettext as _

from onsite.org.models import Company, Staff
from tests import factories

HEADER = "工号,姓名,性别,出生日期,身份证号,外包公司\n"
GOOD = "H001,王芳,女,1992-04-18,310104199204180010,恒信技术服务\n"
BAD = "H002,陈明,男,1990-03-07,110101199003071234,恒信技术服务\n"


def command(tmp_path, text: str, *args, kind="staff", name="staff.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_data", kind, str(path), *args, stdout=out)
    return out.getvalue()


def test_the_command_imports_and_prints_the_counts(world, tmp_path):
    output = command(tmp_path, HEADER + GOOD)
    counts = {"kind": "staff", "new": 1, "updated": 0, "skipped": 0, "invalid": 0}
    assert (
        _("%(kind)s: %(new)s new, %(updated)s updated, %(skipped)s unchanged, %(invalid)s bad")
        % counts
    ) in output
    assert Staff.objects.filter(staff_no="H001").exists()


def test_a_bad_row_prints_row_column_and_message_and_exits_non_zero(world, tmp_path):
    with pytest.raises(CommandError) as raised:
        command(tmp_path, HEADER + GOOD + BAD)
    assert raised.value.returncode == 1
    assert not Staff.objects.filter(staff_no="H001").exists()


def test_the_errors_are_printed_before_the_exit(world, tmp_path, capsys):
    path = tmp_path / "staff.csv"
    path.write_text(HEADER + GOOD + BAD, encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_data", "staff", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("row 3, column 身份证号: ") for line in lines)


def test_skip_invalid_imports_the_good_rows_and_exits_zero(world, tmp_path):
    output = command(tmp_path, HEADER + GOOD + BAD, "--skip-invalid")
    assert "row 3, column 身份证号: " in output
    assert Staff.objects.filter(staff_no="H001").exists()


def test_dry_run_changes_nothing_and_fails_only_on_errors(world, tmp_path):
    command(tmp_path, HEADER + GOOD, "--dry-run")
    assert not Staff.objects.filter(staff_no="H001").exists()
    with pytest.raises(CommandError):
        command(tmp_path, HEADER + BAD, "--dry-run")


def test_the_command_acts_as_the_first_superuser(world, tmp_path):
    root = factories.UserFactory(username="root", is_superuser=True)
    command(tmp_path, "name\n新外包\n", kind="companies", name="companies.csv")
    assert Company.objects.get(name="新外包").history.first().history_user == root


def test_a_missing_file_is_an_error(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_data", "staff", str(tmp_path / "nope.csv"))
