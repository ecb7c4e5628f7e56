"""Expenses (费用报销, SPEC §10): business trips asked ahead, and claims whose lines a person adds as
expenses happen; the site's supervisor signs a claim, finance approves and pays it. A claim
submitted after the deadline needs a manager's approval before finance sees it. Money is Decimal
in yuan with two decimals everywhere."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from onsite.access import access_for
from onsite.org.models import Company, Site, Staff
from onsite.uploads import DOCUMENT_TYPES, UploadValidator

__all__ = [
    "AMOUNT_MAX",
    "BankAccount",
    "Claim",
    "ClaimQuerySet",
    "ClaimStatus",
    "ExpenseCategory",
    "ExpenseLine",
    "Trip",
    "TripQuerySet",
    "TripStatus",
]

# One line, one trip's estimate: a bound that no expense of an on-site person reaches.
AMOUNT_MAX = Decimal("1000000.00")


class ExpenseCategory(models.TextChoices):
    TRANSPORT = "transport", _("Transport")
    LODGING = "lodging", _("Lodging")
    MEALS = "meals", _("Meals")
    COMMUNICATION = "communication", _("Communication")
    SUBSIDY = "subsidy", _("Subsidy")


class TripStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("trip status", "Pending")
    APPROVED = "approved", pgettext_lazy("trip status", "Approved")
    REJECTED = "rejected", pgettext_lazy("trip status", "Rejected")


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("claim status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("claim status", "Submitted")
    SIGNED = "signed", pgettext_lazy("claim status", "Signed by the supervisor")
    LATE_APPROVED = "late_approved", pgettext_lazy("claim status", "Late claim approved")
    APPROVED = "approved", pgettext_lazy("claim status", "Approved by finance")
    PAID = "paid", pgettext_lazy("claim status", "Paid")
    RETURNED = "returned", pgettext_lazy("claim status", "Returned")


def _company_scope(access, company_field: str, department_field: str) -> Q:
    q = Q(**{f"{company_field}__in": access.hr_companies | access.manager_companies})
    if access.manager_departments:
        q |= Q(**{f"{department_field}__in": access.manager_departments})
    return q


class TripQuerySet(models.QuerySet):
    def visible_to(self, user) -> TripQuerySet:
        """The traveller, the supervisors of the site they travel from, HR and managers of their
        company (a manager over a department: its people) and its finance, who checks the lines
        that reference a trip."""
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        q = _company_scope(access, "staff__company_id", "staff__department_id")
        q |= Q(staff__company_id__in=access.finance_companies)
        q |= Q(site_id__in=access.supervised_sites)
        if access.staff_id:
            q |= Q(staff_id=access.staff_id)
        return self.filter(q)


class Trip(models.Model):
    """出差申请: asked ahead by the traveller, approved or rejected by a manager."""

    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="trips", verbose_name=_("staff member")
    )
    # Where the person was placed when asking: the supervisors who see it.
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trips",
        verbose_name=_("site"),
    )
    destination = models.CharField(_("destination"), max_length=100)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    purpose = models.TextField(_("purpose"), max_length=1000)
    estimated_cost = models.DecimalField(
        _("estimated cost"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(AMOUNT_MAX)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TripStatus.choices, default=TripStatus.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(_("reason for rejection"), max_length=1000, blank=True)
    history = HistoricalRecords()

    objects = TripQuerySet.as_manager()

    class Meta:
        verbose_name = _("business trip")
        verbose_name_plural = _("business trips")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=models.F("end")), name="trip_start_before_end"
            ),
            models.CheckConstraint(
                condition=Q(estimated_cost__gte=0), name="trip_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""), name="trip_rejection_has_reason"
            ),
        ]
        indexes = [
            # The claim form's "approved trips covering this date" of one person.
            models.Index(fields=["staff", "status", "start"], name="trip_staff_status_start"),
        ]

    def __str__(self) -> str:
        return f"{self.destination} {self.start:%Y-%m-%d}—{self.end:%Y-%m-%d}"

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


class ClaimQuerySet(models.QuerySet):
    def visible_to(self, user) -> ClaimQuerySet:
        """The claimant; the supervisors of the claim's site; HR and managers of the company (a
        manager over a department: its people); finance of the company once the claim reached it
        (signed and, when late, approved by a manager; or returned by finance)."""
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        q = _company_scope(access, "staff__company_id", "staff__department_id")
        q |= Q(site_id__in=access.supervised_sites) & ~Q(status=ClaimStatus.DRAFT)
        if access.finance_companies:
            q |= Q(staff__company_id__in=access.finance_companies) & finance_stage()
        if access.staff_id:
            q |= Q(staff_id=access.staff_id)
        return self.filter(q)


def finance_stage() -> Q:
    """The claims that reached finance: signed (and not late, or late and approved by a
    manager), approved, paid, or returned by finance."""
    return (
        Q(status=ClaimStatus.SIGNED, late=False)
        | Q(status__in=(ClaimStatus.LATE_APPROVED, ClaimStatus.APPROVED, ClaimStatus.PAID))
        | Q(
            status=ClaimStatus.RETURNED,
            returned_from__in=(ClaimStatus.SIGNED, ClaimStatus.LATE_APPROVED),
        )
    )


class Claim(models.Model):
    """One person's claim: the lines added while it is a draft, submitted together."""

    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="claims", verbose_name=_("staff member")
    )
    # The site whose supervisors sign it: where the person was placed when submitting.
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("site"),
    )
    status = models.CharField(
        _("status"), max_length=14, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT
    )
    # The sum of its lines, kept by the line services (lists and payments read it).
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2, default=Decimal("0"))
    # The first month of its lines, kept with the total (finance filters by month).
    month = models.DateField(_("month"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Lateness is judged at the first submission: a claim returned by a reviewer after the
    # deadline is not late when sent again, unless lines of a closed month were added since.
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    late = models.BooleanField(_("late claim"), default=False)
    over_cap = models.BooleanField(_("over a cap"), default=False)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by the supervisor"),
    )
    late_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("late claim approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by finance"),
    )
    paid_on = models.DateField(_("payment date"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=60, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paid by"),
    )
    return_reason = models.TextField(_("reason for return"), max_length=1000, blank=True)
    # The stage it was returned from: whose list shows it as returned.
    returned_from = models.CharField(
        _("returned at"), max_length=14, choices=ClaimStatus.choices, blank=True
    )
    history = HistoricalRecords()

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("expense claim")
        verbose_name_plural = _("expense claims")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # Lines are added to the person's one open draft.
            models.UniqueConstraint(
                fields=["staff"], condition=Q(status="draft"), name="claim_one_draft_per_staff"
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="claim_total_not_negative"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="claim_return_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False), name="claim_paid_has_date"
            ),
        ]
        indexes = [
            # Finance's list: the company's claims at a stage, newest first.
            models.Index(fields=["status", "-submitted_at"], name="claim_status_submitted"),
            models.Index(fields=["site", "status"], name="claim_site_status"),
            models.Index(fields=["month", "status"], name="claim_month_status"),
        ]

    def __str__(self) -> str:
        return f"{self.staff.name} · {self.total}"

    @property
    def number(self) -> str:
        return f"BX{self.pk:06d}"

    @property
    def is_editable(self) -> bool:
        return self.status in (ClaimStatus.DRAFT, ClaimStatus.RETURNED)


def invoice_path(line: ExpenseLine, filename: str) -> str:
    # The person's name for the file is kept only in the database; the path guesses nothing.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"expenses/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{suffix}"


class ExpenseLine(models.Model):
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="lines", verbose_name=_("expense claim")
    )
    # The company holds the invoice numbers: one number, one line in the whole company.
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="+", verbose_name=_("company")
    )
    # Where the person was placed on the line's date (statistics per site).
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expense_lines",
        verbose_name=_("site"),
    )
    trip = models.ForeignKey(
        Trip,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("business trip"),
    )
    date = models.DateField(_("date"))
    # Spent away from the person's site: transport and lodging then need an approved trip.
    away = models.BooleanField(_("away from the site"), default=False)
    category = models.CharField(_("category"), max_length=14, choices=ExpenseCategory.choices)
    amount = models.DecimalField(
        _("amount"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(AMOUNT_MAX)],
    )
    invoice_no = models.CharField(_("invoice number"), max_length=40, blank=True)
    invoice_file = models.FileField(
        _("invoice file"),
        upload_to=invoice_path,
        blank=True,
        validators=[UploadValidator(DOCUMENT_TYPES)],
    )
    justification = models.TextField(_("justification"), max_length=1000, blank=True)
    # The cap the line went over when it was recorded (empty when within every cap).
    cap = models.DecimalField(_("cap"), max_digits=10, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("expense line")
        verbose_name_plural = _("expense lines")
        ordering = ["date", "pk"]
        constraints = [
            # A duplicate invoice is the most common expense fraud (SPEC §10); the index also
            # answers the check before saving.
            models.UniqueConstraint(
                fields=["company", "invoice_no"],
                condition=~Q(invoice_no=""),
                name="expenseline_invoice_once_per_company",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="expenseline_amount_positive"),
            models.CheckConstraint(
                condition=Q(cap__isnull=True) | ~Q(justification=""),
                name="expenseline_over_cap_justified",
            ),
            models.CheckConstraint(
                condition=~Q(category="lodging") | Q(away=True), name="expenseline_lodging_is_away"
            ),
        ]
        indexes = [
            # The statistics: a company's lines per site and month.
            models.Index(fields=["company", "date", "site"], name="expenseline_company_date"),
            models.Index(fields=["claim", "date"], name="expenseline_claim_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_category_display()} {self.amount}"

    @property
    def over_cap(self) -> bool:
        return self.cap is not None


class BankAccount(models.Model):
    """Where a person's claims are paid, recorded by HR (sensitive: shown whole only to the
    company's HR and finance)."""

    staff = models.OneToOneField(
        Staff, on_delete=models.CASCADE, related_name="bank_account", verbose_name=_("staff member")
    )
    bank_name = models.CharField(_("bank"), max_length=60)
    account_number = models.CharField(_("account number"), max_length=34)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self) -> str:
        return f"{self.bank_name} {mask_account(self.account_number)}"


def mask_account(number: str) -> str:
    """The last four digits only: 6222 **** 1234 reads as ****1234."""
    number = (number or "").replace(" ", "")
    return f"****{number[-4:]}" if number else ""
