"""Finance's side of the claims (SPEC §10): 报销审核, the claims of their company that reached
finance, filtered by site, month, status, lateness and caps, with their totals; the payment of
one claim or of several approved claims at once; the filtered claims with their lines as XLSX,
and the payment list (who is paid how much to which account) as XLSX.

Every claim is read through `Claim.objects.visible_to` and finance's stage, so finance of another
company finds none of them (404); a payment is the core's transition, so paying twice pays once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook

from onsite.access import access_for
from onsite.decorators import role_required
from onsite.forms import BootstrapForm
from onsite.org.models import Site
from onsite.roles import Role
from onsite.spreadsheets import xlsx_append, xlsx_bytes
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, page_of, refused
from staffing import permissions as rules
from staffing.models import Claim, ClaimStatus, ExpenseLine
from staffing.models.expenses import finance_stage, mask_account
from staffing.services import claims as services
from staffing.views.claims import claim_for

C = ClaimStatus
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The statuses a claim has once it reached finance (the list's status filter).
FINANCE_STATUSES = (C.SIGNED, C.LATE_APPROVED, C.APPROVED, C.PAID, C.RETURNED)
FILTERS = ("site", "month", "status", "late", "over_cap")
YEARS = (2000, 2100)


class PaymentForm(BootstrapForm):
    paid_on = forms.DateField(label=gettext_lazy("Payment date"))
    reference = forms.CharField(
        label=gettext_lazy("Payment reference"),
        required=False,
        max_length=Claim._meta.get_field("payment_reference").max_length,
    )


def finance_scope(user):
    """The claims of `user`'s finance companies that reached finance (a superuser: all)."""
    access = access_for(user)
    claims = Claim.objects.visible_to(user).filter(finance_stage())
    if not access.is_superuser:
        claims = claims.filter(staff__company_id__in=access.finance_companies)
    return claims


def finance_sites(user):
    access = access_for(user)
    sites = Site.objects.order_by("code")
    if access.is_superuser:
        return sites
    return sites.filter(
        pk__in=Site.objects.filter(contracts__company_id__in=access.finance_companies).values("pk")
    )


def parse_month(text: str) -> datetime.date | None:
    """`2026-10` as its first day; anything else (a bad month, a year out of range): None."""
    try:
        year, month = (int(part) for part in text.split("-"))
        if not YEARS[0] <= year <= YEARS[1]:
            return None
        return datetime.date(year, month, 1)
    except (ValueError, OverflowError):
        return None


def next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


@dataclass
class Filters:
    site: Site | None = None
    month: datetime.date | None = None
    status: str = ""
    late: bool = False
    over_cap: bool = False

    def query(self) -> str:
        return urlencode(
            {
                "site": self.site.pk if self.site else "",
                "month": f"{self.month:%Y-%m}" if self.month else "",
                "status": self.status,
                "late": "1" if self.late else "",
                "over_cap": "1" if self.over_cap else "",
            }
        )

    def apply(self, claims):
        if self.site:
            claims = claims.filter(site=self.site)
        if self.month:
            claims = claims.filter(month=self.month)
        if self.status:
            claims = claims.filter(status=self.status)
        if self.late:
            claims = claims.filter(late=True)
        if self.over_cap:
            claims = claims.filter(over_cap=True)
        return claims


def read_filters(params: QueryDict, sites: list[Site]) -> Filters:
    """The filters asked for; anything not understood (not a number, another company's site, a
    bad month or status) is left out rather than refused."""
    filters = Filters()
    site = params.get("site", "")
    if site.isascii() and site.isdigit():
        filters.site = next((s for s in sites if s.pk == int(site)), None)
    filters.month = parse_month(params.get("month", ""))
    status = params.get("status", "")
    filters.status = status if status in FINANCE_STATUSES else ""
    filters.late = params.get("late") == "1"
    filters.over_cap = params.get("over_cap") == "1"
    return filters


@role_required(Role.FINANCE)
@require_GET
def finance_claims(request):
    sites = list(finance_sites(request.user))
    filters = read_filters(request.GET, sites)
    claims = filters.apply(finance_scope(request.user))
    totals = claims.aggregate(
        count=Count("pk"),
        amount=Sum("total"),
        to_pay=Sum("total", filter=Q(status=C.APPROVED)),
    )
    page = page_of(request, claims.select_related("staff", "site").order_by("-submitted_at", "-pk"))
    own = access_for(request.user).staff_id
    for claim in page:
        claim.payable = claim.status == C.APPROVED and claim.staff_id != own
    return render(
        request,
        "staffing/expenses/finance_list.html",
        {
            "page": page,
            "sites": sites,
            "filters": filters,
            "statuses": [(s.value, s.label) for s in FINANCE_STATUSES],
            "query": filters.query(),
            "totals": totals,
            "payment_form": PaymentForm(),
        },
    )


def _back(request) -> str:
    """The finance list with the filters it was posted from (only the known ones)."""
    params = QueryDict(request.POST.get("query", ""))
    kept = {key: params[key] for key in FILTERS if params.get(key)}
    url = reverse("staffing:finance_claims")
    return f"{url}?{urlencode(kept)}" if kept else url


@role_required(Role.FINANCE)
@require_POST
def claim_pay(request, pk: int):
    claim = claim_for(request, pk)
    if not rules.may_review_claim(request.user, claim):
        raise PermissionDenied
    form = PaymentForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("staffing:claim_detail", claim.pk)
    try:
        services.claim_pay(
            claim=claim,
            by=request.user,
            paid_on=form.cleaned_data["paid_on"],
            reference=form.cleaned_data["reference"],
        )
    except Refused as refusal:
        # A claim paid meanwhile says so (the service's "dealt with meanwhile").
        if claim.status != C.APPROVED:
            messages.error(
                request, services.CLAIM_MEANWHILE % {"status": claim.get_status_display()}
            )
        else:
            refused(request, refusal)
    else:
        messages.success(request, _("The payment is recorded."))
    return redirect("staffing:claim_detail", claim.pk)


@role_required(Role.FINANCE)
@require_POST
def claims_pay_selected(request):
    wanted = {int(v) for v in request.POST.getlist("claim") if v.isascii() and v.isdigit()}
    wanted = {pk for pk in wanted if pk < 2**31}
    if not wanted:
        messages.error(request, _("Choose the claims to pay."))
        return redirect(_back(request))
    form = PaymentForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect(_back(request))
    chosen = list(finance_scope(request.user).filter(pk__in=wanted).select_related("staff", "site"))
    try:
        paid, skipped = services.claims_pay(
            claims=chosen,
            by=request.user,
            paid_on=form.cleaned_data["paid_on"],
            reference=form.cleaned_data["reference"],
        )
    except Refused as refusal:
        refused(request, refusal)
        return redirect(_back(request))
    skipped += len(wanted) - len(chosen)
    if paid:
        messages.success(
            request,
            ngettext("%(n)d claim is paid.", "%(n)d claims are paid.", paid) % {"n": paid},
        )
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(n)d claim was not paid: it was dealt with meanwhile or is not approved.",
                "%(n)d claims were not paid: they were dealt with meanwhile or are not approved.",
                skipped,
            )
            % {"n": skipped},
        )
    return redirect(_back(request))


def _xlsx(title: str, header: list, rows, filename: str) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    xlsx_append(sheet, header)
    for row in rows:
        xlsx_append(sheet, row)
    response = HttpResponse(xlsx_bytes(book), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@role_required(Role.FINANCE)
@require_GET
def claims_export(request):
    """The filtered claims, one row per line."""
    filters = read_filters(request.GET, list(finance_sites(request.user)))
    claims = filters.apply(finance_scope(request.user))
    lines = (
        ExpenseLine.objects.filter(claim__in=claims.values("pk"))
        .select_related("claim__staff", "claim__site")
        .order_by("claim__submitted_at", "claim_id", "date", "pk")
    )
    header = [
        _("Claim number"),
        _("Staff member"),
        _("Site"),
        _("Status"),
        _("Date"),
        _("Category"),
        _("Amount"),
        _("Invoice number"),
        _("Over a cap"),
        _("Justification"),
    ]
    yes, no = _("Yes"), _("No")
    rows = (
        [
            line.claim.number,
            line.claim.staff.name,
            line.claim.site.name if line.claim.site else "",
            line.claim.get_status_display(),
            line.date,
            line.get_category_display(),
            line.amount,
            line.invoice_no,
            yes if line.over_cap else no,
            line.justification,
        ]
        for line in lines
    )
    suffix = f"-{filters.month:%Y-%m}" if filters.month else ""
    return _xlsx(_("Claims"), header, rows, f"{_('Expense claims')}{suffix}.xlsx")


@role_required(Role.FINANCE)
@require_GET
def payment_list(request):
    """Approved claims to pay, or with `?month=` the claims paid in that month: one row per
    claim with where it is paid. The account number is whole only for HR and finance of the
    person's company."""
    month = parse_month(request.GET.get("month", ""))
    claims = finance_scope(request.user)
    if month:
        claims = claims.filter(
            status=C.PAID, paid_on__gte=month, paid_on__lt=next_month(month)
        ).order_by("paid_on", "pk")
    else:
        claims = claims.filter(status=C.APPROVED).order_by("approved_at", "pk")
    claims = claims.select_related("staff__bank_account")
    header = [
        _("Staff member"),
        _("Staff number"),
        _("Bank"),
        _("Account number"),
        _("Amount"),
        _("Claim number"),
    ]
    if month:
        header.append(_("Payment date"))
    rows = []
    for claim in claims:
        account = getattr(claim.staff, "bank_account", None)
        number = account.account_number if account else ""
        if number and not rules.sees_bank_account(request.user, claim.staff):
            number = mask_account(number)
        row = [
            claim.staff.name,
            claim.staff.staff_no,
            account.bank_name if account else "",
            number,
            claim.total,
            claim.number,
        ]
        if month:
            row.append(claim.paid_on)
        rows.append(row)
    name = f"{_('Payment list')}-{month:%Y-%m}.xlsx" if month else f"{_('Payment list')}.xlsx"
    return _xlsx(str(PAYMENTS_TITLE), header, rows, name)


PAYMENTS_TITLE = pgettext_lazy("spreadsheet", "Payments")

urlpatterns = [
    path("finance/claims/", finance_claims, name="finance_claims"),
    path("finance/claims/pay/", claims_pay_selected, name="claims_pay_selected"),
    path("finance/claims/export.xlsx", claims_export, name="claims_export"),
    path("finance/claims/payments.xlsx", payment_list, name="payment_list"),
    path("claims/<int:pk>/pay/", claim_pay, name="claim_pay"),
]
