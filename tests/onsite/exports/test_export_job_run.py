"""export_job_run: the task claims the job before working, records progress, the file or why it
failed; the sweep removes old files and gives up lost jobs."""

from __future__ import annotations

import dataclasses
import datetime
import logging

import pytest
from django.core.files.storage import storages
from django.utils import timezone

from onsite.exports import registry
from onsite.exports.models import ExportJob, ExportStatus
from onsite.exports.services import export_job_run, export_jobs_sweep, export_request
from tests import factories
from tests.onsite.exports.conftest import ECHO


@pytest.fixture
def alice(db):
    return factories.UserFactory(username="alice")


def job_for(user, **params) -> ExportJob:
    job, _new = export_request(
        user=user, kind=ECHO, params={"text": "一月", "who": [user.username], **params}
    )
    return job


def test_a_run_makes_the_file_in_private_storage(echo, alice, settings):
    job = job_for(alice)
    assert export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == (ExportStatus.DONE, 100, "")
    assert job.filename == "回声-一月.txt" and job.content_type == "text/plain"
    assert job.started_at <= job.finished_at
    storage = storages["exports"]
    with storage.open(job.file) as handle:
        assert handle.read() == b"\xe4\xb8\x80\xe6\x9c\x88 for alice"
    assert job.size == storage.size(job.file)
    # Stored under a name of our own, outside MEDIA_ROOT and the static files.
    assert (
        job.file.startswith(f"{job.pk}/") and job.file.endswith(".txt") and "回声" not in job.file
    )
    assert not str(storage.path(job.file)).startswith(str(settings.MEDIA_ROOT))


def test_a_task_run_twice_makes_the_file_once(echo, alice, monkeypatch):
    job = job_for(alice)
    builds = []

    def counting_build(**kwargs):
        builds.append(1)
        return echo.build(**kwargs)

    monkeypatch.setitem(registry._REGISTRY, ECHO, dataclasses.replace(echo, build=counting_build))
    assert export_job_run(job_id=job.pk)
    assert not export_job_run(job_id=job.pk)
    assert builds == [1]
    assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.DONE


def test_a_job_already_running_elsewhere_is_left_alone(echo, alice):
    job = job_for(alice)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, progress=30)
    assert not export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.progress, job.file) == (ExportStatus.RUNNING, 30, "")


def test_a_failure_the_kind_explains_is_recorded_in_its_words(echo, alice):
    job = job_for(alice, fail="told")
    assert not export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error == "这个月的考勤尚未判定，无法导出。"
    assert job.file == "" and job.finished_at is not None


def test_an_unexpected_error_is_recorded_in_chinese_and_logged_not_shown(echo, alice, caplog):
    job = job_for(alice, fail="crash")
    with caplog.at_level(logging.ERROR, logger="onsite.exports.services"):
        assert not export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error == "文件未能生成。请稍后再试；如仍失败，请告知系统管理员。"
    assert "Traceback" not in job.error and "/srv" not in job.error
    assert "secret internals" in caplog.text  # the traceback is in the log for whoever runs it


def test_a_job_whose_scope_was_lost_before_it_ran_fails_saying_why(echo, alice):
    job = job_for(alice)
    ExportJob.objects.filter(pk=job.pk).update(params={"text": "一月", "who": []})
    assert not export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error == "您已无权获取此文件：它已不在您可查看的范围内。"


def test_the_sweep_removes_files_older_than_the_kept_days(echo, alice, settings):
    settings.EXPORTS_KEEP_DAYS = 7
    old, recent = job_for(alice, text="旧"), job_for(alice, text="新")
    for job in (old, recent):
        export_job_run(job_id=job.pk)
    now = timezone.now()
    eight_days_ago = now - datetime.timedelta(days=8)
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=eight_days_ago, finished_at=eight_days_ago
    )
    old_name = ExportJob.objects.get(pk=old.pk).file
    assert export_jobs_sweep(now=now)["removed"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.file == "" and old.file_removed_at == now
    assert not storages["exports"].exists(old_name)
    assert recent.file and storages["exports"].exists(recent.file)
    assert export_jobs_sweep(now=now)["removed"] == 0


def test_the_sweep_gives_up_a_job_lost_with_its_worker(echo, alice):
    job = job_for(alice)
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, started_at=now - datetime.timedelta(hours=2)
    )
    assert export_jobs_sweep(now=now)["given_up"] == 1
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error == "导出在完成前中断了。请重新申请。"


def test_the_sweep_queues_again_a_job_lost_on_the_way_to_the_worker(echo, alice):
    job = job_for(alice)
    ExportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    # Tasks run eagerly in tests: queued again, it is made at once.
    assert export_jobs_sweep()["requeued"] == 1
    assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.DONE
