"""Forms of the absence explanation (《缺勤情况说明》): writing it and reviewing it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onsite.forms import BootstrapForm


class ExplanationForm(BootstrapForm):
    text = forms.CharField(
        label=_("explanation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Say for each absence or late arrival what happened and what you will do."),
    )


class ReviewForm(BootstrapForm):
    ACCEPT, RETURN = "accept", "return"

    # The two submit buttons of the review form carry it.
    decision = forms.ChoiceField(
        choices=((ACCEPT, _("Accept")), (RETURN, _("Return for rewriting")))
    )
    note = forms.CharField(
        label=_("note"),
        max_length=255,
        required=False,
        help_text=_("Required when returning: say what is missing."),
    )
