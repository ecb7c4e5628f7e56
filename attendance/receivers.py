"""Attendance listens to the layers below it (onsite.signals), connected in AppConfig.ready():
when placements or a site's schedule change, the days concerned are judged again after the
transaction commits (queue_recompute), exactly as if the sender had queued it itself."""

from __future__ import annotations

import datetime

from attendance.tasks import queue_recompute


def placements_changed_recompute(
    sender, *, staff_ids: list[int], start: datetime.date, end: datetime.date, **kwargs
) -> None:
    queue_recompute(start=start, end=end, staff_ids=staff_ids)


def schedule_changed_recompute(
    sender, *, site_ids: list[int], start: datetime.date, end: datetime.date, **kwargs
) -> None:
    queue_recompute(start=start, end=end, site_ids=site_ids)
