"""Forms of the ticket pages: raising a ticket, the list's filters, and each action on the detail
page. They check the input's shape; the services (tickets.services.tickets) decide and check the
files."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onsite.forms import BootstrapForm
from onsite.org.models import Site
from tickets.models import Category, Channel, Priority, TicketStatus

MAX_FILES = 10
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one box (images, PDF, Office); each is checked by the service."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ".jpg,.jpeg,.png,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx"

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("Attach at most %(count)s files at once."), params={"count": MAX_FILES}
            )
        return [super(MultipleFileField, self).clean(one, initial) for one in files]


def _person_label(user) -> str:
    from onsite.templatetags.onsite import person_name

    return person_name(user)


class TicketForm(BootstrapForm):
    """What the client writes on a phone; staff raising it for a client say for whom and how the
    client asked."""

    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL
    )
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea({"rows": 4})
    )
    attachments = MultipleFileField(label=_("Attachments"))
    complaint = forms.BooleanField(label=_("This is a complaint"), required=False)
    raised_for = forms.ModelChoiceField(
        label=_("On behalf of (client contact)"), queryset=Site.objects.none(), required=False
    )
    raised_for_name = forms.CharField(label=_("Or their name"), max_length=60, required=False)
    channel = forms.ChoiceField(
        label=_("How they asked"),
        choices=[(Channel.PHONE, Channel.PHONE.label), (Channel.WALK_UP, Channel.WALK_UP.label)],
        initial=Channel.PHONE,
        required=False,
    )

    def __init__(self, *args, sites, contacts, on_behalf: bool, own_sites=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.on_behalf = on_behalf
        # The sites where the reader is the client: there they raise for themselves.
        self.own_sites = own_sites
        self.fields["site"].queryset = sites
        if len(sites) == 1:
            self.fields["site"].initial = sites[0].pk
        if on_behalf:
            self.fields["raised_for"].queryset = contacts
            self.fields["raised_for"].label_from_instance = _person_label
        else:
            for name in ("raised_for", "raised_for_name", "channel"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        site = data.get("site")
        for_someone = self.on_behalf and site is not None and site.pk not in self.own_sites
        if for_someone and not (data.get("raised_for") or data.get("raised_for_name", "").strip()):
            self.add_error(
                "raised_for_name",
                _("Say for whom you raise this ticket: a client contact of the site, or a name."),
            )
        return data


class FilterForm(BootstrapForm):
    """The list's filters, read from the address; a value that is not one of them is an error
    shown above the list, which then shows all."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *TicketStatus.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All")), *Category.choices], required=False
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=[("", _("All")), *Priority.choices], required=False
    )
    breached = forms.ChoiceField(
        label=_("Past a due time"),
        choices=[("", _("All")), ("yes", _("Breached")), ("no", _("Within time"))],
        required=False,
    )
    month = forms.CharField(
        label=_("Month raised"),
        required=False,
        max_length=7,
        widget=forms.TextInput({"type": "month", "placeholder": "2026-10"}),
    )

    def clean_month(self):
        text = self.cleaned_data["month"].strip()
        if not text:
            return None
        match = MONTH.match(text)
        if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2100:
            raise ValidationError(_("Enter a month as YYYY-MM, e.g. 2026-10."))
        return datetime.date(int(match[1]), int(match[2]), 1)


class MoveForm(BootstrapForm):
    ACTIONS = ("acknowledge", "start", "resolve", "confirm", "reopen")
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS], widget=forms.HiddenInput)
    # The status the page showed: when the ticket moved since, the page was stale.
    seen = forms.ChoiceField(choices=TicketStatus.choices, required=False, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea({"rows": 2})
    )


class AssignForm(BootstrapForm):
    staff = forms.ModelChoiceField(label=_("Assign to"), queryset=None)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = people


class RateForm(BootstrapForm):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=500, widget=forms.Textarea({"rows": 2})
    )


class CommentForm(BootstrapForm):
    body = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea({"rows": 3})
    )
    internal = forms.BooleanField(
        label=_("Internal note (not shown to the client)"), required=False
    )
    attachments = MultipleFileField(label=_("Attachments"))

    def __init__(self, *args, internal_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not internal_allowed:
            del self.fields["internal"]
