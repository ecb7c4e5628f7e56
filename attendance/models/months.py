"""The monthly close and the absence explanation (SPEC §6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from onsite.org.models import assignment_scope


class MonthStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("attendance month", "Open")
    CLOSED = "closed", pgettext_lazy("attendance month", "Closed")


class MonthClose(models.Model):
    """A site's month: closed, its days are frozen; reopening records who and why. A month
    with no row is open."""

    site = models.ForeignKey(
        "org.Site", on_delete=models.CASCADE, related_name="months", verbose_name=_("site")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    status = models.CharField(
        _("status"), max_length=8, choices=MonthStatus.choices, default=MonthStatus.OPEN
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance month")
        verbose_name_plural = _("attendance months")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["site", "month"], name="monthclose_unique_per_site"),
            models.CheckConstraint(condition=Q(month__day=1), name="monthclose_first_of_month"),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.month:%Y-%m} {self.get_status_display()}"


class ExplanationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for rewriting")


class ExplanationQuerySet(models.QuerySet):
    def visible_to(self, user) -> ExplanationQuerySet:
        return self.filter(assignment_scope(user))


class Explanation(models.Model):
    """《缺勤情况说明》: written by the staff member when the month's sheet requires one,
    reviewed by the site's supervisor."""

    staff = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="explanations",
        verbose_name=_("staff member"),
    )
    site = models.ForeignKey(
        "org.Site",
        on_delete=models.PROTECT,
        related_name="explanations",
        verbose_name=_("site"),
    )
    month = models.DateField(_("month"))
    text = models.TextField(_("explanation"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ExplanationStatus.choices,
        default=ExplanationStatus.SUBMITTED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.CharField(_("review note"), max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now=True)
    history = HistoricalRecords()

    objects = ExplanationQuerySet.as_manager()

    class Meta:
        verbose_name = _("absence explanation")
        verbose_name_plural = _("absence explanations")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "site", "month"], name="explanation_unique_per_month"
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="explanation_first_of_month"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.month:%Y-%m}"
