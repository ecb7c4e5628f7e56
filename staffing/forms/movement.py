"""Forms of entering and leaving: they check input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onsite.forms import BootstrapForm
from onsite.org.models import Site, Staff, StaffStatus
from staffing.models import ChangeKind, LeavingReason, OffboardingItemKind, OnboardingItemKind
from staffing.selectors.movement import is_manager_of, notice_companies

DATE = forms.DateInput(attrs={"type": "date"})


class ItemForm(BootstrapForm):
    """Tick (or reopen) one checklist item."""

    ACTIONS = (("done", _("Done")), ("reopen", _("Reopen")))

    kind = forms.ChoiceField(label=_("item"))
    action = forms.ChoiceField(choices=ACTIONS, initial="done")
    note = forms.CharField(label=_("note"), max_length=255, required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds.choices


class OnboardingItemForm(ItemForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, kinds=OnboardingItemKind, **kwargs)


class OffboardingItemForm(ItemForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, kinds=OffboardingItemKind, **kwargs)


class OffboardingStartForm(BootstrapForm):
    reason = forms.ChoiceField(label=_("reason for leaving"), choices=LeavingReason.choices)
    leaving_on = forms.DateField(label=_("last working day"), widget=DATE)
    successor = forms.ModelChoiceField(
        label=_("successor"),
        queryset=Staff.objects.none(),
        required=False,
        help_text=_("The person who takes over the work."),
    )
    note = forms.CharField(
        label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = (
            Staff.objects.filter(company_id=assignment.staff.company_id)
            .exclude(pk=assignment.staff_id)
            .exclude(status__in=[StaffStatus.LEFT, StaffStatus.BANNED])
            .order_by("staff_no")
        )


class ChangeNoticeForm(BootstrapForm):
    site = forms.ModelChoiceField(label=_("site"), queryset=Site.objects.none())
    kind = forms.ChoiceField(label=_("kind of change"), choices=ChangeKind.choices)
    leaving = forms.ModelChoiceField(
        label=_("who leaves"), queryset=Staff.objects.none(), required=False
    )
    incoming = forms.ModelChoiceField(
        label=_("who comes"), queryset=Staff.objects.none(), required=False
    )
    planned_on = forms.DateField(label=_("planned date"), widget=DATE)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
    override_reason = forms.CharField(
        label=_("reason for the override"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_(
            "Managers only: files a notice shorter than the policy, or a rotation within the "
            "minimum months."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        companies = notice_companies(user)
        everything = user.is_superuser
        people = (
            Staff.objects.all() if everything else Staff.objects.filter(company_id__in=companies)
        )
        people = people.exclude(status__in=[StaffStatus.LEFT, StaffStatus.BANNED]).order_by(
            "staff_no"
        )
        self.fields["leaving"].queryset = people
        self.fields["incoming"].queryset = people
        sites = (
            Site.objects.all()
            if everything
            else Site.objects.filter(contracts__company_id__in=companies)
        )
        self.fields["site"].queryset = sites.distinct().order_by("code")
        if not (everything or any(is_manager_of(user, c) for c in companies)):
            del self.fields["override_reason"]

    def clean(self):
        data = super().clean()
        if not data.get("leaving") and not data.get("incoming"):
            raise forms.ValidationError(_("Name who leaves, who comes, or both."))
        return data


class ResignationForm(BootstrapForm):
    leaving_on = forms.DateField(label=_("last working day"), widget=DATE)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 4}))

    def clean_leaving_on(self):
        leaving_on = self.cleaned_data["leaving_on"]
        if leaving_on < timezone.localdate():
            raise forms.ValidationError(_("The last working day has passed."))
        return leaving_on


class DecisionForm(BootstrapForm):
    reason = forms.CharField(
        label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RejectionForm(BootstrapForm):
    reason = forms.CharField(
        label=_("reason for the rejection"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason for the rejection.")},
    )


class NoticeAnswerForm(BootstrapForm):
    """The site's answer to a change notice; its two submit buttons carry the decision."""

    CONFIRM, RETURN = "confirm", "return"

    decision = forms.ChoiceField(choices=((CONFIRM, _("Confirm")), (RETURN, _("Return"))))
    note = forms.CharField(
        label=_("note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when returning: say what should change."),
    )
