"""Forms of overtime (加班): the request, its live hint, and the forms of each later stage. They
read input only; the services in attendance.services.overtime decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from attendance.forms.punches import DATE
from attendance.models import Compensation
from onsite.forms import BootstrapForm

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OvertimeForm(BootstrapForm):
    date = forms.DateField(label=_("date"), widget=DATE)
    start_time = forms.TimeField(label=_("from"), widget=TIME)
    end_time = forms.TimeField(label=_("until"), widget=TIME)
    reason = forms.CharField(
        label=_("reason"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What has to be done, for example: the data-centre migration window."),
    )
    compensation = forms.ChoiceField(
        label=_("compensation"),
        choices=Compensation.choices,
        initial=Compensation.PAY,
        help_text=_("Time off is possible only for overtime on a rest day."),
    )
    emergency = forms.BooleanField(
        label=_("Emergency: filed after the day"),
        required=False,
        help_text=_(
            "Overtime is asked for before the day; afterwards only as an emergency, "
            "which your supervisor confirms first."
        ),
    )


class PreviewForm(BootstrapForm):
    """The fields of the request the hint under them reads; any of them may still be empty."""

    date = forms.DateField(required=False)
    start_time = forms.TimeField(required=False)
    end_time = forms.TimeField(required=False)


class DecisionForm(BootstrapForm):
    CONFIRM, APPROVE, REJECT, FILE = "confirm", "approve", "reject", "file"

    # The submit buttons of the decision forms carry it.
    decision = forms.ChoiceField(
        choices=(
            (CONFIRM, _("Confirm the emergency")),
            (APPROVE, _("Approve")),
            (REJECT, _("Reject")),
            (FILE, pgettext_lazy("to file overtime (备案)", "File")),
        )
    )
    note = forms.CharField(
        label=_("note"),
        max_length=255,
        required=False,
        help_text=_("Required when rejecting."),
    )
    override_reason = forms.CharField(
        label=_("reason for exceeding the cap"),
        max_length=255,
        required=False,
        help_text=_("Required to approve overtime beyond the legal cap (Labour Law art. 41)."),
    )


class CancelForm(BootstrapForm):
    reason = forms.CharField(
        label=_("reason"),
        max_length=255,
        required=False,
        help_text=_("Why you withdraw the request."),
    )


class HoursForm(BootstrapForm):
    hours = forms.DecimalField(
        label=_("hours worked"),
        min_value=Decimal(0),
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        help_text=_("In half hours, at most the hours asked for."),
    )
    note = forms.CharField(
        label=_("note"),
        max_length=255,
        required=False,
        help_text=_("Required when confirming more than the punches show."),
    )
