"""Inspections (巡检, SPEC §11): the list of rounds and deep reports of the reader's sites, the
day's round recorded on a phone by the person on duty, the site's checklist kept by its
supervisor or HR, and the half-yearly deep inspection report with its plan, review and PDF.

Each view loads its site or record within the reader's sites (outside: 404), asks
tickets.permissions whether the reader may act (403 otherwise), calls one service and redirects."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onsite.pdf import pdf_response, render_pdf
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, page_of, refused
from tickets import permissions as rules
from tickets.forms.inspections import (
    FAILED,
    ActionForm,
    ChecklistItemForm,
    DeepForm,
    FindingsForm,
    ReviewForm,
    RoundForm,
)
from tickets.models import ChecklistItem, DeepInspection, DeepInspectionStatus, Inspection
from tickets.selectors import inspections as selectors
from tickets.services import inspections as services

D = DeepInspectionStatus


def _site(request, site_pk: int):
    return get_object_or_404(selectors.inspection_sites(request.user), pk=site_pk)


# The list -----------------------------------------------------------------------------------------


@login_required
@require_GET
def inspection_list(request):
    sites = selectors.inspection_sites(request.user)
    chosen = None
    # No site or not a number: all the reader's sites.
    with contextlib.suppress(ValueError, OverflowError):
        chosen = sites.filter(pk=int(request.GET.get("site", ""))).first()
    shown = sites.filter(pk=chosen.pk) if chosen else sites
    site_list = list(sites)
    if not site_list:
        raise PermissionDenied
    today = timezone.localdate()
    done_today = set(
        Inspection.objects.filter(site__in=site_list, date=today).values_list("site_id", flat=True)
    )
    cards = [
        {
            "site": site,
            "done": site.pk in done_today,
            "can_inspect": rules.may_inspect(request.user, site),
            "can_edit": rules.may_edit_checklist(request.user, site),
        }
        for site in (site_list if chosen is None else [chosen])
    ]
    return render(
        request,
        "tickets/inspection_list.html",
        {
            "sites": site_list,
            "chosen": chosen,
            "cards": cards,
            "page": page_of(request, selectors.rounds(shown)),
            "reports": list(selectors.deep_reports(shown)[:20]),
        },
    )


# The day's round ----------------------------------------------------------------------------------


@login_required
def inspection_new(request, site_pk: int):
    site = _site(request, site_pk)
    if not rules.may_inspect(request.user, site):
        raise PermissionDenied
    items = selectors.checklist(site)
    done = Inspection.objects.filter(site=site, date=timezone.localdate()).first()
    if done is not None:
        messages.info(
            request, _("Today's inspection of %(site)s is recorded.") % {"site": site.name}
        )
        return redirect("tickets:inspection", done.pk)
    form = RoundForm(request.POST or None, request.FILES or None, items=items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        checks = [
            services.Check(
                item=item,
                ok=data[f"ok_{item.pk}"] != FAILED,
                note=data[f"note_{item.pk}"],
                photo=data[f"photo_{item.pk}"],
            )
            for item in items
        ]
        try:
            inspection = services.inspection_record(
                site=site, by=request.user, checks=checks, note=data["note"]
            )
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            failed = sum(not check.ok for check in checks)
            if failed:
                messages.success(
                    request,
                    _("The inspection is recorded; %(n)s fault tickets are raised.")
                    % {"n": failed},
                )
            else:
                messages.success(request, _("The inspection is recorded."))
            return redirect("tickets:inspection", inspection.pk)
    return render(
        request, "tickets/inspection_form.html", {"site": site, "form": form, "items": items}
    )


@login_required
@require_GET
def inspection_detail(request, pk: int):
    inspection = get_object_or_404(
        Inspection.objects.filter(site__in=selectors.inspection_sites(request.user)).select_related(
            "site", "inspector"
        ),
        pk=pk,
    )
    results = inspection.results.select_related("item", "ticket")
    return render(
        request,
        "tickets/inspection_detail.html",
        {"inspection": inspection, "results": results},
    )


@login_required
@require_GET
def result_photo(request, pk: int, result_pk: int):
    inspection = get_object_or_404(
        Inspection.objects.filter(site__in=selectors.inspection_sites(request.user)), pk=pk
    )
    result = get_object_or_404(inspection.results, pk=result_pk)
    if not result.photo:
        raise Http404
    return FileResponse(result.photo.open("rb"), filename=result.photo.name.rsplit("/", 1)[-1])


# The checklist ------------------------------------------------------------------------------------


@login_required
def checklist(request, site_pk: int):
    site = _site(request, site_pk)
    if not rules.may_edit_checklist(request.user, site):
        raise PermissionDenied
    form = ChecklistItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.checklist_item_add(site=site, by=request.user, **form.cleaned_data)
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The item is added to the checklist."))
            return redirect("tickets:checklist", site.pk)
    return render(
        request,
        "tickets/inspection_checklist.html",
        {
            "site": site,
            "form": form,
            "items": selectors.checklist(site),
            "retired": selectors.checklist(site, active=False),
        },
    )


def _item(request, pk: int) -> ChecklistItem:
    item = get_object_or_404(
        ChecklistItem.objects.filter(
            site__in=selectors.inspection_sites(request.user)
        ).select_related("site"),
        pk=pk,
    )
    if not rules.may_edit_checklist(request.user, item.site):
        raise PermissionDenied
    return item


@login_required
@require_POST
def checklist_move(request, pk: int):
    item = _item(request, pk)
    try:
        services.checklist_item_move(item=item, by=request.user, up=request.POST.get("to") == "up")
    except Refused as refusal:
        refused(request, refusal)
    return redirect("tickets:checklist", item.site_id)


@login_required
@require_POST
def checklist_retire(request, pk: int):
    item = _item(request, pk)
    services.checklist_item_retire(item=item, by=request.user)
    messages.success(request, _("“%(item)s” is out of the checklist.") % {"item": item})
    return redirect("tickets:checklist", item.site_id)


# The deep inspection report -----------------------------------------------------------------------


def _report(request, pk: int) -> DeepInspection:
    return get_object_or_404(
        DeepInspection.objects.filter(
            site__in=selectors.inspection_sites(request.user)
        ).select_related(
            # The names on the staff records (person_name reads them when fetched).
            "site__client",
            "author__staff_record",
            "reviewed_by__staff_record",
        ),
        pk=pk,
    )


@login_required
def deep_new(request, site_pk: int):
    site = _site(request, site_pk)
    if not rules.may_inspect(request.user, site):
        raise PermissionDenied
    form = DeepForm(request.POST or None, initial={"half": services.half_of(timezone.localdate())})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.deep_create(site=site, by=request.user, **form.cleaned_data)
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The draft is saved: add the improvement plan."))
            return redirect("tickets:deep", report.pk)
    return render(request, "tickets/inspection_deep_form.html", {"site": site, "form": form})


@login_required
@require_GET
def deep_detail(request, pk: int):
    report = _report(request, pk)
    editable = report.author_id == request.user.pk and report.status in (D.DRAFT, D.RETURNED)
    reviewable = (
        report.status == D.SUBMITTED
        and report.author_id != request.user.pk
        and rules.may_review_deep(request.user, report.site)
    )
    return render(
        request,
        "tickets/inspection_deep_detail.html",
        {
            "report": report,
            "actions": report.actions.select_related("owner"),
            "editable": editable,
            "findings_form": FindingsForm(initial={"findings": report.findings})
            if editable
            else None,
            "action_form": ActionForm(people=selectors.placed_at(report.site))
            if editable
            else None,
            "review_form": ReviewForm() if reviewable else None,
            "history": report.history.select_related("history_user__staff_record").order_by(
                "history_date"
            ),
        },
    )


def _author(user, report: DeepInspection) -> bool:
    return report.author_id == user.pk


def _reviewer(user, report: DeepInspection) -> bool:
    return report.author_id != user.pk and rules.may_review_deep(user, report.site)


def _deep_post(request, pk: int, act, *, allowed=_author):
    """Its author changes the report, the site's supervisor reviews it: anyone else is refused
    (403) before the service says whether the report's state allows it."""
    report = _report(request, pk)
    if not allowed(request.user, report):
        raise PermissionDenied
    try:
        act(report)
    except Refused as refusal:
        refused(request, refusal)
    return redirect("tickets:deep", report.pk)


@login_required
@require_POST
def deep_edit(request, pk: int):
    form = FindingsForm(request.POST)

    def act(report):
        if not form.is_valid():
            form_errors(request, form)
            return
        services.deep_update(report=report, by=request.user, **form.cleaned_data)
        messages.success(request, _("The findings are saved."))

    return _deep_post(request, pk, act)


@login_required
@require_POST
def deep_action_add(request, pk: int):
    def act(report):
        form = ActionForm(request.POST, people=selectors.placed_at(report.site))
        if not form.is_valid():
            form_errors(request, form)
            return
        services.action_add(report=report, by=request.user, **form.cleaned_data)

    return _deep_post(request, pk, act)


@login_required
@require_POST
def deep_action_remove(request, pk: int, action_pk: int):
    def act(report):
        services.action_remove(
            action=get_object_or_404(report.actions, pk=action_pk), by=request.user
        )

    return _deep_post(request, pk, act)


@login_required
@require_POST
def deep_submit(request, pk: int):
    def act(report):
        services.deep_submit(report=report, by=request.user)
        messages.success(request, _("The report is submitted to the site's supervisor."))

    return _deep_post(request, pk, act)


@login_required
@require_POST
def deep_review(request, pk: int):
    form = ReviewForm(request.POST)

    def act(report):
        if not form.is_valid():
            form_errors(request, form)
            return
        accept = form.cleaned_data["decision"] == "accept"
        services.deep_review(
            report=report, by=request.user, accept=accept, note=form.cleaned_data["note"]
        )
        messages.success(
            request, _("The report is accepted.") if accept else _("The report is returned.")
        )

    return _deep_post(request, pk, act, allowed=_reviewer)


@login_required
@require_GET
def deep_pdf(request, pk: int):
    report = _report(request, pk)
    pdf = render_pdf(
        template="pdf/inspection_deep.html",
        context={"report": report, "actions": report.actions.select_related("owner")},
    )
    filename = f"{_('Deep inspection report')}-{report.site.name}-{report.half}.pdf"
    return pdf_response(pdf, filename)


urlpatterns = [
    path("inspections/", inspection_list, name="inspections"),
    path("inspections/site/<int:site_pk>/today/", inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", inspection_detail, name="inspection"),
    path("inspections/<int:pk>/photo/<int:result_pk>/", result_photo, name="inspection_photo"),
    path("inspections/site/<int:site_pk>/checklist/", checklist, name="checklist"),
    path("inspections/checklist/<int:pk>/move/", checklist_move, name="checklist_move"),
    path("inspections/checklist/<int:pk>/retire/", checklist_retire, name="checklist_retire"),
    path("inspections/site/<int:site_pk>/deep/new/", deep_new, name="deep_new"),
    path("inspections/deep/<int:pk>/", deep_detail, name="deep"),
    path("inspections/deep/<int:pk>/edit/", deep_edit, name="deep_edit"),
    path("inspections/deep/<int:pk>/actions/", deep_action_add, name="deep_action_add"),
    path(
        "inspections/deep/<int:pk>/actions/<int:action_pk>/remove/",
        deep_action_remove,
        name="deep_action_remove",
    ),
    path("inspections/deep/<int:pk>/submit/", deep_submit, name="deep_submit"),
    path("inspections/deep/<int:pk>/review/", deep_review, name="deep_review"),
    path("inspections/deep/<int:pk>/pdf/", deep_pdf, name="deep_pdf"),
]
