"""Background exports in a browser: the sheet's PDF button leads to the job's page, whose
progress follows the job by itself (htmx) until it offers the file; "My exports" lists it.
At 1280 px and on a 360 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from onsite.exports.models import ExportJob, ExportStatus
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_pdf_button_leads_to_a_page_that_follows_the_job_until_the_file_is_ready(
    new_page, live_server, live_world, viewport
):
    page = new_page(viewport)
    name = "desktop" if viewport is DESKTOP else "phone"
    login(page, live_server, "supervisor_a")
    page.goto(url(live_server, "attendance:sheet", live_world.site_a.pk, "2026-10"))
    screenshot(page, f"export-sheet-{name}")
    # Tasks run eagerly beside the test server: the PDF is made before the job's page opens,
    # which on a busy machine takes longer than a page usually may.
    with page.expect_navigation(url="**/exports/*/", timeout=60_000):
        page.locator("[data-testid=sheet-pdf]").click(no_wait_after=True)
    job = ExportJob.objects.get()
    expect(page).to_have_url(url(live_server, "exports:detail", job.pk))
    download = page.locator("[data-testid=export-download]")
    expect(download).to_be_visible()
    assert page_width(page) <= viewport["width"]
    screenshot(page, f"export-done-{name}")
    response = page.request.get(live_server.url + download.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF-")

    # A job still being made: the bar moves as the job does, and the file appears without a reload.
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, progress=40, file="")
    page.reload()
    status = page.locator("[data-testid=export-status]")
    expect(status.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "40")
    assert page_width(page) <= viewport["width"]
    screenshot(page, f"export-running-{name}")
    ExportJob.objects.filter(pk=job.pk).update(progress=80)
    expect(status.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "80")
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.FAILED, error="驻场地点已不存在。"
    )
    expect(page.locator("[data-testid=export-error]")).to_contain_text("驻场地点已不存在。")
    # It failed: the way back to the sheet, to ask again.
    expect(page.locator("[data-testid=export-back]")).to_have_attribute(
        "href", f"/attendance/sheets/{live_world.site_a.pk}/2026-10/"
    )
    screenshot(page, f"export-failed-{name}")

    page.goto(url(live_server, "exports:list"))
    expect(page.locator("[data-testid=export-row]")).to_have_count(1)
    expect(page.locator("[data-testid=export-row]")).to_contain_text("甲机房")
    assert page_width(page) <= viewport["width"]
    screenshot(page, f"export-list-{name}")
