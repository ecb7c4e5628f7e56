"""Leave (issue 5) in a browser, on 360 px phones: a staff member asks for two days of leave
(an emergency filed on return, so the days are already past and judged), the supervisor
approves it from the approvals inbox, the staff member sees it approved, and the month's sheet
counts the two leave days."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import Day, DayKind, DayStatus, Leave, LeaveStatus
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tests.dates import ONE_DAY
from tests.factories import calendar_day
from tests.factories import colleague_of as make_colleague


def two_past_workdays() -> tuple[datetime.date, datetime.date]:
    """Two working days just before today, in one month; the days from then to today are rest
    days, so today is within the emergency window of three working days after returning."""
    today = timezone.localdate()
    end = today - ONE_DAY
    if end.day == 1:
        end -= ONE_DAY
    start = end - ONE_DAY
    calendar_day(start, DayKind.WORKDAY)
    calendar_day(end, DayKind.WORKDAY)
    day = end + ONE_DAY
    while day < today:
        calendar_day(day, DayKind.REST)
        day += ONE_DAY
    calendar_day(today, DayKind.WORKDAY)
    return start, end


def test_two_days_asked_on_a_phone_approved_in_the_inbox_and_counted_on_the_sheet(
    new_page, live_server, live_world
):
    start, end = two_past_workdays()
    colleague = make_colleague(live_world)

    staff = new_page(PHONE)
    login(staff, live_server, "staff_a")
    staff.goto(url(live_server, "attendance:leave_new"))
    staff.select_option("#id_kind", "personal")
    staff.fill("#id_start", start.isoformat())
    staff.fill("#id_end", end.isoformat())
    # Before sending, the box under the dates counts the working days. It grows above the
    # emergency box, so that box is ticked once the count has landed.
    expect(staff.locator("[data-testid=preview-days]")).to_contain_text("2")
    staff.locator("#id_emergency").check()
    expect(staff.locator("[data-testid=preview-days]")).to_contain_text("2")
    staff.fill("#id_reason", "家人突发急病，陪同就医")
    staff.select_option("#id_cover", str(colleague.pk))
    assert page_width(staff) <= PHONE["width"]
    screenshot(staff, "leave-journey-request-360")
    staff.locator("main form button").click()
    expect(staff.locator("[data-testid=status]")).to_have_text("待审批")
    leave = Leave.objects.get(staff=live_world.person_a)
    assert (leave.status, leave.days, leave.emergency) == (LeaveStatus.PENDING, 2, True)

    supervisor = new_page(PHONE)
    login(supervisor, live_server, "supervisor_a")
    supervisor.goto(url(live_server, "attendance:approvals"))
    row = supervisor.locator("[data-testid=approvals] li, [data-testid=approvals] tr").filter(
        has_text=live_world.person_a.name
    )
    expect(row).to_have_count(1)
    assert page_width(supervisor) <= PHONE["width"]
    screenshot(supervisor, "leave-journey-inbox-360")
    row.locator("[data-testid=approve]").click()
    expect(supervisor.locator(".alert-success")).to_be_visible()
    expect(supervisor.locator("[data-testid=empty]")).to_be_visible()

    staff.goto(url(live_server, "attendance:leave_detail", leave.pk))
    expect(staff.locator("[data-testid=status]")).to_have_text("已批准")
    assert page_width(staff) <= PHONE["width"]
    screenshot(staff, "leave-journey-approved-360")

    # Approving judged the two days again: they are leave now, not absence.
    days = Day.objects.filter(staff=live_world.person_a, date__range=(start, end))
    assert [d.status for d in days.order_by("date")] == [DayStatus.LEAVE, DayStatus.LEAVE]
    hr = new_page(DESKTOP)
    login(hr, live_server, "hr")
    hr.goto(url(live_server, "attendance:sheet", live_world.site_a.pk, f"{end:%Y-%m}"))
    person = hr.locator(f"[data-testid=sheet-row][data-staff-no='{live_world.person_a.staff_no}']")
    expect(person).to_contain_text("事假 2")
    screenshot(hr, "leave-journey-sheet")
