import datetime

import pytest
from django.utils.translation import gettext as _

from attendance.models import Day, DayStatus, Leave, LeaveKind, LeaveStatus, MonthClose, MonthStatus
from attendance.services.days import days_recompute
from attendance.services.months import closed_message
from onsite.roles import Role
from tests import factories
from tests.dates import MONDAY
from tests.files import LEAVE_HEADER, csv_file, errors_of, run, xlsx_file

ENGLISH = ["staff_no", "type", "start", "end", "start_half", "end_half", "status"]


def leave_row(world, *cells) -> list[str]:
    return [world.person_a.staff_no, *cells]


def test_a_leave_with_halves_is_stored_at_the_persons_site(world):
    rows = [
        LEAVE_HEADER,
        leave_row(world, "事假", "2026-10-12", "2026-10-14", "下午", "上午", "已批准"),
    ]
    report = run("leave", csv_file(rows), user=world.hr)
    assert (report.new, report.errors, report.written) == (1, [], True)
    leave = Leave.objects.get()
    assert (leave.staff, leave.site, leave.kind, leave.status) == (
        world.person_a,
        world.site_a,
        LeaveKind.PERSONAL,
        LeaveStatus.APPROVED,
    )
    assert (leave.start, leave.end, leave.starts_pm, leave.ends_am) == (
        MONDAY,
        datetime.date(2026, 10, 14),
        True,
        True,
    )
    assert leave.created_by == world.hr
    assert leave.history.get().history_user == world.hr
    # Its working days are counted as for a request: the balance counts them as taken.
    assert leave.days == 2  # Monday afternoon, Tuesday, Wednesday morning


def test_english_keys_and_empty_halves_mean_whole_days(world):
    rows = [ENGLISH, leave_row(world, "sick", "2026-10-12", "2026-10-12", "", "", "pending")]
    report = run("leave", csv_file(rows, bom=True), user=world.hr)
    assert (report.new, report.errors) == (1, [])
    leave = Leave.objects.get()
    assert (leave.kind, leave.status, leave.starts_pm, leave.ends_am) == (
        "sick",
        "pending",
        False,
        False,
    )


@pytest.mark.parametrize(
    ("start_half", "end_half", "starts_pm", "ends_am"),
    [("pm", "am", True, True), ("am", "pm", False, False), ("上午", "下午", False, False)],
)
def test_halves_are_read_in_english_or_chinese(world, start_half, end_half, starts_pm, ends_am):
    rows = [
        ENGLISH,
        leave_row(world, "annual", "2026-10-12", "2026-10-13", start_half, end_half, "approved"),
    ]
    assert run("leave", csv_file(rows), user=world.hr).errors == []
    assert Leave.objects.values_list("starts_pm", "ends_am").get() == (starts_pm, ends_am)


def test_every_chinese_type_and_status_is_understood(world):
    types = ["事假", "病假", "年假", "婚假", "丧假", "产假", "陪产假", "调休"]
    statuses = ["已批准", "待审批", "已驳回", "已撤销"]
    rows = [LEAVE_HEADER] + [
        leave_row(
            world, kind, f"2026-10-{12 + n:02d}", f"2026-10-{12 + n:02d}", "", "", statuses[n % 4]
        )
        for n, kind in enumerate(types)
    ]
    report = run("leave", xlsx_file(rows), user=world.hr)
    assert (report.new, report.errors) == (8, [])
    assert {leave.kind for leave in Leave.objects.all()} == set(LeaveKind.values)
    # SPEC §14's four statuses; "waiting for the manager" only arises inside Onsite.
    assert {leave.status for leave in Leave.objects.all()} == {
        LeaveStatus.APPROVED,
        LeaveStatus.PENDING,
        LeaveStatus.REJECTED,
        LeaveStatus.CANCELLED,
    }


def test_the_same_file_twice_changes_nothing_the_second_time(world):
    rows = [LEAVE_HEADER, leave_row(world, "年假", "2026-10-12", "2026-10-13", "", "", "已批准")]
    run("leave", csv_file(rows), user=world.hr)
    again = run("leave", csv_file(rows), user=world.hr)
    assert (again.new, again.updated, again.skipped, again.errors) == (0, 0, 1, [])
    assert Leave.objects.count() == 1


def test_a_changed_status_updates_the_leave_and_keeps_its_history(world):
    rows = [LEAVE_HEADER, leave_row(world, "年假", "2026-10-12", "2026-10-13", "", "", "待审批")]
    run("leave", csv_file(rows), user=None)
    rows[1][-1] = "已批准"
    report = run("leave", csv_file(rows), user=world.hr)
    assert (report.new, report.updated, report.skipped) == (0, 1, 0)
    leave = Leave.objects.get()
    assert leave.status == LeaveStatus.APPROVED
    latest = leave.history.first()
    assert (latest.status, latest.history_user) == (LeaveStatus.APPROVED, world.hr)
    assert list(leave.history.values_list("status", flat=True)) == ["approved", "pending"]


def test_other_halves_of_the_same_days_are_another_leave(world):
    run(
        "leave",
        csv_file(
            [LEAVE_HEADER, leave_row(world, "年假", "2026-10-12", "2026-10-12", "", "", "已批准")]
        ),
        user=world.hr,
    )
    rows = [
        LEAVE_HEADER,
        leave_row(world, "年假", "2026-10-12", "2026-10-12", "下午", "", "已批准"),
    ]
    assert run("leave", csv_file(rows), user=world.hr).new == 1
    assert Leave.objects.count() == 2


def test_bad_rows_are_reported_by_row_and_column(world):
    no = world.person_a.staff_no
    rows = [
        LEAVE_HEADER,
        [no, "事假", "2026-10-14", "2026-10-12", "", "", "已批准"],
        [no, "事假", "2026-10-12", "2026-10-12", "下午", "上午", "已批准"],
        [no, "旅游假", "2026-10-12", "2026-10-12", "", "", "已批准"],
        [no, "事假", "2026-10-12", "2026-10-12", "晚上", "", "同意"],
        ["X999", "事假", "2026-10-12", "2026-10-12", "", "", "已批准"],
        [no, "事假", "2025-12-30", "2026-01-02", "", "", "已批准"],
        [no, "事假", "下周一", "", "", "", ""],
    ]
    report = run("leave", csv_file(rows), user=world.hr, skip_invalid=True)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "结束日期"),
        (3, "结束半天"),
        (4, "请假类型"),
        (5, "开始半天"),
        (5, "状态"),
        (6, "工号"),
        (7, "开始日期"),
        (8, "开始日期"),
        (8, "结束日期"),
        (8, "状态"),
    ]
    assert errors_of(report)[0][2] == _("The last day is before the first day.")
    assert errors_of(report)[5][2] == _(
        "There is no staff member with the number %(staff_no)s."
    ) % {"staff_no": "X999"}
    assert errors_of(report)[6][2] == _(
        "Staff member %(staff_no)s is not assigned to any site on %(date)s."
    ) % {"staff_no": no, "date": "2025-12-30"}
    assert (report.new, report.invalid) == (0, 7)
    assert not Leave.objects.exists()


def test_a_leave_touching_a_closed_month_is_refused(world):
    MonthClose.objects.create(
        site=world.site_a, month=datetime.date(2026, 9, 1), status=MonthStatus.CLOSED
    )
    rows = [LEAVE_HEADER, leave_row(world, "病假", "2026-09-30", "2026-10-02", "", "", "已批准")]
    report = run("leave", csv_file(rows), user=world.hr)
    message = closed_message(site=world.site_a, month=datetime.date(2026, 9, 1))
    assert errors_of(report) == [(2, "开始日期", message)]
    assert not Leave.objects.exists()


def test_a_file_naming_one_leave_twice_is_refused(world):
    row = leave_row(world, "病假", "2026-10-12", "2026-10-12", "", "", "已批准")
    report = run("leave", csv_file([LEAVE_HEADER, row, [*row[:-1], "已撤销"]]), user=world.hr)
    assert [(e.row, e.column) for e in report.errors] == [(3, "工号")]
    assert not Leave.objects.exists()


def test_hr_of_another_company_cannot_import_our_staffs_leave(world):
    other_hr = factories.UserFactory(username="hr_other")
    factories.RoleGrantFactory(
        user=other_hr, role=Role.HR_ADMIN, company=factories.CompanyFactory(name="别家外包")
    )
    rows = [LEAVE_HEADER, leave_row(world, "病假", "2026-10-12", "2026-10-12", "", "", "已批准")]
    report = run("leave", csv_file(rows), user=other_hr)
    assert [(e.row, e.column) for e in report.errors] == [(2, "工号")]
    assert not Leave.objects.exists()


def test_a_dry_run_counts_but_stores_nothing(world):
    rows = [LEAVE_HEADER, leave_row(world, "病假", "2026-10-12", "2026-10-12", "", "", "已批准")]
    report = run("leave", csv_file(rows), user=world.hr, dry_run=True)
    assert (report.new, report.written) == (1, False)
    assert not Leave.objects.exists()


def test_approved_leave_excuses_the_day_once_imported(world, django_capture_on_commit_callbacks):
    days_recompute(start=MONDAY, end=MONDAY, staff_ids=[world.person_a.pk])
    assert Day.objects.get(staff=world.person_a, date=MONDAY).status == DayStatus.ABSENT
    rows = [LEAVE_HEADER, leave_row(world, "病假", "2026-10-12", "2026-10-12", "", "", "待审批")]
    with django_capture_on_commit_callbacks(execute=True):
        run("leave", csv_file(rows), user=world.hr)
    # Pending leave excuses nothing.
    assert Day.objects.get(staff=world.person_a, date=MONDAY).status == DayStatus.ABSENT
    rows[1][-1] = "已批准"
    with django_capture_on_commit_callbacks(execute=True):
        run("leave", csv_file(rows), user=world.hr)
    day = Day.objects.get(staff=world.person_a, date=MONDAY)
    assert (day.status, day.leave_kind) == (DayStatus.LEAVE, LeaveKind.SICK)
