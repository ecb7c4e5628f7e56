"""The register of rewards and penalties (SPEC §5)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from onsite.org.models import Site, Staff

__all__ = [
    "MONEY_KINDS",
    "RecordKind",
    "RewardPenalty",
    "RewardPenaltyQuerySet",
]


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
