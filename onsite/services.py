"""Notifications (SPEC §13): an inbox entry for every approval request, decision and reminder,
and one e-mail for each entry whose recipient has an address."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from onsite.models import Notification

logger = logging.getLogger(__name__)

# Queued e-mails normally go out within seconds; the sweep only picks up what its task lost.
SWEEP_GRACE = datetime.timedelta(minutes=5)


def notification_create(
    *,
    recipients: Iterable[AbstractBaseUser],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
) -> list[Notification]:
    """Put one entry in each recipient's inbox and queue its e-mail once the caller commits."""
    from onsite.tasks import notification_email_send

    unique = {user.pk: user for user in recipients}
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, title=title, body=body, url=url)
        for user in unique.values()
    )
    for notification in notifications:
        if notification.recipient.email:
            transaction.on_commit(partial(notification_email_send.delay, notification.pk))
    return notifications


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification at most once, however often the task runs or retries.

    The notification is claimed by setting `emailed_at` in one UPDATE, so no row lock or
    transaction stays open during the SMTP conversation; a second run finds it claimed and stops.
    A failed send gives the claim back, so the retry or the sweep sends it.
    """
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at or not notification.recipient.email:
        return False
    claimed_at = timezone.now()
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=claimed_at
    )
    if claimed != 1:
        return False
    link = f"{settings.ONSITE_BASE_URL.rstrip('/')}{notification.url}" if notification.url else ""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                subject=f"[{settings.ONSITE_SITE_NAME}] {notification.title}",
                message="\n\n".join(part for part in (notification.body, link) if part),
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
    except BaseException:
        Notification.objects.filter(pk=notification_id, emailed_at=claimed_at).update(
            emailed_at=None
        )
        raise
    return True


def notification_email_sweep(*, now: datetime.datetime | None = None) -> int:
    """Send the e-mails that were never sent (a broker outage, a lost task); returns how many."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, created_at__lte=now - SWEEP_GRACE)
        .exclude(recipient__email="")
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    sent = 0
    for notification_id in pending:
        try:
            sent += notification_email_send(notification_id=notification_id)
        except OSError:
            logger.warning("e-mail for notification %s failed; retried next sweep", notification_id)
    return sent


def notification_mark_read(*, notification: Notification) -> bool:
    return bool(
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )


def notification_mark_all_read(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
