"""Overtime (SPEC §8): asked for before the day, approved by the department head (or the site's
supervisor), filed by HR (审批备案), and after the day confirmed in hours against the punches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from onsite.org.models import assignment_scope


class OvertimeCategory(models.TextChoices):
    """Labour Law art. 44: the pay of each category differs (150 / 200 / 300 % by default)."""

    WORKDAY = "workday", _("Workday overtime")
    REST_DAY = "rest_day", _("Rest-day overtime")
    HOLIDAY = "holiday", _("Holiday overtime")


class Compensation(models.TextChoices):
    PAY = "pay", _("Overtime pay")
    TIME_OFF = "time_off", _("Compensatory time off")


class OvertimeStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for the supervisor's confirmation")
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved, waiting to be filed")
    FILED = "filed", pgettext_lazy("overtime", "Filed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class OvertimeQuerySet(models.QuerySet):
    def visible_to(self, user) -> OvertimeQuerySet:
        return self.filter(assignment_scope(user))


class Overtime(models.Model):
    staff = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="overtime",
        verbose_name=_("staff member"),
    )
    site = models.ForeignKey(
        "org.Site", on_delete=models.PROTECT, related_name="overtime", verbose_name=_("site")
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    hours = models.DecimalField(_("hours asked for"), max_digits=4, decimal_places=1)
    # Snapshots taken from the calendar and the policy when the request is filed, so that a
    # later change of either does not rewrite what was approved.
    day_kind = models.CharField(_("kind of day"), max_length=16)
    category = models.CharField(_("category"), max_length=16, choices=OvertimeCategory.choices)
    rate = models.PositiveSmallIntegerField(_("pay rate (%)"))
    compensation = models.CharField(
        _("compensation"), max_length=16, choices=Compensation.choices, default=Compensation.PAY
    )
    reason = models.CharField(_("reason"), max_length=255)
    emergency = models.BooleanField(_("emergency, filed after the day"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=OvertimeStatus.choices, default=OvertimeStatus.PENDING
    )
    over_cap = models.BooleanField(_("beyond the legal cap"), default=False)
    override_reason = models.CharField(
        _("reason for exceeding the cap"), max_length=255, blank=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed with HR by"),
    )
    filed_at = models.DateTimeField(_("filed with HR at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=255, blank=True)
    actual_hours = models.DecimalField(
        _("hours worked"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    punches_missing = models.BooleanField(_("no punches on the day"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hours confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("hours confirmed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = OvertimeQuerySet.as_manager()

    class Meta:
        verbose_name = _("overtime")
        verbose_name_plural = _("overtime")
        ordering = ["-date", "-start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__lt=F("end_time")), name="overtime_start_before_end"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="overtime_hours_positive"),
            models.CheckConstraint(
                condition=Q(actual_hours__isnull=True) | Q(actual_hours__gte=0),
                name="overtime_actual_hours_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["staff", "date"], name="overtime_staff_date"),
            models.Index(fields=["site", "status", "date"], name="overtime_site_status"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def paid_hours(self):
        """What the month pays: the confirmed hours (none before they are confirmed)."""
        return self.actual_hours if self.confirmed_at else None
