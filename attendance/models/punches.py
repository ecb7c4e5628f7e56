"""Punches (打卡) and what people say about them: corrections (补卡) of a missing punch and
absences marked by hand (SPEC §6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from onsite.org.models import assignment_scope


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user) -> models.QuerySet:
        return self.filter(assignment_scope(user))


class PunchSource(models.TextChoices):
    DEVICE = "device", _("Attendance device file")
    FILE = "file", _("Spreadsheet import")
    MANUAL = "manual", _("Entered by hand")
    WEB = "web", _("Checked in on the web")
    CORRECTION = "correction", _("Approved correction")


class Punch(models.Model):
    """One punch, at the minute: a second punch in the same minute is the same punch."""

    staff = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="punches", verbose_name=_("staff")
    )
    site = models.ForeignKey(
        "org.Site", on_delete=models.PROTECT, related_name="punches", verbose_name=_("site")
    )
    at = models.DateTimeField(_("time"))
    source = models.CharField(_("source"), max_length=12, choices=PunchSource.choices)
    device = models.CharField(_("device"), max_length=60, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("punch")
        verbose_name_plural = _("punches")
        ordering = ["at"]
        constraints = [
            # `at` is stored without seconds, so this is "one punch per person per minute".
            models.UniqueConstraint(fields=["staff", "at"], name="punch_unique_per_minute"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.at:%Y-%m-%d %H:%M}"


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Correction(models.Model):
    """A staff member's request for a missing punch (补卡); approved, it becomes a punch."""

    staff = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("staff member"),
    )
    site = models.ForeignKey(
        "org.Site",
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("site"),
    )
    at = models.DateTimeField(_("punch time"))
    reason = models.CharField(_("reason"), max_length=255)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("punch correction")
        verbose_name_plural = _("punch corrections")
        ordering = ["-created_at"]
        # Shaped like the supervisor's list of what waits for them.
        indexes = [models.Index(fields=["site", "status"], name="correction_site_status")]

    def __str__(self) -> str:
        return f"{self.staff} {self.at:%Y-%m-%d %H:%M}"


class AbsenceReason(models.TextChoices):
    OVERSTAYED_LEAVE = "overstayed_leave", _("Overstayed leave (超假不归)")
    SUBSTITUTION = "substitution", _("Another person worked in their place")
    UNAUTHORISED_OUT = "unauthorised_out", _("Went out without permission")
    OTHER = "other", _("Other")


class AbsenceMark(models.Model):
    """An absence marked by HR or a supervisor (SPEC §6): the day is absent whatever the punches
    say. Removing the mark (with a reason, kept in the history) lets the punches judge again."""

    staff = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="absence_marks",
        verbose_name=_("staff member"),
    )
    site = models.ForeignKey(
        "org.Site",
        on_delete=models.PROTECT,
        related_name="absence_marks",
        verbose_name=_("site"),
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=20, choices=AbsenceReason.choices)
    note = models.CharField(_("note"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("marked by"),
    )
    created_at = models.DateTimeField(_("marked at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("absence mark")
        verbose_name_plural = _("absence marks")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "date"], name="absencemark_unique_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.date}"
