"""Forms of the work plan pages: the plan (its site when there is a choice, title and goals), a
step (what, deadline, who is responsible: someone placed at the site), the lead's decision. They
check the input's shape; tickets.services.plans decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onsite.forms import BootstrapForm
from tickets.models import PlanStep, WorkPlan


class PlanForm(BootstrapForm):
    title = forms.CharField(
        label=_("Title"), max_length=WorkPlan._meta.get_field("title").max_length
    )
    goals = forms.CharField(
        label=_("Goals"),
        max_length=WorkPlan._meta.get_field("goals").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class NewPlanForm(PlanForm):
    site = forms.ModelChoiceField(label=_("Site"), queryset=None)
    field_order = ["site", "title", "goals"]

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["site"].label_from_instance = lambda site: site.name
        if len(sites) == 1:
            self.fields["site"].initial = sites[0].pk


class StepForm(BootstrapForm):
    title = forms.CharField(
        label=_("Step"), max_length=PlanStep._meta.get_field("title").max_length
    )
    due_on = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    responsible = forms.ModelChoiceField(label=_("Responsible"), queryset=None)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = people
        self.fields["responsible"].label_from_instance = lambda staff: staff.name


APPROVE, RETURN = "approve", "return"


class DecisionForm(BootstrapForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (RETURN, _("Return with comments"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=WorkPlan._meta.get_field("review_note").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
