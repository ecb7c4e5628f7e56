"""The assessment's request that waits for a decision (SPEC §12): a person's appeal of their
result, in the approvals inbox of their managers. Upholding and rejecting are taken on the result's
page, where the manager re-scores first; the inbox links there. Registered from
AssessmentConfig.ready()."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessment import permissions as rules
from assessment.models import Result, ResultStatus
from assessment.services import results
from onsite.inbox import InboxKind
from onsite.workflows import Action, Workflow

WAITING = frozenset({ResultStatus.APPEALED})

APPEAL = Workflow(
    key="appeal",
    model=Result,
    transitions=results.RESULT_TRANSITIONS,
    waiting=(ResultStatus.APPEALED,),
    actions=(
        Action(
            "uphold",
            _("Uphold the appeal"),
            WAITING,
            rules.may_decide_appeal,
            lambda *, record, by, note="": results.appeal_uphold(result=record, by=by, note=note),
        ),
        Action(
            "reject",
            _("Reject the appeal"),
            WAITING,
            rules.may_decide_appeal,
            lambda *, record, by, note="": results.appeal_reject(result=record, by=by, note=note),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_decide_appeal_q,
    meanwhile=results.RESULT_MEANWHILE,
)


def _describe(result: Result) -> str:
    return _("%(cycle)s · total %(total)s") % {"cycle": result.cycle.label, "total": result.total}


KINDS = (
    InboxKind(
        workflow=APPEAL,
        label=_("Assessment appeal"),
        what=_("assessment appeal"),
        url=lambda r: reverse("assessment:result", args=[r.pk]),
        describe=_describe,
        related=("staff", "site", "cycle"),
        since=F("appealed_at"),
        text=lambda r: r.appeal_reason,
        # Decided on the result's page, after re-scoring.
        bulk=lambda r: False,
    ),
)
