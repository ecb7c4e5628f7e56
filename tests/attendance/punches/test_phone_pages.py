"""At 360 px, with no sideways scrolling: a person checks in with the big button; a person asks
for a missing punch and the supervisor approves it by thumb. Headless Chromium, as in
tests/browser (marked `browser`)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from attendance.models import CorrectionStatus, DayStatus, Punch
from tests.browser.conftest import PHONE, login, page_width, screenshot, url
from tests.dates import MONDAY, at
from tests.factories import day_of, device_punch

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_person_checks_in_on_a_phone(page, live_server, live_world):
    login(page, live_server, "staff_a")
    page.goto(url(live_server, "attendance:check_in"))
    button = page.locator("[data-testid=punch]")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["width"] >= PHONE["width"] - 60 and box["height"] >= 60  # big, for a thumb
    assert page_width(page) <= PHONE["width"]
    button.click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("[data-testid=punches] li")).to_have_count(1)
    assert Punch.objects.filter(staff=live_world.person_a).count() == 1
    assert page_width(page) <= PHONE["width"]
    screenshot(page, "attendance-check-in-360")


def test_a_correction_is_asked_for_and_approved_on_phones(new_page, live_server, live_world):
    device_punch(live_world.person_a, at(MONDAY, "08:25"))
    staff = new_page(PHONE)
    login(staff, live_server, "staff_a")
    staff.goto(url(live_server, "attendance:correction_new"))
    staff.fill("#id_at", "2026-10-12T17:35")
    staff.fill("#id_reason", "下班忘记打卡")
    staff.locator("main form button").click()
    expect(staff.locator("[data-testid=status]")).to_be_visible()
    assert page_width(staff) <= PHONE["width"]
    screenshot(staff, "attendance-correction-request-360")
    detail = staff.url

    supervisor = new_page(PHONE)
    login(supervisor, live_server, "supervisor_a")
    supervisor.goto(detail)
    approve = supervisor.locator("[data-testid=approve]")
    assert approve.bounding_box()["height"] >= 38
    assert page_width(supervisor) <= PHONE["width"]
    screenshot(supervisor, "attendance-correction-decide-360")
    supervisor.locator("#id_note").fill("属实")
    approve.click()
    expect(supervisor.locator(".alert-success")).to_be_visible()
    correction = live_world.person_a.corrections.get()
    assert correction.status == CorrectionStatus.APPROVED
    assert day_of(live_world.person_a, MONDAY).status == DayStatus.PRESENT
