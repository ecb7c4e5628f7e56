"""At 360 px, with no sideways scrolling: a person asks for rest-day overtime, the hint under the
fields follows what is typed (htmx), and the supervisor approves by thumb. Headless Chromium, as
in tests/browser (marked `browser`)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from attendance.models import DayKind, Overtime, OvertimeStatus
from tests.browser.conftest import PHONE, login, page_width, screenshot, url
from tests.dates import day_ahead, day_before
from tests.factories import overtime_filed, punch_at

pytestmark = pytest.mark.browser


def test_overtime_is_asked_for_and_approved_on_phones(new_page, live_server, live_world):
    day = day_ahead(DayKind.REST)
    staff = new_page(PHONE)
    login(staff, live_server, "staff_a")
    staff.goto(url(live_server, "attendance:overtime_new"))
    staff.fill("#id_date", f"{day:%Y-%m-%d}")
    staff.fill("#id_start_time", "09:00")
    staff.fill("#id_end_time", "11:00")
    # The hint is fetched again on each change: the category of the day, then the hours.
    expect(staff.locator("[data-testid=preview] [data-testid=caps]")).to_be_visible()
    expect(staff.locator("[data-testid=preview] [data-testid=category]")).to_contain_text("200%")
    staff.fill("#id_reason", "机房割接")
    staff.select_option("#id_compensation", "time_off")
    assert page_width(staff) <= PHONE["width"]
    screenshot(staff, "attendance-overtime-request-360")
    staff.locator("main form button").click()
    expect(staff.locator("[data-testid=status]")).to_be_visible()
    assert page_width(staff) <= PHONE["width"]
    detail = staff.url

    # Rest-day overtime is the department head's to approve (SPEC §8), not the supervisor's.
    supervisor = new_page(PHONE)
    login(supervisor, live_server, "manager")
    supervisor.goto(detail)
    approve = supervisor.locator("[data-testid=approve]")
    assert approve.bounding_box()["height"] >= 38
    assert page_width(supervisor) <= PHONE["width"]
    screenshot(supervisor, "attendance-overtime-decide-360")
    approve.click()
    expect(supervisor.locator(".alert-success")).to_be_visible()
    overtime = Overtime.objects.get(staff=live_world.person_a)
    assert (overtime.status, overtime.compensation) == (OvertimeStatus.APPROVED, "time_off")

    supervisor.goto(url(live_server, "attendance:overtime_list"))
    expect(supervisor.locator("[data-testid=overtime] li")).to_have_count(1)
    assert page_width(supervisor) <= PHONE["width"]
    screenshot(supervisor, "attendance-overtime-list-360")


@pytest.mark.parametrize("viewport", [PHONE])
def test_the_supervisor_confirms_the_hours_on_a_phone(page, live_server, live_world):
    overtime = overtime_filed(live_world, day_before())
    for hhmm in ("08:30", "19:30"):
        punch_at(live_world.person_a, overtime.date, hhmm)
    login(page, live_server, "supervisor_a")
    page.goto(url(live_server, "attendance:overtime_detail", overtime.pk))
    expect(page.locator("[data-testid=covered]")).to_contain_text("1.5")
    assert page_width(page) <= PHONE["width"]
    screenshot(page, "attendance-overtime-hours-360")
    page.locator("[data-testid=confirm-hours]").click()
    expect(page.locator("[data-testid=actual-hours]")).to_contain_text("1.5")
    assert Overtime.objects.get(pk=overtime.pk).actual_hours == Decimal("1.5")
