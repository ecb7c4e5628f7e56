"""Notifications (SPEC §13): an inbox entry for every approval request, decision and reminder,
and one e-mail for each entry whose recipient has an address."""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation

from onsite.models import Notification, UserPreference
from onsite.notifications import notification_kind

logger = logging.getLogger(__name__)

# Queued e-mails normally go out within seconds; the sweep only picks up what its task lost.
SWEEP_GRACE = datetime.timedelta(minutes=5)


def notification_create(
    *,
    recipients: Iterable[AbstractBaseUser],
    kind: str,
    params: Mapping[str, Any] | None = None,
) -> list[Notification]:
    """Put one entry in each recipient's inbox and queue its e-mail once the caller commits.

    `params` are the values the kind's sentences are made of (names of people, dates, numbers,
    ids for the link); each reader gets the sentences in their own language.
    """
    from onsite.tasks import notification_email_send

    if notification_kind(kind) is None:
        raise ValueError(f"unknown notification kind {kind!r}: register it in AppConfig.ready()")
    # Stored as JSON; the entries returned hold what a reader will read back (dates as ISO).
    stored = json.loads(json.dumps(dict(params or {}), cls=DjangoJSONEncoder))
    unique = {user.pk: user for user in recipients}
    # Muted e-mail keeps the inbox entry and sends nothing (SPEC §13).
    muted = set(
        UserPreference.objects.filter(user__in=list(unique), email_muted=True).values_list(
            "user_id", flat=True
        )
    )
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, params=stored, email_muted=user.pk in muted)
        for user in unique.values()
    )
    for notification in notifications:
        if notification.recipient.email and not notification.email_muted:
            transaction.on_commit(partial(notification_email_send.delay, notification.pk))
    return notifications


def reader_language(user: AbstractBaseUser) -> str:
    """The language a person reads in when no page request says it: the one they last chose
    with the switch, Chinese by default."""
    try:
        language = user.preference.language
    except UserPreference.DoesNotExist:
        return settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def email_muted(user: AbstractBaseUser) -> bool:
    try:
        return user.preference.email_muted
    except UserPreference.DoesNotExist:
        return False


def user_email_mute_set(*, user: AbstractBaseUser, muted: bool) -> None:
    """Mute or unmute one's own e-mail; the inbox is kept either way. A row written only for
    this has no language, which reads as Chinese, as having no row does."""
    UserPreference.objects.update_or_create(user=user, defaults={"email_muted": muted})


def user_language_set(*, user: AbstractBaseUser, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        return
    UserPreference.objects.update_or_create(user=user, defaults={"language": language})


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification at most once, however often the task runs or retries.

    The notification is claimed by setting `emailed_at` in one UPDATE, so no row lock or
    transaction stays open during the SMTP conversation; a second run finds it claimed and stops.
    A failed send gives the claim back, so the retry or the sweep sends it.
    """
    notification = (
        Notification.objects.select_related("recipient__preference")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.emailed_at or not notification.recipient.email:
        return False
    if notification.email_muted or email_muted(notification.recipient):
        # Muted since it was written: settled, so the sweep stops picking it up.
        Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
            email_muted=True
        )
        return False
    claimed_at = timezone.now()
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=claimed_at
    )
    if claimed != 1:
        return False
    # Written in the recipient's language, whoever caused it and whatever language the task's
    # process happens to be in.
    with translation.override(reader_language(notification.recipient)):
        text = notification.rendered()
    link = f"{settings.ONSITE_BASE_URL.rstrip('/')}{text.url}" if text.url else ""
    try:
        send_mail(
            subject=f"[{settings.ONSITE_SITE_NAME}] {text.title}",
            message="\n\n".join(part for part in (text.body, link) if part),
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
        Notification.objects.filter(
            emailed_at__isnull=True, email_muted=False, created_at__lte=now - SWEEP_GRACE
        )
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
