from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

# What an empty choice says instead of Django's "---------", which reads as a broken page.
EMPTY_CHOICE_LABEL = _("Please choose")


def label_empty_choice(field: forms.Field) -> None:
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            field.empty_label = EMPTY_CHOICE_LABEL
    elif isinstance(field, forms.ChoiceField):
        field.choices = [
            (
                value,
                EMPTY_CHOICE_LABEL if value == "" and label == BLANK_CHOICE_DASH[0][1] else label,
            )
            for value, label in field.choices
        ]


class BootstrapMixin:
    """Bootstrap classes on every widget, and is-invalid on fields with errors, so templates
    render any form with one include."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label_empty_choice(field)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
