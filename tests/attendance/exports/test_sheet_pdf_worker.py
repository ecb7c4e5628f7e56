"""The sheet's PDF button end to end: the job goes through Redis to a real Celery worker process,
which renders the PDF into private storage; the person downloads real PDF bytes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onsite.exports.models import ExportJob, ExportStatus
from tests.pdf import pdf_page_count, pdf_text
from tests.workers import wait_for

pytestmark = pytest.mark.worker


@pytest.fixture
def worker(settings, tmp_path, monkeypatch, request):
    """The worker writes where this test's storage reads (tests/conftest.py puts it under
    tmp_path): the worker process takes its settings from the environment."""
    monkeypatch.setenv("EXPORTS_ROOT", str(tmp_path / "exports"))
    return request.getfixturevalue("celery_worker")


# transactional_db first: the data is committed, so the worker process sees it.
def test_a_real_worker_renders_the_sheet_pdf_for_its_owner(
    transactional_db, worker, client, october
):
    client.force_login(october.hr)
    pdf_url = reverse("attendance:sheet_pdf", args=[october.site_a.pk, "2026-10"])
    first = client.post(pdf_url)
    assert first.status_code == 302
    (job,) = ExportJob.objects.all()
    assert first["Location"] == reverse("exports:detail", args=[job.pk])

    job = wait_for(
        lambda: ExportJob.objects.filter(pk=job.pk, status__in=["done", "failed"]).first(),
        timeout=60,
    )
    assert job.status == ExportStatus.DONE, job.error
    assert job.progress == 100 and job.content_type == "application/pdf"

    page = client.get(first["Location"]).content.decode()
    assert reverse("exports:download", args=[job.pk]) in page
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    assert data.startswith(b"%PDF-") and pdf_page_count(data) >= 1
    text = pdf_text(data)
    # In Chinese, the asker's language; HR of the company sees the deduction amount.
    assert "甲机房" in text and "2026年10月" in text
    for expected in ("张三", october.person_a.staff_no, "500.00"):
        assert expected in text, expected

    # Someone else is told nothing of it.
    client.force_login(october.supervisor_a)
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404
