from django.utils.translation import gettext as _

from onsite.demo import id_number
from onsite.org.models import Position, Staff, StaffStatus
from staffing.models import CheckStatus, QualificationCheck
from tests import factories
from tests.dates import BIRTHDAY
from tests.files import csv_file, errors_of, run, xlsx_file

HEADER_ZH = [
    "工号",
    "姓名",
    "性别",
    "出生日期",
    "身份证号",
    "手机号",
    "外包公司",
    "岗位",
    "月薪",
    "已审查",
]
HEADER_EN = [
    "staff_no",
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "company",
    "position",
    "monthly_salary",
    "qualified",
]


def person(no: str, *, name="王芳", qualified="否", birth=BIRTHDAY, seq=1, company="恒信技术服务"):
    return [
        no,
        name,
        "女",
        birth.isoformat(),
        id_number("310104", birth, seq),
        "138 0013 8000",
        company,
        "网络管理员",
        "6500",
        qualified,
    ]


def test_staff_import_creates_people_positions_and_pending_checks(
    world, django_assert_max_num_queries
):
    report = run(
        "staff",
        csv_file([HEADER_ZH, person("H001"), person("H002", name="陈明", seq=2)]),
        user=world.hr,
    )
    assert report.errors == []
    assert (report.new, report.updated, report.skipped, report.written) == (2, 0, 0, True)
    fang = Staff.objects.get(company=world.company, staff_no="H001")
    assert fang.name == "王芳"
    assert fang.gender == "female"
    assert fang.phone == "13800138000"
    assert fang.monthly_salary == 6500
    assert fang.status == StaffStatus.CANDIDATE
    assert fang.position == Position.objects.get(company=world.company, title="网络管理员")
    assert set(fang.checks.values_list("status", flat=True)) == {CheckStatus.PENDING}
    assert fang.checks.count() == 6
    assert fang.history.first().history_user == world.hr


def test_qualified_yes_passes_every_check_on_the_import_date(world):
    report = run("staff", csv_file([HEADER_EN, person("H001", qualified="yes")]), user=world.hr)
    assert report.errors == []
    fang = Staff.objects.get(staff_no="H001")
    assert fang.status == StaffStatus.QUALIFIED
    checks = list(fang.checks.all())
    assert len(checks) == 6
    assert {c.status for c in checks} == {CheckStatus.PASSED}
    assert {c.note for c in checks} == {_("imported")}
    assert {c.verified_by for c in checks} == {world.hr}


def test_qualified_yes_for_an_existing_candidate_passes_the_checks_and_qualifies_them(world):
    candidate = factories.StaffFactory(
        company=world.company,
        staff_no="H001",
        name="王芳",
        gender="female",
        birth_date=BIRTHDAY,
        id_number=id_number("310104", BIRTHDAY, 1),
        phone="13800138000",
        status=StaffStatus.CANDIDATE,
        position=factories.PositionFactory(company=world.company, title="网络管理员"),
        monthly_salary=6500,
    )
    QualificationCheck.objects.create(
        staff=candidate, condition="health", status=CheckStatus.FAILED
    )
    report = run("staff", csv_file([HEADER_ZH, person("H001", qualified="是")]), user=world.hr)
    assert report.errors == []
    assert (report.new, report.updated) == (0, 1)
    candidate.refresh_from_db()
    assert candidate.status == StaffStatus.QUALIFIED
    assert set(candidate.checks.values_list("status", flat=True)) == {CheckStatus.PASSED}
    assert candidate.checks.count() == 6


def test_the_same_file_twice_changes_nothing_the_second_time(world):
    rows = [HEADER_ZH, person("H001", qualified="是"), person("H002", name="陈明", seq=2)]
    first = run("staff", csv_file(rows), user=world.hr)
    assert (first.new, first.errors) == (2, [])
    counts = Staff.objects.count(), QualificationCheck.objects.count(), Staff.history.count()
    second = run("staff", csv_file(rows), user=world.hr)
    assert (second.new, second.updated, second.skipped, second.errors) == (0, 0, 2, [])
    assert (
        Staff.objects.count(),
        QualificationCheck.objects.count(),
        Staff.history.count(),
    ) == counts


def test_a_changed_row_updates_the_person(world):
    run("staff", csv_file([HEADER_ZH, person("H001")]), user=world.hr)
    changed = person("H001")
    changed[5] = "13900000000"
    report = run("staff", csv_file([HEADER_ZH, changed]), user=world.hr)
    assert (report.new, report.updated, report.errors) == (0, 1, [])
    assert Staff.objects.get(staff_no="H001").phone == "13900000000"


def test_english_headers_csv_with_bom_and_xlsx_give_the_same_people(world):
    for n, make in enumerate(
        (
            lambda rows: csv_file(rows, bom=True),
            lambda rows: csv_file(rows),
            lambda rows: xlsx_file(rows),
        )
    ):
        header = HEADER_EN if n % 2 else HEADER_ZH
        report = run("staff", make([header, person(f"X{n}", seq=10 + n)]), user=world.hr)
        assert (report.new, report.errors) == (1, [])
    assert set(
        Staff.objects.filter(staff_no__startswith="X").values_list("staff_no", flat=True)
    ) == {"X0", "X1", "X2"}


def test_xlsx_date_cells_are_read_as_dates(world):
    row = person("H001")
    row[3] = BIRTHDAY  # a real date cell, not text
    report = run("staff", xlsx_file([HEADER_ZH, row]), user=world.hr)
    assert report.errors == []
    assert Staff.objects.get(staff_no="H001").birth_date == BIRTHDAY


def test_a_bad_row_changes_nothing_and_says_row_column_and_reason_in_chinese(world):
    bad = person("H002", seq=2)
    bad[4] = bad[4][:-1] + ("0" if bad[4][-1] != "0" else "1")
    before = Staff.objects.count()
    report = run("staff", csv_file([HEADER_ZH, person("H001"), bad]), user=world.hr)
    assert Staff.objects.count() == before
    assert report.written is False
    assert report.invalid == 1
    [(row, column, message)] = errors_of(report)
    assert (row, column) == (3, "身份证号")
    assert "校验码" in message


def test_skip_invalid_imports_the_good_rows_and_lists_the_bad(world):
    bad = person("H002", seq=2)
    bad[2] = "未知"
    report = run(
        "staff", csv_file([HEADER_ZH, person("H001"), bad]), user=world.hr, skip_invalid=True
    )
    assert report.written is True
    assert (report.new, report.invalid) == (1, 1)
    assert [(e.row, e.column) for e in report.errors] == [(3, "性别")]
    assert Staff.objects.filter(staff_no="H001").exists()
    assert not Staff.objects.filter(staff_no="H002").exists()


def test_an_id_number_that_disagrees_with_the_birth_date_is_refused(world):
    row = person("H001")
    row[3] = "1992-04-19"
    report = run("staff", csv_file([HEADER_ZH, row]), user=world.hr)
    [(row_no, column, message)] = errors_of(report)
    assert (row_no, column) == (2, "出生日期")
    assert "1992-04-18" in message and "1992-04-19" in message


def test_an_id_number_already_held_by_another_person_is_refused(world):
    row = person("H001")
    row[4] = "110101199003071233"  # 张三's
    row[3] = "1990-03-07"
    report = run("staff", csv_file([HEADER_ZH, row]), user=world.hr)
    [(row_no, column, message)] = errors_of(report)
    assert (row_no, column) == (2, "身份证号")
    assert world.person_a.staff_no in message


def test_the_same_staff_number_twice_in_a_file_is_refused(world):
    report = run(
        "staff", csv_file([HEADER_ZH, person("H001"), person("H001", seq=2)]), user=world.hr
    )
    assert [(e.row, e.column) for e in report.errors] == [(3, "工号")]
    assert "2" in report.errors[0].message


def test_hr_admin_cannot_import_another_companys_staff(world):
    other = factories.CompanyFactory(name="别家公司")
    report = run("staff", csv_file([HEADER_ZH, person("H001", company=other.name)]), user=world.hr)
    [(row_no, column, message)] = errors_of(report)
    assert (row_no, column) == (2, "外包公司")
    assert message == _(
        "You can import only for your own companies; “%(name)s” is not one of them."
    ) % {"name": "别家公司"}
    assert not Staff.objects.filter(company=other).exists()


def test_a_superuser_imports_into_any_company(world):
    other = factories.CompanyFactory(name="别家公司")
    root = factories.UserFactory(username="root", is_superuser=True)
    report = run("staff", csv_file([HEADER_ZH, person("H001", company=other.name)]), user=root)
    assert (report.new, report.errors) == (1, [])


def test_every_problem_of_a_row_is_reported(world):
    row = ["H001", "", "x", "1992-13-01", "123", "12", "恒信技术服务", "", "-5", "maybe"]
    report = run("staff", csv_file([HEADER_ZH, row]), user=world.hr)
    assert [e.column for e in report.errors] == [
        "姓名",
        "性别",
        "出生日期",
        "身份证号",
        "手机号",
        "月薪",
        "已审查",
    ]
    assert {e.row for e in report.errors} == {2}


def test_dry_run_reports_but_writes_nothing(world):
    report = run("staff", csv_file([HEADER_ZH, person("H001")]), user=world.hr, dry_run=True)
    assert (report.new, report.written, report.errors) == (1, False, [])
    assert not Staff.objects.filter(staff_no="H001").exists()
    assert not Position.objects.filter(title="网络管理员").exists()


def test_an_hr_admin_cannot_raise_her_own_salary_by_import(world, two_roles):
    her = world.hr_person
    row = person(her.staff_no, name=her.name, birth=her.birth_date)
    row[4] = her.id_number
    row[8] = "99999"
    report = run("staff", csv_file([HEADER_ZH, row]), user=world.hr_staff)
    [(row_no, column, message)] = errors_of(report)
    assert (row_no, column) == (2, "月薪")
    assert message == _("You cannot change your own pay; another HR admin sets it.")
    her.refresh_from_db()
    assert her.monthly_salary == 11800
