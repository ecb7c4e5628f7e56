"""Where reminders reach people: one's own e-mail (通知设置), and the group robots of the
companies and sites one manages (群机器人). A robot or an owner out of the reader's reach is
404; someone who manages none is refused the robots page (403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onsite import services as core_services
from onsite.access import access_for
from onsite.channels import services
from onsite.channels.forms import PreferenceForm, WebhookForm
from onsite.channels.models import GroupWebhook
from onsite.decorators import role_required
from onsite.org.models import Company, Site
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import refused

MANAGERS = (Role.HR_ADMIN, Role.SUPERVISOR)


@login_required
def preferences(request):
    """One's own notification settings: the inbox is always kept, e-mail may be muted."""
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            muted = form.cleaned_data["email_muted"]
            core_services.user_email_mute_set(user=request.user, muted=muted)
            messages.success(
                request,
                _("Your notifications are no longer e-mailed; they stay in your inbox.")
                if muted
                else _("Your notifications are e-mailed again."),
            )
            return redirect("channels:preferences")
    else:
        form = PreferenceForm(initial={"email_muted": core_services.email_muted(request.user)})
    return render(
        request,
        "onsite/channels/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
    )


def _owners(user) -> tuple[list[Company], list[Site]]:
    """The companies and sites whose robots the reader manages."""
    access = access_for(user)
    companies = Company.objects.order_by("name")
    sites = Site.objects.order_by("name")
    if not access.is_superuser:
        companies = companies.filter(pk__in=access.hr_companies)
        sites = sites.filter(
            pk__in=list(access.supervised_sites)
            + list(
                Site.objects.filter(contracts__company_id__in=access.hr_companies).values_list(
                    "pk", flat=True
                )
            )
        )
    return list(companies), list(sites)


@role_required(*MANAGERS)
def webhook_list(request):
    companies, sites = _owners(request.user)
    webhooks = list(
        GroupWebhook.objects.filter(company__in=companies)
        | GroupWebhook.objects.filter(site__in=sites)
    )
    by_company, by_site = {}, {}
    for webhook in webhooks:
        if webhook.company_id:
            by_company.setdefault(webhook.company_id, []).append(webhook)
        else:
            by_site.setdefault(webhook.site_id, []).append(webhook)
    groups = [
        {"owner": c, "kind": "company", "webhooks": by_company.get(c.pk, [])} for c in companies
    ] + [{"owner": s, "kind": "site", "webhooks": by_site.get(s.pk, [])} for s in sites]
    for group in groups:
        for webhook in group["webhooks"]:
            webhook.masked_url = services.url_masked(webhook.url)
    return render(request, "onsite/channels/webhooks.html", {"groups": groups})


def _owner(request, company_pk: int | None, site_pk: int | None) -> dict:
    """The company or the site of the robot being added, among those the reader manages."""
    companies, sites = _owners(request.user)
    if company_pk is not None:
        owner = {"company": next((c for c in companies if c.pk == company_pk), None)}
    else:
        owner = {"site": next((s for s in sites if s.pk == site_pk), None)}
    if None in owner.values():
        raise Http404
    return owner


@role_required(*MANAGERS)
def webhook_add(request, company_pk: int | None = None, site_pk: int | None = None):
    owner = _owner(request, company_pk, site_pk)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.webhook_save(webhook=form.apply(GroupWebhook(**owner)), by=request.user)
        except Refused as refusal:
            refused(request, refusal)
        else:
            messages.success(request, _("The group robot is added."))
            return redirect("channels:webhooks")
    return render(
        request,
        "onsite/channels/webhook_form.html",
        {"form": form, "owner": next(iter(owner.values())), "webhook": None},
    )


def _webhook(request, pk: int) -> GroupWebhook:
    return get_object_or_404(
        GroupWebhook.objects.visible_to(request.user).select_related("company", "site"), pk=pk
    )


@role_required(*MANAGERS)
def webhook_edit(request, pk: int):
    webhook = _webhook(request, pk)
    form = WebhookForm(request.POST or None, instance=webhook)
    if request.method == "POST" and form.is_valid():
        try:
            services.webhook_save(webhook=form.apply(webhook), by=request.user)
        except Refused as refusal:
            refused(request, refusal)
        else:
            messages.success(request, _("The group robot is saved."))
            return redirect("channels:webhooks")
    return render(
        request,
        "onsite/channels/webhook_form.html",
        {
            "form": form,
            "owner": webhook.company or webhook.site,
            "webhook": webhook,
            "masked_url": services.url_masked(webhook.url),
        },
    )


@require_POST
@role_required(*MANAGERS)
def webhook_delete(request, pk: int):
    webhook = _webhook(request, pk)
    try:
        services.webhook_delete(webhook=webhook, by=request.user)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(request, _("The group robot is removed."))
    return redirect("channels:webhooks")


@require_POST
@role_required(*MANAGERS)
def webhook_test(request, pk: int):
    webhook = _webhook(request, pk)
    try:
        services.webhook_test_post(webhook=webhook, by=request.user)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(
            request,
            _("A test message is on its way to %(name)s; reload this page to see how it went.")
            % {"name": webhook.name},
        )
    return redirect("channels:webhooks")
