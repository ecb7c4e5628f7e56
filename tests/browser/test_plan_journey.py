"""Work plans in a browser: 张三 (staff_a) writes a plan with two steps on a 360 px phone and
submits it; the supervisor returns it with a comment from the approvals inbox; he changes it and
submits it again; the supervisor approves it on a desk at 1280 px; he marks a step done. axe
checks each page."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tickets.models import PlanStatus, WorkPlan


def test_a_plan_written_on_a_phone_returned_resubmitted_approved_and_done(
    new_page, live_server, live_world
):
    phone = new_page(PHONE)
    login(phone, live_server, "staff_a")
    phone.goto(url(live_server, "tickets:plans"))
    phone.locator("[data-testid=new-plan]").click()
    phone.fill("#id_title", "机房搬迁计划")
    phone.fill("#id_goals", "三周内完成搬迁，业务不中断。")
    phone.locator("[data-testid=plan-form] button[type=submit]").click()
    expect(phone.locator(".alert-success")).to_be_visible()
    for days, step in ((3, "打包设备并编号"), (10, "新机房上架调试")):
        due = timezone.localdate() + datetime.timedelta(days=days)
        phone.fill("#id_title", step)
        phone.fill("#id_due_on", due.isoformat())
        phone.select_option("#id_responsible", str(live_world.person_a.pk))
        phone.locator("[data-testid=step-form] button[type=submit]").click()
        expect(phone.locator("[data-testid=steps]")).to_contain_text(step)
    expect(phone.locator("[data-testid=steps] > li")).to_have_count(2)
    assert page_width(phone) <= PHONE["width"]
    screenshot(phone, "plan-draft-360")
    phone.locator("[data-testid=submit]").click()
    expect(phone.locator(".alert-success")).to_contain_text("已提交")
    plan = WorkPlan.objects.get()

    desk = new_page(DESKTOP)
    login(desk, live_server, "supervisor_a")
    desk.goto(url(live_server, "inbox:list"))
    row = desk.locator(f"[data-item='work_plan:{plan.pk}']")
    expect(row).to_contain_text("张三")
    row.locator("[data-testid=reject]").click()
    row.locator("input[name=note]").fill("请补充每一步的验收标准")
    row.locator("[data-testid=reject-send]").click()
    expect(desk.locator(".alert-success")).to_be_visible()

    phone.goto(url(live_server, "tickets:plan", plan.pk))
    expect(phone.locator("[data-testid=review-note]")).to_contain_text("请补充每一步的验收标准")
    phone.locator("[data-testid=edit]").click()
    phone.fill("#id_goals", "三周内完成搬迁，业务不中断；每一步由负责人验收。")
    phone.locator("[data-testid=plan-form] button[type=submit]").click()
    phone.locator("[data-testid=submit]").click()
    expect(phone.locator("[data-testid=status]")).to_contain_text("已提交")

    desk.goto(url(live_server, "tickets:plan", plan.pk))
    desk.locator("[data-testid=decision-form] input[value=approve]").check()
    desk.locator("[data-testid=decision-form] button[type=submit]").click()
    expect(desk.locator(".alert-success")).to_contain_text("计划已批准")
    screenshot(desk, "plan-approved-1280")

    phone.goto(url(live_server, "tickets:plan", plan.pk))
    phone.locator("[data-testid=steps] > li").first.locator("[data-testid=mark-done]").click()
    expect(
        phone.locator("[data-testid=steps] > li").first.locator("[data-testid=done]")
    ).to_be_visible()
    # People's names, never logins, in the history.
    expect(phone.locator("[data-testid=history]")).to_contain_text("张三")
    assert page_width(phone) <= PHONE["width"]
    screenshot(phone, "plan-approved-360")
    phone.goto(url(live_server, "tickets:plans"))
    expect(phone.locator("[data-testid=my-steps]")).to_contain_text("新机房上架调试")
    assert page_width(phone) <= PHONE["width"]
    screenshot(phone, "plan-list-360")
    desk.goto(url(live_server, "tickets:plans"))
    expect(desk.locator(f"[data-plan='{plan.pk}']")).to_contain_text("已完成1/2个步骤")
    screenshot(desk, "plan-list-1280")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.steps.filter(done_on__isnull=False).count() == 1
