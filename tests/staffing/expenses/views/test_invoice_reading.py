"""Reading an e-invoice PDF (staffing/services/invoices.py): the number and the total of PDFs
made like real e-invoices, with Chinese text; nothing from a scan, garbage or a broken file."""

from __future__ import annotations

from decimal import Decimal

import pytest

from onsite.pdf import html_to_pdf
from staffing.services import invoices
from staffing.services.invoices import invoice_parse, invoice_read, invoice_text
from tests.staffing.expenses.views.conftest import einvoice_pdf, upload


def test_a_digital_einvoice_gives_its_20_digit_number_and_total():
    reading = invoice_read(upload(einvoice_pdf()))
    assert reading.number == "24442000000012345678"
    assert reading.amount == Decimal("460.00")


def test_an_older_einvoice_with_8_digits_and_a_half_width_colon():
    reading = invoice_read(upload(einvoice_pdf(number="04410012", colon=": ", total="￥1,280.50")))
    assert (reading.number, reading.amount) == ("04410012", Decimal("1280.50"))


def test_full_width_digits_spaces_and_a_label_without_brackets_are_read():
    text = "发票号码　：　２４４４２０００００００１２３４５６７８\n合计 小写 ¥ 88.00"
    reading = invoice_parse(text)
    assert (reading.number, reading.amount) == ("24442000000012345678", Decimal("88.00"))


def test_a_number_of_the_wrong_length_is_not_taken():
    assert invoice_parse("发票号码：123456789\n（小写）¥10.00").number == ""


def test_a_scanned_invoice_without_text_gives_nothing():
    scan = html_to_pdf(
        '<html><body><div style="width:200px;height:300px;background:#ccc"></div></body></html>'
    )
    assert invoice_text(scan).strip() == ""
    assert not invoice_read(upload(scan)).found


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n\x00\xff garbage that is no PDF at all" * 10,
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
        b"not a pdf",
        b"",
    ],
    ids=["garbage", "broken", "not-pdf", "empty"],
)
def test_garbage_or_a_broken_pdf_gives_nothing_and_never_raises(data):
    assert invoice_read(upload(data)) == invoices.NOTHING


def test_a_file_over_the_size_limit_is_not_opened(monkeypatch):
    monkeypatch.setattr(invoices, "MAX_BYTES", 1000)
    assert not invoice_read(upload(einvoice_pdf())).found


def test_only_the_first_pages_are_read(monkeypatch):
    # Three pages, the invoice on the last: with a limit of two pages it is not read.
    html = (
        "<html><body style=\"font-family: 'Noto Sans CJK SC'\">"
        '<p style="break-after: page">附件一</p><p style="break-after: page">附件二</p>'
        "<p>发票号码：04410012</p><p>（小写）¥10.00</p></body></html>"
    )
    data = html_to_pdf(html)
    assert invoice_read(upload(data)).number == "04410012"
    monkeypatch.setattr(invoices, "MAX_PAGES", 2)
    assert not invoice_read(upload(data)).found
