"""Assessment (考核, SPEC §12): a company's cycles (a quarter, or a month when it scores monthly),
the criteria it scores by with their weights and scorers, each person's scores, and their result
(total, grade, ranks, acknowledgement or appeal). A cycle keeps a copy of the criteria it opened
with, so that a change of criteria never changes a cycle already scored."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from onsite.org.models import Company, Site, Staff

__all__ = [
    "AppealDecision",
    "Criterion",
    "Cycle",
    "CycleCriterion",
    "CycleKind",
    "CycleStatus",
    "Grade",
    "Outcome",
    "Result",
    "ResultStatus",
    "Score",
    "Scorer",
]

SCORE_MAX = Decimal("100.0")


class CycleKind(models.TextChoices):
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")


class CycleStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("cycle status", "Open")
    SCORING = "scoring", pgettext_lazy("cycle status", "Scoring")
    CLOSED = "closed", pgettext_lazy("cycle status", "Closed")


class Scorer(models.TextChoices):
    SUPERVISOR = "supervisor", _("Site supervisor")
    MANAGER = "manager", _("Company manager")
    # Client satisfaction from the ratings of the tickets the person resolved (SPEC §12).
    COMPUTED = "computed", _("Computed from ticket ratings")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", pgettext_lazy("grade", "Pass")
    FAIL = "fail", pgettext_lazy("grade", "Fail")


class ResultStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("result status", "Awaiting acknowledgement")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("result status", "Acknowledged")
    APPEALED = "appealed", pgettext_lazy("result status", "Appealed")
    # The manager decided the appeal (upheld with new scores, or rejected); the person then
    # acknowledges the result as it stands.
    REVIEWED = "reviewed", pgettext_lazy("result status", "Appeal decided")


class AppealDecision(models.TextChoices):
    UPHELD = "upheld", pgettext_lazy("appeal", "Upheld")
    REJECTED = "rejected", pgettext_lazy("appeal", "Rejected")


class Outcome(models.TextChoices):
    """What the company does with a result (SPEC §12: bonus, promotion, transfer, training)."""

    NONE = "", pgettext_lazy("outcome", "None")
    BONUS = "bonus", pgettext_lazy("outcome", "Bonus")
    PROMOTION = "promotion", pgettext_lazy("outcome", "Promotion")
    TRANSFER = "transfer", pgettext_lazy("outcome", "Transfer")
    TRAINING = "training", pgettext_lazy("outcome", "Training")


class Criterion(models.Model):
    """One criterion a company scores by (default: performance 40, attitude 20, teamwork 20,
    client satisfaction 20)."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("company")
    )
    key = models.SlugField(_("key"), max_length=30)
    label = models.CharField(_("criterion"), max_length=60)
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    scorer = models.CharField(_("scored by"), max_length=12, choices=Scorer.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["company", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["company", "key"], name="criterion_key_per_company"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="criterion_weight_1_to_100"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Cycle(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("company")
    )
    kind = models.CharField(_("period"), max_length=8, choices=CycleKind.choices)
    # "2026Q3" or "2026-07", as §14 names cycles.
    label = models.CharField(_("cycle"), max_length=8)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    scoring_deadline = models.DateField(_("scoring deadline"))
    status = models.CharField(
        _("status"), max_length=8, choices=CycleStatus.choices, default=CycleStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    # The last close: the appeal window of its results runs from it.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment cycle")
        verbose_name_plural = _("assessment cycles")
        ordering = ["-first_day", "company"]
        constraints = [
            models.UniqueConstraint(fields=["company", "label"], name="cycle_label_per_company"),
            models.CheckConstraint(
                condition=Q(first_day__lte=models.F("last_day")), name="cycle_first_before_last"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.label}"

    @property
    def is_closed(self) -> bool:
        return self.status == CycleStatus.CLOSED


class CycleCriterion(models.Model):
    """The criteria as they were when the cycle opened."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("cycle")
    )
    key = models.SlugField(_("key"), max_length=30)
    label = models.CharField(_("criterion"), max_length=60)
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    scorer = models.CharField(_("scored by"), max_length=12, choices=Scorer.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion of a cycle")
        verbose_name_plural = _("criteria of a cycle")
        ordering = ["cycle", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "key"], name="cyclecriterion_key_per_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.weight}%"


class Score(models.Model):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="scores", verbose_name=_("cycle")
    )
    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="scores", verbose_name=_("staff member")
    )
    criterion = models.ForeignKey(
        CycleCriterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    score = models.DecimalField(
        _("score"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(SCORE_MAX)],
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    scored_at = models.DateTimeField(_("scored at"), default=timezone.now)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scored by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "staff", "criterion"], name="score_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="score_0_to_100"
            ),
        ]
        indexes = [models.Index(fields=["cycle", "staff"], name="score_cycle_staff")]

    def __str__(self) -> str:
        return f"{self.staff.name} {self.criterion.label} {self.score}"


class Result(models.Model):
    """A person's result in a cycle, computed from their scores when the cycle closes."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="results", verbose_name=_("cycle")
    )
    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="results", verbose_name=_("staff member")
    )
    # The site the person is ranked at: where they were placed on the cycle's last day.
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("site"),
    )
    total = models.DecimalField(_("total"), max_digits=4, decimal_places=1)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices)
    adjustment = models.BooleanField(_("flagged for position adjustment"), default=False)
    site_rank = models.PositiveIntegerField(_("rank at the site"), null=True, blank=True)
    company_rank = models.PositiveIntegerField(_("rank in the company"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ResultStatus.choices, default=ResultStatus.PENDING
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    appeal_reason = models.TextField(_("reason for the appeal"), max_length=1000, blank=True)
    appealed_at = models.DateTimeField(_("appealed at"), null=True, blank=True)
    appeal_decision = models.CharField(
        _("decision on the appeal"), max_length=8, choices=AppealDecision.choices, blank=True
    )
    appeal_decided_at = models.DateTimeField(_("appeal decided at"), null=True, blank=True)
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appeal decided by"),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("note on the outcome"), max_length=200, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("outcome recorded by"),
    )
    outcome_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")
        ordering = ["cycle", "company_rank", "staff"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "staff"], name="result_once_per_cycle"),
            models.CheckConstraint(
                condition=~Q(status="appealed") | ~Q(appeal_reason=""),
                name="result_appeal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="reviewed") | ~Q(appeal_decision=""),
                name="result_reviewed_has_decision",
            ),
        ]
        indexes = [models.Index(fields=["cycle", "site"], name="result_cycle_site")]

    def __str__(self) -> str:
        return f"{self.staff.name} {self.total}"
