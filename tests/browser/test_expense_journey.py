"""Expenses in a browser (SPEC §10): 张三 (staff_a) asks for a business trip on a 360 px phone and
the manager approves it at a desk; during the trip he records two lines on the phone — a night's
lodging over the ¥400 cap with a justification, and a train ticket from an e-invoice PDF whose
number and amount the page reads — and submits; the supervisor signs on a phone; finance sees the
over-cap line highlighted, approves and pays at 1280 px and downloads the payment list. axe checks
every page."""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from onsite.pdf import html_to_pdf
from staffing.models import Claim, ClaimStatus, ExpenseLine, Trip, TripStatus
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tests.factories import BankAccountFactory

INVOICE_NUMBER = "24442000000012345678"
EINVOICE = f"""<html><head><meta charset="utf-8"></head>
<body style="font-family: 'Noto Sans CJK SC'"><h1>电子发票（普通发票）</h1>
<p>发票号码：{INVOICE_NUMBER}</p><p>*运输服务*铁路旅客运输</p>
<p>价税合计（大写）贰佰叁拾元伍角整（小写）¥230.50</p></body></html>"""


def test_a_trip_two_lines_a_signature_and_a_payment(new_page, live_server, live_world):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    BankAccountFactory(staff=live_world.person_a, account_number="6222020200001234567")

    # On the phone: the trip.
    phone = new_page(PHONE)
    login(phone, live_server, "staff_a")
    phone.goto(url(live_server, "staffing:trips"))
    phone.locator("[data-testid=new-trip]").click()
    phone.fill("#id_destination", "上海")
    phone.fill("#id_start", yesterday.isoformat())
    phone.fill("#id_end", (today + datetime.timedelta(days=2)).isoformat())
    phone.fill("#id_purpose", "支援上海机房迁移")
    phone.fill("#id_estimated_cost", "3000")
    phone.locator("[data-testid=trip-form] button[type=submit]").click()
    expect(phone.locator(".alert-success")).to_be_visible()
    assert page_width(phone) <= PHONE["width"]
    trip = Trip.objects.get()

    desk = new_page(DESKTOP)
    login(desk, live_server, "manager")
    desk.goto(url(live_server, "staffing:trip_detail", trip.pk))
    desk.locator("[data-testid=decision-form] [data-action=approve]").click()
    expect(desk.locator(".alert-success")).to_be_visible()
    trip.refresh_from_db()
    assert trip.status == TripStatus.APPROVED

    # On the phone: a night's lodging over the cap, refused without a justification.
    phone.goto(url(live_server, "staffing:claims_mine"))
    form = phone.locator("[data-testid=line-form]")
    form.locator("#id_date").fill(yesterday.isoformat())
    form.locator("#id_category").select_option("lodging")
    form.locator("#id_amount").fill("450.00")
    form.locator("#id_invoice_no").fill("04400000001")
    form.locator("#id_trip").select_option(str(trip.pk))
    form.locator("button[type=submit]").click()
    expect(phone.locator("[data-testid=refused]")).to_contain_text("¥400.00")
    form = phone.locator("[data-testid=line-form]")
    form.locator("#id_justification").fill("会议酒店，附近无标准内酒店")
    form.locator("button[type=submit]").click()
    expect(phone.locator("[data-testid=lines]")).to_contain_text("¥450.00")

    # The train ticket: the e-invoice's number and amount are read and filled in.
    form = phone.locator("[data-testid=line-form]")
    form.locator("#id_date").fill(today.isoformat())
    form.locator("#id_category").select_option("transport")
    form.locator("#id_away").check()
    form.locator("#id_trip").select_option(str(trip.pk))
    form.locator("#id_invoice_file").set_input_files(
        files=[
            {"name": "火车票.pdf", "mimeType": "application/pdf", "buffer": html_to_pdf(EINVOICE)}
        ]
    )
    expect(form.locator("#id_invoice_no")).to_have_value(INVOICE_NUMBER)
    expect(form.locator("#id_amount")).to_have_value("230.50")
    form.locator("button[type=submit]").click()
    expect(phone.locator("[data-testid=lines]")).to_contain_text("¥230.50")
    expect(phone.locator("[data-testid=total]")).to_contain_text("¥680.50")
    assert page_width(phone) <= PHONE["width"]
    screenshot(phone, "expenses-draft-360")
    phone.locator("[data-testid=submit]").click()
    expect(phone.locator(".alert-success")).to_be_visible()
    claim = Claim.objects.get()
    assert (claim.status, claim.late) == (ClaimStatus.SUBMITTED, False)
    assert ExpenseLine.objects.get(category="transport").invoice_file

    # The supervisor signs on a phone.
    signer = new_page(PHONE)
    login(signer, live_server, "supervisor_a")
    signer.goto(url(live_server, "staffing:claim_detail", claim.pk))
    expect(signer.locator("[data-testid=over-cap]").first).to_be_visible()
    signer.locator("[data-testid=review] [data-action=sign] button[type=submit]").click()
    expect(signer.locator(".alert-success")).to_be_visible()
    assert page_width(signer) <= PHONE["width"]
    screenshot(signer, "expenses-signed-360")

    # Finance approves and pays at a desk, then downloads the payment list.
    finance = new_page(DESKTOP)
    login(finance, live_server, "finance")
    finance.goto(url(live_server, "staffing:finance_claims"))
    expect(finance.locator(f"[data-claim='{claim.pk}'] [data-testid=over-cap]")).to_be_visible()
    finance.goto(url(live_server, "staffing:claim_detail", claim.pk))
    expect(finance.locator("[data-testid=over-cap]").first).to_contain_text("¥400.00")
    finance.locator("[data-testid=review] [data-action=approve] button[type=submit]").click()
    expect(finance.locator(".alert-success")).to_be_visible()
    finance.goto(url(live_server, "staffing:finance_claims"))
    finance.locator(f"#pay-{claim.pk}").check()
    finance.fill("#paid-on", today.isoformat())
    finance.fill("#reference", "网银20261206")
    with finance.expect_download() as download:
        finance.locator("[data-testid=payment-list]").click()
    # The download is kept under a name without an extension, which openpyxl will not open.
    with open(download.value.path(), "rb") as saved:
        sheet = load_workbook(io.BytesIO(saved.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert any("张三" in row and "6222020200001234567" in row for row in rows), rows
    finance.locator("[data-testid=pay-selected] button[type=submit]").click()
    expect(finance.locator(".alert-success")).to_be_visible()
    screenshot(finance, "expenses-paid-1280")
    claim.refresh_from_db()
    assert (claim.status, claim.payment_reference) == (ClaimStatus.PAID, "网银20261206")

    phone.goto(url(live_server, "staffing:claim_detail", claim.pk))
    expect(phone.locator("[data-testid=status]")).to_contain_text("已付款")
    # People's names, never logins, in the history.
    expect(phone.locator("[data-testid=history]")).to_contain_text("张三")
    assert page_width(phone) <= PHONE["width"]
