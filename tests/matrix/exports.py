"""My exports: everyone signed in has a list (of their own); a job, its progress and its file
are its asker's alone, and the file only while its site is in their scope."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from onsite.exports.models import ExportJob, ExportStatus
from onsite.exports.services import request_key
from tests.conftest import World
from tests.matrix import Row, statuses

SHEET_PDF = "attendance.sheet_pdf"


def job_of_supervisor_a(site: str):
    """A finished sheet PDF of supervisor_a, for site A (in scope) or B (never, or no longer)."""

    def make(w: World) -> list:
        params = {"site": getattr(w, f"site_{site}").pk, "month": "2026-10"}
        name = storages["exports"].save("matrix/sheet.pdf", ContentFile(b"%PDF-1.7 matrix"))
        job = ExportJob.objects.create(
            requested_by=w.supervisor_a,
            kind=SHEET_PDF,
            params=params,
            request_key=request_key(SHEET_PDF, params),
            title="甲机房 · 2026-10 考勤表（PDF）",
            status=ExportStatus.DONE,
            progress=100,
            file=name,
            filename="考勤表.pdf",
            content_type="application/pdf",
        )
        return [job.pk]

    return make


# Only the asker; the other supervisor of site A (钱军) included, who sees the same site.
OWNER_ONLY = statuses(404, supervisor_a=200, supervisor_staff=404)

ROWS = [
    Row("exports:list", statuses(200)),
    Row("exports:detail", OWNER_ONLY, args=job_of_supervisor_a("a"), label="exports:detail A"),
    Row("exports:status", OWNER_ONLY, args=job_of_supervisor_a("a"), label="exports:status A"),
    Row("exports:download", OWNER_ONLY, args=job_of_supervisor_a("a"), label="exports:download A"),
    # Its page still opens for the asker, saying why; the file does not.
    Row(
        "exports:detail",
        OWNER_ONLY,
        args=job_of_supervisor_a("b"),
        label="exports:detail B (out of scope)",
    ),
    Row(
        "exports:download",
        statuses(404),
        args=job_of_supervisor_a("b"),
        label="exports:download B (out of scope)",
    ),
]
