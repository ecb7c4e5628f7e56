"""A group-robot webhook: a company's or a site's group chat on WeCom, DingTalk or Feishu, and
how its last post went (shown on the settings page, so a broken robot is noticed)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WebhookService(models.TextChoices):
    WECOM = "wecom", _("WeCom group robot")
    DINGTALK = "dingtalk", _("DingTalk custom robot")
    FEISHU = "feishu", _("Feishu custom bot")


# Services whose robots may ask for a signature made with a secret.
SIGNED_SERVICES = (WebhookService.DINGTALK, WebhookService.FEISHU)


class GroupWebhookQuerySet(models.QuerySet):
    def visible_to(self, user) -> GroupWebhookQuerySet:
        """HR of a company: its own webhooks and those of the sites where a contract of it
        runs; a supervisor: those of the sites they supervise."""
        from onsite.access import access_for

        access = access_for(user)
        if not access.is_authenticated:
            return self.none()
        if access.is_superuser:
            return self
        return self.filter(
            Q(company_id__in=access.hr_companies)
            | Q(site__contracts__company_id__in=access.hr_companies)
            | Q(site_id__in=access.supervised_sites)
        ).distinct()


class GroupWebhook(models.Model):
    company = models.ForeignKey(
        "org.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_webhooks",
        verbose_name=_("company"),
    )
    site = models.ForeignKey(
        "org.Site",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_webhooks",
        verbose_name=_("site"),
    )
    service = models.CharField(_("service"), max_length=10, choices=WebhookService.choices)
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("webhook address"), max_length=500)
    # DingTalk's "加签" and Feishu's "签名校验"; never shown back once saved.
    secret = models.CharField(_("signing secret"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    last_ok_at = models.DateTimeField(_("last delivered"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last failed"), null=True, blank=True)

    objects = GroupWebhookQuerySet.as_manager()

    class Meta:
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")
        ordering = ["company_id", "site_id", "name", "pk"]
        # group_post reads the robots of one site or one company: the foreign keys' own indexes.
        constraints = [
            models.CheckConstraint(
                condition=Q(company__isnull=False, site__isnull=True)
                | Q(company__isnull=True, site__isnull=False),
                name="groupwebhook_company_or_site",
            ),
            models.CheckConstraint(
                condition=Q(secret="") | Q(service__in=[s.value for s in SIGNED_SERVICES]),
                name="groupwebhook_secret_only_when_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()} · {self.name}"
