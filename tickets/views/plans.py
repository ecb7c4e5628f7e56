"""Work plans (工作计划, SPEC §9): the list of the plans a reader sees (their own and those with
a step of theirs, their sites', their company's) with the steps they are responsible for; a new
plan; the plan's page, where its author adds the steps and submits it, the site's lead approves
or returns it, and the steps are marked done, an overdue one shown in red.

Each view loads its plan through `WorkPlan.objects.visible_to` (outside: 404), asks
tickets.permissions whether the reader may act (403 otherwise), calls one service and redirects."""

from __future__ import annotations

import contextlib
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onsite.access import access_for
from onsite.audit import history_entries
from onsite.decorators import role_required
from onsite.org.models import Assignment, Site
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, page_of, refused
from onsite.workflows import workflow_for
from tickets import permissions as rules
from tickets.forms.plans import APPROVE, DecisionForm, NewPlanForm, PlanForm, StepForm
from tickets.models import PlanStatus, WorkPlan
from tickets.selectors import plans as selectors
from tickets.selectors.inspections import placed_at
from tickets.services import plans as services

P = PlanStatus
READERS = (Role.STAFF, Role.SUPERVISOR, Role.HR_ADMIN, Role.MANAGER)


def _plan(request, pk: int) -> WorkPlan:
    return get_object_or_404(
        WorkPlan.objects.visible_to(request.user).select_related(
            "site", "author", "decided_by__staff_record"
        ),
        pk=pk,
    )


def _my_sites(user):
    """The sites where the reader is placed today: where they may write a plan."""
    staff_id = access_for(user).staff_id
    if staff_id is None:
        return Site.objects.none()
    placed = Assignment.objects.active_today().filter(staff_id=staff_id).values("site_id")
    return Site.objects.filter(pk__in=placed).order_by("code")


def _overdue(steps, today, approved: bool) -> None:
    """Each step's `late` (days past its deadline, 0 if not) on the site's today."""
    for step in steps:
        step.late = selectors.days_overdue(step, today) if approved else 0


# The list -----------------------------------------------------------------------------------------


@role_required(*READERS)
@require_GET
def plan_list(request):
    sites = list(selectors.plan_sites(request.user))
    chosen = None
    # No site, not a number, or not one of the reader's: all of them.
    with contextlib.suppress(ValueError, OverflowError):
        wanted = int(request.GET.get("site", ""))
        chosen = next((s for s in sites if s.pk == wanted), None)
    status = request.GET.get("status", "")
    status = status if status in P.values else ""
    page = page_of(
        request,
        selectors.plans_for(
            request.user, site_id=chosen.pk if chosen else None, status=status
        ).order_by("-created_at", "-pk"),
    )
    todays = {}
    for plan in page:
        today = todays.setdefault(plan.site_id, selectors.site_today(plan.site))
        steps = list(plan.steps.all())
        _overdue(steps, today, plan.status == P.APPROVED)
        plan.step_count = len(steps)
        plan.done_count = sum(step.done_on is not None for step in steps)
        plan.late_count = sum(bool(step.late) for step in steps)
    mine = selectors.open_steps(request.user)
    for step in mine:
        _overdue(
            [step], todays.setdefault(step.plan.site_id, selectors.site_today(step.plan.site)), True
        )
    return render(
        request,
        "tickets/plans/list.html",
        {
            "page": page,
            "sites": sites,
            "chosen": chosen,
            "status": status,
            "statuses": P.choices,
            "query": urlencode({"site": chosen.pk if chosen else "", "status": status}),
            "mine": mine,
            "can_write": _my_sites(request.user).exists(),
        },
    )


# A new plan, and its title and goals --------------------------------------------------------------


@login_required
def plan_new(request):
    sites = list(_my_sites(request.user))
    if not sites:
        raise PermissionDenied
    form = NewPlanForm(
        request.POST or None, sites=Site.objects.filter(pk__in=[s.pk for s in sites])
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(by=request.user, **form.cleaned_data)
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The draft is saved: add its steps."))
            return redirect("tickets:plan", plan.pk)
    return render(request, "tickets/plans/form.html", {"form": form, "plan": None})


def _author_of(request, plan: WorkPlan) -> None:
    if not rules.may_edit_plan(request.user, plan):
        raise PermissionDenied


@login_required
def plan_edit(request, pk: int):
    plan = _plan(request, pk)
    _author_of(request, plan)
    if not plan.is_editable:
        messages.error(
            request,
            _("This plan is “%(status)s”: it is not changed any more.")
            % {"status": plan.get_status_display()},
        )
        return redirect("tickets:plan", plan.pk)
    form = PlanForm(request.POST or None, initial={"title": plan.title, "goals": plan.goals})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, by=request.user, **form.cleaned_data)
        except Refused as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("tickets:plan", plan.pk)
    return render(request, "tickets/plans/form.html", {"form": form, "plan": plan})


# The plan's page ----------------------------------------------------------------------------------


@login_required
@require_GET
def plan_detail(request, pk: int):
    plan = _plan(request, pk)
    user = request.user
    today = selectors.site_today(plan.site)
    steps = list(plan.steps.select_related("responsible"))
    _overdue(steps, today, plan.status == P.APPROVED)
    editable = plan.is_editable and rules.may_edit_plan(user, plan)
    people = placed_at(plan.site) if editable else None
    for step in steps:
        step.can_mark = plan.status == P.APPROVED and rules.may_mark_step(user, step)
        if editable:
            step.form = StepForm(
                initial={
                    "title": step.title,
                    "due_on": step.due_on,
                    "responsible": step.responsible_id,
                },
                people=people,
                prefix=f"step{step.pk}",
            )
    decidable = plan.status == P.SUBMITTED and rules.may_decide_plan(user, plan)
    return render(
        request,
        "tickets/plans/detail.html",
        {
            "plan": plan,
            "steps": steps,
            "today": today,
            "editable": editable,
            "step_form": StepForm(people=people) if editable else None,
            "decision_form": DecisionForm() if decidable else None,
            "author_needed": plan.status == P.SUBMITTED
            and rules.is_plan_author(user, plan)
            and plan.site_id in access_for(user).supervised_sites,
            "history": history_entries(plan),
        },
    )


def _post(request, pk: int, act, *, allowed=rules.may_edit_plan):
    """The author changes the plan, the lead decides it, the people of a step mark it: anyone
    else who sees the plan is refused (403) before the service says whether its state allows."""
    plan = _plan(request, pk)
    if not allowed(request.user, plan):
        raise PermissionDenied
    try:
        act(plan)
    except Refused as refusal:
        refused(request, refusal)
    return redirect("tickets:plan", plan.pk)


def _people_form(request, plan: WorkPlan, prefix=None) -> StepForm:
    return StepForm(request.POST, people=placed_at(plan.site), prefix=prefix)


@login_required
@require_POST
def plan_step_add(request, pk: int):
    def act(plan):
        form = _people_form(request, plan)
        if not form.is_valid():
            form_errors(request, form)
            return
        services.step_add(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("The step is added."))

    return _post(request, pk, act)


@login_required
@require_POST
def plan_step_edit(request, pk: int, step_pk: int):
    def act(plan):
        step = get_object_or_404(plan.steps.select_related("plan__site"), pk=step_pk)
        form = _people_form(request, plan, prefix=f"step{step.pk}")
        if not form.is_valid():
            form_errors(request, form)
            return
        services.step_update(step=step, by=request.user, **form.cleaned_data)
        messages.success(request, _("The step is saved."))

    return _post(request, pk, act)


@login_required
@require_POST
def plan_step_remove(request, pk: int, step_pk: int):
    def act(plan):
        step = get_object_or_404(plan.steps.select_related("plan__site"), pk=step_pk)
        services.step_remove(step=step, by=request.user)
        messages.success(request, _("The step is removed."))

    return _post(request, pk, act)


@login_required
@require_POST
def plan_step_done(request, pk: int, step_pk: int):
    plan = _plan(request, pk)
    step = get_object_or_404(plan.steps.select_related("responsible"), pk=step_pk)
    step.plan = plan
    if not rules.may_mark_step(request.user, step):
        raise PermissionDenied
    done = request.POST.get("done", "1") != "0"
    try:
        services.step_mark(step=step, by=request.user, done=done)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(
            request,
            (_("“%(step)s” is done.") if done else _("“%(step)s” is open again."))
            % {"step": step.title},
        )
    return redirect("tickets:plan", plan.pk)


@login_required
@require_POST
def plan_submit(request, pk: int):
    def act(plan):
        services.plan_submit(plan=plan, by=request.user)
        messages.success(request, _("The plan is submitted to the site's lead."))

    return _post(request, pk, act)


@login_required
@require_POST
def plan_decide(request, pk: int):
    plan = _plan(request, pk)
    flow = workflow_for("work_plan")
    # Two supervisors at once: the second reads what happened, not a 403.
    stale = flow.stale(request.user, plan, request.POST.get("decision"))
    if stale:
        messages.error(request, stale)
        return redirect("tickets:plan", plan.pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("tickets:plan", plan.pk)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        flow.perform(decision, record=plan, by=request.user, note=note)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(
            request,
            _("The plan is approved.") if decision == APPROVE else _("The plan is returned."),
        )
    return redirect("tickets:plan", plan.pk)


urlpatterns = [
    path("plans/", plan_list, name="plans"),
    path("plans/new/", plan_new, name="plan_new"),
    path("plans/<int:pk>/", plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", plan_edit, name="plan_edit"),
    path("plans/<int:pk>/steps/", plan_step_add, name="plan_step_add"),
    path("plans/<int:pk>/steps/<int:step_pk>/edit/", plan_step_edit, name="plan_step_edit"),
    path("plans/<int:pk>/steps/<int:step_pk>/remove/", plan_step_remove, name="plan_step_remove"),
    path("plans/<int:pk>/steps/<int:step_pk>/done/", plan_step_done, name="plan_step_done"),
    path("plans/<int:pk>/submit/", plan_submit, name="plan_submit"),
    path("plans/<int:pk>/decide/", plan_decide, name="plan_decide"),
]
