"""The workflows of tickets' records that wait for someone's decision (onsite.workflows) and their
kinds in the core approvals inbox (待我审批): a submitted work plan waits for a supervisor of its
site, who approves it or returns it with comments. Registered from TicketsConfig.ready()."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from onsite.inbox import InboxKind
from onsite.workflows import Action, Workflow
from tickets import permissions as rules
from tickets.models import PlanStatus, WorkPlan
from tickets.services import plans as services

P = PlanStatus


def _approved(count: int) -> str:
    return ngettext("%(count)d work plan approved.", "%(count)d work plans approved.", count) % {
        "count": count
    }


WORK_PLAN = Workflow(
    key="work_plan",
    model=WorkPlan,
    transitions=services.PLAN_TRANSITIONS,
    waiting=(P.SUBMITTED,),
    actions=(
        Action(
            "approve",
            _("Approve"),
            frozenset({P.SUBMITTED}),
            rules.may_decide_plan,
            lambda *, record, by, note="": services.plan_approve(plan=record, by=by, note=note),
            done=_approved,
        ),
        Action(
            "return",
            _("Return"),
            frozenset({P.SUBMITTED}),
            rules.may_decide_plan,
            lambda *, record, by, note="": services.plan_return(plan=record, by=by, note=note),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_decide_plan_q,
    meanwhile=services.PLAN_MEANWHILE,
)


KINDS = (
    InboxKind(
        workflow=WORK_PLAN,
        label=_("Work plan"),
        what=_("work plan"),
        url=lambda p: reverse("tickets:plan", args=[p.pk]),
        describe=lambda p: (
            _("submitted %(date)s")
            % {"date": f"{p.submitted_at:%Y-%m-%d}" if p.submitted_at else ""}
        ),
        person=lambda p: p.author,
        related=("author", "site"),
        since=F("submitted_at"),
        detail=lambda p: p.title,
        text=lambda p: p.goals,
    ),
)
