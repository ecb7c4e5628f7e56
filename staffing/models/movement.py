"""Entering and leaving a site (SPEC §4): onboarding and offboarding checklists, change notices
and resignations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from onsite.access import access_for
from onsite.org.models import Assignment, Company, Site, Staff, assignment_scope

__all__ = [
    "ChangeKind",
    "ChangeNotice",
    "ChangeNoticeStatus",
    "LeavingReason",
    "Offboarding",
    "OffboardingItem",
    "OffboardingItemKind",
    "OffboardingStatus",
    "OnboardingItem",
    "OnboardingItemKind",
    "Resignation",
    "ResignationStatus",
]


class OnboardingItemKind(models.TextChoices):
    """入场 [002 第五–八条; 001 報到], in the order they are usually done."""

    REGISTRATION_FORM = "registration_form", _("Registration form (on-site staff information)")
    ID_COPY = "id_copy", _("Copy of the ID card")
    EDUCATION_PROOF = "education_proof", _("Proof of education")
    WORK_HISTORY_PROOF = "work_history_proof", _("Proof of work history")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality agreement signed")
    COMMITMENT = "commitment", _("Commitment letter signed")
    NETWORK_ACCESS = "network_access", _("Network access approval form")
    ACCOUNT_REQUEST = "account_request", _("System account request form")
    BADGE = "badge", _("Badge issued")
    EQUIPMENT = "equipment", _("Equipment issued")
    TRAINING = "training", _("Pre-job training")


class OnboardingItemQuerySet(models.QuerySet):
    def visible_to(self, user) -> OnboardingItemQuerySet:
        return self.filter(assignment_scope(user, "assignment__"))


class ChecklistItem(models.Model):
    """One line of a checklist: done when someone ticked it, with when and an optional note."""

    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        abstract = True


class OnboardingItem(ChecklistItem):
    """One ticked item of a placement's onboarding checklist. An item without a row, or with no
    `done_at`, is open; the checklist is complete when every kind is done."""

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.CASCADE,
        related_name="onboarding_items",
        verbose_name=_("assignment"),
    )
    kind = models.CharField(_("item"), max_length=24, choices=OnboardingItemKind.choices)
    history = HistoricalRecords()

    objects = OnboardingItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("onboarding item")
        verbose_name_plural = _("onboarding items")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "kind"], name="onboarding_item_once"),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(done_by__isnull=False),
                name="onboarding_item_done_names_who",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.get_kind_display()}"


class ChangeKind(models.TextChoices):
    REPLACEMENT = "replacement", _("Replacement")
    ROTATION = "rotation", _("Rotation")
    ADDITION = "addition", _("Addition")
    DEPARTURE = "departure", _("Departure")


class ChangeNoticeStatus(models.TextChoices):
    """A notice is filed 给到信息科和人事科 [002 第三章第一条]: HR is told, and the site's
    supervisor confirms that the site has it, or returns it with why."""

    FILED = "filed", _("Waiting for the site's confirmation")
    CONFIRMED = "confirmed", _("Confirmed by the site")
    RETURNED = "returned", _("Returned")


class ChangeNoticeQuerySet(models.QuerySet):
    def visible_to(self, user) -> ChangeNoticeQuerySet:
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        q = Q(company_id__in=access.hr_companies | access.manager_companies)
        q |= Q(site_id__in=access.supervised_sites)
        q |= Q(leaving__department_id__in=access.manager_departments)
        q |= Q(incoming__department_id__in=access.manager_departments)
        return self.filter(q)


class ChangeNotice(models.Model):
    """《运维人员变动通知》: a planned change of personnel at a site, filed ahead of time
    [002 信息项目驻场运维人员日常管理制度 第三章]. A notice shorter than the policy, or a rotation
    within the first months of a placement, stands only with a manager's override."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="change_notices", verbose_name=_("company")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="change_notices", verbose_name=_("site")
    )
    kind = models.CharField(_("kind of change"), max_length=16, choices=ChangeKind.choices)
    leaving = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices_leaving",
        verbose_name=_("who leaves"),
    )
    incoming = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices_incoming",
        verbose_name=_("who comes"),
    )
    planned_on = models.DateField(_("planned date"))
    reason = models.TextField(_("reason"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed by"),
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    # Both kept as they were on the filing day: the policy may change later.
    notice_days = models.IntegerField(_("days of notice"))
    required_days = models.PositiveIntegerField(_("days of notice required"))
    early_rotation = models.BooleanField(
        _("rotation within the minimum months"),
        default=False,
        help_text=_("Allowed only by a manager's override."),
    )
    override_reason = models.TextField(_("reason for the override"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("overridden by"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ChangeNoticeStatus.choices,
        default=ChangeNoticeStatus.FILED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed or returned by"),
    )
    decided_at = models.DateTimeField(_("confirmed or returned at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the confirmation"), blank=True)
    history = HistoricalRecords()

    objects = ChangeNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change notice")
        verbose_name_plural = _("change notices")
        ordering = ["-planned_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(leaving__isnull=False) | Q(incoming__isnull=False),
                name="changenotice_names_someone",
            ),
            # The rule itself: short or early only with a manager's override and its reason.
            models.CheckConstraint(
                condition=(Q(notice_days__gte=models.F("required_days")) & Q(early_rotation=False))
                | (Q(overridden_by__isnull=False) & ~Q(override_reason="")),
                name="changenotice_short_needs_override",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(decision_note=""),
                name="changenotice_return_has_note",
            ),
        ]
        indexes = [
            # "Is a rotation notice filed for this person at this site?", asked by the rotation
            # list.
            models.Index(fields=["leaving", "site", "planned_on"], name="changenotice_leaving"),
            # The supervisors' queue in the approvals inbox.
            models.Index(
                fields=["filed_at"], condition=Q(status="filed"), name="changenotice_waiting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} · {self.get_kind_display()} · {self.planned_on}"

    @property
    def overridden(self) -> bool:
        return self.overridden_by_id is not None


class ResignationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ResignationQuerySet(models.QuerySet):
    def visible_to(self, user) -> ResignationQuerySet:
        return self.filter(assignment_scope(user, "assignment__"))


class Resignation(models.Model):
    """辞职: applied for by the person, decided by the site's supervisor or HR [001 報到與離職]."""

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="resignations", verbose_name=_("staff member")
    )
    # The placement the person leaves; its site's supervisors decide.
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.CASCADE,
        related_name="resignations",
        verbose_name=_("assignment"),
    )
    leaving_on = models.DateField(_("last working day"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ResignationStatus.choices,
        default=ResignationStatus.PENDING,
    )
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    history = HistoricalRecords()

    objects = ResignationQuerySet.as_manager()

    class Meta:
        verbose_name = _("resignation")
        verbose_name_plural = _("resignations")
        ordering = ["-applied_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff"], condition=Q(status="pending"), name="resignation_one_pending"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="resignation_rejection_has_reason",
            ),
        ]
        # The supervisor's and HR's queue: pending resignations.
        indexes = [
            models.Index(
                fields=["applied_at"],
                condition=Q(status="pending"),
                name="resignation_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.leaving_on}"


class LeavingReason(models.TextChoices):
    CONTRACT_END = "contract_end", _("Contract end")
    RESIGNATION = "resignation", _("Resignation")
    REPLACEMENT = "replacement", _("Replacement")
    ROTATION = "rotation", _("Rotation")
    DISMISSAL = "dismissal", _("Dismissal")
    SITE_BAN = "site_ban", _("Site ban")


class OffboardingStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    COMPLETED = "completed", _("Completed")


class OffboardingItemKind(models.TextChoices):
    """离场 [000 第九条; 002 第九、十条]."""

    HANDOVER = "handover", _("Work handed over")
    PROPERTY = "property", _("Property handed back")
    DOCUMENTS = "documents", _("Documents returned")
    ACCOUNTS = "accounts", _("Accounts in the client's systems deactivated")
    BADGE = "badge", _("Badge returned")
    EQUIPMENT = "equipment", _("Equipment returned")


class OffboardingQuerySet(models.QuerySet):
    def visible_to(self, user) -> OffboardingQuerySet:
        return self.filter(assignment_scope(user, "assignment__"))


class Offboarding(models.Model):
    """离场: the checklist of one placement that ends. Completing it ends the placement."""

    assignment = models.OneToOneField(
        Assignment,
        on_delete=models.CASCADE,
        related_name="offboarding",
        verbose_name=_("assignment"),
    )
    reason = models.CharField(_("reason for leaving"), max_length=16, choices=LeavingReason.choices)
    leaving_on = models.DateField(_("last working day"))
    successor = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handovers_received",
        verbose_name=_("successor"),
        help_text=_("The person who takes over the work."),
    )
    resignation = models.OneToOneField(
        Resignation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offboarding",
        verbose_name=_("resignation"),
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OffboardingStatus.choices,
        default=OffboardingStatus.OPEN,
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = OffboardingQuerySet.as_manager()

    class Meta:
        verbose_name = _("offboarding")
        verbose_name_plural = _("offboardings")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="offboarding_completed_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.leaving_on}"


class OffboardingItemQuerySet(models.QuerySet):
    def visible_to(self, user) -> OffboardingItemQuerySet:
        return self.filter(assignment_scope(user, "offboarding__assignment__"))


class OffboardingItem(ChecklistItem):
    offboarding = models.ForeignKey(
        Offboarding, on_delete=models.CASCADE, related_name="items", verbose_name=_("offboarding")
    )
    kind = models.CharField(_("item"), max_length=16, choices=OffboardingItemKind.choices)
    history = HistoricalRecords()

    objects = OffboardingItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("offboarding item")
        verbose_name_plural = _("offboarding items")
        constraints = [
            models.UniqueConstraint(fields=["offboarding", "kind"], name="offboarding_item_once"),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(done_by__isnull=False),
                name="offboarding_item_done_names_who",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offboarding} · {self.get_kind_display()}"

    @property
    def done(self) -> bool:
        return self.done_at is not None
