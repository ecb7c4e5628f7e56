"""What a lower layer tells the apps above it, without importing them.

The organisation and staffing change placements and sites' schedules; attendance judges days by
them and connects its receivers in `AppConfig.ready()` (attendance/receivers.py). A sender calls
the `*_send` helper inside its transaction; a receiver that starts work queues it on commit, so a
rolled-back change (a dry-run import) starts nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.dispatch import Signal

# A person's placements changed (placed, ended, banned from a site) between `start` and `end`.
# Arguments: staff_ids (list[int]), start, end (datetime.date).
placements_changed = Signal()

# The working hours of sites changed, so their days between `start` and `end` read differently.
# Arguments: site_ids (list[int]), start, end (datetime.date).
schedule_changed = Signal()


def placements_changed_send(
    *, sender: type, staff_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> None:
    placements_changed.send(sender=sender, staff_ids=sorted(staff_ids), start=start, end=end)


def schedule_changed_send(
    *, sender: type, site_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> None:
    schedule_changed.send(sender=sender, site_ids=sorted(site_ids), start=start, end=end)
