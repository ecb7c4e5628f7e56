"""The import pages in headless Chromium, on a desktop and a 360 px phone: upload a file with a
bad row, read the preview, import the good rows, read the result. Screenshots go to
tests/output/screenshots/import-*.png for a person to look at."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from onsite.org.models import Staff
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url

# Marked as tests/browser/ marks its own, so that `pytest -m "not browser"` skips it too.
pytestmark = pytest.mark.browser

CSV = (
    "工号,姓名,性别,出生日期,身份证号,手机号,外包公司,岗位,月薪,已审查\n"
    "H001,王芳,女,1992-04-18,310104199204180010,13800138000,恒信技术服务,网络管理员,6500,是\n"
    "H002,陈明,男,1990-03-07,110101199003071234,1380013800,恒信技术服务,网络管理员,6500,否\n"
    "H003,刘洋,男,1990-13-01,,,别家公司,网络管理员,-1,也许\n"
)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_upload_preview_and_import_the_good_rows(
    new_page, live_server, live_world, viewport, tmp_path
):
    size = "desktop" if viewport == DESKTOP else "phone"
    path = tmp_path / "员工.csv"
    path.write_text(CSV, encoding="utf-8")
    page = new_page(viewport)
    login(page, live_server, "hr")
    page.goto(url(live_server, "staffing:import_upload"))
    page.select_option("#id_kind", "staff")
    page.set_input_files("#id_file", str(path))
    screenshot(page, f"import-upload-{size}")
    assert page_width(page) <= viewport["width"]
    page.locator("[data-testid=upload-form] button").click()

    expect(page.locator("[data-testid=errors]")).to_be_visible()
    assert page.locator("[data-testid=errors] tbody tr").count() == 6
    expect(page.locator("[data-testid=count-new]")).to_have_text("1")
    expect(page.locator("[data-testid=count-invalid]")).to_have_text("2")
    screenshot(page, f"import-preview-{size}")
    assert page_width(page) <= viewport["width"]
    assert not Staff.objects.filter(staff_no="H001").exists()

    page.locator("[data-testid=confirm]").click()
    expect(page.locator("[data-testid=outcome]")).to_be_visible()
    screenshot(page, f"import-result-{size}")
    assert page_width(page) <= viewport["width"]
    assert Staff.objects.filter(staff_no="H001").exists()
    assert not Staff.objects.filter(staff_no="H002").exists()
