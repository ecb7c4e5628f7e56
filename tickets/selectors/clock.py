"""A ticket's SLA clock as the pages show it: for the response and the resolution, the due time,
whether it was met, and how much time is left or how late it is."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from tickets.models import Ticket, TicketStatus


@dataclass(frozen=True)
class Target:
    due: datetime.datetime
    reached: datetime.datetime | None  # when it was met (acknowledged, resolved), if it was
    now: datetime.datetime

    @property
    def breached(self) -> bool:
        """Reached after the due time, or not reached and the due time has passed (SPEC §14)."""
        return (self.reached or self.now) > self.due

    @property
    def left(self) -> datetime.timedelta:
        """Time left before the due time (negative: how late), while not reached."""
        return self.due - self.now

    @property
    def met(self) -> bool:
        return self.reached is not None and self.reached <= self.due


@dataclass(frozen=True)
class Clock:
    response: Target
    resolution: Target

    @property
    def breached(self) -> bool:
        return self.response.breached or self.resolution.breached


def clock(ticket: Ticket, now: datetime.datetime | None = None) -> Clock:
    now = now or timezone.now()
    resolved = (
        ticket.resolved_at
        if ticket.status in (TicketStatus.RESOLVED, TicketStatus.CLOSED)
        else None
    )
    return Clock(
        response=Target(ticket.response_due, ticket.acknowledged_at, now),
        resolution=Target(ticket.resolution_due, resolved, now),
    )
