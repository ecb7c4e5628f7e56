"""The judged day (SPEC §6 daily classification): one row per person and date, kept up to date by
attendance.services.days whenever what it is judged on changes, so that a month's sheet is one
grouped query however many people the site has."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onsite.org.models import assignment_scope


class DayStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EARLY = "early", _("Left early")
    LATE_EARLY = "late_early", _("Late and left early")
    ABSENT = "absent", _("Absent")
    MISSING_PUNCH = "missing_punch", _("Missing punch")
    LEAVE = "leave", _("Leave")
    HALF_LEAVE = "half_leave", _("Half-day leave")
    OFF = "off", _("Not scheduled")


class DayQuerySet(models.QuerySet):
    def visible_to(self, user) -> DayQuerySet:
        return self.filter(assignment_scope(user))


class Day(models.Model):
    """`scheduled`, `present`, `absent` and `leave` are in days (0, 0.5 or 1), so that a half day
    of leave counts 0.5 on each side and present + absent + leave = scheduled holds row by row.
    `rule` says, in the reader's language at render time, which rule produced the status."""

    # No index of their own: (staff, date) and (site, date) below lead with them, and every
    # extra index slows the writing of a month of days.
    staff = models.ForeignKey(
        "org.Staff",
        on_delete=models.CASCADE,
        related_name="days",
        verbose_name=_("staff"),
        db_index=False,
    )
    site = models.ForeignKey(
        "org.Site",
        on_delete=models.CASCADE,
        related_name="days",
        verbose_name=_("site"),
        db_index=False,
    )
    date = models.DateField(_("date"))
    day_kind = models.CharField(_("kind of day"), max_length=16)
    status = models.CharField(_("status"), max_length=16, choices=DayStatus.choices)
    scheduled = models.DecimalField(_("scheduled"), max_digits=2, decimal_places=1, default=0)
    present = models.DecimalField(_("present"), max_digits=2, decimal_places=1, default=0)
    absent = models.DecimalField(_("absent"), max_digits=2, decimal_places=1, default=0)
    leave = models.DecimalField(_("leave"), max_digits=2, decimal_places=1, default=0)
    leave_kind = models.CharField(_("type of leave"), max_length=16, blank=True)
    late_minutes = models.PositiveSmallIntegerField(_("late minutes"), default=0)
    early_minutes = models.PositiveSmallIntegerField(_("early minutes"), default=0)
    is_late = models.BooleanField(_("late"), default=False)
    is_early = models.BooleanField(_("left early"), default=False)
    missing_punch = models.BooleanField(_("missing punch"), default=False)
    first_punch = models.DateTimeField(_("first punch"), null=True, blank=True)
    last_punch = models.DateTimeField(_("last punch"), null=True, blank=True)
    punch_count = models.PositiveSmallIntegerField(_("punches"), default=0)
    expected_start = models.TimeField(_("expected start"), null=True, blank=True)
    expected_end = models.TimeField(_("expected end"), null=True, blank=True)
    # A rule code and its numbers (see attendance.services.rules), rendered in the reader's
    # language.
    rule = models.CharField(_("rule"), max_length=40, blank=True)
    rule_args = models.JSONField(_("rule values"), default=dict, blank=True)
    # A digest of every field above, so that judging a month again compares one short string
    # per day instead of reading back every column.
    fingerprint = models.CharField(_("fingerprint"), max_length=16, blank=True, editable=False)

    objects = DayQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance day")
        verbose_name_plural = _("attendance days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "date"], name="day_unique_per_staff"),
            models.CheckConstraint(
                condition=Q(scheduled=models.F("present") + models.F("absent") + models.F("leave")),
                name="day_present_absent_leave_add_up",
            ),
        ]
        # Shaped like the monthly sheet: one site, one month, grouped by person.
        indexes = [models.Index(fields=["site", "date"], name="day_site_date")]

    def __str__(self) -> str:
        return f"{self.staff} {self.date} {self.get_status_display()}"
