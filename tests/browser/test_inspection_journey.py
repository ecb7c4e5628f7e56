"""Inspections (issue 12) in a browser: the person placed at site A records the day's round on a
360 px phone, one item failed with a note and a photo, which opens a fault ticket; the
supervisor adds an item to the checklist and reads the round at 1280 px. axe checks each page."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tickets.models import ChecklistItem, Inspection, Ticket


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_round_on_a_phone_and_the_checklist_on_a_desk(new_page, live_server, live_world):
    site = live_world.site_a
    temperature = ChecklistItem.objects.create(
        site=site, system="机房环境", item="温度湿度", order=1
    )
    switch = ChecklistItem.objects.create(
        site=site, system="网络", item="核心交换机指示灯", order=2
    )

    phone = new_page(PHONE)
    login(phone, live_server, "staff_a")
    phone.goto(url(live_server, "tickets:inspections"))
    phone.locator("[data-testid=record]").click()
    phone.check(f"#id_ok_{switch.pk}_1")
    phone.fill(f"#id_note_{switch.pk}", "指示灯红色闪烁")
    phone.set_input_files(
        f"#id_photo_{switch.pk}", {"name": "灯.png", "mimeType": "image/png", "buffer": photo()}
    )
    assert page_width(phone) <= PHONE["width"]
    screenshot(phone, "inspection-round-360")
    phone.locator("[data-testid=submit]").click()
    expect(phone.locator(".alert-success")).to_be_visible()
    inspection = Inspection.objects.get(site=site)
    assert [(r.item_id, r.ok) for r in inspection.results.order_by("item__order")] == [
        (temperature.pk, True),
        (switch.pk, False),
    ]
    ticket = Ticket.objects.get(inspection_result__inspection=inspection)
    expect(phone.locator("[data-testid=ticket]")).to_contain_text(ticket.reference)
    assert page_width(phone) <= PHONE["width"]

    desk = new_page(DESKTOP)
    login(desk, live_server, "supervisor_a")
    desk.goto(url(live_server, "tickets:checklist", site.pk))
    desk.fill("#id_system", "空调")
    desk.fill("#id_item", "出风温度")
    desk.locator("[data-testid=add-item] button[type=submit]").click()
    expect(desk.locator("[data-testid=items] li")).to_have_count(3)
    desk.goto(url(live_server, "tickets:inspection", inspection.pk))
    expect(desk.locator("[data-ok='0']")).to_contain_text("指示灯红色闪烁")


def test_the_deep_report_written_on_a_phone_and_reviewed(new_page, live_server, live_world):
    phone = new_page(PHONE)
    login(phone, live_server, "staff_a")
    phone.goto(url(live_server, "tickets:deep_new", live_world.site_a.pk))
    phone.fill("#id_half", "2026H2")
    phone.fill("#id_findings", "二号 UPS 电池组内阻偏高，机房北侧温度偏高。")
    phone.locator("[data-testid=deep-form] button[type=submit]").click()
    phone.fill("#id_action", "更换二号 UPS 电池组")
    phone.select_option("#id_owner", str(live_world.person_a.pk))
    phone.fill("#id_due_on", "2026-12-31")
    phone.locator("[data-testid=action-form] button[type=submit]").click()
    expect(phone.locator("[data-testid=actions] li")).to_contain_text("张三")
    # People's names, never their logins.
    expect(phone.locator("[data-testid=status]")).to_contain_text("张三")
    expect(phone.locator("[data-testid=history]")).to_contain_text("张三")
    assert page_width(phone) <= PHONE["width"]
    screenshot(phone, "inspection-deep-360")
    phone.locator("[data-testid=submit]").click()
    expect(phone.locator(".alert-success")).to_be_visible()

    desk = new_page(DESKTOP)
    login(desk, live_server, "supervisor_a")
    desk.goto(phone.url)
    desk.locator("[data-testid=review-form] input[value=return]").check()
    desk.fill("#id_note", "请补充温度记录")
    desk.locator("[data-testid=review-form] button[type=submit]").click()
    expect(desk.locator("[data-testid=review-note]")).to_contain_text("请补充温度记录")
