"""Work reports (工作汇报, SPEC §9): the weekly report every person on site files for an ISO week,
and, where a site's policy turns them on, the daily log and the monthly report, all handled
alike. One report per person, kind and period; its due time is fixed from the policy and the
site's clock when the report is first saved, and "late" is judged on the first submission."""

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
from onsite.uploads import UploadValidator

__all__ = [
    "REPORT_ATTACHMENT_TYPES",
    "Report",
    "ReportAttachment",
    "ReportComment",
    "ReportKind",
    "ReportQuerySet",
    "ReportStatus",
]


class ReportKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly report")
    DAILY = "daily", _("Daily log")
    MONTHLY = "monthly", _("Monthly report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("report status", "Returned")
    REVIEWED = "reviewed", pgettext_lazy("report status", "Reviewed")


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReportQuerySet:
        """The author; the supervisors of the site; HR and managers of the author's company (a
        department manager: of their department). Client contacts read none: reports are the
        company's own."""
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        q = Q(site_id__in=access.supervised_sites)
        q |= Q(staff__company_id__in=access.hr_companies | access.manager_companies)
        if access.manager_departments:
            q |= Q(staff__department_id__in=access.manager_departments)
        if access.staff_id:
            q |= Q(staff_id=access.staff_id)
        return self.filter(q)


class Report(models.Model):
    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="reports", verbose_name=_("staff member")
    )
    # The site the person was placed at in the period, whose supervisor reads the report and
    # whose clock sets the due time.
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="reports", verbose_name=_("site")
    )
    kind = models.CharField(
        _("kind"), max_length=8, choices=ReportKind.choices, default=ReportKind.WEEKLY
    )
    # "2026-W41", "2026-10-12" or "2026-10" (onsite.periods names them).
    period = models.CharField(_("period"), max_length=10)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    work_done = models.TextField(_("work done"), max_length=5000, blank=True)
    problems = models.TextField(_("problems and risks"), max_length=5000, blank=True)
    next_plan = models.TextField(_("next period's plan"), max_length=5000, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The first submission decides on time or late; a report returned and sent again keeps it.
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # When the supervisor first opened it (the author sees 已读 and when).
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("read by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    history = HistoricalRecords()

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("work report")
        verbose_name_plural = _("work reports")
        ordering = ["-starts_on", "staff"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "kind", "period"], name="report_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="report_period_order"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(first_submitted_at__isnull=False),
                name="report_submitted_has_time",
            ),
        ]
        indexes = [
            # The statistics and reminders of a site and period.
            models.Index(fields=["site", "kind", "period"], name="report_site_period"),
            # Tickets and the on-time rate of a person over a quarter.
            models.Index(fields=["staff", "kind", "starts_on"], name="report_staff_start"),
        ]

    def __str__(self) -> str:
        return f"{self.staff.name} · {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class ReportComment(models.Model):
    """The thread under a report: the supervisor's comments, the reason it was returned, and the
    author's answers."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="comments", verbose_name=_("report")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=2000)
    # The comment the report was returned with.
    returned = models.BooleanField(_("returned with it"), default=False)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("report comment")
        verbose_name_plural = _("report comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["report", "created_at"], name="reportcomment_thread")]

    def __str__(self) -> str:
        return f"{self.report_id} · {self.created_at:%Y-%m-%d %H:%M}"


# Images, PDF and Office files, each checked by name and by its first bytes.
REPORT_ATTACHMENT_TYPES = ("jpg", "jpeg", "png", "pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt")


def report_attachment_path(attachment: ReportAttachment, filename: str) -> str:
    return f"reports/{attachment.report_id}/{filename}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("report")
    )
    file = models.FileField(
        _("file"),
        upload_to=report_attachment_path,
        validators=[UploadValidator(REPORT_ATTACHMENT_TYPES)],
    )
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
