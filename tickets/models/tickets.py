"""Service tickets (客户服务联络单, SPEC §11): raised by a client contact, or by staff on a client's
behalf, answered and resolved by the people on site, with a response and a resolution due time
fixed when the ticket is raised (the SLA), one thread both sides read, and the client's rating."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from onsite.access import access_for
from onsite.org.models import Company, Site, Staff
from onsite.uploads import UploadValidator

__all__ = [
    "ATTACHMENT_TYPES",
    "OPEN_STATUSES",
    "Category",
    "Channel",
    "Priority",
    "SiteDesk",
    "Ticket",
    "TicketAttachment",
    "TicketComment",
    "TicketQuerySet",
    "TicketStatus",
]


class Category(models.TextChoices):
    GENERAL = "general", _("General")
    DATA_REQUEST = "data_request", _("Data request")
    CHANGE = "change", pgettext_lazy("ticket category", "Change")
    FAULT = "fault", _("Fault")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


class TicketStatus(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", pgettext_lazy("ticket status", "Closed")


# Not yet resolved: the resolution clock still runs.
OPEN_STATUSES = (
    TicketStatus.NEW,
    TicketStatus.ACKNOWLEDGED,
    TicketStatus.IN_PROGRESS,
    TicketStatus.REOPENED,
)


class Channel(models.TextChoices):
    """How the ticket came: the client's own hand, or staff writing it down for them."""

    ONLINE = "online", _("Raised by the client")
    PHONE = "phone", _("Phone call")
    WALK_UP = "walk_up", _("In person")


class SiteDesk(models.Model):
    """A site's ticket desk: who takes a ticket nobody assigned yet, and the last number given
    (the row is locked while a number is taken, so two tickets raised at once get two numbers)."""

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="ticket_desk", verbose_name=_("site")
    )
    default_assignee = models.ForeignKey(
        Staff,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default assignee"),
    )
    last_number = models.PositiveIntegerField(_("last ticket number"), default=0)

    class Meta:
        verbose_name = _("ticket desk")
        verbose_name_plural = _("ticket desks")

    def __str__(self) -> str:
        return str(self.site)


class TicketQuerySet(models.QuerySet):
    def visible_to(self, user) -> TicketQuerySet:
        """The client contacts of the site, its supervisors, HR and managers of the company, and
        staff for the tickets they raised or are assigned."""
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        q = Q(site_id__in=access.client_sites | access.supervised_sites)
        q |= Q(company_id__in=access.hr_companies | access.manager_companies)
        if access.manager_departments:
            q |= Q(assignee__department_id__in=access.manager_departments)
        if access.staff_id:
            q |= Q(assignee_id=access.staff_id) | Q(raised_by_id=user.pk)
        return self.filter(q)

    def open(self) -> TicketQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class Ticket(models.Model):
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("site")
    )
    # The dispatch company whose contract serves the site: its HR and managers see the ticket.
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("company")
    )
    # Per site, in order: 甲机房's 12th ticket is number 12 there (shown as the site code and it).
    number = models.PositiveIntegerField(_("number"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    complaint = models.BooleanField(_("complaint"), default=False)
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    # When staff raise it for a client: who asked (a client contact with a login, or a name).
    raised_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    raised_for_name = models.CharField(_("on behalf of (name)"), max_length=60, blank=True)
    assignee = models.ForeignKey(
        Staff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("assignee"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TicketStatus.choices, default=TicketStatus.NEW
    )
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Fixed when the ticket is raised, from the policy and the site's clock (tickets.sla).
    response_due = models.DateTimeField(_("response due"))
    resolution_due = models.DateTimeField(_("resolution due"))
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.CharField(_("comment on the rating"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    # A failed inspection item opens a fault ticket linked to it.
    inspection_result = models.OneToOneField(
        "tickets.InspectionResult",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket",
        verbose_name=_("inspection item"),
    )
    history = HistoricalRecords()

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("service ticket")
        verbose_name_plural = _("service tickets")
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="ticket_number_per_site"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="ticket_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(status="closed"),
                name="ticket_rated_when_closed",
            ),
        ]
        indexes = [
            # The SLA scan: open tickets by their resolution due time.
            models.Index(
                fields=["resolution_due"],
                condition=Q(status__in=["new", "acknowledged", "in_progress", "reopened"]),
                name="ticket_open_due",
            ),
            # Not yet answered: the response clock.
            models.Index(
                fields=["response_due"], condition=Q(status="new"), name="ticket_unanswered_due"
            ),
            # Resolved, waiting for the client or for the automatic close.
            models.Index(
                fields=["resolved_at"], condition=Q(status="resolved"), name="ticket_resolved"
            ),
            models.Index(fields=["company", "raised_at"], name="ticket_company_raised"),
            models.Index(fields=["site", "raised_at"], name="ticket_site_raised"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """How people name it: the site's code and the number, 'A-0012'."""
        return f"{self.site.code}-{self.number:04d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class TicketComment(models.Model):
    """One entry of the ticket's thread: a comment, or a move with its comment. An internal note
    is read by the company's side only, never by the client."""

    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="comments", verbose_name=_("ticket")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=5000, blank=True)
    internal = models.BooleanField(_("internal note"), default=False)
    # A move of the ticket: from and to which status (empty for a plain comment).
    from_status = models.CharField(
        _("from"), max_length=16, choices=TicketStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=TicketStatus.choices, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("ticket comment")
        verbose_name_plural = _("ticket comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="ticketcomment_thread")]

    def __str__(self) -> str:
        return f"{self.ticket_id} · {self.created_at:%Y-%m-%d %H:%M}"


# Images, PDF and Office files (SPEC §11), each checked by name and by its first bytes.
ATTACHMENT_TYPES = ("jpg", "jpeg", "png", "pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt")


def attachment_path(attachment: TicketAttachment, filename: str) -> str:
    return f"tickets/{attachment.ticket_id}/{filename}"


class TicketAttachment(models.Model):
    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("ticket")
    )
    comment = models.ForeignKey(
        TicketComment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("comment"),
    )
    file = models.FileField(
        _("file"), upload_to=attachment_path, validators=[UploadValidator(ATTACHMENT_TYPES)]
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
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
