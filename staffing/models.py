"""Qualification checks and the register of rewards and penalties (SPEC §3, §5); the movement of
people (entering and leaving) is in staffing.movement.models."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The organisation moved to the core (onsite.org, the bottom layer). Its names stay importable
# from here so that the feature code importing them from staffing.models keeps working until
# those imports are rewritten to onsite.org.models.
from onsite.org.models import (  # noqa: F401
    PLACEMENT_ORDER,
    Assignment,
    AssignmentQuerySet,
    Client,
    Company,
    Contract,
    Department,
    Gender,
    Position,
    Site,
    SiteQuerySet,
    Staff,
    StaffQuerySet,
    StaffStatus,
    assignment_scope,
    mask_id_number,
)
from onsite.uploads import UploadValidator


class Condition(models.TextChoices):
    """The six conditions of SPEC §3, one check each per person."""

    NATIONALITY = "nationality", _("PRC nationality")
    AGE = "age", _("Age on the assignment start")
    HEALTH = "health", _("Fit for duty (health certificate)")
    EDUCATION = "education", _("Education and certificates for the position")
    NO_CRIMINAL_RECORD = "no_criminal_record", _("No criminal record or public-security penalty")
    NOT_DISHONEST = "not_dishonest", _("Not on the joint-punishment list for dishonesty")


class CheckStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


def evidence_path(check: QualificationCheck, filename: str) -> str:
    # Under MEDIA_ROOT, which no URL serves: files go out only through a scoped view.
    return f"evidence/{check.staff_id}/{check.condition}/{filename}"


class QualificationCheckQuerySet(models.QuerySet):
    def visible_to(self, user) -> QualificationCheckQuerySet:
        return self.filter(staff__in=Staff.objects.visible_to(user).values("pk"))


class QualificationCheck(models.Model):
    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="checks", verbose_name=_("staff member")
    )
    condition = models.CharField(_("condition"), max_length=24, choices=Condition.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=CheckStatus.choices, default=CheckStatus.PENDING
    )
    evidence = models.FileField(
        _("evidence"), upload_to=evidence_path, blank=True, validators=[UploadValidator()]
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = QualificationCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("qualification check")
        verbose_name_plural = _("qualification checks")
        ordering = ["staff", "condition"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "condition"], name="check_one_per_condition")
        ]
        indexes = [
            # The daily expiry job: passed checks by expiry date.
            models.Index(
                fields=["expires_on"],
                condition=Q(status="passed", expires_on__isnull=False),
                name="check_passed_by_expiry",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.get_condition_display()}"


class RecordKind(models.TextChoices):
    """SPEC §5: rewards first, then penalties."""

    COMMENDATION = "commendation", _("Commendation")
    BONUS = "bonus", _("Bonus")
    CERTIFICATE = "certificate", _("Certificate")
    VERBAL_WARNING = "verbal_warning", _("Verbal warning")
    WRITTEN_NOTICE = "written_notice", _("Written notice to the company")
    FINE = "fine", _("Fine")
    DEMOTION = "demotion", _("Demotion")
    TRANSFER = "transfer", _("Transfer")
    SITE_BAN = "site_ban", _("Site ban")
    DISMISSAL = "dismissal", _("Dismissal")


MONEY_KINDS = (RecordKind.BONUS, RecordKind.FINE)


class RewardPenaltyQuerySet(models.QuerySet):
    def visible_to(self, user) -> RewardPenaltyQuerySet:
        return self.filter(staff__in=Staff.objects.visible_to(user).values("pk"))


class RewardPenalty(models.Model):
    """One entry of a person's register of rewards and penalties (奖惩)."""

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="records", verbose_name=_("staff member")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RecordKind.choices)
    date = models.DateField(_("date"))
    reason = models.TextField(_("reason"))
    amount = models.DecimalField(
        _("amount (CNY)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bans",
        verbose_name=_("site"),
        help_text=_("The site a site ban applies to."),
    )
    decided_by = models.CharField(_("decided by"), max_length=120)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    objects = RewardPenaltyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reward or penalty")
        verbose_name_plural = _("rewards and penalties")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="site_ban") | Q(site__isnull=False),
                name="rewardpenalty_site_ban_names_site",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["bonus", "fine"]) | Q(amount__gt=0),
                name="rewardpenalty_money_has_amount",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="rewardpenalty_amount_not_negative"
            ),
        ]
        # "Is this person banned from this site?", asked by every new assignment.
        indexes = [
            models.Index(
                fields=["staff", "site"], condition=Q(kind="site_ban"), name="rewardpenalty_bans"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.get_kind_display()} · {self.date}"


from staffing.movement.models import *  # noqa: E402, F403
