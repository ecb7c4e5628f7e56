"""What the expense page tests share: an e-invoice PDF built like a real one (WeasyPrint, with
Chinese text), and a clock set early in November, before the deadline of October's expenses."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from onsite.pdf import html_to_pdf

# The browser fixtures, for the phone journey of this package (test_expenses_phone.py).
from tests.browser.conftest import browser, live_world, new_page, page, viewport  # noqa: F401
from tests.dates import SHANGHAI

# Before the deadline of October's expenses (the end of 10 November, site time).
ON_TIME = datetime.datetime(2026, 11, 5, 9, 0, tzinfo=SHANGHAI)

EINVOICE = """<html><head><meta charset="utf-8"></head><body style="font-family: 'Noto Sans CJK SC'">
<h1>电子发票（普通发票）</h1>
<p>发票号码{colon}{number}</p><p>开票日期：2026年10月12日</p>
<table><tr><td>项目名称</td><td>金额</td><td>税额</td></tr>
<tr><td>*住宿服务*住宿费</td><td>¥{net}</td><td>¥{tax}</td></tr></table>
<p>价税合计（大写） ⊗肆佰陆拾圆整　（小写）{total}</p>
<p>销售方名称：上海某某酒店管理有限公司</p></body></html>"""


def einvoice_pdf(
    number: str = "24442000000012345678", total: str = "¥460.00", colon: str = "："
) -> bytes:
    return html_to_pdf(
        EINVOICE.format(number=number, total=total, colon=colon, net="433.96", tax="26.04")
    )


def upload(data: bytes, name: str = "发票.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def url(name: str, *args) -> str:
    return reverse(f"staffing:{name}", args=args)


@pytest.fixture
def on_time(monkeypatch):
    """The clock of the pages and services at ON_TIME (the real one may be past the deadline)."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: ON_TIME)
    return ON_TIME
