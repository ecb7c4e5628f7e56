"""The HR form for one day of the working-day calendar."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from attendance.models import DayKind
from onsite.forms import BootstrapForm


class CalendarDayForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Kind of day"), choices=DayKind.choices)
    name = forms.CharField(
        label=_("Name"),
        max_length=60,
        required=False,
        help_text=_("For example 国庆节, or why the site is closed."),
    )
