"""The forms of a result's page: the person's appeal, the manager's decision on it and the
outcome they record. Forms check the input; the services decide (assessment/services/results.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.models import Outcome, Result
from assessment.services.results import NOTE_LENGTH, REASON_LENGTH
from onsite.forms import BootstrapForm

UPHOLD, REJECT = "uphold", "reject"


class AppealForm(BootstrapForm):
    reason = forms.CharField(
        label=_("Reason for the appeal"),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AppealDecisionForm(BootstrapForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(UPHOLD, _("Uphold the appeal")), (REJECT, _("Reject the appeal"))],
    )
    note = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == REJECT and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Say why the appeal is rejected."))
        return cleaned


class OutcomeForm(BootstrapForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, required=False)
    note = forms.CharField(label=_("Note on the outcome"), required=False, max_length=NOTE_LENGTH)

    @classmethod
    def of(cls, result: Result) -> OutcomeForm:
        return cls(initial={"outcome": result.outcome, "note": result.outcome_note})
