"""At 360 px: a supervisor ticks an offboarding item and a person applies to resign, with no
sideways scrolling. Headless Chromium, as in tests/browser (marked `browser`)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from staffing.models import LeavingReason
from staffing.services.movement import offboarding_start
from tests.browser.conftest import PHONE, login, page_width, screenshot, url

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_supervisor_ticks_an_offboarding_item_on_a_phone(page, live_server, live_world):
    placement = live_world.person_a.assignments.get()
    offboarding_start(
        assignment=placement,
        reason=LeavingReason.REPLACEMENT,
        leaving_on=timezone.localdate(),
        successor=live_world.person_b,
        by=live_world.hr,
    )
    login(page, live_server, "supervisor_a")
    page.goto(url(live_server, "staffing:offboarding_detail", placement.pk))
    item = page.locator("[data-item=badge]")
    item.locator("input[name=note]").fill("已收回")
    item.get_by_role("button").click()
    expect(page.locator("[data-item=badge]")).to_have_attribute("data-done", "yes")
    expect(page.locator(".alert-success")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    screenshot(page, "movement-offboarding-360")


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_person_applies_to_resign_on_a_phone(page, live_server, live_world):
    login(page, live_server, "staff_a")
    page.goto(url(live_server, "staffing:resignation_create"))
    last_day = timezone.localdate() + datetime.timedelta(days=30)
    page.fill("#id_leaving_on", last_day.isoformat())
    page.fill("#id_reason", "回老家发展")
    page.locator("main form button").click()
    expect(page.locator("[data-testid=withdraw]")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    screenshot(page, "movement-resignation-360")
