"""The policy page: every registered number (onsite/policy.py), grouped by area, with what it
does in plain words, and whether the company or the site set it or the default applies. An HR
admin sets the numbers of their company and of the sites where a contract of it runs; one form
per area; each number can go back to what it inherits."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from onsite.access import access_for
from onsite.converters import parse_id
from onsite.forms import BootstrapMixin
from onsite.models import PolicySetting
from onsite.org.models import Company, Site
from onsite.policy import AREAS, POLICIES, PolicyKey, areas_in_order, policy_set
from onsite.transitions import Refused


def _pk(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return parse_id(value)
    except ValueError:
        raise Http404 from None


def hr_company(request) -> tuple[Company, list[Company]]:
    """The company chosen by `?company=` among those the reader is HR admin of (the first by
    default), and all of them for the chooser; another company, or none, is 404."""
    access = access_for(request.user)
    companies = Company.objects.order_by("name")
    if not access.is_superuser:
        companies = companies.filter(pk__in=access.hr_companies)
    companies = list(companies)
    company_pk = _pk(request.GET.get("company"))
    if company_pk is None:
        company = companies[0] if companies else None
    else:
        company = next((c for c in companies if c.pk == company_pk), None)
    if company is None:
        raise Http404
    return company, companies


def policy_scope(request) -> tuple[Company, list[Company], Site | None, list[Site]]:
    """The company (hr_company) and the site chosen by `?site=` among the sites where a
    contract of that company runs; another site is 404."""
    company, companies = hr_company(request)
    sites = list(Site.objects.filter(contracts__company=company).distinct().order_by("code"))
    site_pk = _pk(request.GET.get("site"))
    site = None
    if site_pk is not None:
        site = next((s for s in sites if s.pk == site_pk), None)
        if site is None:
            raise Http404
    return company, companies, site, sites


class AreaForm(BootstrapMixin, forms.Form):
    def full_clean(self):
        super().full_clean()
        # Every check of a number says the same sentence (what it takes): say it once.
        for errors in self._errors.values():
            said = {}
            for error, text in zip(errors.data, errors, strict=True):
                said.setdefault(text, error)
            errors.data = list(said.values())


def area_form(keys: list[PolicyKey], rows: dict[str, dict], data=None) -> forms.Form:
    """One form for the numbers of an area, each field filled with the value in effect."""
    fields = {}
    for rule in keys:
        field = rule.form_field(initial=rows[rule.key]["value"])
        if isinstance(field.widget, forms.RadioSelect):
            field.widget.attrs["class"] = "form-check-input"
        fields[rule.key] = field
    form_class = type("PolicyAreaForm", (AreaForm,), fields)
    return form_class(data)


def policy_rows(company: Company, site: Site | None, sites: list[Site]) -> dict[str, dict]:
    """For each key: the value in effect for the company (or the site), which level set it, the
    value it falls back to when cleared, and the sites' own values (one query)."""
    company_values, site_values = {}, {}
    for key, stored, site_id in PolicySetting.objects.filter(
        Q(company=company) | Q(site__in=sites)
    ).values_list("key", "value", "site_id"):
        if key not in POLICIES:
            continue
        value = POLICIES[key].read(stored)
        if site_id is None:
            company_values[key] = value
        else:
            site_values[(site_id, key)] = value
    rows = {}
    for key, rule in POLICIES.items():
        for_company = company_values.get(key, rule.default)
        level = "company" if key in company_values else "default"
        value, fallback = for_company, rule.default
        if site is not None:
            fallback = for_company
            if (site.pk, key) in site_values:
                value, level = site_values[(site.pk, key)], "site"
        rows[key] = {
            "rule": rule,
            "value": value,
            "shown": rule.display(value),
            "level": level,
            # Set at the level being edited, so it can go back to what it inherits.
            "own": level == ("site" if site is not None else "company"),
            "fallback": rule.display(fallback),
            "default": rule.display(rule.default),
            "overrides": [
                (s, rule.display(site_values[(s.pk, key)]))
                for s in sites
                if (s.pk, key) in site_values and s != site
            ],
        }
    return rows


def _saved(request, changed: list[PolicyKey]) -> None:
    if changed:
        names = _(", ").join(str(rule.label) for rule in changed)
        messages.success(request, _("Saved: %(names)s.") % {"names": names})
    else:
        messages.info(request, _("Nothing was changed."))


@login_required
def policy_page(request):
    company, companies, site, sites = policy_scope(request)
    owner = {"company": None, "site": site} if site is not None else {"company": company}
    rows = policy_rows(company, site, sites)
    failed_area, failed_form = None, None
    if request.method == "POST":
        if "reset" in request.POST:
            rule = POLICIES.get(request.POST["reset"])
            if rule is None:
                raise Http404
            policy_set(key=rule.key, value=None, by=request.user, **owner)
            messages.success(
                request,
                _("%(label)s is back to %(value)s.")
                % {"label": rule.label, "value": rows[rule.key]["fallback"]},
            )
            return redirect(f"{request.get_full_path()}#area-{rule.area}")
        area = AREAS.get(request.POST.get("area", ""))
        if area is None:
            raise Http404
        keys = [rule for rule in POLICIES.values() if rule.area == area.key]
        form = area_form(keys, rows, request.POST)
        if form.is_valid():
            changed = [r for r in keys if form.cleaned_data[r.key] != rows[r.key]["value"]]
            try:
                with transaction.atomic():
                    for rule in changed:
                        policy_set(
                            key=rule.key,
                            value=form.cleaned_data[rule.key],
                            by=request.user,
                            **owner,
                        )
            except Refused as refused:
                form.add_error(None, str(refused))
            else:
                _saved(request, changed)
                return redirect(f"{request.get_full_path()}#area-{area.key}")
        messages.error(request, _("Nothing was saved: correct the numbers marked in red."))
        failed_area, failed_form = area, form
    groups = []
    for area, keys in areas_in_order():
        if not keys:
            continue
        form = failed_form if area == failed_area else area_form(keys, rows)
        groups.append(
            {
                "area": area,
                "form": form,
                "rows": [{**rows[rule.key], "field": form[rule.key]} for rule in keys],
            }
        )
    return render(
        request,
        "onsite/policy.html",
        {
            "companies": companies,
            "company": company,
            "sites": sites,
            "site": site,
            "groups": groups,
        },
    )
