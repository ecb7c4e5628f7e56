"""Forms of the inspection pages: a line of the checklist, the day's round (one row per item in
use, built from the checklist), the deep inspection report, a step of its plan and its review.
They check the input's shape; tickets.services.inspections decides and checks the photos."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onsite.forms import BootstrapForm
from tickets.models import ChecklistItem, DeepInspection, ImprovementAction, InspectionResult

OK, FAILED = "ok", "failed"


class ChecklistItemForm(BootstrapForm):
    system = forms.CharField(
        label=_("System"), max_length=ChecklistItem._meta.get_field("system").max_length
    )
    item = forms.CharField(
        label=_("What to check"), max_length=ChecklistItem._meta.get_field("item").max_length
    )


class RoundForm(BootstrapForm):
    """One row per item in use: ok or failed, a note (required when failed), a photo."""

    note = forms.CharField(
        label=_("Note on the round"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, items: list[ChecklistItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        note_length = InspectionResult._meta.get_field("note").max_length
        for item in items:
            self.fields[f"ok_{item.pk}"] = forms.ChoiceField(
                label=str(item),
                choices=[(OK, _("OK")), (FAILED, _("Failed"))],
                # Added after BootstrapForm styled the fields: styled here.
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial=OK,
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=note_length,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )
            self.fields[f"photo_{item.pk}"] = forms.FileField(
                label=_("Photo"),
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"accept": ".jpg,.jpeg,.png", "class": "form-control"}
                ),
            )

    def rows(self):
        """The item with its three fields, for the template."""
        return [
            {
                "item": item,
                "ok": self[f"ok_{item.pk}"],
                "note": self[f"note_{item.pk}"],
                "photo": self[f"photo_{item.pk}"],
            }
            for item in self.items
        ]

    def clean(self):
        data = super().clean()
        for item in self.items:
            if data.get(f"ok_{item.pk}") == FAILED and not data.get(f"note_{item.pk}", "").strip():
                self.add_error(f"note_{item.pk}", _("Say what is wrong."))
        return data


class DeepForm(BootstrapForm):
    half = forms.RegexField(
        label=_("Half-year"),
        regex=r"^\d{4}[Hh][12]$",
        max_length=6,
        help_text=_("For example 2026H2."),
        error_messages={"invalid": _("Name the half-year as 2026H1 or 2026H2.")},
    )
    findings = forms.CharField(
        label=_("Findings"),
        max_length=DeepInspection._meta.get_field("findings").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class FindingsForm(BootstrapForm):
    findings = DeepForm.base_fields["findings"]


class ActionForm(BootstrapForm):
    action = forms.CharField(
        label=_("Improvement"),
        max_length=ImprovementAction._meta.get_field("action").max_length,
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner"].label_from_instance = lambda staff: staff.name


class ReviewForm(BootstrapForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("return", _("Return to the author"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Review note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
