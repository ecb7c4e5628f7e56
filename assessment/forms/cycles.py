"""Forms of the cycle pages (SPEC §12): opening a cycle, moving it (start scoring, close, reopen
with a reason) and the rows of a company's criteria. They check the input's shape; the services
in assessment.services decide (weights adding up to 100, a label that names a period, a reason
for reopening)."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.models import Cycle, Scorer
from assessment.services.criteria import KEY_MAX, LABEL_MAX, ORDER_MAX, WEIGHT_MAX, WEIGHT_MIN
from onsite.forms import TEXT_MAX_LENGTH, BootstrapForm
from onsite.org.models import Company
from onsite.periods import Quarter

DATE = forms.DateInput(attrs={"type": "date"})
# The scoring deadline suggested for a new quarter: a fortnight after it ends.
SUGGESTED_DAYS_AFTER = 14
MOVES = ("start", "close", "reopen")


class CycleOpenForm(BootstrapForm):
    company = forms.ModelChoiceField(label=_("Company"), queryset=None)
    label = forms.CharField(
        label=_("Cycle"),
        max_length=Cycle._meta.get_field("label").max_length,
        help_text=_("A quarter (2026Q3) or a month (2026-07)."),
    )
    scoring_deadline = forms.DateField(label=_("Scoring deadline"), widget=DATE)

    def __init__(self, *args, companies=None, today: datetime.date | None = None, **kwargs):
        """`companies`: those where the reader is HR, a queryset (none: no company to choose)."""
        if companies is None:
            companies = Company.objects.none()
        quarter = Quarter.containing(today or timezone.localdate())
        kwargs.setdefault(
            "initial",
            {
                "label": quarter.label,
                "scoring_deadline": quarter.last + datetime.timedelta(days=SUGGESTED_DAYS_AFTER),
            },
        )
        super().__init__(*args, **kwargs)
        field = self.fields["company"]
        field.queryset = companies
        self.companies = list(companies)
        if len(self.companies) == 1:
            field.initial = self.companies[0].pk
            field.widget = forms.HiddenInput()


class CycleMoveForm(forms.Form):
    """One of the buttons of the cycle's page: start scoring, close (confirmed), reopen."""

    action = forms.ChoiceField(choices=[(move, move) for move in MOVES])
    confirm = forms.BooleanField(required=False)
    reason = forms.CharField(required=False, max_length=TEXT_MAX_LENGTH)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "close" and not cleaned.get("confirm"):
            raise forms.ValidationError(
                _("Tick the box to confirm: closing computes the results and locks every score.")
            )
        return cleaned


class CriterionRowForm(BootstrapForm):
    key = forms.SlugField(label=_("Key"), max_length=KEY_MAX)
    label = forms.CharField(label=_("Criterion"), max_length=LABEL_MAX)
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=WEIGHT_MIN,
        max_value=WEIGHT_MAX,
        widget=forms.NumberInput(attrs={"data-weight": "", "inputmode": "numeric"}),
    )
    scorer = forms.ChoiceField(label=_("Scored by"), choices=[*BLANK_CHOICE_DASH, *Scorer.choices])
    # Left empty, a row keeps its place on the page.
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=ORDER_MAX, required=False)


CriteriaFormSet = forms.formset_factory(
    CriterionRowForm,
    extra=1,
    can_delete=True,
    max_num=20,
    absolute_max=20,
    validate_max=True,
)


def criteria_formset(criteria=None, data=None) -> forms.BaseFormSet:
    """The rows of the criteria page: the company's criteria as they stand, or the posted rows.
    Posted rows are read without the current ones as their initial values: a row equal to a
    current criterion is kept, not taken for an untouched blank row."""
    if data is not None:
        return CriteriaFormSet(data, prefix="criteria")
    initial = [
        {"key": c.key, "label": c.label, "weight": c.weight, "scorer": c.scorer, "order": c.order}
        for c in criteria or []
    ]
    return CriteriaFormSet(initial=initial, prefix="criteria")


def rows_of(formset) -> list[dict]:
    """The kept rows of a valid formset, for assessment.services.criteria.criteria_set; a row
    without an order takes its place on the page."""
    rows = []
    for place, form in enumerate(formset.forms):
        if form.cleaned_data and not form.cleaned_data.get("DELETE"):
            row = dict(form.cleaned_data)
            if row.get("order") is None:
                row["order"] = place
            rows.append(row)
    return rows
