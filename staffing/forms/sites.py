"""The form of a site's details and working hours."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onsite.forms import BootstrapModelForm
from onsite.org.models import Site
from onsite.org.schedule import format_schedule, parse_schedule
from onsite.timezones import time_zone_choices


class SiteForm(BootstrapModelForm):
    class Meta:
        model = Site
        fields = ["name", "address", "time_zone", "schedule"]
        # Chosen by its name (北京时间), not typed as a code (Asia/Shanghai).
        widgets = {"time_zone": forms.Select}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.choices = time_zone_choices(self.instance.time_zone)

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"]
        if zone not in dict(time_zone_choices(self.instance.time_zone)):
            raise forms.ValidationError(_("Choose one of the time zones offered."))
        return zone

    def clean_schedule(self) -> str:
        schedule = self.cleaned_data["schedule"]
        return format_schedule(parse_schedule(schedule)) if schedule else schedule
