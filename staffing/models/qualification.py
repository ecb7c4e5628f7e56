"""Qualification checks (SPEC §3): one row per condition a person must meet, with its evidence
and expiry."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from onsite.org.models import Staff
from onsite.uploads import UploadValidator

__all__ = [
    "CheckStatus",
    "Condition",
    "QualificationCheck",
    "QualificationCheckQuerySet",
    "evidence_path",
]


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
