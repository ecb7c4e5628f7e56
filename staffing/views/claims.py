"""A person's expenses and the claim's own page (SPEC §10): 我的报销 (the open draft with its lines
and a form to add one, the earlier claims with their status), adding, changing and removing a
line while the claim is editable, the invoice file, reading an e-invoice PDF for the line form's
script, submitting; and the claim's page that every reviewer reads, over-cap lines highlighted.

Each view loads its claim through `Claim.objects.visible_to` (outside: 404); only the claimant
changes a claim (403 for anyone else who sees it); the services decide."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onsite.audit import history_entries
from onsite.periods import add_months
from onsite.transitions import Refused
from onsite.uploads import UploadValidator
from onsite.viewhelpers import own_staff, page_of, refused
from onsite.workflows import workflow_for
from staffing import permissions as rules
from staffing.forms.expenses import LineForm
from staffing.models import Claim, ClaimStatus, ExpenseLine
from staffing.selectors import expenses as read
from staffing.services import expenses as services
from staffing.services.invoices import invoice_read as read_invoice

# The type an invoice file was checked as when uploaded (its name's, matching its first bytes).
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
PDF_ONLY = UploadValidator(("pdf",))


def claim_for(request, pk: int) -> Claim:
    """A claim the reader sees, with its person and site (else 404)."""
    return get_object_or_404(
        Claim.objects.visible_to(request.user).select_related("staff", "site"), pk=pk
    )


def _lines(claim: Claim) -> list[ExpenseLine]:
    return list(claim.lines.select_related("trip").order_by("date", "pk"))


def _line(request, pk: int) -> ExpenseLine:
    """A line of a claim the reader sees (else 404)."""
    return get_object_or_404(
        ExpenseLine.objects.filter(
            claim__in=Claim.objects.visible_to(request.user).values("pk")
        ).select_related("claim__staff", "claim__site", "trip"),
        pk=pk,
    )


def _own_line(request, pk: int) -> ExpenseLine:
    line = _line(request, pk)
    if not rules.owns_claim(request.user, line.claim):
        raise PermissionDenied
    return line


def _back(claim: Claim):
    if claim.status == ClaimStatus.DRAFT:
        return redirect("staffing:claims_mine")
    return redirect("staffing:claim_detail", claim.pk)


def _deadlines(lines, *, staff, site) -> datetime.date | None:
    """Marks each draft line of last month with the last day to claim it (site time) and each
    line already past its deadline as late; the last day of last month's expenses."""
    today = read.site_today(site)
    last_month = add_months(today.replace(day=1), -1)
    deadline = read.claim_deadline(month=last_month, company_id=staff.company_id, site=site)
    last_day = (deadline - datetime.timedelta(days=1)).date()
    passed = timezone.now() >= deadline
    for line in lines:
        month = line.date.replace(day=1)
        line.due = last_day if month == last_month and not passed else None
        line.late = month < last_month or (month == last_month and passed)
    return last_day


# 我的报销 -----------------------------------------------------------------------------------------


@login_required
@require_GET
def claims_mine(request):
    staff = own_staff(request)
    draft = Claim.objects.filter(staff=staff, status=ClaimStatus.DRAFT).first()
    lines = _lines(draft) if draft else []
    site = read.current_site(staff)
    last_day = _deadlines(lines, staff=staff, site=site)
    earlier = page_of(
        request,
        Claim.objects.filter(staff=staff)
        .exclude(status=ClaimStatus.DRAFT)
        .order_by("-submitted_at", "-pk"),
    )
    return render(
        request,
        "staffing/expenses/claims_mine.html",
        {
            "draft": draft,
            "lines": lines,
            "any_late": any(line.late for line in lines),
            "any_due": any(line.due for line in lines),
            "last_day": last_day,
            "zone": read.zone_of(site),
            "form": LineForm(staff=staff),
            "page": earlier,
        },
    )


# The claim's page ---------------------------------------------------------------------------------


@login_required
@require_GET
def claim_detail(request, pk: int):
    claim = claim_for(request, pk)
    user = request.user
    lines = _lines(claim)
    editable = claim.is_editable and rules.owns_claim(user, claim)
    return render(
        request,
        "staffing/expenses/claim_detail.html",
        {
            "claim": claim,
            "lines": lines,
            "editable": editable,
            "form": LineForm(staff=claim.staff) if editable else None,
            "actions": workflow_for("claim").actions_for(user, claim),
            "may_pay": claim.status == ClaimStatus.APPROVED and rules.may_review_claim(user, claim),
            "history": history_entries(claim),
        },
    )


# Lines --------------------------------------------------------------------------------------------


def _target(request, staff) -> Claim | None:
    """The returned claim a line is added to (posted as `claim`), or None: the draft."""
    raw = request.POST.get("claim") or request.GET.get("claim") or ""
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) < 10):
        raise Http404
    claim = get_object_or_404(Claim.objects.filter(staff=staff), pk=int(raw))
    return None if claim.status == ClaimStatus.DRAFT else claim


def _line_fields(request, form: LineForm) -> dict:
    """The form's values for the services; an e-invoice PDF gives its number when none is typed."""
    data = dict(form.cleaned_data)
    upload = data.get("invoice_file")
    if not data["invoice_no"] and upload and PurePath(upload.name).suffix.lower() == ".pdf":
        number = read_invoice(upload).number
        if number:
            data["invoice_no"] = number
            messages.info(
                request,
                _("Invoice number %(number)s is read from the e-invoice.") % {"number": number},
            )
    return data


def _refuse(form, refusal: Refused) -> None:
    for message in refusal.messages:
        form.add_error(None, message)


@login_required
def line_add(request):
    staff = own_staff(request)
    claim = _target(request, staff)
    form = LineForm(request.POST or None, request.FILES or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            line = services.line_add(
                staff=staff, by=request.user, claim=claim, **_line_fields(request, form)
            )
        except Refused as refusal:
            _refuse(form, refusal)
        else:
            messages.success(request, _("The expense is added."))
            return _back(line.claim)
    return render(
        request, "staffing/expenses/line_form.html", {"form": form, "claim": claim, "line": None}
    )


@login_required
def line_edit(request, pk: int):
    line = _own_line(request, pk)
    claim = line.claim
    if not claim.is_editable:
        messages.error(
            request,
            _("This claim is “%(status)s”: its lines are not changed any more.")
            % {"status": claim.get_status_display()},
        )
        return redirect("staffing:claim_detail", claim.pk)
    form = LineForm(
        request.POST or None,
        request.FILES or None,
        staff=claim.staff,
        initial=LineForm.initial_for(line),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.line_update(line=line, by=request.user, **_line_fields(request, form))
        except Refused as refusal:
            _refuse(form, refusal)
        else:
            messages.success(request, _("The expense is saved."))
            return _back(claim)
    return render(
        request, "staffing/expenses/line_form.html", {"form": form, "claim": claim, "line": line}
    )


@login_required
@require_POST
def line_remove(request, pk: int):
    line = _own_line(request, pk)
    claim = line.claim
    try:
        services.line_remove(line=line, by=request.user)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("The expense is removed."))
    return _back(claim)


@login_required
@require_GET
def invoice_file(request, pk: int):
    """Invoice files leave only through here, to whoever sees the claim."""
    line = _line(request, pk)
    if not line.invoice_file:
        raise Http404
    extension = PurePath(line.invoice_file.name).suffix.lower().lstrip(".")
    if extension not in CONTENT_TYPES:
        raise Http404
    try:
        handle = line.invoice_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=CONTENT_TYPES[extension],
        as_attachment=request.GET.get("download") == "1",
        filename=f"{line.claim.number}-{line.date:%Y%m%d}-{line.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def invoice_read(request):
    """The number and amount of a posted e-invoice PDF, for the line form to fill in."""
    own_staff(request)
    upload = request.FILES.get("invoice_file")
    if upload is None:
        return JsonResponse({"error": _("Choose an e-invoice PDF.")}, status=400)
    try:
        PDF_ONLY(upload)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    reading = read_invoice(upload)
    if not reading.found:
        return JsonResponse(
            {"error": _("No invoice number or amount could be read from this file: type them.")},
            status=422,
        )
    return JsonResponse(
        {
            "number": reading.number,
            "amount": f"{reading.amount:.2f}" if reading.amount is not None else "",
        }
    )


@login_required
@require_POST
def claim_submit(request, pk: int):
    claim = claim_for(request, pk)
    if not rules.owns_claim(request.user, claim):
        raise PermissionDenied
    try:
        claim = services.claim_submit(claim=claim, by=request.user)
    except Refused as refusal:
        refused(request, refusal)
        return _back(claim)
    if claim.late:
        messages.warning(
            request,
            _(
                "Claim %(number)s is submitted as a late claim: after the site's supervisor signs "
                "it, a manager must approve it before finance reviews it."
            )
            % {"number": claim.number},
        )
    else:
        messages.success(
            request,
            _("Claim %(number)s is submitted to the site's supervisor.") % {"number": claim.number},
        )
    return redirect("staffing:claim_detail", claim.pk)


urlpatterns = [
    path("expenses/", claims_mine, name="claims_mine"),
    path("expenses/lines/new/", line_add, name="line_add"),
    path("expenses/lines/<int:pk>/edit/", line_edit, name="line_edit"),
    path("expenses/lines/<int:pk>/remove/", line_remove, name="line_remove"),
    path("expenses/lines/<int:pk>/invoice/", invoice_file, name="invoice_file"),
    path("expenses/invoice-read/", invoice_read, name="invoice_read"),
    path("claims/<int:pk>/", claim_detail, name="claim_detail"),
    path("claims/<int:pk>/submit/", claim_submit, name="claim_submit"),
]
