"""Forms of a person's record: the staff details, status, qualification checks, the register of
rewards and penalties, and placements."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onsite.access import access_for
from onsite.forms import BootstrapForm, BootstrapModelForm
from onsite.org.models import Company, Contract, Department, Position, Site, Staff
from onsite.org.validators import normalise_phone
from onsite.uploads import UploadValidator
from staffing.models import CheckStatus, RecordKind, RewardPenalty

DATE = forms.DateInput(attrs={"type": "date"})


class StaffForm(BootstrapModelForm):
    class Meta:
        model = Staff
        fields = [
            "company",
            "staff_no",
            "name",
            "gender",
            "birth_date",
            "nationality",
            "id_number",
            "phone",
            "email",
            "education",
            "employment_start",
            "department",
            "position",
            "monthly_salary",
        ]
        widgets = {"birth_date": DATE, "employment_start": DATE}

    def __init__(self, *args, user, locked=(), **kwargs):
        super().__init__(*args, **kwargs)
        companies = access_for(user).hr_companies
        scope = {} if user.is_superuser else {"company_id__in": companies}
        self.fields["company"].queryset = (
            Company.objects.all() if user.is_superuser else Company.objects.filter(pk__in=companies)
        )
        self.fields["department"].queryset = Department.objects.filter(**scope)
        self.fields["position"].queryset = Position.objects.filter(**scope)
        # On one's own record, what others decide is shown but not editable (a posted value of
        # a disabled field is ignored).
        for name in locked:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Set by another HR admin.")

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        return normalise_phone(phone) if phone else phone

    def clean(self):
        cleaned = super().clean()
        company = cleaned.get("company")
        for name in ("department", "position"):
            related = cleaned.get(name)
            if related and company and related.company_id != company.pk:
                self.add_error(name, _("This belongs to another company."))
        return cleaned


class StatusForm(BootstrapForm):
    to = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        widget=forms.TextInput(attrs={"placeholder": _("Reason, kept in the history")}),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices


class CheckForm(BootstrapForm):
    status = forms.ChoiceField(
        label=_("Verdict"),
        choices=[
            (s.value, s.label)
            for s in (CheckStatus.PASSED, CheckStatus.FAILED, CheckStatus.PENDING)
        ],
    )
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DATE)
    evidence = forms.FileField(label=_("Evidence"), required=False, validators=[UploadValidator()])
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class RecordForm(BootstrapModelForm):
    class Meta:
        model = RewardPenalty
        fields = ["kind", "date", "reason", "amount", "site", "decided_by"]
        widgets = {"date": DATE, "reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.visible_to(user).order_by("code")
        self.fields["kind"].choices = RecordKind.choices


class AssignmentForm(BootstrapForm):
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=Contract.objects.none())
    start = forms.DateField(label=_("Start"), widget=DATE)
    end = forms.DateField(label=_("End"), required=False, widget=DATE)
    backup = forms.BooleanField(label=_("Backup person"), required=False)

    def __init__(self, *args, staff: Staff, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.visible_to(user).order_by("code")
        self.fields["contract"].queryset = Contract.objects.filter(company=staff.company).order_by(
            "code"
        )
