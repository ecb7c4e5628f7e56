"""An export job: who asked, for what (kind and parameters), how far it got, and its file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ExportStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("export", "Waiting to start")
    RUNNING = "running", pgettext_lazy("export", "Being made")
    DONE = "done", pgettext_lazy("export", "Ready")
    FAILED = "failed", pgettext_lazy("export", "Failed")


IN_FLIGHT = (ExportStatus.QUEUED, ExportStatus.RUNNING)


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user) -> ExportJobQuerySet:
        """A job is its asker's alone: nobody else, superusers included, sees it or its file."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(requested_by=user)

    def in_flight(self) -> ExportJobQuerySet:
        return self.filter(status__in=IN_FLIGHT)


class ExportJob(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("asked by"),
    )
    # The registered kind ("attendance.sheet_pdf") and what it is made from ({"site": 3,
    # "month": "2026-10"}); `request_key` is a digest of both, so a second click while the first
    # is in flight finds the first job (see the constraint).
    kind = models.CharField(_("kind"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict)
    request_key = models.CharField(max_length=64, editable=False)
    title = models.CharField(_("export"), max_length=200)
    # The language of the page it was asked from: the file and any message are written in it.
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # The file's name in the private "exports" storage (never under MEDIA or STATIC); empty
    # until it is made and again once it is removed after EXPORTS_KEEP_DAYS.
    file = models.CharField(_("file"), max_length=200, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    # Why it failed, in words for the person who asked; the traceback goes to the log only.
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    file_removed_at = models.DateTimeField(_("file removed"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Sending the form twice finds the job already waiting or running.
            models.UniqueConstraint(
                fields=["requested_by", "request_key"],
                condition=Q(status__in=["queued", "running"]),
                name="exportjob_one_in_flight_per_request",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="exportjob_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(status="done") | Q(file=""), name="exportjob_file_only_when_done"
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=F("created_at")),
                name="exportjob_finished_after_asked",
            ),
        ]
        indexes = [
            # "My exports", newest first.
            models.Index(fields=["requested_by", "-created_at"], name="exportjob_mine"),
            # The sweep: files still kept, oldest first.
            models.Index(
                fields=["finished_at"], condition=~Q(file=""), name="exportjob_files_kept"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status not in IN_FLIGHT
