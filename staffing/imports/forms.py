from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onsite.importkinds import import_kinds
from staffing.imports.services import upload_check


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        # A callable: read when the form is built, after every app registered its kinds.
        choices=lambda: [(kind.key, kind.label) for kind in import_kinds()],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8) or XLSX; the first row names the columns, in Chinese or English. "
            "Punches may also come as an attendance device's attlog file (.dat or .txt)."
        ),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".csv,.xlsx,.dat,.txt"}
        ),
    )
    skip_invalid = forms.BooleanField(
        label=_("Skip bad rows and import the good ones"),
        help_text=_("Otherwise a single bad row stops the whole file."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean(self):
        cleaned = super().clean()
        file, kind = cleaned.get("file"), cleaned.get("kind")
        if file is not None:
            # Which files are accepted depends on the kind: only punches take a device log.
            try:
                upload_check(file, kind=kind)
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned
