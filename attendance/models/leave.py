"""Leave (SPEC §7): who is away on which days, by halves. Only approved leave excuses a day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from onsite.org.models import assignment_scope


class LeaveKind(models.TextChoices):
    PERSONAL = "personal", _("Personal leave")
    SICK = "sick", _("Sick leave")
    ANNUAL = "annual", _("Annual leave")
    MARRIAGE = "marriage", _("Marriage leave")
    BEREAVEMENT = "bereavement", _("Bereavement leave")
    MATERNITY = "maternity", _("Maternity leave")
    PATERNITY = "paternity", _("Paternity leave")
    COMPENSATORY = "compensatory", _("Compensatory leave")


class LeaveTypeDefaults:
    """SPEC §7 settings of each kind until a company sets its own (paid, counts toward the
    deduction, needs a document, has a balance)."""

    TABLE = {
        "personal": (False, True, False, False),
        "sick": (True, False, True, False),
        "annual": (True, False, False, True),
        "marriage": (True, False, True, False),
        "bereavement": (True, False, False, False),
        "maternity": (True, False, True, False),
        "paternity": (True, False, False, False),
        "compensatory": (True, False, False, True),
    }


class LeaveType(models.Model):
    """A company's settings of one kind of leave (SPEC §7)."""

    company = models.ForeignKey(
        "org.Company",
        on_delete=models.CASCADE,
        related_name="leave_types",
        verbose_name=_("company"),
    )
    kind = models.CharField(_("type"), max_length=16, choices=LeaveKind.choices)
    paid = models.BooleanField(_("paid"))
    deducted = models.BooleanField(_("counts toward the deduction"))
    document_required = models.BooleanField(_("document required"))
    balance_tracked = models.BooleanField(_("balance tracked"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leave type")
        verbose_name_plural = _("leave types")
        ordering = ["company", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["company", "kind"], name="leavetype_unique_per_company")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class LeaveStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("request", "Pending")
    PENDING_MANAGER = "pending_manager", _("Waiting for the manager")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class LeaveQuerySet(models.QuerySet):
    def visible_to(self, user) -> LeaveQuerySet:
        return self.filter(assignment_scope(user))

    def approved(self) -> LeaveQuerySet:
        return self.filter(status=LeaveStatus.APPROVED)

    def touching(self, start, end) -> LeaveQuerySet:
        return self.filter(start__lte=end, end__gte=start)


class Leave(models.Model):
    """A stretch of leave. `starts_pm` starts it at noon of the first day; `ends_am` ends it at
    noon of the last day (SPEC §14 `start_half=pm`, `end_half=am`)."""

    staff = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="leaves",
        verbose_name=_("staff member"),
    )
    site = models.ForeignKey(
        "org.Site", on_delete=models.PROTECT, related_name="leaves", verbose_name=_("site")
    )
    kind = models.CharField(_("type"), max_length=16, choices=LeaveKind.choices)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    starts_pm = models.BooleanField(_("starts in the afternoon"), default=False)
    ends_am = models.BooleanField(_("ends at noon"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=LeaveStatus.choices, default=LeaveStatus.PENDING
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    days = models.DecimalField(
        _("working days"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    cover = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="covering",
        verbose_name=_("cover person"),
    )
    emergency = models.BooleanField(_("emergency"), default=False)
    document = models.FileField(_("document"), upload_to="leave/%Y/%m/", blank=True)
    extends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="extensions",
        verbose_name=_("extends"),
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

    objects = LeaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lte=F("end")), name="leave_start_before_end"),
            # A single day that starts at noon and ends at noon is no leave at all.
            models.CheckConstraint(
                condition=~Q(start=F("end"), starts_pm=True, ends_am=True),
                name="leave_not_empty_half_day",
            ),
        ]
        # Shaped like the classification's question: whose approved leave touches these days.
        indexes = [models.Index(fields=["staff", "start", "end"], name="leave_staff_period")]

    def __str__(self) -> str:
        return f"{self.staff} {self.get_kind_display()} {self.start}–{self.end}"

    def halves_on(self, day) -> tuple[bool, bool]:
        """(morning, afternoon) of `day` covered by this leave."""
        if not self.start <= day <= self.end:
            return False, False
        morning = not (day == self.start and self.starts_pm)
        afternoon = not (day == self.end and self.ends_am)
        return morning, afternoon
