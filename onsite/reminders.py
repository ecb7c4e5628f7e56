"""Reminders sent exactly once per (kind, subject, period) (SPEC §9, §13).

A job claims each reminder by inserting a `ReminderClaim` row before sending it; the unique
constraint turns a second claim, from an overlapping run, a second beat or a retry, into "already
sent". A job decides what is due from the data as it stands, not from the time it last ran, so a
run after downtime sends what was missed, and only that.

Apps register their reminder jobs in `AppConfig.ready()`; the core imports no app.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.utils.functional import Promise

from onsite.models import ReminderClaim

T = TypeVar("T")


@dataclass(frozen=True)
class ReminderKind:
    kind: str
    label: str | Promise
    # job(today=None) sends what is due on `today` (by default the current date) and returns
    # how many reminders went out.
    job: Callable[..., int]


_REGISTRY: dict[str, ReminderKind] = {}


def reminder_register(kind: str, label: str | Promise, job: Callable[..., int]) -> None:
    """Called from an app's `AppConfig.ready()`; registering the same kind again replaces it."""
    _REGISTRY[kind] = ReminderKind(kind=kind, label=label, job=job)


def reminder_kinds() -> list[ReminderKind]:
    return sorted(_REGISTRY.values(), key=lambda entry: entry.kind)


def reminders_run(*, today: datetime.date | None = None) -> dict[str, int]:
    """Run every registered reminder job; each sends only what it has not sent before."""
    return {entry.kind: entry.job(today=today) for entry in reminder_kinds()}


def reminder_claim(*, kind: str, key: str, period: str) -> bool:
    """Claim one reminder; False means it was already claimed (sent, or being sent right now).

    Call it inside the transaction that records the message, so that a failure rolls the claim
    back with it; a concurrent claim waits for that transaction and then gets False.
    """
    try:
        # The savepoint keeps the caller's transaction usable after a refused insert.
        with transaction.atomic():
            ReminderClaim.objects.create(kind=kind, key=key, period=period)
    except IntegrityError:
        return False
    return True


def reminder_release(*, kind: str, key: str, period: str) -> None:
    """Give a claim back when sending failed outside a transaction, so the next run sends it."""
    ReminderClaim.objects.filter(kind=kind, key=key, period=period).delete()


def reminders_send(
    *,
    kind: str,
    items: Iterable[T],
    key: Callable[[T], str],
    period: Callable[[T], str] | str,
    send: Callable[[T], object],
) -> int:
    """Send `send(item)` for each item not yet reminded of in its period; returns how many.

    Each claim and its send share one transaction: if `send` raises, the claim is rolled back
    and the next run tries again. `send` should write to the database (an inbox entry, whose
    e-mail goes out after commit), not talk to the network itself.
    """
    sent = 0
    for item in items:
        label = period(item) if callable(period) else period
        with transaction.atomic():
            if not reminder_claim(kind=kind, key=key(item), period=label):
                continue
            send(item)
        sent += 1
    return sent
