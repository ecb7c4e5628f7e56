"""`import_data tickets` (SPEC §14): ticket history from a log."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command

from onsite.models import PolicySetting
from onsite.policy import policy_set
from onsite.roles import Role
from tests import factories
from tests.dates import SHANGHAI
from tests.files import csv_file, errors_of, run, xlsx_file
from tests.tickets.conftest import raise_ticket
from tickets.models import SiteDesk, Ticket
from tickets.selectors.report import month_report

KEYS = [
    "number",
    "site_code",
    "category",
    "priority",
    "title",
    "raised_at",
    "acknowledged_at",
    "resolved_at",
    "closed_at",
    "rating",
    "complaint",
]
LABELS = [
    "编号",
    "现场编号",
    "类别",
    "优先级",
    "标题",
    "提出时间",
    "响应时间",
    "解决时间",
    "关闭时间",
    "满意度评分",
    "投诉",
]
CLOSED = ["7", "A", "故障事件", "紧急", "服务器宕机", "2026-09-01 09:00", "2026-09-01 09:10",
          "2026-09-01 12:00", "2026-09-02 10:00", "4", "是"]  # fmt: skip
OPEN = ["9", "A", "data_request", "low", "导出报表", "2026-09-03 14:30", "", "", "", "", "no"]


def test_history_is_stored_with_its_status_and_due_times(world):
    report = run("tickets", csv_file([LABELS, CLOSED, OPEN]), user=world.hr)
    assert (report.new, report.errors, report.written) == (2, [], True)
    closed = Ticket.objects.get(number=7)
    assert (closed.site, closed.company, closed.category, closed.priority) == (
        world.site_a,
        world.company,
        "fault",
        "urgent",
    )
    assert closed.status == "closed" and closed.rating == 4 and closed.complaint
    # Site time: 09:00 in Shanghai; urgent: resolution due 4 h later, response 24 h.
    raised = datetime.datetime(2026, 9, 1, 9, 0, tzinfo=SHANGHAI)
    assert closed.raised_at == raised
    assert closed.resolution_due == raised + datetime.timedelta(hours=4)
    assert closed.response_due == raised + datetime.timedelta(hours=24)
    assert closed.closed_at == datetime.datetime(2026, 9, 2, 10, 0, tzinfo=SHANGHAI)
    still = Ticket.objects.get(number=9)
    assert (still.status, still.acknowledged_at, still.category) == ("new", None, "data_request")
    assert not still.complaint
    # The desk gives the next ticket a number above every imported one.
    assert SiteDesk.objects.get(site=world.site_a).last_number == 9
    assert raise_ticket(world).number == 10


def test_the_same_file_twice_changes_nothing(world):
    run("tickets", csv_file([KEYS, CLOSED, OPEN]), user=world.hr)
    before = list(Ticket.objects.values().order_by("pk"))
    again = run("tickets", xlsx_file([KEYS, CLOSED, OPEN]), user=world.hr)
    assert (again.new, again.skipped, again.errors) == (0, 2, [])
    assert list(Ticket.objects.values().order_by("pk")) == before


def test_a_number_the_site_has_is_left_as_it_is(world):
    existing = raise_ticket(world)  # number 1
    row = ["1", "A", "general", "normal", "另一个标题", "2026-09-01 09:00", "", "", "", "", ""]
    report = run("tickets", csv_file([KEYS, row]), user=world.hr)
    assert (report.new, report.skipped) == (0, 1)
    existing.refresh_from_db()
    assert existing.title == "打印机无法打印"


def test_the_desk_never_goes_back(world):
    SiteDesk.objects.update_or_create(site=world.site_a, defaults={"last_number": 50})
    run("tickets", csv_file([KEYS, CLOSED]), user=world.hr)
    assert SiteDesk.objects.get(site=world.site_a).last_number == 50


def test_one_bad_row_changes_nothing_and_says_where_and_why(world):
    bad = [
        ["8", "A", "其他", "紧急", "标题", "2026-09-01 09:00", "", "", "", "", ""],
        ["10", "ZZ", "general", "中", "标题", "2026-09-01 09:00", "", "", "", "", ""],
        ["11", "A", "general", "中", "标题", "2026-09-01 25:00", "", "", "", "", ""],
        [
            "12",
            "A",
            "general",
            "中",
            "标题",
            "2026-09-01 09:00",
            "",
            "2026-09-01 10:00",
            "",
            "",
            "",
        ],
        [
            "13",
            "A",
            "general",
            "中",
            "标题",
            "2026-09-01 09:00",
            "2026-09-01 08:00",
            "",
            "",
            "",
            "",
        ],
        ["14", "A", "general", "中", "标题", "2026-09-01 09:00", "", "", "", "5", ""],
        ["x", "A", "general", "中", "", "", "", "", "", "", ""],
    ]
    report = run("tickets", csv_file([KEYS, CLOSED, *bad]), user=world.hr)
    assert not report.written
    assert Ticket.objects.count() == 0
    found = {(row, column) for row, column, _message in errors_of(report)}
    assert {
        (3, "category"),
        (4, "site_code"),
        (5, "raised_at"),
        (6, "resolved_at"),
        (7, "acknowledged_at"),
        (8, "rating"),
        (9, "number"),
        (9, "title"),
        (9, "raised_at"),
    } <= found
    message = dict(((r, c), m) for r, c, m in errors_of(report))[(3, "category")]
    assert "其他" in message and "故障事件" in message


def test_a_site_outside_the_importers_companies_reads_as_unknown(world):
    other_hr = factories.UserFactory(username="hr_other")
    factories.RoleGrantFactory(
        user=other_hr, role=Role.HR_ADMIN, company=factories.CompanyFactory(name="别家")
    )
    report = run("tickets", csv_file([KEYS, CLOSED]), user=other_hr)
    assert [(r, c) for r, c, _m in errors_of(report)] == [(2, "site_code")]
    assert Ticket.objects.count() == 0


def test_the_month_report_reads_imported_history(world):
    run("tickets", csv_file([KEYS, CLOSED]), user=world.hr)
    report = month_report(site=world.site_a, month=datetime.date(2026, 9, 1))
    (row,) = report.rows
    assert (row.response_minutes, row.resolution_minutes) == (10, 180)
    assert row.resolution_breached is False and report.average_rating == 4.0


def test_the_command_line_imports_a_log_and_a_dry_run_writes_nothing(world, tmp_path):
    path = tmp_path / "tickets.csv"
    path.write_bytes(csv_file([KEYS, CLOSED, OPEN]).read())
    out = io.StringIO()
    call_command("import_data", "tickets", str(path), "--dry-run", stdout=out)
    assert Ticket.objects.count() == 0
    call_command("import_data", "tickets", str(path), stdout=out)
    assert sorted(Ticket.objects.values_list("number", flat=True)) == [7, 9]


def test_due_times_follow_the_policy_in_force_when_the_ticket_was_raised(world):
    """Urgent resolution went from 4 h to 8 h on 15 September: a ticket of 1 September keeps
    4 h, one of 1 October gets 8 h."""
    policy_set(key="ticket_resolution_hours_urgent", value=8, site=world.site_a, by=world.hr)
    changed = datetime.datetime(2026, 9, 15, tzinfo=SHANGHAI)
    PolicySetting.history.update(history_date=changed)
    later = [*CLOSED]
    later[0], later[5:9] = "8", ["2026-10-01 09:00", "", "", ""]
    later[9] = ""
    report = run("tickets", csv_file([LABELS, CLOSED, later]), user=world.hr)
    assert report.errors == []
    before, after = Ticket.objects.order_by("number")
    assert before.resolution_due - before.raised_at == datetime.timedelta(hours=4)
    assert after.resolution_due - after.raised_at == datetime.timedelta(hours=8)
    assert after.response_due - after.raised_at == datetime.timedelta(hours=24)
