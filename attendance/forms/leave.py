"""Forms of leave (请假): the request, its preview, its extension, the decision and the
cancellation. They read the input; attendance.services.leave decides."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from attendance.forms.punches import DATE
from attendance.models import LeaveKind
from onsite.forms import BootstrapForm, BoundedMixin
from onsite.org.models import Assignment, Staff
from onsite.uploads import DOCUMENT_TYPES, UploadValidator

# The fields of the request that change what the preview counts.
PREVIEWED = ("kind", "start", "starts_pm", "end", "ends_am", "emergency", "cover")
PREVIEW_BOX = "#leave-preview"


def colleagues(staff: Staff, today: datetime.date):
    """The people placed today at the site where `staff` is placed today, `staff` aside."""
    here = (
        Assignment.objects.active_on(today)
        .filter(staff=staff)
        .order_by("backup")
        .values_list("site_id", flat=True)
        .first()
    )
    if here is None:
        return Staff.objects.none()
    placed = Assignment.objects.active_on(today).filter(staff=OuterRef("pk"), site_id=here)
    return Staff.objects.filter(Exists(placed)).exclude(pk=staff.pk).order_by("name", "pk")


def previewed(form: forms.Form, names) -> None:
    """These fields ask the preview box again (htmx) whenever they change."""
    url = reverse("attendance:leave_preview")
    for name in names:
        form.fields[name].widget.attrs.update(
            {
                "hx-get": url,
                "hx-trigger": "change",
                "hx-target": PREVIEW_BOX,
                "hx-include": "closest form",
                # A later change aborts the request still under way, so an older answer never
                # lands over a newer one.
                "hx-sync": "closest form:replace",
            }
        )


class NameChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Staff) -> str:
        return obj.name


def document_field() -> forms.FileField:
    return forms.FileField(
        label=_("document"),
        required=False,
        validators=[UploadValidator(types=DOCUMENT_TYPES)],
        help_text=_("PDF, JPG or PNG, for example a doctor's note. Some kinds of leave need one."),
    )


def reason_field() -> forms.CharField:
    # Not required here: the service refuses an empty reason together with every other problem.
    return forms.CharField(
        label=_("reason"),
        max_length=255,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LeaveForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("type"), choices=LeaveKind.choices)
    start = forms.DateField(label=_("first day"), widget=DATE)
    starts_pm = forms.BooleanField(label=_("starts in the afternoon"), required=False)
    end = forms.DateField(label=_("last day"), widget=DATE)
    ends_am = forms.BooleanField(label=_("ends at noon"), required=False)
    reason = reason_field()
    cover = NameChoiceField(
        label=_("cover person"),
        queryset=Staff.objects.none(),
        required=False,
        help_text=_("The colleague at your site who does your work while you are away."),
    )
    emergency = forms.BooleanField(
        label=_("emergency"),
        required=False,
        help_text=_(
            "An emergency may be asked later than the notice rule allows, even after the fact."
        ),
    )
    document = document_field()

    def __init__(self, *args, staff: Staff, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cover"].queryset = colleagues(staff, today)
        previewed(self, PREVIEWED)


class PreviewForm(BoundedMixin, forms.Form):
    """The query of the preview: every field may be missing or wrong while the person types."""

    kind = forms.ChoiceField(choices=LeaveKind.choices, required=False)
    start = forms.DateField(required=False)
    starts_pm = forms.BooleanField(required=False)
    end = forms.DateField(required=False)
    ends_am = forms.BooleanField(required=False)
    emergency = forms.BooleanField(required=False)
    extends = forms.IntegerField(required=False)
    cover = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)

    def value(self, name: str):
        """The field's clean value, or None when it is missing or cannot be read."""
        self.is_valid()
        return self.cleaned_data.get(name) if name not in self.errors else None


class ExtendForm(BootstrapForm):
    end = forms.DateField(label=_("new last day"), widget=DATE)
    ends_am = forms.BooleanField(label=_("ends at noon"), required=False)
    reason = reason_field()
    document = document_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        previewed(self, ("end", "ends_am"))


class CancelForm(BootstrapForm):
    # The service asks for the reason, in the same words wherever leave is cancelled.
    reason = forms.CharField(label=_("why cancel"), max_length=255, required=False)
