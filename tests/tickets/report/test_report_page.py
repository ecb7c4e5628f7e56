"""The report page, its XLSX and its PDF made in the background (SPEC §11)."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from onsite.exports.models import ExportJob, ExportStatus
from tests.pdf import pdf_embedded_fonts, pdf_text
from tests.tickets.conftest import raise_ticket


def url(world, name="tickets:report", site=None, month="2026-10"):
    return reverse(name, args=[(site or world.site_a).pk, month])


def test_the_page_shows_the_figures_the_table_and_the_chart_data(client, october):
    world, (_met, late_answer, unanswered, urgent) = october
    client.force_login(world.client_a)
    response = client.get(url(world))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-figure="total">4<' in page
    assert 'data-figure="rating">4.00<' in page
    for ticket in (late_answer, unanswered, urgent):
        assert reverse("tickets:detail", args=[ticket.pk]) in page
    assert "vendor/echarts/echarts.min.js" in page and "tickets/report.js" in page
    start = page.index('id="report-chart-data"')
    data = json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])
    assert len(data["categories"]) == 4
    urgent_series = next(s for s in data["series"] if s["data"][3] == 1)
    assert urgent_series["data"] == [0, 0, 0, 1]


def test_the_page_costs_the_same_queries_however_many_tickets(client, october):
    world, _tickets = october
    client.force_login(world.supervisor_a)
    client.get(url(world))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(world)).status_code == 200
    for _ in range(6):
        raise_ticket(world, category="change")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(world)).status_code == 200
    # Session, user, roles, staff record, the site, the report's three, the unread count.
    assert len(many) == len(few) == 9


def test_a_supervisor_of_another_site_gets_404(client, october):
    world, _tickets = october
    client.force_login(world.supervisor_a)
    assert client.get(url(world, site=world.site_b)).status_code == 404
    client.force_login(world.staff_a)
    assert client.get(url(world)).status_code == 404


def test_the_chooser_leads_to_the_report(client, october):
    world, _tickets = october
    client.force_login(world.hr)
    response = client.get(
        reverse("tickets:report_choose"), {"site": world.site_b.pk, "month": "2026-09"}
    )
    assert response["Location"] == url(world, site=world.site_b, month="2026-09")
    client.force_login(world.client_a)
    chooser = reverse("tickets:report_choose")
    assert client.get(chooser, {"site": world.site_b.pk}).status_code == 404
    assert client.get(chooser, {"month": "2026-13"}).status_code == 404


def test_the_xlsx_download(client, october):
    world, _tickets = october
    client.force_login(world.manager)
    response = client.get(url(world, "tickets:report_xlsx"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.worksheets[1].max_row == 5


@pytest.fixture
def pdf_of(django_capture_on_commit_callbacks):
    def get(client, world) -> bytes:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url(world, "tickets:report_pdf"))
        assert response.status_code == 302
        job = ExportJob.objects.latest("pk")
        assert response["Location"] == reverse("exports:detail", args=[job.pk])
        assert job.status == ExportStatus.DONE, job.error
        download = client.get(reverse("exports:download", args=[job.pk]))
        assert download["Content-Type"] == "application/pdf"
        return b"".join(download.streaming_content)

    return get


def test_the_pdf_is_made_in_the_background_in_chinese(client, october, pdf_of):
    world, _tickets = october
    client.force_login(world.client_a)
    data = pdf_of(client, world)
    text = pdf_text(data)
    assert "甲机房" in text and "打印机" in text
    assert "A-0002" in text  # the late answer among the breaches
    assert any("CJK" in name for name in pdf_embedded_fonts(data))
    # Nobody else may fetch it.
    job = ExportJob.objects.latest("pk")
    client.force_login(world.supervisor_a)
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404


def test_echarts_is_served_from_our_own_static_files():
    found = finders.find("vendor/echarts/echarts.min.js")
    assert found and "node_modules" in str(found)
    assert finders.find("tickets/report.js")
