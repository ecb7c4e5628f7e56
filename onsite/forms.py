import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db.models import BLANK_CHOICE_DASH
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from onsite.converters import FIRST_DATE, LAST_DATE

# What a person writes in one box: a reason, a note, an explanation.
TEXT_MAX_LENGTH = 2_000
# No count, amount or number of hours in Onsite comes near it; beyond it is a typing mistake.
NUMBER_MAX = 999_999_999
# The browser's date, time and date-time inputs read and write only these, whatever the language:
# a date written 2026/07/24 (the Chinese format) shows as an empty box and is saved empty.
INPUT_TYPES = (
    (forms.DateTimeInput, "datetime-local", "%Y-%m-%dT%H:%M"),
    (forms.DateInput, "date", "%Y-%m-%d"),
    (forms.TimeInput, "time", "%H:%M"),
)


@deconstructible
class DateRangeValidator:
    """A date (or the day of a date-time) between `first` and `last`, both included."""

    def __init__(self, first: datetime.date = FIRST_DATE, last: datetime.date = LAST_DATE):
        self.first, self.last = first, last

    def __call__(self, value) -> None:
        day = value.date() if isinstance(value, datetime.datetime) else value
        if not self.first <= day <= self.last:
            raise ValidationError(
                _("Enter a date between %(first)s and %(last)s."),
                code="date_out_of_range",
                params={"first": self.first.isoformat(), "last": self.last.isoformat()},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, DateRangeValidator) and (self.first, self.last) == (
            other.first,
            other.last,
        )


def bound_field(field: forms.Field) -> None:
    """Gives a field without bounds of its own the project's: dates within FIRST_DATE–LAST_DATE,
    numbers from 0 to NUMBER_MAX, text up to TEXT_MAX_LENGTH characters; and has date and time
    inputs written in ISO, which is all the browser's pickers understand."""
    widget = field.widget
    for kind, input_type, fmt in INPUT_TYPES:
        if isinstance(widget, kind) and not isinstance(widget, forms.HiddenInput):
            widget.input_type = input_type
            widget.format = fmt
            widget.attrs.pop("type", None)
            break
    if isinstance(field, (forms.DateField, forms.DateTimeField)):
        field.validators.append(DateRangeValidator())
        if isinstance(widget, forms.DateInput) and not isinstance(widget, forms.DateTimeInput):
            widget.attrs.setdefault("min", FIRST_DATE.isoformat())
            widget.attrs.setdefault("max", LAST_DATE.isoformat())
    elif isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        if field.min_value is None:
            field.min_value = Decimal(0) if isinstance(field, forms.DecimalField) else 0
            field.validators.append(MinValueValidator(field.min_value))
            widget.attrs.setdefault("min", "0")
        if field.max_value is None:
            field.max_value = NUMBER_MAX
            field.validators.append(MaxValueValidator(NUMBER_MAX))
            widget.attrs.setdefault("max", str(NUMBER_MAX))
    elif isinstance(field, forms.CharField) and field.max_length is None:
        field.max_length = TEXT_MAX_LENGTH
        field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
        if not widget.is_hidden:
            widget.attrs.setdefault("maxlength", str(TEXT_MAX_LENGTH))


class BoundedMixin:
    """Every field of the form within the project's bounds (`bound_field`): a form that is
    never rendered, such as the query of a live preview, takes this alone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            bound_field(field)


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


class BootstrapMixin(BoundedMixin):
    """Bootstrap classes on every widget, and is-invalid on fields with errors, so templates
    render any form with one include; every field bounded (BoundedMixin)."""

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


class BootstrapForm(BootstrapMixin, forms.Form):
    """The base of every plain form of every app."""


class BootstrapModelForm(BootstrapMixin, forms.ModelForm):
    """The base of every model form of every app."""
