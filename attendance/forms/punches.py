"""Forms of punches entered by people and of absence marks."""

from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from attendance.models import AbsenceReason
from attendance.services.punches import placements_on
from onsite.access import access_for
from onsite.forms import BootstrapForm
from onsite.org.models import Assignment, Staff

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_TIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def people_for(user) -> QuerySet[Staff]:
    """The people `user` may enter punches and mark absences for: those they see who have been
    placed at a site they act for (HR: any site; a supervisor: the sites they supervise), but
    not themselves."""
    access = access_for(user)
    placed = Assignment.objects.filter(staff=OuterRef("pk"))
    if not access.is_superuser:
        placed = placed.filter(
            Q(site_id__in=access.supervised_sites) | Q(staff__company_id__in=access.hr_companies)
        )
    # Never oneself: nobody enters punches for or marks absences of their own record.
    return (
        Staff.objects.visible_to(user)
        .filter(Exists(placed))
        .exclude(pk=access.staff_id)
        .order_by("staff_no")
    )


def as_site_time(staff: Staff, at: datetime.datetime) -> datetime.datetime:
    """A time typed into a form means the clock at the person's site that day, whatever the
    time zone of the server."""
    typed = timezone.make_naive(at)
    placements = placements_on(staff=staff, date=typed.date())
    if not placements:
        return at
    return typed.replace(tzinfo=zoneinfo.ZoneInfo(placements[0].site.time_zone))


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Staff) -> str:
        return f"{obj.name} ({obj.staff_no})"


class PunchForm(BootstrapForm):
    staff = StaffChoiceField(label=_("person"), queryset=Staff.objects.none())
    at = forms.DateTimeField(
        label=_("date and time"),
        widget=DATE_TIME,
        help_text=_("The clock at the person's site."),
    )
    reason = forms.CharField(
        label=_("reason"),
        max_length=255,
        help_text=_("For example: the device was broken; the card was forgotten."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = people_for(user)

    def clean(self):
        data = super().clean()
        if data.get("staff") and data.get("at"):
            data["at"] = as_site_time(data["staff"], data["at"])
        return data


class MarkForm(BootstrapForm):
    staff = StaffChoiceField(label=_("person"), queryset=Staff.objects.none())
    date = forms.DateField(label=_("date"), widget=DATE)
    reason = forms.ChoiceField(label=_("reason"), choices=AbsenceReason.choices)
    note = forms.CharField(
        label=_("what happened"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = people_for(user)


class UnmarkForm(BootstrapForm):
    reason = forms.CharField(label=_("why the mark is removed"), max_length=255)
