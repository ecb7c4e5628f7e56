"""My exports: a job's progress page (polled with htmx), its file, and the list of my recent
ones. A job is its asker's alone: anyone else gets 404, and so does its owner once the record it
was made from is out of their scope."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from onsite.exports.models import ExportJob, ExportStatus
from onsite.exports.registry import export_kind
from onsite.exports.services import export_storage
from onsite.pdf import content_disposition

PAGE_SIZE = 25
# How often the progress page asks again while the file is being made.
POLL_SECONDS = 2


def _job(request, pk: int) -> ExportJob:
    return get_object_or_404(ExportJob.objects.visible_to(request.user), pk=pk)


def _may_download(user, job: ExportJob) -> bool:
    kind = export_kind(job.kind)
    return (
        job.status == ExportStatus.DONE
        and bool(job.file)
        and kind is not None
        and (kind.allows(user, job.params))
    )


def _context(request, job: ExportJob) -> dict:
    return {
        "job": job,
        "may_download": _may_download(request.user, job),
        "poll_seconds": POLL_SECONDS,
        "keep_days": settings.EXPORTS_KEEP_DAYS,
    }


def _back_url(user, job: ExportJob) -> str:
    """The page the export was asked for on, to ask again, while it is still the person's."""
    kind = export_kind(job.kind)
    if kind is None or kind.back_url is None or not kind.allows(user, job.params):
        return ""
    return kind.back_url(job.params)


@login_required
def export_list(request):
    jobs = ExportJob.objects.visible_to(request.user).only(
        "pk", "title", "status", "progress", "created_at", "finished_at", "file", "error"
    )
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "exports/list.html", {"page": page, "keep_days": settings.EXPORTS_KEEP_DAYS}
    )


@login_required
def export_detail(request, pk: int):
    job = _job(request, pk)
    context = _context(request, job)
    return render(
        request, "exports/detail.html", {**context, "back_url": _back_url(request.user, job)}
    )


@login_required
def export_status(request, pk: int):
    """The status part of the detail page alone, for htmx to swap in; it stops asking once the
    job is finished."""
    return render(request, "exports/_status.html", _context(request, _job(request, pk)))


@login_required
def export_download(request, pk: int):
    job = _job(request, pk)
    if not _may_download(request.user, job):
        raise Http404
    try:
        handle = export_storage().open(job.file, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=job.content_type or "application/octet-stream")
    # PDFs open in the browser, like the documents printed elsewhere; other files download.
    response["Content-Disposition"] = content_disposition(
        job.filename, inline=job.content_type == "application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Names, absences, pay: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response
