"""Asking for an export, making it (in a Celery task), and removing old files."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import uuid
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from onsite.exports.models import ExportJob, ExportStatus
from onsite.exports.registry import ExportFailed, ExportFile, export_kind

logger = logging.getLogger(__name__)

# A job still "running" this long after it started was lost with its worker (killed, restarted);
# the sweep marks it failed so that its page stops waiting and a new request may be made.
STALE_AFTER = datetime.timedelta(hours=1)
# A job still "queued" this long was lost on the way to the broker; the sweep queues it again.
LOST_AFTER = datetime.timedelta(minutes=10)


def export_storage() -> Storage:
    """The private storage of export files (settings.STORAGES["exports"]): no URL serves it;
    `exports:download` reads it for the owner only."""
    return storages["exports"]


def request_key(kind: str, params: dict) -> str:
    canonical = json.dumps([kind, params], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def export_request(
    *, user: AbstractBaseUser, kind: str, params: dict, reuse_done: bool = False
) -> tuple[ExportJob, bool]:
    """The job for `user`'s request and whether it is new. A new one is queued once the current
    transaction commits; the same request still waiting or running is that job again. With
    `reuse_done`, the same request already made and whose file is still kept is that job too
    (its params then carry whatever version makes the file out of date)."""
    spec = export_kind(kind)
    if spec is None:
        raise ValueError(f"no export kind {kind!r} is registered")
    if not spec.allows(user, params):
        raise PermissionDenied
    key = request_key(kind, params)
    in_flight = ExportJob.objects.in_flight().filter(requested_by=user, request_key=key)
    existing = in_flight.first()
    if existing is not None:
        return existing, False
    if reuse_done:
        made = (
            ExportJob.objects.filter(
                requested_by=user,
                request_key=key,
                status=ExportStatus.DONE,
                file_removed_at__isnull=True,
            )
            .exclude(file="")
            .order_by("-finished_at", "-pk")
            .first()
        )
        if made is not None:
            return made, False
    try:
        # The savepoint keeps the caller's transaction usable when a simultaneous request
        # (a double click) inserted the same job first.
        with transaction.atomic():
            job = ExportJob.objects.create(
                requested_by=user,
                kind=kind,
                params=params,
                request_key=key,
                title=str(spec.title(params))[:200],
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
    except IntegrityError:
        return in_flight.get(), False
    transaction.on_commit(partial(_queue, job.pk))
    return job, True


def _queue(job_id: int) -> None:
    from onsite.exports.tasks import export_job_run_task

    export_job_run_task.delay(job_id)


def export_job_run(*, job_id: int) -> bool:
    """Make the job's file. The job is claimed from "queued" with one UPDATE first, so a task
    delivered twice (a retry, acks_late after a lost connection) makes it once."""
    now = timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, started_at=now, progress=0
    )
    if claimed != 1:
        return False
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    # The file and any message are in the language of the page it was asked from.
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            made = _build(job)
            name = _save(job, made)
        except ExportFailed as failure:
            _fail(job, str(failure.message))
            return False
        except Exception:
            logger.exception("export job %s (%s) failed", job.pk, job.kind)
            _fail(
                job,
                _(
                    "The file could not be made. Please try again later; if it fails again, "
                    "tell the system administrator."
                ),
            )
            return False
    updated = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).update(
        status=ExportStatus.DONE,
        progress=100,
        file=name,
        filename=made.name[:200],
        content_type=made.content_type,
        size=len(made.content),
        finished_at=timezone.now(),
    )
    if updated != 1:
        # The sweep gave the job up meanwhile: the file would belong to nothing.
        export_storage().delete(name)
        return False
    return True


def _build(job: ExportJob) -> ExportFile:
    spec = export_kind(job.kind)
    if spec is None:
        raise ExportFailed(_("This kind of export is no longer offered."))
    if not spec.allows(job.requested_by, job.params):
        raise ExportFailed(_("You may no longer have this file: it is outside what you may see."))
    return spec.build(params=job.params, user=job.requested_by, progress=partial(_progress, job.pk))


def _progress(job_id: int, percent: int) -> None:
    # Committed at once (tasks run outside any transaction): the page reads it as it moves.
    ExportJob.objects.filter(pk=job_id, status=ExportStatus.RUNNING).update(
        progress=max(0, min(99, int(percent)))
    )


def _save(job: ExportJob, made: ExportFile) -> str:
    # A name of our own: the person's file name (Chinese, a site's name) is only the download's.
    suffix = made.name.rpartition(".")[2] if "." in made.name else "bin"
    suffix = "".join(c for c in suffix if c.isascii() and c.isalnum())[:10] or "bin"
    return export_storage().save(f"{job.pk}/{uuid.uuid4().hex}.{suffix}", ContentFile(made.content))


def _fail(job: ExportJob, message: str) -> None:
    ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).update(
        status=ExportStatus.FAILED, error=message, finished_at=timezone.now()
    )


def export_jobs_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Remove files kept longer than EXPORTS_KEEP_DAYS, give up jobs lost with their worker and
    queue again those lost on the way to it. Running it twice changes nothing twice."""
    now = now or timezone.now()
    storage = export_storage()
    removed = 0
    cutoff = now - datetime.timedelta(days=settings.EXPORTS_KEEP_DAYS)
    for pk, name in (
        ExportJob.objects.filter(finished_at__lt=cutoff).exclude(file="").values_list("pk", "file")
    ):
        # Claimed first: of two sweeps at once, one removes the file.
        if ExportJob.objects.filter(pk=pk, file=name).update(file="", file_removed_at=now) == 1:
            storage.delete(name)
            removed += 1
    lost = ExportJob.objects.filter(status=ExportStatus.RUNNING, started_at__lt=now - STALE_AFTER)
    given_up = 0
    for language in set(lost.values_list("language", flat=True)):
        with translation.override(language):
            given_up += lost.filter(language=language).update(
                status=ExportStatus.FAILED,
                error=_("The export was interrupted before it finished. Please ask for it again."),
                finished_at=now,
            )
    requeued = 0
    for pk in ExportJob.objects.filter(
        status=ExportStatus.QUEUED, created_at__lt=now - LOST_AFTER
    ).values_list("pk", flat=True):
        # The run claims the job, so a task that was not lost after all makes it only once.
        _queue(pk)
        requeued += 1
    return {"removed": removed, "given_up": given_up, "requeued": requeued}
