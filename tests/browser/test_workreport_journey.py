"""The weekly report (SPEC §9) in a browser: after the week, the person placed at site A opens the
reminder in their inbox on a 360 px phone and files last week's report (the ticket they took on
already listed, last week's plan beside the work done); the supervisor reads it at 1280 px from
周报审阅 and returns it with a comment; the person adds a line and submits it again, and sees it
read. axe checks every page.

The live server runs on the real clock, so "last week" is the real one before today."""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone
from playwright.sync_api import expect

from onsite.periods import Week
from onsite.services import notification_create
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tickets.models import Report, ReportStatus
from tickets.services.tickets import ticket_acknowledge, ticket_assign, ticket_raise


def test_last_weeks_report_filed_on_a_phone_returned_and_sent_again(
    new_page, live_server, live_world
):
    world = live_world
    site = world.site_a
    week = Week.containing(timezone.localdate()).previous
    zone = zoneinfo.ZoneInfo(site.time_zone)
    tuesday = datetime.datetime.combine(
        week.first + datetime.timedelta(days=1), datetime.time(9), zone
    )
    ticket = ticket_raise(
        site=site,
        by=world.client_a,
        category="fault",
        priority="normal",
        title="三楼打印机卡纸",
        description="三楼打印机卡纸，无法打印。",
        now=tuesday,
    )
    ticket = ticket_assign(ticket=ticket, staff=world.person_a, by=world.supervisor_a, now=tuesday)
    ticket_acknowledge(ticket=ticket, by=world.staff_a, now=tuesday + datetime.timedelta(hours=1))
    notification_create(
        recipients=[world.staff_a],
        kind="tickets.report_reminder",
        params={"kind": "weekly", "period": week.label, "site": site.name, "site_id": site.pk},
    )

    # The reminder, opened on a phone, leads to the form.
    phone = new_page(PHONE)
    login(phone, live_server, "staff_a")
    expect(phone.locator("[data-testid=report-card]")).to_contain_text(week.label)
    phone.goto(url(live_server, "notifications:list"))
    phone.locator("[data-testid=inbox] button", has_text="周报").first.click()
    expect(phone.locator("[data-testid=report-form]")).to_be_visible()
    expect(phone.locator("[data-testid=tickets]")).to_contain_text(ticket.reference)
    phone.fill("#id_work_done", "完成机房日常巡检；处理三楼打印机卡纸故障。")
    phone.fill("#id_problems", "二号 UPS 电池内阻偏高。")
    phone.fill("#id_next_plan", "联系厂商更换 UPS 电池。")
    assert page_width(phone) <= PHONE["width"], "the report form scrolls sideways"
    screenshot(phone, "workreport-form-360")
    phone.locator("[data-testid=submit]").click()
    expect(phone.locator(".alert-success")).to_be_visible()
    expect(phone.locator("[data-testid=status]")).to_contain_text("已提交")
    report = Report.objects.get(staff=world.person_a, period=week.label)
    assert report.status == ReportStatus.SUBMITTED

    # The supervisor, at a desk: the site's week, then the report, returned with a comment.
    desk = new_page(DESKTOP)
    login(desk, live_server, "supervisor_a")
    desk.goto(url(live_server, "tickets:workreport_sites"))
    row = desk.locator(f"[data-staff='{world.person_a.pk}']")
    expect(row).to_contain_text("张三")
    expect(row.locator("[data-testid=unread]")).to_be_visible()
    screenshot(desk, "workreport-sites-1280")
    row.locator("[data-testid=open]").click()
    expect(desk.locator("[data-testid=work-done]")).to_contain_text("打印机卡纸")
    expect(desk.locator("[data-testid=read]")).to_contain_text("已读")
    desk.fill("#id_return-note", "请补充 UPS 电池更换的时间安排。")
    desk.locator("[data-testid=return-form] button[type=submit]").click()
    expect(desk.locator(".alert-success")).to_be_visible()
    expect(desk.locator("[data-testid=thread]")).to_contain_text("请补充 UPS 电池更换的时间安排。")
    screenshot(desk, "workreport-detail-1280")

    # Back on the phone: the returned report, a line added, submitted again.
    phone.goto(url(live_server, "tickets:my_reports"))
    task = phone.locator(f"[data-task='weekly:{week.label}']")
    expect(task).to_contain_text("已退回")
    screenshot(phone, "workreport-mine-360")
    task.locator("[data-testid=write]").click()
    expect(phone.locator("[data-testid=returned-note]")).to_contain_text("时间安排")
    work = phone.locator("#id_work_done")
    work.fill(work.input_value() + "\n补充：UPS 电池计划于下周三更换。")
    phone.locator("[data-testid=submit]").click()
    expect(phone.locator("[data-testid=status]")).to_contain_text("已提交")
    expect(phone.locator("[data-testid=work-done]")).to_contain_text("下周三更换")
    assert page_width(phone) <= PHONE["width"], "the report page scrolls sideways"
    screenshot(phone, "workreport-detail-360")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.first_submitted_at < report.submitted_at
