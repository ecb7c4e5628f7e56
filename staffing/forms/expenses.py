"""Forms of the expense pages (SPEC §10): a business trip asked ahead, an expense line, a
manager's decision on a trip. They check the input's shape (bounded dates, amounts in yuan with
two decimals, an invoice file of an accepted size, type and content); the services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from onsite.forms import BootstrapForm
from onsite.uploads import DOCUMENT_TYPES, UploadValidator
from staffing.models import AMOUNT_MAX, ExpenseCategory, ExpenseLine, Trip
from staffing.selectors.expenses import trips_covering

DATE = forms.DateInput(attrs={"type": "date"})
CENT = Decimal("0.01")


def _text(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class TripForm(BootstrapForm):
    destination = forms.CharField(label=_("Destination"), max_length=_text(Trip, "destination"))
    start = forms.DateField(label=_("Leaving on"), widget=DATE)
    end = forms.DateField(label=_("Back on"), widget=DATE)
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=_text(Trip, "purpose"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    estimated_cost = forms.DecimalField(
        label=_("Estimated cost (yuan)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=AMOUNT_MAX,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The trip ends before it starts."))
        return cleaned


class LineForm(BootstrapForm):
    """One expense; the trip is one of the person's approved trips."""

    date = forms.DateField(label=_("Date"), widget=DATE)
    category = forms.ChoiceField(label=_("Category"), choices=ExpenseCategory.choices)
    amount = forms.DecimalField(
        label=_("Amount (yuan)"),
        max_digits=10,
        decimal_places=2,
        min_value=CENT,
        max_value=AMOUNT_MAX,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    # Typed with spaces or dashes as printed; the service keeps letters and digits.
    invoice_no = forms.CharField(
        label=_("Invoice number"),
        required=False,
        max_length=_text(ExpenseLine, "invoice_no") + 20,
    )
    invoice_file = forms.FileField(
        label=_("Invoice file"),
        required=False,
        validators=[UploadValidator(DOCUMENT_TYPES)],
        help_text=_("PDF or image. An e-invoice PDF fills in its number and amount."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    away = forms.BooleanField(label=_("Away from my site"), required=False)
    trip = forms.ModelChoiceField(
        label=_("Business trip"), queryset=Trip.objects.none(), required=False
    )
    justification = forms.CharField(
        label=_("Justification (over a cap)"),
        required=False,
        max_length=_text(ExpenseLine, "justification"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trip"].queryset = trips_covering(staff=staff)
        self.fields["trip"].label_from_instance = str
        self.fields["trip"].empty_label = _("No trip")
        # The page's script posts the chosen PDF here to fill in the number and the amount.
        self.fields["invoice_file"].widget.attrs["data-invoice-file"] = "1"

    @classmethod
    def initial_for(cls, line: ExpenseLine) -> dict:
        return {
            "date": line.date,
            "category": line.category,
            "amount": line.amount,
            "invoice_no": line.invoice_no,
            "away": line.away,
            "trip": line.trip_id,
            "justification": line.justification,
        }


APPROVE, REJECT = "approve", "reject"


class TripDecisionForm(BootstrapForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))]
    )
    note = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=_text(Trip, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == REJECT and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Say why the trip is rejected."))
        return cleaned
