"""At 360 px, with no sideways scrolling: a person picks an e-invoice PDF on 我的报销, the page's
script fills in its number and amount, the person adds the date and category and saves the line,
submits the claim and reads it; they ask for a business trip on the same phone. Headless
Chromium, as in tests/browser (marked `browser`)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from staffing.models import Claim, ExpenseLine, Trip
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tests.dates import MONDAY
from tests.staffing.expenses.views.conftest import einvoice_pdf

pytestmark = pytest.mark.browser


def test_an_einvoice_fills_the_line_and_the_claim_is_submitted_on_a_phone(
    new_page, live_server, live_world, tmp_path
):
    invoice = tmp_path / "电子发票.pdf"
    invoice.write_bytes(einvoice_pdf(total="¥86.00"))
    staff = new_page(PHONE)
    login(staff, live_server, "staff_a")
    staff.goto(url(live_server, "staffing:claims_mine"))
    assert page_width(staff) <= PHONE["width"]
    staff.set_input_files("#id_invoice_file", str(invoice))
    expect(staff.locator("#id_invoice_no")).to_have_value("24442000000012345678")
    expect(staff.locator("#id_amount")).to_have_value("86.00")
    expect(staff.locator("[data-invoice-status]")).to_contain_text("请核对")
    staff.fill("#id_date", MONDAY.isoformat())
    staff.select_option("#id_category", "meals")
    staff.fill("#id_justification", "客户加班晚餐")
    screenshot(staff, "expenses-line-form-360")
    staff.locator("[data-testid=line-form] button[type=submit]").click()
    expect(staff.locator("[data-testid=lines] [data-line]")).to_have_count(1)
    line = ExpenseLine.objects.get()
    assert (line.invoice_no, str(line.amount)) == ("24442000000012345678", "86.00")
    assert page_width(staff) <= PHONE["width"]
    screenshot(staff, "expenses-mine-360")
    staff.locator("[data-testid=submit]").click()
    expect(staff.locator("[data-testid=status]")).to_be_visible()
    assert Claim.objects.get().status == "submitted"
    assert page_width(staff) <= PHONE["width"]
    screenshot(staff, "expenses-claim-360")

    supervisor = new_page(DESKTOP)
    login(supervisor, live_server, "supervisor_a")
    supervisor.goto(staff.url)
    expect(supervisor.locator("[data-testid=lines]")).to_contain_text("¥86.00")
    screenshot(supervisor, "expenses-claim-1280")


def test_a_trip_is_asked_for_on_a_phone(new_page, live_server, live_world):
    staff = new_page(PHONE)
    login(staff, live_server, "staff_a")
    staff.goto(url(live_server, "staffing:trip_new"))
    staff.fill("#id_destination", "上海")
    staff.fill("#id_start", "2026-10-12")
    staff.fill("#id_end", "2026-10-14")
    staff.fill("#id_purpose", "机房迁移支持")
    staff.fill("#id_estimated_cost", "3000")
    assert page_width(staff) <= PHONE["width"]
    screenshot(staff, "expenses-trip-new-360")
    staff.locator("[data-testid=trip-form] button[type=submit]").click()
    expect(staff.locator("[data-testid=status]")).to_contain_text("待审批")
    assert Trip.objects.get().destination == "上海"
    assert page_width(staff) <= PHONE["width"]
