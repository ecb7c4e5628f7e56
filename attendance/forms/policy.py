"""The HR form for one policy number of a company or a site."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from attendance.services.policy import MAXIMUM
from onsite.forms import BootstrapMixin
from onsite.policy import POLICIES

NOT_A_COUNT = _("Enter a whole number, 0 or more (no decimals, no sign).")


class PolicyValueForm(BootstrapMixin, forms.Form):
    key = forms.ChoiceField(
        choices=[(key, policy.label) for key, policy in POLICIES.items()],
        widget=forms.HiddenInput,
    )
    value = forms.IntegerField(
        label=_("Value"),
        required=False,
        min_value=0,
        max_value=MAXIMUM,
        error_messages={"invalid": NOT_A_COUNT, "min_value": NOT_A_COUNT},
        widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
    )
    clear = forms.BooleanField(required=False)

    def __init__(self, data=None, **kwargs):
        if data is not None and data.get("clear"):
            # Clearing ignores whatever was typed in the box.
            data = data.copy()
            data["value"] = ""
        super().__init__(data, **kwargs)

    def clean(self):
        data = super().clean()
        if not data.get("clear") and data.get("value") is None and "value" not in self.errors:
            self.add_error("value", _("Enter a value, or clear it to use the one above."))
        return data
