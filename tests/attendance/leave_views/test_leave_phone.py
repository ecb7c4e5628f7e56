"""At 360 px, with no sideways scrolling: a person asks for leave, the box under the dates
counts the working days as they are typed (htmx), and the supervisor approves by thumb.
Headless Chromium, as in tests/browser (marked `browser`)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from attendance.models import Leave, LeaveStatus
from tests.browser.conftest import PHONE, login, page_width, screenshot, url
from tests.dates import ONE_DAY, monday_ahead
from tests.factories import colleague_of, plain_weeks

pytestmark = pytest.mark.browser


def test_leave_is_asked_for_and_approved_on_phones(new_page, live_server, live_world):
    monday = monday_ahead()
    plain_weeks(monday)
    colleague = colleague_of(live_world)
    staff = new_page(PHONE)
    login(staff, live_server, "staff_a")
    staff.goto(url(live_server, "attendance:leave_new"))
    expect(staff.locator("[data-testid=preview-hint]")).to_be_visible()
    staff.fill("#id_start", f"{monday + 4 * ONE_DAY:%Y-%m-%d}")  # a Friday
    staff.fill("#id_end", f"{monday + 7 * ONE_DAY:%Y-%m-%d}")  # the Monday after
    # The box is fetched again on each change: two working days over the weekend.
    expect(staff.locator("[data-testid=preview-days]")).to_contain_text("2")
    staff.locator("#id_ends_am").check()
    expect(staff.locator("[data-testid=preview-days]")).to_contain_text("1.5")
    staff.fill("#id_reason", "家中有事")
    staff.select_option("#id_cover", str(colleague.pk))
    assert page_width(staff) <= PHONE["width"]
    screenshot(staff, "attendance-leave-request-360")
    staff.locator("main form button").click()
    expect(staff.locator("[data-testid=status]")).to_be_visible()
    assert page_width(staff) <= PHONE["width"]
    detail = staff.url

    supervisor = new_page(PHONE)
    login(supervisor, live_server, "supervisor_a")
    supervisor.goto(detail)
    approve = supervisor.locator("[data-testid=approve]")
    assert approve.bounding_box()["height"] >= 38
    assert page_width(supervisor) <= PHONE["width"]
    screenshot(supervisor, "attendance-leave-decide-360")
    approve.click()
    expect(supervisor.locator(".alert-success")).to_be_visible()
    leave = Leave.objects.get(staff=live_world.person_a)
    assert (leave.status, leave.days) == (LeaveStatus.APPROVED, 1.5)

    supervisor.goto(url(live_server, "attendance:leave_list"))
    expect(supervisor.locator("[data-testid=leaves] li")).to_have_count(1)
    assert page_width(supervisor) <= PHONE["width"]
    screenshot(supervisor, "attendance-leave-list-360")
