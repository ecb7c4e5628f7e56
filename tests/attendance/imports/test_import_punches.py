import datetime

import pytest
from django.utils.translation import gettext as _

from attendance.models import Day, DayStatus, MonthClose, MonthStatus, Punch, PunchSource
from attendance.services.days import days_recompute
from attendance.services.months import closed_message
from onsite.roles import Role
from tests import factories
from tests.dates import MONDAY
from tests.files import PUNCH_HEADER, attlog_file, attlog_line, csv_file, errors_of, run, xlsx_file

UTC = datetime.UTC


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def stored(person) -> list[datetime.datetime]:
    return list(Punch.objects.filter(staff=person).order_by("at").values_list("at", flat=True))


def test_a_csv_with_english_headers_stores_each_punch_at_its_minute_in_site_time(world):
    no = world.person_a.staff_no
    file = csv_file(
        [["staff_no", "timestamp", "device"], [no, "2026-10-12 08:29:31", "门禁1"]],
    )
    report = run("punches", file, user=world.hr)
    assert (report.new, report.skipped, report.errors, report.written) == (1, 0, [], True)
    punch = Punch.objects.get()
    # 08:29 in Shanghai (UTC+8), the seconds dropped.
    assert punch.at == utc(2026, 10, 12, 0, 29)
    assert (punch.staff, punch.site, punch.source) == (world.person_a, world.site_a, "file")
    assert (punch.device, punch.created_by) == ("门禁1", world.hr)


def test_chinese_headers_a_byte_order_mark_and_slashed_dates_are_read(world):
    no = world.person_b.staff_no
    file = csv_file(
        [["工号", "打卡时间"], [no, "2026/10/12 8:05"], [no, "2026-10-12 17:40"]], bom=True
    )
    report = run("punches", file, user=world.hr)
    assert (report.new, report.errors) == (2, [])
    assert stored(world.person_b) == [utc(2026, 10, 12, 0, 5), utc(2026, 10, 12, 9, 40)]
    assert Punch.objects.first().site == world.site_b


def test_an_xlsx_with_date_time_cells_and_text_times_is_read(world):
    no = world.person_a.staff_no
    file = xlsx_file(
        [
            ["工号", "打卡时间", "设备"],
            [no, datetime.datetime(2026, 10, 12, 8, 29, 45), "1"],
            [no, "2026-10-12 17:31", "1"],
        ]
    )
    report = run("punches", file, user=world.hr)
    assert (report.new, report.errors) == (2, [])
    assert stored(world.person_a) == [utc(2026, 10, 12, 0, 29), utc(2026, 10, 12, 9, 31)]


def test_a_device_log_is_recognised_by_its_content_and_names_its_device(world):
    no = world.person_a.staff_no
    file = attlog_file(
        [attlog_line(no, "2026-10-12 08:29:31"), attlog_line(no, "2026-10-12 17:31:02")],
        name="1_attlog.dat",
    )
    report = run("punches", file, user=world.hr)
    assert (report.new, report.errors) == (2, [])
    assert stored(world.person_a) == [utc(2026, 10, 12, 0, 29), utc(2026, 10, 12, 9, 31)]
    assert set(Punch.objects.values_list("source", "device")) == {(PunchSource.DEVICE, "1")}


@pytest.mark.parametrize("name", ["punches.txt", "export.csv"])
def test_a_device_log_under_another_name_is_still_a_device_log(world, name):
    no = world.person_a.staff_no
    # Blanks and a tab-padded user id, as some devices write them.
    file = attlog_file([f"  {no}  \t2026-10-12 08:29:31\t1\t0", ""], name=name)
    report = run("punches", file, user=world.hr)
    assert (report.new, report.errors) == (1, [])
    assert Punch.objects.get().source == PunchSource.DEVICE


def test_a_bad_line_of_a_device_log_is_reported_by_its_line_number(world):
    no = world.person_a.staff_no
    file = attlog_file([attlog_line(no, "2026-10-12 08:29:31"), f"{no}\t2026-10-12 25:00:00"])
    report = run("punches", file, user=world.hr)
    assert [(e.row, e.column) for e in report.errors] == [(2, "打卡时间")]
    assert report.written is False and not Punch.objects.exists()


def test_two_rows_in_the_same_minute_are_one_punch(world):
    no = world.person_a.staff_no
    file = csv_file(
        [PUNCH_HEADER, [no, "2026-10-12 08:29:01", "1"], [no, "2026-10-12 08:29:59", "2"]]
    )
    report = run("punches", file, user=world.hr)
    assert (report.new, report.skipped, report.invalid, report.errors) == (1, 1, 0, [])
    assert stored(world.person_a) == [utc(2026, 10, 12, 0, 29)]


def test_the_same_file_twice_adds_nothing_the_second_time(world):
    rows = [
        PUNCH_HEADER,
        [world.person_a.staff_no, "2026-10-12 08:29", "1"],
        [world.person_b.staff_no, "2026-10-12 08:31", "1"],
    ]
    first = run("punches", csv_file(rows), user=world.hr)
    second = run("punches", csv_file(rows), user=world.hr)
    assert (first.new, first.skipped) == (2, 0)
    assert (second.new, second.skipped, second.errors, second.written) == (0, 2, [], True)
    assert Punch.objects.count() == 2


def test_a_punch_entered_another_way_makes_the_imported_row_unchanged(world):
    Punch.objects.create(
        staff=world.person_a,
        site=world.site_a,
        at=utc(2026, 10, 12, 0, 29),
        source=PunchSource.MANUAL,
        reason="忘带工牌",
    )
    file = csv_file([PUNCH_HEADER, [world.person_a.staff_no, "2026-10-12 08:29:40", ""]])
    report = run("punches", file, user=world.hr)
    assert (report.new, report.skipped) == (0, 1)
    assert Punch.objects.get().source == PunchSource.MANUAL


def test_an_unknown_staff_number_is_reported_with_its_row_and_column(world):
    file = csv_file(
        [
            PUNCH_HEADER,
            [world.person_a.staff_no, "2026-10-12 08:29", ""],
            ["X999", "2026-10-12 08:30", ""],
        ]
    )
    report = run("punches", file, user=world.hr)
    assert errors_of(report) == [
        (
            3,
            "工号",
            _("There is no staff member with the number %(staff_no)s.") % {"staff_no": "X999"},
        )
    ]
    assert (report.invalid, report.written) == (1, False)
    assert not Punch.objects.exists()


def test_a_day_the_person_was_not_assigned_is_reported_in_the_time_column(world):
    no = world.person_a.staff_no
    file = csv_file([["staff_no", "timestamp"], [no, "2025-12-31 08:29"]])
    report = run("punches", file, user=world.hr)
    message = _("Staff member %(staff_no)s is not assigned to any site on %(date)s.") % {
        "staff_no": no,
        "date": "2025-12-31",
    }
    assert errors_of(report) == [(2, "timestamp", message)]


def test_a_closed_month_is_reported_and_its_punches_are_not_stored(world):
    MonthClose.objects.create(
        site=world.site_a, month=datetime.date(2026, 9, 1), status=MonthStatus.CLOSED
    )
    no = world.person_a.staff_no
    file = csv_file([PUNCH_HEADER, [no, "2026-09-30 08:29", ""], [no, "2026-10-12 08:29", ""]])
    report = run("punches", file, user=world.hr, skip_invalid=True)
    message = closed_message(site=world.site_a, month=datetime.date(2026, 9, 1))
    assert errors_of(report) == [(2, "打卡时间", message)]
    assert stored(world.person_a) == [utc(2026, 10, 12, 0, 29)]


@pytest.mark.parametrize("value", ["2026-13-01 08:00", "2026-02-30 08:00", "10/12 08:00", "08:29"])
def test_a_malformed_time_is_reported(world, value):
    file = csv_file([PUNCH_HEADER, [world.person_a.staff_no, value, ""]])
    report = run("punches", file, user=world.hr)
    message = _("“%(value)s” is not a date and time; write it like 2026-03-02 08:29.") % {
        "value": value
    }
    assert errors_of(report) == [(2, "打卡时间", message)]


def test_empty_cells_are_reported_in_their_columns(world):
    file = csv_file([PUNCH_HEADER, ["", "2026-10-12 08:29", ""], [world.person_a.staff_no, "", ""]])
    report = run("punches", file, user=world.hr)
    assert [(e.row, e.column) for e in report.errors] == [(2, "工号"), (3, "打卡时间")]


def test_a_bad_row_stops_the_whole_file_unless_bad_rows_are_skipped(world):
    rows = [
        PUNCH_HEADER,
        [world.person_a.staff_no, "2026-10-12 08:29", ""],
        ["X999", "2026-10-12 08:30", ""],
    ]
    stopped = run("punches", csv_file(rows), user=world.hr)
    assert (stopped.new, stopped.invalid, stopped.written) == (1, 1, False)
    assert not Punch.objects.exists()
    skipped = run("punches", csv_file(rows), user=world.hr, skip_invalid=True)
    assert (skipped.new, skipped.invalid, skipped.written) == (1, 1, True)
    assert Punch.objects.count() == 1


def test_a_dry_run_counts_but_stores_nothing(world):
    file = csv_file([PUNCH_HEADER, [world.person_a.staff_no, "2026-10-12 08:29", ""]])
    report = run("punches", file, user=world.hr, dry_run=True)
    assert (report.new, report.written, report.errors) == (1, False, [])
    assert not Punch.objects.exists()


def test_hr_of_another_company_cannot_import_our_staffs_punches(world):
    other_hr = factories.UserFactory(username="hr_other")
    factories.RoleGrantFactory(
        user=other_hr, role=Role.HR_ADMIN, company=factories.CompanyFactory(name="别家外包")
    )
    no = world.person_a.staff_no
    report = run("punches", csv_file([PUNCH_HEADER, [no, "2026-10-12 08:29", ""]]), user=other_hr)
    # Worded as for a number nobody has: the import does not tell whether the person exists.
    assert errors_of(report) == [
        (2, "工号", _("There is no staff member with the number %(staff_no)s.") % {"staff_no": no})
    ]
    assert not Punch.objects.exists()


def test_the_command_line_without_a_user_imports_for_every_company(world):
    other = factories.AssignmentFactory(staff__staff_no="Z001")
    file = csv_file([PUNCH_HEADER, ["Z001", "2026-10-12 09:00", ""]])
    report = run("punches", file, user=None)
    assert (report.new, report.errors) == (1, [])
    punch = Punch.objects.get()
    assert (punch.staff, punch.site, punch.created_by) == (other.staff, other.site, None)


def test_a_staff_number_of_two_companies_goes_to_the_one_placed_that_day(world):
    # Another company's person with the same number, placed only from November.
    factories.AssignmentFactory(
        staff__staff_no=world.person_a.staff_no, start=datetime.date(2026, 11, 1)
    )
    file = csv_file([PUNCH_HEADER, [world.person_a.staff_no, "2026-10-12 08:29", ""]])
    report = run("punches", file, user=None)
    assert (report.new, report.errors) == (1, [])
    assert Punch.objects.get().staff == world.person_a


def test_the_site_time_zone_decides_the_stored_time(world):
    world.site_a.time_zone = "Asia/Urumqi"  # UTC+6
    world.site_a.save()
    file = csv_file([PUNCH_HEADER, [world.person_a.staff_no, "2026-10-12 08:29", ""]])
    run("punches", file, user=world.hr)
    assert stored(world.person_a) == [utc(2026, 10, 12, 2, 29)]


def test_an_import_judges_the_days_again(world, django_capture_on_commit_callbacks):
    days_recompute(start=MONDAY, end=MONDAY, staff_ids=[world.person_a.pk])
    assert Day.objects.get(staff=world.person_a, date=MONDAY).status == DayStatus.ABSENT
    no = world.person_a.staff_no
    file = csv_file([PUNCH_HEADER, [no, "2026-10-12 08:29", ""], [no, "2026-10-12 17:31", ""]])
    with django_capture_on_commit_callbacks(execute=True):
        run("punches", file, user=world.hr)
    day = Day.objects.get(staff=world.person_a, date=MONDAY)
    assert (day.status, day.punch_count) == (DayStatus.PRESENT, 2)


def test_a_dry_run_judges_no_day(world, django_capture_on_commit_callbacks):
    no = world.person_a.staff_no
    file = csv_file([PUNCH_HEADER, [no, "2026-10-12 08:29", ""], [no, "2026-10-12 17:31", ""]])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run("punches", file, user=world.hr, dry_run=True)
    assert callbacks == [] and not Day.objects.exists()


def test_an_overlong_device_name_is_reported(world):
    file = csv_file([PUNCH_HEADER, [world.person_a.staff_no, "2026-10-12 08:29", "设" * 61]])
    report = run("punches", file, user=world.hr)
    assert [(e.row, e.column) for e in report.errors] == [(2, "设备")]


def test_a_row_with_values_beyond_the_last_header_is_bad(world):
    no = world.person_a.staff_no
    file = csv_file(
        [["工号", "打卡时间"], [no, "2026-10-12 08:29", "多余"], [no, "2026-10-12 17:31"]]
    )
    report = run("punches", file, user=world.hr, skip_invalid=True)
    assert [(e.row, e.column) for e in report.errors] == [(2, "—")]
    assert (report.new, report.invalid) == (1, 1)
