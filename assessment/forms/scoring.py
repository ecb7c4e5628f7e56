"""The scoring form of one person (SPEC §12): a score (0–100, at most one decimal) and a comment
for each criterion the reader scores. It checks what is typed, all boxes before anything is saved,
and names the criterion of each refusal; the services decide who may score what.

Decisions: an empty box leaves its criterion unscored (a supervisor may score performance today
and attitude tomorrow); a box that held a score and is emptied is refused, since a score is
changed, never taken back; a comment goes with a score; a form with no score at all is refused."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessment.models import CycleCriterion, Score
from assessment.services.scores import COMMENT_LENGTH, score_value
from onsite.forms import BootstrapForm
from onsite.transitions import Refused

# "100.0" and a little room for spaces: anything longer is no score.
SCORE_LENGTH = 10


def score_field(criterion: CycleCriterion) -> str:
    return f"score_{criterion.pk}"


def comment_field(criterion: CycleCriterion) -> str:
    return f"comment_{criterion.pk}"


def criterion_error(criterion: CycleCriterion, reason: str) -> str:
    return _("%(criterion)s: %(reason)s") % {"criterion": criterion.label, "reason": reason}


class ScoresForm(BootstrapForm):
    def __init__(
        self,
        *args,
        criteria: Sequence[CycleCriterion] = (),
        scores: dict[int, Score] | None = None,
        **kwargs,
    ):
        self.criteria = list(criteria)
        self.scores = scores or {}
        super().__init__(*args, **kwargs)
        # Added after the base styled the declared fields: each carries its own classes.
        for criterion in self.criteria:
            found = scores.get(criterion.pk)
            self.fields[score_field(criterion)] = forms.CharField(
                label=criterion.label,
                required=False,
                max_length=SCORE_LENGTH,
                initial=found.score if found else "",
                widget=forms.NumberInput(
                    attrs={
                        "class": "form-control",
                        "min": "0",
                        "max": "100",
                        "step": "0.1",
                        "inputmode": "decimal",
                    }
                ),
            )
            self.fields[comment_field(criterion)] = forms.CharField(
                label=pgettext("assessment", "Comment"),
                required=False,
                max_length=COMMENT_LENGTH,
                initial=found.comment if found else "",
                widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        self.changes: list[tuple[CycleCriterion, Decimal, str]] = []
        typed = False
        for criterion in self.criteria:
            name, note = score_field(criterion), comment_field(criterion)
            if name not in cleaned:  # too long: its own error already says so
                continue
            raw = (cleaned.get(name) or "").strip()
            comment = (cleaned.get(note) or "").strip()
            found = self.scores.get(criterion.pk)
            if not raw:
                if found is not None:
                    self.add_error(
                        name,
                        criterion_error(
                            criterion, _("a score given is changed, never emptied; type a score.")
                        ),
                    )
                elif comment:
                    self.add_error(
                        name, criterion_error(criterion, _("a comment goes with a score."))
                    )
                continue
            typed = True
            try:
                value = score_value(raw)
            except Refused as refusal:
                self.add_error(name, criterion_error(criterion, refusal.messages[0]))
                continue
            if found is not None and found.score == value and found.comment == comment:
                continue
            self.changes.append((criterion, value, comment))
        if not typed and not self.errors:
            raise forms.ValidationError(_("Type at least one score."))
        return cleaned
