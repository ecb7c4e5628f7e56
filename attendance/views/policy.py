"""The policy page (SPEC §6 "every number a policy setting"), for HR admins: each number of
onsite/policy.py with SPEC's default, the company's value and the sites' own values."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from attendance.forms.policy import PolicyValueForm
from attendance.services.policy import DAY_RULE_KEYS, policy_set
from onsite.access import access_for
from onsite.converters import parse_id
from onsite.decorators import role_required
from onsite.models import PolicySetting
from onsite.policy import POLICIES
from onsite.roles import Role
from onsite.transitions import Refused
from staffing.models import Company, Site


def _pk(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return parse_id(value)
    except ValueError:
        raise Http404 from None


def hr_company(request) -> tuple[Company, list[Company]]:
    """The company chosen by `?company=` among those the reader is HR of (the first by
    default), and all of them for the chooser; another company, or none, is 404."""
    access = access_for(request.user)
    companies = Company.objects.order_by("name")
    if not access.is_superuser:
        companies = companies.filter(pk__in=access.hr_companies)
    companies = list(companies)
    company_pk = _pk(request.GET.get("company"))
    if company_pk is not None:
        company = next((c for c in companies if c.pk == company_pk), None)
    else:
        company = companies[0] if companies else None
    if company is None:
        raise Http404
    return company, companies


@role_required(Role.HR_ADMIN)
def policy(request):
    company, companies = hr_company(request)
    sites = list(
        Site.objects.visible_to(request.user)
        .filter(contracts__company=company)
        .distinct()
        .order_by("code")
    )
    site_pk = _pk(request.GET.get("site"))
    site = next((s for s in sites if s.pk == site_pk), None) if site_pk is not None else None
    if site_pk is not None and site is None:
        raise Http404

    failed, failed_scope = None, ""
    if request.method == "POST":
        form = PolicyValueForm(request.POST)
        scope = request.POST.get("scope", "company")
        if scope == "site" and site is None:
            raise Http404
        if form.is_valid():
            key = form.cleaned_data["key"]
            value = None if form.cleaned_data["clear"] else form.cleaned_data["value"]
            try:
                policy_set(
                    key=key,
                    value=value,
                    company=None if scope == "site" else company,
                    site=site if scope == "site" else None,
                    by=request.user,
                )
            except Refused as refused:
                form.add_error("value", str(refused))
            else:
                owner = site.name if scope == "site" else company.name
                label = POLICIES[key].label
                if value is None:
                    messages.success(
                        request,
                        _("%(label)s of %(owner)s cleared.") % {"label": label, "owner": owner},
                    )
                else:
                    messages.success(
                        request,
                        _("%(label)s of %(owner)s set to %(value)s.")
                        % {"label": label, "owner": owner, "value": value},
                    )
                if key in DAY_RULE_KEYS:
                    messages.info(request, _("This month and last month are judged again."))
                return redirect(request.get_full_path())
        failed, failed_scope = form, scope

    company_values, site_values = {}, {}
    for key, value, site_id in PolicySetting.objects.filter(
        Q(company=company) | Q(site__in=[s.pk for s in sites])
    ).values_list("key", "value", "site_id"):
        if site_id is None:
            company_values[key] = int(value)
        else:
            site_values[(site_id, key)] = int(value)
    errors = []
    if failed is not None:
        errors = [*failed.errors.get("value", []), *failed.non_field_errors()]
        if failed.data.get("key") not in POLICIES:
            messages.error(request, _("Unknown policy."))
    rows = []
    for key, rule in POLICIES.items():
        company_value = company_values.get(key)
        site_value = site_values.get((site.pk, key)) if site else None
        fallback = rule.default if company_value is None else company_value
        mine = failed is not None and failed.data.get("key") == key
        rows.append(
            {
                "key": key,
                "rule": rule,
                "company_value": company_value,
                "company_effective": fallback,
                "site_value": site_value,
                "site_effective": fallback if site_value is None else site_value,
                "overrides": [
                    (s, site_values[(s.pk, key)]) for s in sites if (s.pk, key) in site_values
                ],
                "company_errors": errors if mine and failed_scope != "site" else [],
                "site_errors": errors if mine and failed_scope == "site" else [],
                "tried": failed.data.get("value", "") if mine else None,
            }
        )
    return render(
        request,
        "attendance/policy.html",
        {
            "companies": companies,
            "company": company,
            "sites": sites,
            "site": site,
            "rows": rows,
        },
    )


urlpatterns = [path("policy/", policy, name="policy")]
