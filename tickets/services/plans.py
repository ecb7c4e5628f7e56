"""Writes of work plans (工作计划, SPEC §9): someone placed at the site writes a plan (goals and
steps, each with a deadline and someone placed there responsible for it) and submits it to the
site's lead, its supervisors, who approve it or return it with comments; once approved, each step
is marked done (or undone) by whoever is responsible for it, the plan's author or the lead.

Decisions (not in the SPEC's words, chosen here):
- a step is marked done only on an approved plan: until then the steps are still being agreed;
- a deadline is a day of the site's calendar, not before the site's today when it is set;
- nobody approves or returns their own plan (a supervisor who is also its author): another
  supervisor of the site does.

Every write checks its rule here, whoever calls; status changes go through the workflow's move
(row lock, re-check, history), and a step's mark is recorded in the plan's history."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onsite.access import access_for
from onsite.org.models import Assignment, Site, Staff
from onsite.recipients import supervisors
from onsite.services import notification_create
from onsite.transitions import Refused, transition
from tickets import permissions as rules
from tickets.models import PlanStatus, PlanStep, WorkPlan
from tickets.selectors.plans import site_today

P = PlanStatus
SUBMITTED = "tickets.plan_submitted"
DECIDED = "tickets.plan_decided"
TITLE_LENGTH = WorkPlan._meta.get_field("title").max_length
GOALS_LENGTH = WorkPlan._meta.get_field("goals").max_length
STEP_LENGTH = PlanStep._meta.get_field("title").max_length
NOTE_LENGTH = WorkPlan._meta.get_field("review_note").max_length

PLAN_TRANSITIONS: dict[str, frozenset[str]] = {
    P.DRAFT: frozenset({P.SUBMITTED}),
    P.RETURNED: frozenset({P.SUBMITTED}),
    P.SUBMITTED: frozenset({P.APPROVED, P.RETURNED}),
    P.APPROVED: frozenset(),
}
PLAN_MEANWHILE = gettext_lazy("This work plan was decided meanwhile: it is now “%(status)s”.")


# The plan and its steps, while its author writes it ----------------------------------------------


def _placed(staff_id: int, site_id: int) -> bool:
    return Assignment.objects.active_today().filter(staff_id=staff_id, site_id=site_id).exists()


def _text(title: str, goals: str) -> tuple[str, str]:
    title, goals = title.strip(), goals.strip()
    if not title or not goals:
        raise Refused(_("Give the plan a title and its goals."))
    if len(title) > TITLE_LENGTH or len(goals) > GOALS_LENGTH:
        raise Refused(
            _("Keep the title within %(title)s characters and the goals within %(goals)s.")
            % {"title": TITLE_LENGTH, "goals": GOALS_LENGTH}
        )
    return title, goals


def _editable(plan: WorkPlan, by) -> None:
    if not rules.may_edit_plan(by, plan):
        raise Refused(_("Only the plan's author changes it."))
    if not plan.is_editable:
        raise Refused(
            _("This plan is “%(status)s”: it is not changed any more.")
            % {"status": plan.get_status_display()}
        )


def _locked(plan: WorkPlan, by) -> WorkPlan:
    """The plan's row locked and checked again (a submit or a decision may have come first)."""
    locked = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    _editable(locked, by)
    return locked


def plan_create(*, site: Site, by, title: str, goals: str) -> WorkPlan:
    """A draft plan at `site`, written by someone placed there (their staff record)."""
    staff_id = access_for(by).staff_id
    if staff_id is None or not _placed(staff_id, site.pk):
        raise Refused(_("Only someone placed at the site writes its work plan."))
    title, goals = _text(title, goals)
    plan = WorkPlan(site=site, author_id=staff_id, title=title, goals=goals)
    plan._history_user = by
    plan._change_reason = _("Written")
    plan.save()
    return plan


def plan_update(*, plan: WorkPlan, by, title: str, goals: str) -> WorkPlan:
    _editable(plan, by)
    title, goals = _text(title, goals)
    with transaction.atomic():
        locked = _locked(plan, by)
        locked.title, locked.goals = title, goals
        locked._history_user = by
        locked.save(update_fields=["title", "goals"])
    plan.title, plan.goals = title, goals
    return locked


def _step_values(
    plan: WorkPlan, *, title: str, responsible: Staff, due_on: datetime.date, today, check_date
) -> str:
    title = title.strip()
    if not title:
        raise Refused(_("Say what the step is."))
    if len(title) > STEP_LENGTH:
        raise Refused(_("Keep each step within %(n)s characters.") % {"n": STEP_LENGTH})
    if not isinstance(due_on, datetime.date):
        raise Refused(_("Give each step a deadline."))
    if not _placed(responsible.pk, plan.site_id):
        raise Refused(
            _("%(name)s is not placed at %(site)s.")
            % {"name": responsible.name, "site": plan.site.name}
        )
    today = today or site_today(plan.site)
    if check_date and due_on < today:
        raise Refused(_("The deadline %(date)s has passed already.") % {"date": due_on.isoformat()})
    return title


def step_add(
    *,
    plan: WorkPlan,
    by,
    title: str,
    responsible: Staff,
    due_on: datetime.date,
    today: datetime.date | None = None,
) -> PlanStep:
    """A step at the end of the plan, with its deadline and who is responsible for it."""
    _editable(plan, by)
    title = _step_values(
        plan, title=title, responsible=responsible, due_on=due_on, today=today, check_date=True
    )
    with transaction.atomic():
        locked = _locked(plan, by)
        order = (locked.steps.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        return PlanStep.objects.create(
            plan=locked, title=title, responsible=responsible, due_on=due_on, order=order
        )


def step_update(
    *,
    step: PlanStep,
    by,
    title: str,
    responsible: Staff,
    due_on: datetime.date,
    today: datetime.date | None = None,
) -> PlanStep:
    plan = step.plan
    _editable(plan, by)
    # A deadline left as it was may have passed meanwhile: only a new one is checked.
    title = _step_values(
        plan,
        title=title,
        responsible=responsible,
        due_on=due_on,
        today=today,
        check_date=due_on != step.due_on,
    )
    with transaction.atomic():
        _locked(plan, by)
        step.title, step.responsible, step.due_on = title, responsible, due_on
        step.save(update_fields=["title", "responsible", "due_on"])
    return step


def step_remove(*, step: PlanStep, by) -> None:
    _editable(step.plan, by)
    with transaction.atomic():
        _locked(step.plan, by)
        step.delete()


# Submitted, then approved or returned ------------------------------------------------------------


def _params(plan: WorkPlan) -> dict:
    return {
        "plan": plan.pk,
        "title": plan.title,
        "site": plan.site.name,
        "author": plan.author.name,
    }


def plan_submit(*, plan: WorkPlan, by, now: datetime.datetime | None = None) -> WorkPlan:
    """To the site's lead, from draft or returned; a plan without a step is not."""
    _editable(plan, by)
    if not plan.steps.exists():
        raise Refused(_("Add at least one step before submitting the plan."))
    with transaction.atomic():
        plan = transition(
            plan,
            to=P.SUBMITTED,
            allowed=PLAN_TRANSITIONS,
            by=by,
            reason=_("Submitted"),
            also={"submitted_at": now or timezone.now()},
            meanwhile=str(PLAN_MEANWHILE),
        )
        notification_create(
            recipients=[u for u in supervisors([plan.site_id]) if u.pk != by.pk],
            kind=SUBMITTED,
            params=_params(plan),
        )
    return plan


def _decide(plan: WorkPlan, *, to: str, by, note: str, now) -> WorkPlan:
    if not rules.may_decide_plan(by, plan):
        if rules.is_plan_author(by, plan):
            raise Refused(_("A plan is approved by a lead of the site other than its author."))
        raise Refused(_("Only a supervisor of the site approves or returns its work plans."))
    if len(note) > NOTE_LENGTH:
        raise Refused(_("Keep the comments within %(n)s characters.") % {"n": NOTE_LENGTH})
    with transaction.atomic():
        plan = transition(
            plan,
            to=to,
            allowed=PLAN_TRANSITIONS,
            by=by,
            reason=note or _("Approved"),
            also={"decided_at": now or timezone.now(), "decided_by": by, "review_note": note},
            meanwhile=str(PLAN_MEANWHILE),
        )
        author = plan.author.user
        if author is not None and author.pk != by.pk:
            notification_create(
                recipients=[author],
                kind=DECIDED,
                params={**_params(plan), "approved": to == P.APPROVED, "note": note},
            )
    return plan


def plan_approve(
    *, plan: WorkPlan, by, note: str = "", now: datetime.datetime | None = None
) -> WorkPlan:
    """The lead agrees to the plan as it is (a comment is optional)."""
    return _decide(plan, to=P.APPROVED, by=by, note=note.strip(), now=now)


def plan_return(*, plan: WorkPlan, by, note: str, now: datetime.datetime | None = None) -> WorkPlan:
    """Back to its author, with the lead's comments (required), to be changed and submitted
    again."""
    note = note.strip()
    if not note:
        raise Refused(_("Say why the plan is returned."))
    return _decide(plan, to=P.RETURNED, by=by, note=note, now=now)


# Steps done --------------------------------------------------------------------------------------


def _record(plan: WorkPlan, *, by, reason: str) -> None:
    """A line of the plan's history for a change of one of its steps (the steps have none)."""
    history = plan.history.model
    values = {field.attname: getattr(plan, field.attname) for field in WorkPlan._meta.fields}
    history.objects.create(
        **values,
        history_date=timezone.now(),
        history_type="~",
        history_user=by,
        history_change_reason=reason,
    )


def step_mark(
    *, step: PlanStep, by, done: bool = True, today: datetime.date | None = None
) -> PlanStep:
    """Mark the step done today (the site's day), or not done after all: by whoever is
    responsible for it, the plan's author or the site's lead, once the plan is approved."""
    if not rules.may_mark_step(by, step):
        raise Refused(
            _("The person responsible, the plan's author or the site's lead marks a step done.")
        )
    with transaction.atomic():
        plan = WorkPlan.objects.select_for_update().select_related("site").get(pk=step.plan_id)
        if plan.status != P.APPROVED:
            raise Refused(_("Steps are marked done once the plan is approved."))
        locked = PlanStep.objects.select_related("responsible").get(pk=step.pk)
        if done and locked.done_on is not None:
            raise Refused(
                _("“%(step)s” is marked done already, on %(date)s.")
                % {"step": locked.title, "date": locked.done_on.isoformat()}
            )
        if not done and locked.done_on is None:
            raise Refused(_("“%(step)s” is not marked done.") % {"step": locked.title})
        locked.done_on = (today or site_today(plan.site)) if done else None
        locked.save(update_fields=["done_on"])
        reason = _("Step “%(step)s” done") if done else _("Step “%(step)s” not done after all")
        _record(plan, by=by, reason=reason % {"step": locked.title})
    step.done_on = locked.done_on
    return locked
