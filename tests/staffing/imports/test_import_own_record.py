"""Nobody imports for themselves (STYLE habit 15): an HR admin who is also staff cannot punch,
take leave, be placed or pass her own checks through a file. The whole file is refused."""

from django.utils.translation import gettext as _

from attendance.models import Leave, Punch
from onsite.org.models import Assignment
from staffing.imports.services import import_file
from staffing.models import QualificationCheck
from tests.files import LEAVE_HEADER, PUNCH_HEADER, csv_file, errors_of
from tests.files import csv_file as attendance_csv
from tests.staffing.imports.test_import_staff import HEADER_ZH, person


def own_message(staff_no: str) -> str:
    return _(
        "Staff number %(staff_no)s is your own record: your punches and leave are entered by "
        "someone else."
    ) % {"staff_no": staff_no}


def run(kind, file, user):
    return import_file(kind=kind, file=file, user=user, dry_run=False, skip_invalid=False)


def test_her_own_punches_are_a_row_error_and_nothing_is_stored(world, two_roles):
    her, other = world.hr_person, world.person_a
    file = attendance_csv(
        [
            PUNCH_HEADER,
            [other.staff_no, "2026-10-12 08:29", ""],
            [her.staff_no, "2026-10-12 08:31", ""],
        ]
    )
    report = run("punches", file, world.hr_staff)
    assert errors_of(report) == [(3, "工号", own_message(her.staff_no))]
    assert not Punch.objects.exists()


def test_another_hr_admin_imports_her_punches(world, two_roles):
    file = attendance_csv([PUNCH_HEADER, [world.hr_person.staff_no, "2026-10-12 08:31", ""]])
    report = run("punches", file, world.hr)
    assert (report.new, report.errors) == (1, [])


def test_her_own_leave_is_a_row_error(world, two_roles):
    her = world.hr_person
    file = attendance_csv(
        [LEAVE_HEADER, [her.staff_no, "年假", "2026-10-12", "2026-10-13", "", "", "已批准"]]
    )
    report = run("leave", file, world.hr_staff)
    assert errors_of(report) == [(2, "工号", own_message(her.staff_no))]
    assert not Leave.objects.exists()


def test_she_cannot_place_herself(world, two_roles):
    her = world.hr_person
    contract = world.person_a.assignments.get().contract
    file = csv_file(
        [
            ["工号", "驻场地点编码", "合同编号", "开始日期", "结束日期", "备用人员"],
            [her.staff_no, "B", contract.code, "2026-11-01", "", "否"],
        ]
    )
    report = run("assignments", file, world.hr_staff)
    assert errors_of(report) == [(2, "工号", _("You cannot place yourself at a site."))]
    assert not Assignment.objects.filter(staff=her, site=world.site_b).exists()


def test_she_cannot_pass_her_own_qualification_checks(world, two_roles):
    her = world.hr_person
    row = person(her.staff_no, name=her.name, birth=her.birth_date)
    row[4] = her.id_number
    row[8] = str(her.monthly_salary)
    row[-1] = "是"
    report = run("staff", csv_file([HEADER_ZH, row]), world.hr_staff)
    assert errors_of(report) == [
        (2, "已审查", _("You cannot record your own qualification; another HR admin checks it."))
    ]
    assert not QualificationCheck.objects.filter(staff=her, status="passed").exists()
