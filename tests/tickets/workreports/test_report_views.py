"""The work report pages (SPEC §9) as people read them, in Chinese: 我的汇报 with what is still owed,
the report on a phone with last week's plan and the tickets handled, the report's page with its
read mark and the supervisor's buttons, and 周报审阅 with each person's standing. The pages run on
the real clock: the weeks here are the real current and previous ones."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from onsite.models import Notification
from onsite.periods import Week
from tests import factories
from tests.dates import MONDAY, SHANGHAI, at
from tests.tickets.conftest import raise_ticket
from tickets.models import Report, ReportKind, ReportStatus
from tickets.selectors.reports import weekly_task
from tickets.services import reports as services
from tickets.services.tickets import ticket_acknowledge, ticket_assign

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def this_week() -> Week:
    return Week.containing(timezone.localdate())


def last_week() -> Week:
    return this_week().previous


def write_url(week: Week) -> str:
    return reverse("tickets:workreport_write", args=["weekly", week.label])


def filed(world, week: Week, *, person=None, by=None, plan="", submit=True) -> Report:
    by = by or world.staff_a
    report = services.report_open(staff=person or world.person_a, kind="weekly", period=week, by=by)
    services.report_save(report=report, by=by, work_done="巡检机房。", next_plan=plan)
    if submit:
        report = services.report_submit(report=report, by=by)
    return report


# 我的汇报 ------------------------------------------------------------------------------------------


def test_my_reports_lists_what_is_owed_and_what_was_read(client, world):
    old = filed(world, last_week().previous)
    services.report_mark_read(report=old, by=world.supervisor_a)
    client.force_login(world.staff_a)
    page = client.get(reverse("tickets:my_reports")).content.decode()
    assert "我的汇报" in page
    # Last week's (overdue) and this week's are still to write.
    assert f'data-task="weekly:{last_week().label}"' in page
    assert f'data-task="weekly:{this_week().label}"' in page
    assert "逾期未交" in page
    assert f'data-report="{old.pk}"' in page and "已读" in page
    # No kind switch where the site asks only for the weekly report.
    assert 'data-testid="kinds"' not in page


def test_the_kind_switch_shows_where_the_site_asks_for_more(client, world):
    from onsite.policy import policy_set

    policy_set(key="report_monthly_on", value=True, site=world.site_a, by=world.hr)
    client.force_login(world.staff_a)
    page = client.get(reverse("tickets:my_reports")).content.decode()
    assert 'data-testid="kinds"' in page and "月报" in page


def test_my_reports_queries_are_fixed(client, world, django_assert_num_queries):
    client.force_login(world.staff_a)
    client.get(reverse("tickets:my_reports"))
    week = last_week()
    for _n in range(3):
        filed(world, week)
        week = week.previous
    with django_assert_num_queries(QUERIES["mine"]):
        client.get(reverse("tickets:my_reports"))


def test_who_has_no_staff_record_has_no_reports_of_their_own(client, world):
    client.force_login(world.supervisor_a)
    assert client.get(reverse("tickets:my_reports")).status_code == 403


# The report on a phone ---------------------------------------------------------------------------


def test_the_form_shows_last_weeks_plan_and_the_tickets_handled(client, world):
    filed(world, last_week(), plan="更换 UPS 电池。")
    week = this_week()
    start = datetime.datetime.combine(week.first, datetime.time(9, 0), SHANGHAI)
    ticket = raise_ticket(world, now=start)
    ticket = ticket_assign(ticket=ticket, staff=world.person_a, by=world.supervisor_a, now=start)
    ticket_acknowledge(ticket=ticket, by=world.staff_a, now=start + datetime.timedelta(hours=1))
    # One handled the week before is not listed.
    older = raise_ticket(world, now=start - datetime.timedelta(days=7), title="旧工单")
    older = ticket_assign(ticket=older, staff=world.person_a, by=world.supervisor_a, now=start)
    ticket_acknowledge(ticket=older, by=world.staff_a, now=start - datetime.timedelta(days=6))
    client.force_login(world.staff_a)
    page = client.get(write_url(week)).content.decode()
    assert "更换 UPS 电池。" in page
    assert ticket.reference in page and reverse("tickets:detail", args=[ticket.pk]) in page
    assert "旧工单" not in page
    # Opening the form writes nothing.
    assert not Report.objects.filter(period=week.label).exists()


def test_saving_keeps_a_draft_and_submitting_sends_it(client, world):
    client.force_login(world.staff_a)
    week = last_week()
    data = {"work_done": "巡检机房。", "problems": "", "next_plan": "更换电池。", "action": "save"}
    response = client.post(write_url(week), data)
    assert response.status_code == 302
    report = Report.objects.get(period=week.label)
    assert (report.status, report.next_plan) == (ReportStatus.DRAFT, "更换电池。")
    picture = SimpleUploadedFile("机房.png", PNG, content_type="image/png")
    response = client.post(write_url(week), {**data, "action": "submit", "attachment": picture})
    assert response.headers["Location"] == reverse("tickets:workreport", args=[report.pk])
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.attachments.get().name == "机房.png"
    assert Notification.objects.filter(
        recipient=world.supervisor_a, kind="tickets.report_submitted"
    ).exists()
    # Submitted: the form leads to the report.
    assert client.get(write_url(week)).status_code == 302


def test_submitting_without_the_work_done_says_so(client, world):
    client.force_login(world.staff_a)
    response = client.post(write_url(last_week()), {"work_done": "", "action": "submit"})
    assert response.status_code == 200
    assert "提交前请写明本期完成的工作。" in response.content.decode()
    assert Report.objects.get().status == ReportStatus.DRAFT


@pytest.mark.parametrize(
    ("kind", "period"),
    [("weekly", "2026-W99"), ("weekly", "9999-W01"), ("yearly", "2026"), ("daily", "x")],
)
def test_a_bad_kind_or_period_is_not_found(client, world, kind, period):
    client.force_login(world.staff_a)
    url = reverse("tickets:workreport_write", args=[kind, period])
    assert client.get(url).status_code == 404


def test_a_week_before_the_placement_is_refused_with_a_reason(client, world):
    client.force_login(world.staff_a)
    response = client.get(write_url(Week.containing(datetime.date(2025, 6, 2))), follow=True)
    assert response.redirect_chain[-1][0] == reverse("tickets:my_reports")
    assert "2025-W23" in response.content.decode()


# The report's page -------------------------------------------------------------------------------


def test_the_supervisor_opening_it_marks_it_read_for_its_author(client, world):
    report = filed(world, last_week())
    client.force_login(world.staff_a)
    assert "未读" in client.get(reverse("tickets:workreport", args=[report.pk])).content.decode()
    client.force_login(world.supervisor_a)
    page = client.get(reverse("tickets:workreport", args=[report.pk])).content.decode()
    assert 'data-testid="review-form"' in page and 'data-testid="return-form"' in page
    client.force_login(world.staff_a)
    page = client.get(reverse("tickets:workreport", args=[report.pk])).content.decode()
    assert 'data-testid="read"' in page and "已读" in page


def test_the_supervisor_returns_it_with_a_comment_and_marks_it_reviewed(client, world):
    report = filed(world, last_week())
    client.force_login(world.supervisor_a)
    url = reverse("tickets:workreport_return", args=[report.pk])
    client.post(url, {"return-note": ""})
    assert Report.objects.get().status == ReportStatus.SUBMITTED
    client.post(url, {"return-note": "请补充工单。"})
    assert Report.objects.get().status == ReportStatus.RETURNED
    client.force_login(world.staff_a)
    page = client.get(write_url(last_week())).content.decode()
    assert "请补充工单。" in page
    client.post(write_url(last_week()), {"work_done": "巡检机房。补充工单。", "action": "submit"})
    client.force_login(world.supervisor_a)
    client.post(reverse("tickets:workreport_review", args=[report.pk]), {"review-note": ""})
    assert Report.objects.get().status == ReportStatus.REVIEWED
    # A second click on an old page: told what happened meanwhile.
    response = client.post(
        reverse("tickets:workreport_review", args=[report.pk]), {"review-note": ""}, follow=True
    )
    assert "已审阅" in response.content.decode()


def test_its_author_and_outsiders_cannot_decide(client, world, supervisor_b):
    report = filed(world, last_week())
    url = reverse("tickets:workreport_review", args=[report.pk])
    client.force_login(world.staff_a)
    assert client.post(url).status_code == 403
    client.force_login(world.hr)
    assert client.post(url).status_code == 403
    client.force_login(supervisor_b)
    assert client.post(url).status_code == 404
    assert client.get(reverse("tickets:workreport", args=[report.pk])).status_code == 404


def test_a_comment_joins_the_thread(client, world):
    report = filed(world, last_week())
    client.force_login(world.supervisor_a)
    client.post(reverse("tickets:workreport_comment", args=[report.pk]), {"comment-body": "辛苦了"})
    client.force_login(world.staff_a)
    page = client.get(reverse("tickets:workreport", args=[report.pk])).content.decode()
    assert "辛苦了" in page


# 周报审阅 ------------------------------------------------------------------------------------------


def test_the_site_list_shows_each_persons_standing(client, world, colleague):
    on_time = filed(world, last_week())
    client.force_login(world.supervisor_a)
    page = client.get(reverse("tickets:workreport_sites")).content.decode()
    assert "周报审阅" in page and last_week().label in page
    assert reverse("tickets:workreport", args=[on_time.pk]) in page
    assert "张三" in page and "王五" in page and "李四" not in page
    assert 'data-duty="overdue"' in page  # 王五 has not filed
    assert 'data-testid="unread"' in page


def test_the_site_list_queries_are_fixed(client, world, django_assert_num_queries):
    client.force_login(world.supervisor_a)
    url = reverse("tickets:workreport_sites")
    client.get(url)
    for n in range(3):
        person = factories.colleague_of(world, name=f"同事{n}")
        filed(world, last_week(), person=person, by=person.user)
    filed(world, last_week())
    with django_assert_num_queries(QUERIES["sites"]):
        client.get(url)


def test_the_site_list_is_for_those_over_the_site(client, world):
    client.force_login(world.staff_a)
    assert client.get(reverse("tickets:workreport_sites")).status_code == 403
    client.force_login(world.hr)
    page = client.get(reverse("tickets:workreport_sites") + "?site=zz&period=x").content.decode()
    assert "甲机房" in page


# The home page's task ----------------------------------------------------------------------------


def test_the_weeks_report_shows_on_the_home_page_from_friday(world):
    services.report_submit(
        report=services.report_save(
            report=services.report_open(
                staff=world.person_a,
                kind="weekly",
                period=Week(2026, 41),
                by=world.staff_a,
                now=at(MONDAY, "09:00"),
            ),
            by=world.staff_a,
            work_done="巡检。",
        ),
        by=world.staff_a,
        now=at(MONDAY, "10:00"),
    )
    thursday = at(MONDAY + datetime.timedelta(days=3), "23:59")
    friday = at(MONDAY + datetime.timedelta(days=4), "00:00")
    assert weekly_task(staff=world.person_a, now=thursday) == []
    (task,) = weekly_task(staff=world.person_a, now=friday)
    assert (task.kind, task.period.label) == (ReportKind.WEEKLY, "2026-W42")


def test_last_weeks_report_shows_while_it_is_overdue(world):
    tuesday = at(MONDAY + datetime.timedelta(days=8), "09:00")
    (task,) = weekly_task(staff=world.person_a, now=tuesday)
    assert task.period.label == "2026-W42" and task.status == "overdue"


def test_the_card_is_on_the_dashboard(client, world):
    client.force_login(world.staff_a)
    page = client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="report-card"' in page and last_week().label in page


# Whatever the number of reports and people: the duties of two periods, the list, the menu.
QUERIES = {"mine": 27, "sites": 15}
