"""Work plans (工作计划, SPEC §9): goals and steps, each step with a deadline and a responsible
person placed at the site; the site's lead (its supervisor) approves the plan or returns it with
comments, and each step is marked done or shows as overdue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from onsite.access import access_for
from onsite.org.models import Site, Staff

__all__ = ["PlanStatus", "PlanStep", "WorkPlan", "WorkPlanQuerySet"]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class WorkPlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> WorkPlanQuerySet:
        """The people placed at the site (the author and those responsible for steps), its
        supervisors, and HR and managers of the author's company."""
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        q = Q(site_id__in=access.supervised_sites)
        q |= Q(author__company_id__in=access.hr_companies | access.manager_companies)
        if access.manager_departments:
            q |= Q(author__department_id__in=access.manager_departments)
        if access.staff_id:
            q |= Q(author_id=access.staff_id) | Q(steps__responsible_id=access.staff_id)
        return self.filter(q).distinct()


class WorkPlan(models.Model):
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="work_plans", verbose_name=_("site")
    )
    author = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="work_plans", verbose_name=_("author")
    )
    title = models.CharField(_("title"), max_length=120)
    goals = models.TextField(_("goals"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    # The lead's comments when returning it (kept in the history for each return).
    review_note = models.TextField(_("review note"), max_length=2000, blank=True)
    history = HistoricalRecords()

    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(review_note=""),
                name="workplan_return_has_note",
            ),
        ]
        indexes = [models.Index(fields=["site", "status"], name="workplan_site_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)


class PlanStep(models.Model):
    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="steps", verbose_name=_("work plan")
    )
    title = models.CharField(_("step"), max_length=200)
    responsible = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="plan_steps", verbose_name=_("responsible")
    )
    due_on = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["order", "due_on", "pk"]
        indexes = [
            # "My steps not done": the person's home page and the overdue flags.
            models.Index(
                fields=["responsible", "due_on"],
                condition=Q(done_on__isnull=True),
                name="planstep_open",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today) -> bool:
        return self.done_on is None and self.due_on < today
