"""Forms of the work report pages: the report itself (with a file to attach), a comment, a
return (its comment required) and a review (its comment optional). They check the input's
shape; tickets.services.reports decides and checks the files."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onsite.forms import BootstrapForm
from tickets.models import REPORT_ATTACHMENT_TYPES, Report, ReportComment

TEXT_LENGTH = Report._meta.get_field("work_done").max_length
COMMENT_LENGTH = ReportComment._meta.get_field("body").max_length
SAVE, SUBMIT = "save", "submit"


def _text(label, rows: int = 5, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ReportForm(BootstrapForm):
    work_done = _text(_("Work done"), rows=6)
    problems = _text(_("Problems and risks"), rows=3)
    next_plan = _text(_("Next period's plan"), rows=4)
    attachment = forms.FileField(
        label=_("Attach a file"),
        required=False,
        help_text=_("Images, PDF or Office files."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{t}" for t in REPORT_ATTACHMENT_TYPES)}
        ),
    )


class CommentForm(BootstrapForm):
    body = forms.CharField(
        label=_("Comment"), max_length=COMMENT_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(BootstrapForm):
    note = forms.CharField(
        label=_("What more is needed"),
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(BootstrapForm):
    note = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
