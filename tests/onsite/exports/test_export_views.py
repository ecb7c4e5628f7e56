"""exports:detail, exports:status, exports:download and exports:list: a job is its asker's
alone, its page follows the progress, and its file is served only while in scope."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onsite.exports.models import ExportJob, ExportStatus
from onsite.exports.services import export_job_run, export_request
from tests import factories
from tests.onsite.exports.conftest import ECHO


@pytest.fixture
def alice(db):
    return factories.UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return factories.UserFactory(username="bob")


def job_for(user, text="一月", **params) -> ExportJob:
    job, _new = export_request(
        user=user, kind=ECHO, params={"text": text, "who": [user.username], **params}
    )
    return job


def done_job(user, **params) -> ExportJob:
    job = job_for(user, **params)
    export_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def page(client, name, job):
    return client.get(reverse(f"exports:{name}", args=[job.pk]))


def test_a_queued_job_shows_its_progress_and_polls(client, echo, alice):
    job = job_for(alice)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, progress=40)
    client.force_login(alice)
    response = page(client, "detail", job)
    assert response.status_code == 200
    html = response.content.decode()
    assert "回声 一月" in html
    assert 'aria-valuenow="40"' in html and "40%" in html
    assert f'hx-get="{reverse("exports:status", args=[job.pk])}"' in html
    assert "hx-trigger" in html
    assert "正在生成文件" in html


def test_the_status_part_stops_polling_and_offers_the_file_when_done(client, echo, alice):
    job = done_job(alice)
    client.force_login(alice)
    response = page(client, "status", job)
    html = response.content.decode()
    assert "<html" not in html  # the part alone, for htmx to swap in
    assert "hx-get" not in html and "hx-trigger" not in html
    assert reverse("exports:download", args=[job.pk]) in html
    assert "回声-一月.txt" in html


def test_the_owner_downloads_the_file(client, echo, alice):
    job = done_job(alice)
    client.force_login(alice)
    response = page(client, "download", job)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "一月 for alice".encode()
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"].startswith("attachment;")
    assert quote("回声-一月.txt") in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_another_persons_job_is_not_found_anywhere(client, echo, alice, bob):
    job = done_job(alice)
    superuser = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    for user in (bob, superuser):
        client.force_login(user)
        for name in ("detail", "status", "download"):
            assert page(client, name, job).status_code == 404, (user, name)


def test_after_losing_scope_the_file_is_not_found_and_the_page_says_why(client, echo, alice):
    job = done_job(alice)
    ExportJob.objects.filter(pk=job.pk).update(params={"text": "一月", "who": []})
    client.force_login(alice)
    assert page(client, "download", job).status_code == 404
    html = page(client, "detail", job).content.decode()
    assert "不在您可查看的范围内" in html
    assert reverse("exports:download", args=[job.pk]) not in html


def test_a_removed_file_is_not_found_and_the_page_says_so(client, echo, alice):
    job = done_job(alice)
    ExportJob.objects.filter(pk=job.pk).update(file="", file_removed_at=timezone.now())
    client.force_login(alice)
    assert page(client, "download", job).status_code == 404
    assert "文件保存 7 天后已删除。" in page(client, "detail", job).content.decode()


def test_a_job_not_yet_done_has_nothing_to_download(client, echo, alice):
    job = job_for(alice)
    client.force_login(alice)
    assert page(client, "download", job).status_code == 404


def test_a_failed_job_says_why_in_chinese_without_a_traceback(client, echo, alice):
    job = done_job(alice, fail="crash")
    client.force_login(alice)
    html = page(client, "detail", job).content.decode()
    assert 'data-testid="export-error"' in html
    assert "导出失败。" in html and "请告知系统管理员" in html
    assert "Traceback" not in html and "RuntimeError" not in html
    assert reverse("exports:status", args=[job.pk]) not in html  # no more polling


def test_my_exports_lists_mine_newest_first_in_a_fixed_number_of_queries(
    client, echo, alice, bob, django_assert_num_queries
):
    for text in ("一月", "二月"):
        job_for(alice, text=text)
    job_for(bob, text="鲍勃的")
    client.force_login(alice)
    with CaptureQueriesContext(connection) as few:
        response = client.get(reverse("exports:list"))
    for text in ("三月", "四月", "五月"):
        done_job(alice, text=text)
    with django_assert_num_queries(len(few)):
        client.get(reverse("exports:list"))
    html = response.content.decode()
    assert html.index("回声 二月") < html.index("回声 一月")
    assert "鲍勃的" not in html
    assert "文件保留 7 天后删除。" in html


def test_the_pages_ask_anonymous_people_to_log_in(client, echo, alice):
    job = job_for(alice)
    for name in ("detail", "status", "download"):
        response = page(client, name, job)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
