"""Attendance (issue 4) in a browser: HR uploads an attendance-device file, reviews the month's
sheet, opens a person's month and closes the month; the staff member reads their month on a
360 px phone."""

from __future__ import annotations

import datetime

from playwright.sync_api import expect

from attendance.models import Day, MonthClose, MonthStatus
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url

# A ZKTeco attlog export: user id (blanks around it), time, then device fields we ignore.
DAYS = ("2026-10-12", "2026-10-13", "2026-10-14")


def attlog(staff_no: str) -> str:
    lines = []
    for day in DAYS:
        arrive = "08:52:10" if day == "2026-10-13" else "08:21:44"
        lines.append(f"  {staff_no}\t{day} {arrive}\t1\t0\t1\t0")
        lines.append(f"  {staff_no}\t{day} 17:36:02\t1\t1\t1\t0")
    return "\r\n".join(lines) + "\r\n"


def test_hr_imports_punches_reviews_and_closes_the_month_then_staff_read_it_on_a_phone(
    new_page, live_server, live_world, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    person = live_world.person_a
    page = new_page(DESKTOP)
    login(page, live_server, "hr")

    device_file = tmp_path / "1_attlog.dat"
    device_file.write_text(attlog(person.staff_no), encoding="ascii")
    page.goto(url(live_server, "staffing:import_upload"))
    page.select_option("#id_kind", "punches")
    page.set_input_files("#id_file", str(device_file))
    page.locator("[data-testid=upload-form] button").click()
    expect(page.locator("[data-testid=errors]")).to_have_count(0)
    page.locator("[data-testid=confirm]").click()
    expect(page.locator("[data-testid=outcome]")).to_contain_text("6")
    assert Day.objects.get(staff=person, date=datetime.date(2026, 10, 13)).status == "late"

    page.goto(url(live_server, "attendance:sheet", live_world.site_a.pk, "2026-10"))
    row = page.locator(f"[data-testid=sheet-row][data-staff-no='{person.staff_no}']")
    expect(row).to_contain_text(person.name)
    # Three punched days, one of them 22 minutes late; the other 15 workdays are absent.
    expect(row).to_contain_text("1 次 / 22 分钟")
    expect(row.locator("td").nth(6)).to_have_text("15")
    screenshot(page, "attendance-sheet-hr")

    row.get_by_role("link", name=person.name).click()
    expect(page.locator("[data-testid=month-calendar]")).to_contain_text("08:52")
    screenshot(page, "attendance-person-month-hr")

    page.goto(url(live_server, "attendance:sheet", live_world.site_a.pk, "2026-10"))
    page.locator("[data-testid=close-month]").click()
    expect(page.locator("[data-testid=month-status]")).to_contain_text("已关账")
    assert MonthClose.objects.get(site=live_world.site_a).status == MonthStatus.CLOSED

    phone = new_page(PHONE)
    login(phone, live_server, "staff_a")
    phone.goto(url(live_server, "attendance:my_month") + "?month=2026-10")
    listing = phone.locator("[data-testid=month-list]")
    expect(listing).to_be_visible()
    expect(listing).to_contain_text("08:52")
    summary = phone.locator("[data-testid=month-summary]")
    # October 2026 has 18 working days; the device file covers three of them.
    expect(summary.locator("[data-testid=scheduled]")).to_have_text("18")
    expect(summary.locator("[data-testid=present]")).to_have_text("3")
    expect(summary.locator("[data-testid=absent]")).to_have_text("15")
    assert page_width(phone) <= PHONE["width"]
    screenshot(phone, "attendance-my-month-phone")
