"""The e-invoice reader behind the line form's script: a posted e-invoice PDF answers its number
and amount as JSON; no file, a file of another type, a scan or garbage answer a clear error."""

from __future__ import annotations

import pytest

from onsite.pdf import html_to_pdf
from tests.staffing.expenses.views.conftest import einvoice_pdf, upload, url

pytestmark = pytest.mark.django_db


def test_an_einvoice_answers_its_number_and_amount(client, world):
    client.force_login(world.staff_a)
    response = client.post(url("invoice_read"), {"invoice_file": upload(einvoice_pdf())})
    assert response.status_code == 200
    assert response.json() == {"number": "24442000000012345678", "amount": "460.00"}


def test_the_line_form_carries_the_reader_and_its_script(client, world):
    client.force_login(world.staff_a)
    page = client.get(url("claims_mine")).content.decode()
    assert f'data-invoice-read="{url("invoice_read")}"' in page
    assert "staffing/expenses" in page and ".js" in page
    assert "<script>" not in page  # no inline script: the CSP allows none


@pytest.mark.parametrize(
    ("files", "status", "says"),
    [
        ({}, 400, "请选择电子发票PDF文件"),
        ({"invoice_file": upload(b"\x89PNG\r\n\x1a\n....", "发票.png")}, 400, "png"),
        ({"invoice_file": upload(b"MZ\x90 not a pdf")}, 400, "不是PDF格式"),
        ({"invoice_file": upload(b"%PDF-1.7 garbage" * 20)}, 422, "未能从此文件读取"),
    ],
    ids=["no-file", "image", "renamed", "garbage"],
)
def test_anything_else_answers_a_clear_error(client, world, files, status, says):
    client.force_login(world.staff_a)
    response = client.post(url("invoice_read"), files)
    assert response.status_code == status
    assert says in response.json()["error"]


def test_a_scan_answers_that_nothing_was_read(client, world):
    scan = html_to_pdf('<html><body><div style="height:300px;background:#ccc"></div></body></html>')
    client.force_login(world.staff_a)
    response = client.post(url("invoice_read"), {"invoice_file": upload(scan)})
    assert response.status_code == 422 and "请手动填写" in response.json()["error"]


def test_someone_without_a_staff_record_is_refused(client, world):
    client.force_login(world.finance)
    response = client.post(url("invoice_read"), {"invoice_file": upload(einvoice_pdf())})
    assert response.status_code == 403
