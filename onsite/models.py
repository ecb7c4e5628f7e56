from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from onsite.channels.models import GroupWebhook, WebhookService  # noqa: F401 (tables of this app)
from onsite.exports.models import ExportJob, ExportStatus  # noqa: F401 (tables of this app)
from onsite.notifications import Rendered, render
from onsite.roles import COMPANY_ROLES, GRANTABLE_ROLES, SITE_ROLES, Role


class RoleGrant(models.Model):
    """One role of one user, over a company (HR, manager, finance) or a site (supervisor,
    client contact). A manager grant may narrow the company to one department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("user"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=[(r.value, r.label) for r in GRANTABLE_ROLES]
    )
    company = models.ForeignKey(
        "org.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("company"),
    )
    department = models.ForeignKey(
        "org.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("department"),
    )
    site = models.ForeignKey(
        "org.Site",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("site"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=COMPANY_ROLES, company__isnull=False, site__isnull=True)
                    | Q(role__in=SITE_ROLES, site__isnull=False, company__isnull=True)
                ),
                name="rolegrant_company_or_site_by_role",
            ),
            models.CheckConstraint(
                condition=Q(department__isnull=True) | Q(role=Role.MANAGER),
                name="rolegrant_department_only_for_managers",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "company"],
                condition=Q(site__isnull=True, department__isnull=True),
                name="rolegrant_unique_per_company",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "department"],
                condition=Q(department__isnull=False),
                name="rolegrant_unique_per_department",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "site"],
                condition=Q(site__isnull=False),
                name="rolegrant_unique_per_site",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.site or self.department or self.company}"


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user) -> NotificationQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An inbox entry (SPEC §13); e-mailed once by a Celery task when the recipient has an
    address."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    # What happened ("leave.decided") and the values its sentences are made of: people's names,
    # dates, numbers, ids for the link. The title, text and link are written when read or
    # e-mailed, in the reader's language (onsite/notifications.py).
    kind = models.CharField(_("kind"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    # The recipient had muted e-mail: this entry is never e-mailed, even once they unmute.
    email_muted = models.BooleanField(_("e-mail muted"), default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The inbox page and the unread badge on every page.
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            # The e-mail sweep job: notifications not yet e-mailed, oldest first.
            models.Index(
                fields=["created_at"],
                condition=Q(emailed_at__isnull=True, email_muted=False),
                name="notification_email_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def rendered(self) -> Rendered:
        """Title, text and link in the active language."""
        return render(self.kind, self.params)

    @property
    def title(self) -> str:
        return self.rendered().title

    @property
    def body(self) -> str:
        return self.rendered().body

    @property
    def url(self) -> str:
        return self.rendered().url


class UserPreference(models.Model):
    """What a person chose for themselves: the language of the pages they pick with the switch
    is also the language of their notifications and e-mails (SPEC §13). Without a row, Chinese."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preference",
        verbose_name=_("user"),
    )
    # Empty for a row written only to mute e-mail: Chinese, as without a row.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default=""
    )
    # The inbox is always kept; only its e-mails stop (SPEC §13).
    email_muted = models.BooleanField(_("no e-mail"), default=False)

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_language_display() or '-'}"


class PolicySetting(models.Model):
    """A company's or a site's own value for one policy number (see onsite/policy.py)."""

    key = models.CharField(_("policy"), max_length=60)
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2)
    company = models.ForeignKey(
        "org.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="policy_settings",
        verbose_name=_("company"),
    )
    site = models.ForeignKey(
        "org.Site",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="policy_settings",
        verbose_name=_("site"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy setting")
        verbose_name_plural = _("policy settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(company__isnull=False, site__isnull=True)
                | Q(company__isnull=True, site__isnull=False),
                name="policysetting_company_or_site",
            ),
            models.UniqueConstraint(
                fields=["company", "key"],
                condition=Q(site__isnull=True),
                name="policysetting_unique_per_company",
            ),
            models.UniqueConstraint(
                fields=["site", "key"],
                condition=Q(company__isnull=True),
                name="policysetting_unique_per_site",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from onsite.policy import POLICIES

        if self.key not in POLICIES:
            raise ValidationError({"key": _("Unknown policy.")})


class ReminderClaim(models.Model):
    """A reminder taken to be sent: the row is written before the message goes out, so each
    (kind, subject, period) is sent once however often, or however many times at once, the job
    runs (SPEC §9, §13)."""

    kind = models.CharField(_("kind"), max_length=60)
    # The subject in the kind's own terms: a check, a person, a site… ("17", "staff:17").
    key = models.CharField(_("reminded about"), max_length=100)
    # The period the reminder is for: a week "2026-W41", a month "2026-10", a due date.
    period = models.CharField(_("period"), max_length=40)
    claimed_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "period"], name="reminderclaim_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.period}"
