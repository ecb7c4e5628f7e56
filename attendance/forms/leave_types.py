"""The form of one row of the leave-types page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from attendance.models import LeaveKind


class LeaveTypeForm(forms.Form):
    """One kind at a time; an unticked box is not sent, so each setting is False unless sent."""

    kind = forms.ChoiceField(
        choices=LeaveKind.choices,
        error_messages={
            "required": gettext_lazy("Unknown leave type."),
            "invalid_choice": gettext_lazy("Unknown leave type."),
        },
    )
    paid = forms.BooleanField(required=False)
    deducted = forms.BooleanField(required=False)
    document_required = forms.BooleanField(required=False)
    balance_tracked = forms.BooleanField(required=False)
