"""The batch of assessment sheets of a site as one PDF (SPEC §12), made by an export job: its build
makes a real PDF (a page per person ranked at the site, names and grades in the embedded CJK font);
asked again, the file already made is served until a score, a result or the cycle changes; only
those who read the site's results may have it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from assessment.exports.jobs import SHEETS_PDF, scores_version, sheets_pdf_params
from assessment.models import Result, Score
from assessment.services import cycles
from onsite.exports.models import ExportJob, ExportStatus
from onsite.exports.services import export_job_run, export_request, export_storage
from tests.assessment.pages.test_results_pages import scored
from tests.pdf import pdf_embedded_fonts, pdf_page_count, pdf_text

pytestmark = pytest.mark.django_db


def ask(client, cycle, site):
    response = client.post(reverse("assessment:results_pdf", args=[cycle.pk, site.pk]))
    assert response.status_code == 302
    job = ExportJob.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))
    assert response.url == reverse("exports:detail", args=[job.pk])
    return job


def made(job) -> bytes:
    assert export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    with export_storage().open(job.file) as handle:
        return handle.read()


def test_the_job_makes_the_sites_sheets_as_one_pdf(client, world):
    cycle, _third, _low = scored(world)
    client.force_login(world.supervisor_a)
    job = ask(client, cycle, world.site_a)
    assert job.kind == SHEETS_PDF and job.title == "甲机房 · 2026Q3 考核表（PDF）"
    pdf = made(job)
    assert pdf.startswith(b"%PDF")
    people = Result.objects.filter(cycle=cycle, site=world.site_a).count()
    assert people == 3 and pdf_page_count(pdf) == people
    text = pdf_text(pdf)
    for words in ("考核表", "张三", "王五", "赵六", "优秀", "不合格", "建议调岗"):
        assert words in text, words
    assert "李四" not in text
    assert any("CJK" in name for name in pdf_embedded_fonts(pdf))
    job.refresh_from_db()
    assert job.filename == "考核表-A-2026Q3.pdf" and job.content_type == "application/pdf"


def test_asking_again_is_served_the_same_file_until_a_score_changes(client, world):
    cycle, third, _low = scored(world)
    client.force_login(world.hr)
    first = ask(client, cycle, world.site_a)
    # Asked again while it is being made: the same job.
    assert ask(client, cycle, world.site_a) == first
    made(first)
    # Made: asked again, the same job and its file; nothing is made again.
    again = ask(client, cycle, world.site_a)
    assert again == first and ExportJob.objects.count() == 1
    # A score changes (an upheld appeal writes one into the closed cycle): a new file.
    score = Score.objects.filter(cycle=cycle, staff=third).first()
    score.score = 75
    score.save()
    changed = ask(client, cycle, world.site_a)
    assert changed != first and changed.status == ExportStatus.QUEUED
    made(changed)
    assert ask(client, cycle, world.site_a) == changed


def test_reopening_and_closing_again_makes_a_new_file(client, world):
    cycle, _third, _low = scored(world)
    client.force_login(world.hr)
    first = ask(client, cycle, world.site_a)
    made(first)
    before = scores_version(cycle)
    cycles.cycle_reopen(cycle=cycle, by=world.hr, reason="补录分数")
    cycle.refresh_from_db()
    assert scores_version(cycle) != before
    # While it is open again the sheets are refused, with a message on the results page.
    response = client.post(
        reverse("assessment:results_pdf", args=[cycle.pk, world.site_a.pk]), follow=True
    )
    assert "考核周期关闭后才能打印考核表" in response.content.decode()
    assert ExportJob.objects.count() == 1
    cycles.cycle_close(cycle=cycle, by=world.hr)
    cycle.refresh_from_db()
    assert ask(client, cycle, world.site_a) != first


def test_a_file_removed_by_the_sweep_is_made_again(client, world):
    cycle, _third, _low = scored(world)
    client.force_login(world.hr)
    first = ask(client, cycle, world.site_a)
    made(first)
    ExportJob.objects.filter(pk=first.pk).update(file="", file_removed_at=first.finished_at)
    assert ask(client, cycle, world.site_a) != first


def test_only_readers_of_the_sites_results_may_have_it(world):
    cycle, _third, _low = scored(world)
    params = sheets_pdf_params(cycle=cycle, site=world.site_a)
    for user in (world.staff_a, world.finance, world.client_a):
        with pytest.raises(PermissionDenied):
            export_request(user=user, kind=SHEETS_PDF, params=params, reuse_done=True)
    _job, new = export_request(user=world.manager, kind=SHEETS_PDF, params=params, reuse_done=True)
    assert new


def test_a_site_with_nobody_ranked_fails_with_a_message(world):
    cycle, _third, _low = scored(world)
    Result.objects.filter(cycle=cycle, site=world.site_b).delete()
    job, _new = export_request(
        user=world.hr,
        kind=SHEETS_PDF,
        params=sheets_pdf_params(cycle=cycle, site=world.site_b),
    )
    assert not export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "没有参与排名" in job.error
