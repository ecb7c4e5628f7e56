"""Forms of corrections (补卡): the request and the decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from attendance.forms.punches import DATE_TIME, as_site_time
from onsite.forms import BootstrapForm
from onsite.org.models import Staff


class CorrectionForm(BootstrapForm):
    at = forms.DateTimeField(
        label=_("time of the missing punch"),
        widget=DATE_TIME,
        help_text=_("Today or an earlier day, by the clock at your site."),
    )
    reason = forms.CharField(
        label=_("reason"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the punch is missing, for example: the device did not read my card."),
    )

    def __init__(self, *args, staff: Staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff

    def clean(self):
        data = super().clean()
        if data.get("at"):
            data["at"] = as_site_time(self.staff, data["at"])
        return data


class DecisionForm(BootstrapForm):
    APPROVE, REJECT = "approve", "reject"

    # The two submit buttons of the decision form carry it.
    decision = forms.ChoiceField(choices=((APPROVE, _("Approve")), (REJECT, _("Reject"))))
    note = forms.CharField(
        label=_("note"),
        max_length=255,
        required=False,
        help_text=_("Required when rejecting."),
    )
