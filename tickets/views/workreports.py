"""Work reports (工作汇报, SPEC §9): the person's own reports (我的汇报) with what they still owe,
the report written on a phone (last period's plan beside the work done, the tickets handled
listed), the report's page with its thread, history and read mark, and a site's reports of a
period for its supervisor (周报审阅), each person's standing taken from tickets.selectors.duties.

Each view loads its report within the reader's reports (outside: 404), asks tickets.permissions
whether the reader may act (403 otherwise), calls one service and redirects."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onsite.org.models import Site
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, own_staff, page_of, refused
from tickets import permissions as rules
from tickets.forms.workreports import SUBMIT, CommentForm, ReportForm, ReturnForm, ReviewForm
from tickets.models import Report, ReportKind, ReportStatus
from tickets.selectors import reports as selectors
from tickets.selectors.duties import period_of
from tickets.services import reports as services

# Periods people may name in a URL: anything else is not found (never a 500).
YEARS = range(2000, 2101)


def _kind(value: str) -> str:
    if value not in ReportKind.values:
        raise Http404
    return value


def _period(kind: str, label: str):
    period = selectors.period_or_none(kind, label)
    if period is None or period.first.year not in YEARS:
        raise Http404
    return period


# My reports -----------------------------------------------------------------------------------


@login_required
@require_GET
def my_reports(request):
    staff = own_staff(request)
    now = timezone.now()
    kinds, tasks = selectors.report_tasks(staff=staff, now=now)
    kind = request.GET.get("kind", ReportKind.WEEKLY)
    if kind not in (kinds or [ReportKind.WEEKLY]):
        kind = ReportKind.WEEKLY
    return render(
        request,
        "tickets/workreports/mine.html",
        {
            "kind": kind,
            "kinds": [(k, ReportKind(k).label) for k in kinds] if len(kinds) > 1 else [],
            "tasks": tasks,
            "page": page_of(request, selectors.my_reports(staff=staff, kind=kind)),
        },
    )


# Writing --------------------------------------------------------------------------------------


@login_required
def report_write(request, kind: str, period: str):
    staff = own_staff(request)
    kind = _kind(kind)
    period = _period(kind, period)
    now = timezone.now()
    report = Report.objects.filter(staff=staff, kind=kind, period=period.label).first()
    if report is not None and not report.is_editable:
        return redirect("tickets:workreport", report.pk)
    if report is None:
        try:
            duty = services.report_duty(staff=staff, kind=kind, period=period, now=now)
        except Refused as refusal:
            refused(request, refusal)
            return redirect("tickets:my_reports")
        site, due_at = duty.site, duty.due_at
    else:
        site, due_at = report.site, report.due_at
    initial = {f: getattr(report, f) for f in services.FIELDS} if report else {}
    posted = request.method == "POST"
    form = ReportForm(
        request.POST if posted else None, request.FILES if posted else None, initial=initial
    )
    if posted and form.is_valid():
        try:
            report = _write(request, staff, kind, period, form)
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            if report.status == ReportStatus.SUBMITTED:
                messages.success(request, _("The report is submitted to the site's supervisor."))
                return redirect("tickets:workreport", report.pk)
            messages.success(request, _("The draft is saved."))
            return redirect("tickets:workreport_write", kind, period.label)
    return render(
        request,
        "tickets/workreports/form.html",
        {
            "report": report,
            "kind_label": ReportKind(kind).label,
            "period": period,
            "site": site,
            "due_at": due_at,
            "form": form,
            "previous_plan": selectors.previous_plan(staff=staff, kind=kind, period=period),
            "tickets": selectors.tickets_handled(staff=staff, period=period, zone=site.time_zone),
            "attachments": list(report.attachments.all()) if report else [],
            "comments": _comments(report) if report else [],
        },
    )


def _write(request, staff, kind, period, form) -> Report:
    """Open (or create) the draft, save the text, attach the file, and submit if asked."""
    data = form.cleaned_data
    report = services.report_open(staff=staff, kind=kind, period=period, by=request.user)
    services.report_save(report=report, by=request.user, **{f: data[f] for f in services.FIELDS})
    if data.get("attachment"):
        services.report_attachment_add(report=report, by=request.user, upload=data["attachment"])
    if request.POST.get("action") == SUBMIT:
        report = services.report_submit(report=report, by=request.user)
    return report


def _comments(report: Report):
    return report.comments.select_related("author__staff_record")


# The report's page ----------------------------------------------------------------------------


def _report(request, pk: int) -> Report:
    return get_object_or_404(
        Report.objects.visible_to(request.user).select_related(
            "staff", "site", "read_by__staff_record", "reviewed_by__staff_record"
        ),
        pk=pk,
    )


@login_required
@require_GET
def report_detail(request, pk: int):
    report = _report(request, pk)
    services.report_mark_read(report=report, by=request.user)
    period = selectors.period_or_none(report.kind, report.period)
    reviewer = rules.may_review_report(request.user, report)
    decide = reviewer and report.status == ReportStatus.SUBMITTED
    return render(
        request,
        "tickets/workreports/detail.html",
        {
            "report": report,
            "author": rules.writes_report(request.user, report),
            "reviewer": reviewer,
            "review_form": ReviewForm(prefix="review") if decide else None,
            "return_form": ReturnForm(prefix="return") if decide else None,
            "comment_form": CommentForm(prefix="comment")
            if rules.may_comment_report(request.user, report)
            else None,
            "comments": _comments(report),
            "attachments": report.attachments.all(),
            "previous_plan": selectors.previous_plan(
                staff=report.staff, kind=report.kind, period=period
            )
            if period
            else "",
            "tickets": selectors.tickets_handled(
                staff=report.staff, period=period, zone=report.site.time_zone
            )
            if period
            else [],
            "history": report.history.select_related("history_user__staff_record").order_by(
                "history_date", "history_id"
            ),
        },
    )


def _post(request, pk: int, act, *, allowed):
    """The author or the site's supervisor acts; anyone else who sees the report is refused
    (403) before the service says whether the report's state allows it."""
    report = _report(request, pk)
    if not allowed(request.user, report):
        raise PermissionDenied
    try:
        act(report)
    except Refused as refusal:
        refused(request, refusal)
    return redirect("tickets:workreport", report.pk)


@login_required
@require_POST
def report_comment(request, pk: int):
    form = CommentForm(request.POST, prefix="comment")

    def act(report):
        if not form.is_valid():
            form_errors(request, form)
            return
        services.report_comment(report=report, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("The comment is added."))

    return _post(request, pk, act, allowed=rules.may_comment_report)


@login_required
@require_POST
def report_review(request, pk: int):
    form = ReviewForm(request.POST, prefix="review")

    def act(report):
        if not form.is_valid():
            form_errors(request, form)
            return
        services.report_review(report=report, by=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("The report is marked reviewed."))

    return _post(request, pk, act, allowed=rules.may_review_report)


@login_required
@require_POST
def report_return(request, pk: int):
    form = ReturnForm(request.POST, prefix="return")

    def act(report):
        if not form.is_valid():
            form_errors(request, form)
            return
        services.report_return(report=report, by=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("The report is returned to its author."))

    return _post(request, pk, act, allowed=rules.may_review_report)


@login_required
@require_GET
def report_file(request, pk: int, file_pk: int):
    report = _report(request, pk)
    attachment = get_object_or_404(report.attachments, pk=file_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def report_file_remove(request, pk: int, file_pk: int):
    report = _report(request, pk)
    if not rules.writes_report(request.user, report):
        raise PermissionDenied
    attachment = get_object_or_404(report.attachments, pk=file_pk)
    try:
        services.report_attachment_remove(attachment=attachment, by=request.user)
    except Refused as refusal:
        refused(request, refusal)
        return redirect("tickets:workreport", report.pk)
    return redirect("tickets:workreport_write", report.kind, report.period)


# A site's reports of a period (周报审阅) ------------------------------------------------------------


@login_required
@require_GET
def site_reports(request):
    sites = list(
        Site.objects.filter(rules.report_sites_q(request.user)).distinct().order_by("code")
    )
    if not sites:
        raise PermissionDenied
    site = sites[0]
    with contextlib.suppress(ValueError, OverflowError):
        wanted = int(request.GET.get("site", ""))
        site = next((s for s in sites if s.pk == wanted), site)
    now = timezone.now()
    company_id = site.contracts.values_list("company_id", flat=True).first()
    kinds = selectors.kinds_on(company_id=company_id, site_id=site.pk)
    kind = request.GET.get("kind", ReportKind.WEEKLY)
    if kind not in kinds:
        kind = ReportKind.WEEKLY
    today = selectors.today_at(site, now)
    current = period_of(kind, today)
    # By default the period whose reports fell due most recently.
    period = current if kind == ReportKind.DAILY else current.previous
    chosen = selectors.period_or_none(kind, request.GET.get("period", ""))
    if chosen is not None and chosen.first.year in YEARS:
        period = chosen
    rows = selectors.site_reports(site=site, kind=kind, period=period, now=now)
    here = reverse("tickets:workreport_sites")
    return render(
        request,
        "tickets/workreports/site.html",
        {
            "sites": sites,
            "site": site,
            "kind": kind,
            "kind_label": ReportKind(kind).label,
            "kinds": [(k, ReportKind(k).label) for k in kinds] if len(kinds) > 1 else [],
            "period": period,
            "previous_url": f"{here}?site={site.pk}&kind={kind}&period={period.previous.label}",
            "next_url": f"{here}?site={site.pk}&kind={kind}&period={period.next.label}"
            if period.next.first <= today
            else "",
            "rows": rows,
        },
    )


urlpatterns = [
    path("work-reports/", my_reports, name="my_reports"),
    path("work-reports/sites/", site_reports, name="workreport_sites"),
    path("work-reports/<int:pk>/", report_detail, name="workreport"),
    path("work-reports/<int:pk>/comment/", report_comment, name="workreport_comment"),
    path("work-reports/<int:pk>/review/", report_review, name="workreport_review"),
    path("work-reports/<int:pk>/return/", report_return, name="workreport_return"),
    path("work-reports/<int:pk>/files/<int:file_pk>/", report_file, name="workreport_file"),
    path(
        "work-reports/<int:pk>/files/<int:file_pk>/remove/",
        report_file_remove,
        name="workreport_file_remove",
    ),
    path("work-reports/<str:kind>/<str:period>/", report_write, name="workreport_write"),
]
