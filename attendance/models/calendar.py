"""The China working-day calendar (SPEC §6): one row per date for the whole country, and rows of
a site's own for its days off (or extra workdays). A date with no row falls back to Monday to
Friday, which is also what an unconfirmed year does beyond its provisional holidays."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DayKind(models.TextChoices):
    WORKDAY = "workday", _("Workday")
    REST = "rest", _("Rest day")
    HOLIDAY = "holiday", _("Statutory holiday")
    HOLIDAY_REST = "holiday_rest", _("Holiday-block rest day")
    MAKEUP_WORKDAY = "makeup_workday", _("Make-up workday")

    @classmethod
    def working(cls) -> frozenset[str]:
        return frozenset({cls.WORKDAY, cls.MAKEUP_WORKDAY})


class DaySource(models.TextChoices):
    PACKAGES = "packages", _("holidays and chinesecalendar packages")
    PROVISIONAL = "provisional", _("Provisional (holidays package only)")
    WEEKDAYS = "weekdays", _("Monday to Friday")
    HR = "hr", _("Entered by HR")


class CalendarDay(models.Model):
    date = models.DateField(_("date"))
    site = models.ForeignKey(
        "org.Site",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
        verbose_name=_("site"),
        help_text=_("Empty for the national calendar; a site for that site's own day."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=DaySource.choices)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"], condition=Q(site__isnull=True), name="calendarday_unique_national"
            ),
            models.UniqueConstraint(
                fields=["site", "date"],
                condition=Q(site__isnull=False),
                name="calendarday_unique_per_site",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    @property
    def is_working(self) -> bool:
        return self.kind in DayKind.working()
