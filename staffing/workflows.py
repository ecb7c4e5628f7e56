"""The workflows of staffing (onsite.workflows) and their kinds in the core approvals inbox:
resignations, decided by HR of the company or a supervisor of the site the person leaves.
Registered from StaffingConfig.ready()."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from onsite.inbox import InboxKind
from onsite.workflows import Action, Workflow
from staffing import permissions as rules
from staffing.movement import services
from staffing.movement.models import Resignation, ResignationStatus

R = ResignationStatus


def _approved(count: int) -> str:
    return ngettext(
        "%(count)d resignation approved.", "%(count)d resignations approved.", count
    ) % {"count": count}


RESIGNATION = Workflow(
    key="resignation",
    model=Resignation,
    transitions=services.RESIGNATION_TRANSITIONS,
    waiting=(R.PENDING,),
    actions=(
        Action(
            "approve",
            _("Approve"),
            frozenset({R.PENDING}),
            rules.may_decide_resignation,
            lambda *, record, by, note="": services.resignation_approve(
                resignation=record, by=by, note=note
            ),
            done=_approved,
        ),
        Action(
            "reject",
            _("Reject"),
            frozenset({R.PENDING}),
            rules.may_decide_resignation,
            lambda *, record, by, note="": services.resignation_reject(
                resignation=record, by=by, reason=note
            ),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_decide_resignation_q,
    meanwhile=services.RESIGNATION_MEANWHILE,
)

KINDS = (
    InboxKind(
        workflow=RESIGNATION,
        label=_("Resignation"),
        what=_("resignation"),
        url=lambda r: reverse("staffing:resignation_detail", args=[r.pk]),
        describe=lambda r: _("last working day %(date)s") % {"date": f"{r.leaving_on:%Y-%m-%d}"},
        site=lambda r: r.assignment.site,
        related=("staff", "assignment__site"),
        since=F("applied_at"),
    ),
)
