"""Inspections (巡检, SPEC §11) [002 第十一、十二条]: a site's checklist (systems × items), the
daily inspection the person on duty records on a phone, and the half-yearly deep inspection
report with its improvement plan, reviewed by the supervisor."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from onsite.access import access_for
from onsite.org.models import Site, Staff
from onsite.uploads import DOCUMENT_TYPES, UploadValidator

__all__ = [
    "ChecklistItem",
    "DeepInspection",
    "DeepInspectionStatus",
    "ImprovementAction",
    "Inspection",
    "InspectionResult",
    "SiteScopedQuerySet",
]


class SiteScopedQuerySet(models.QuerySet):
    """Inspections are the site's: its supervisors, the people placed there, the client contacts,
    and HR and managers of a company whose contract serves it."""

    site_field = "site"

    def visible_to(self, user):
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        f = self.site_field
        q = Q(**{f"{f}_id__in": access.supervised_sites | access.client_sites})
        companies = access.hr_companies | access.manager_companies
        if companies:
            q |= Q(**{f"{f}__contracts__company_id__in": companies})
        if access.staff_id:
            q |= Q(**{f"{f}__assignments__staff_id": access.staff_id})
        return self.filter(q).distinct()


class ChecklistItem(models.Model):
    """One line of a site's checklist: a system (机房环境, 网络, 服务器…) and what to check."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="checklist_items", verbose_name=_("site")
    )
    system = models.CharField(_("system"), max_length=60)
    item = models.CharField(_("item"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # A retired item stays in the records that checked it.
    active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    objects = SiteScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["site", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "system", "item"],
                condition=Q(active=True),
                name="checklistitem_once_per_site",
            )
        ]

    def __str__(self) -> str:
        return f"{self.system} · {self.item}"


class Inspection(models.Model):
    """The day's inspection of a site, one per site and day."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("site")
    )
    date = models.DateField(_("date"))
    inspector = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("inspector")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    objects = SiteScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-date", "site"]
        constraints = [
            models.UniqueConstraint(fields=["site", "date"], name="inspection_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.site} · {self.date}"


def photo_path(result: InspectionResult, filename: str) -> str:
    return f"inspections/{result.inspection_id}/{filename}"


class InspectionResult(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="results", verbose_name=_("inspection")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="results", verbose_name=_("item")
    )
    ok = models.BooleanField(_("ok"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    photo = models.FileField(
        _("photo"),
        upload_to=photo_path,
        blank=True,
        validators=[UploadValidator(("jpg", "jpeg", "png"))],
    )

    class Meta:
        verbose_name = _("inspection result")
        verbose_name_plural = _("inspection results")
        ordering = ["item__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="inspectionresult_once"),
            # A failed item says what is wrong.
            models.CheckConstraint(
                condition=Q(ok=True) | ~Q(note=""), name="inspectionresult_failed_has_note"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} · {'ok' if self.ok else 'failed'}"


class DeepInspectionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("report status", "Returned")
    REVIEWED = "reviewed", pgettext_lazy("report status", "Reviewed")


class DeepInspection(models.Model):
    """The half-yearly deep inspection report of a site: findings and an improvement plan."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="deep_inspections", verbose_name=_("site")
    )
    # "2026H2": the half-year it covers.
    half = models.CharField(_("half-year"), max_length=6)
    findings = models.TextField(_("findings"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeepInspectionStatus.choices,
        default=DeepInspectionStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), max_length=2000, blank=True)
    attachment = models.FileField(
        _("attachment"),
        upload_to="inspections/deep/",
        blank=True,
        validators=[UploadValidator(DOCUMENT_TYPES)],
    )
    history = HistoricalRecords()

    objects = SiteScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("deep inspection report")
        verbose_name_plural = _("deep inspection reports")
        ordering = ["-half", "site"]
        constraints = [
            models.UniqueConstraint(fields=["site", "half"], name="deepinspection_once_a_half"),
            models.CheckConstraint(
                condition=Q(half__regex=r"^\d{4}H[12]$"), name="deepinspection_half_form"
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(review_note=""),
                name="deepinspection_return_has_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} · {self.half}"


class ImprovementAction(models.Model):
    report = models.ForeignKey(
        DeepInspection, on_delete=models.CASCADE, related_name="actions", verbose_name=_("report")
    )
    action = models.CharField(_("improvement"), max_length=300)
    owner = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.action
