"""Import pages (SPEC §14) for HR admins: upload → preview (a dry run) → confirm → result; the
import templates; and the roster export, for everyone who has a staff list."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from onsite.access import access_for
from onsite.decorators import role_required
from onsite.importkinds import import_kind, import_kinds
from onsite.org.models import Company
from onsite.roles import Role
from staffing.imports.exports import roster_workbook, template_workbook
from staffing.imports.forms import UploadForm
from staffing.imports.services import (
    KINDS,
    ImportReport,
    import_file,
    kind_columns,
)
from staffing.imports.storage import PendingImport, pending_get, pending_save

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pending_or_404(request, token) -> PendingImport:
    pending = pending_get(request=request, token=token)
    if pending is None:
        raise Http404
    return pending


def _preview(request, pending: PendingImport) -> ImportReport:
    """The dry run of the upload, made once: a bad or huge file costs its reading once, not on
    every refresh of the preview page."""
    report = pending.preview
    if report is None:
        with pending.open() as file:
            report = import_file(
                kind=pending.kind,
                file=file,
                user=request.user,
                dry_run=True,
                skip_invalid=pending.skip_invalid,
            )
        pending.save_preview(report)
    return report


@role_required(Role.HR_ADMIN)
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        pending = pending_save(
            request=request,
            file=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            skip_invalid=form.cleaned_data["skip_invalid"],
        )
        _preview(request, pending)
        return redirect("staffing:import_preview", token=pending.token)
    kinds = [
        {
            "key": kind.key,
            "label": kind.label,
            "columns": [c for c in kind_columns(kind.key) if not c.export_only],
            "note": kind.note,
        }
        for kind in import_kinds()
    ]
    return render(request, "staffing/imports/upload.html", {"form": form, "kinds": kinds})


@role_required(Role.HR_ADMIN)
def import_preview(request, token):
    pending = _pending_or_404(request, token)
    if pending.report is not None or not pending.upload.exists():
        return redirect("staffing:import_result", token=pending.token)
    report = _preview(request, pending)
    return render(
        request,
        "staffing/imports/preview.html",
        {"pending": pending, "report": report, "kind_label": import_kind(pending.kind).label},
    )


@role_required(Role.HR_ADMIN)
@require_POST
def import_confirm(request, token):
    pending = _pending_or_404(request, token)
    if pending.claim():
        try:
            with pending.open(pending.running) as file:
                report = import_file(
                    kind=pending.kind,
                    file=file,
                    user=request.user,
                    dry_run=False,
                    skip_invalid=pending.skip_invalid or request.POST.get("skip_invalid") == "1",
                )
        except BaseException:
            pending.release()
            raise
        pending.finish(report)
    return redirect("staffing:import_result", token=pending.token)


@role_required(Role.HR_ADMIN)
def import_result(request, token):
    pending = _pending_or_404(request, token)
    report = pending.report
    if report is None and pending.upload.exists():
        return redirect("staffing:import_preview", token=pending.token)
    return render(
        request,
        "staffing/imports/result.html",
        {"pending": pending, "report": report, "kind_label": import_kind(pending.kind).label},
    )


@role_required(Role.HR_ADMIN)
def import_template(request, kind: str):
    if kind not in KINDS:
        raise Http404
    access = access_for(request.user)
    company = Company.objects.filter(pk__in=access.hr_companies).order_by("name").first()
    company = company or Company.objects.order_by("name").first()
    data = template_workbook(kind=kind, company_name=company.name if company else "外包公司")
    return _xlsx(data, f"onsite-{kind}-template.xlsx")


@role_required(Role.HR_ADMIN, Role.SUPERVISOR, Role.MANAGER)
def roster_export(request):
    full_ids = request.GET.get("full_ids") == "1"
    data = roster_workbook(user=request.user, full_ids=full_ids)
    return _xlsx(data, f"onsite-roster-{timezone.localdate():%Y%m%d}.xlsx")


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # A roster holds personal data: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response
