"""Celery tasks of attendance: thin, ids in, one service call each, queued on commit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from celery import shared_task
from django.db import transaction


@shared_task(acks_late=True)
def days_recompute_task(
    start: str, end: str, staff_ids: list[int] | None = None, site_ids: list[int] | None = None
) -> int:
    from attendance.services.days import days_recompute

    return days_recompute(
        start=datetime.date.fromisoformat(start),
        end=datetime.date.fromisoformat(end),
        staff_ids=staff_ids,
        site_ids=site_ids,
    )


@shared_task(acks_late=True)
def days_judge_yesterday_task() -> int:
    from attendance.services.days import days_judge_yesterday

    return days_judge_yesterday()


@shared_task(acks_late=True)
def overtime_flag_yesterday_task() -> int:
    from django.utils import timezone

    from attendance.services.overtime import overtime_flag_missing_punches

    return overtime_flag_missing_punches(date=timezone.localdate() - datetime.timedelta(days=1))


def queue_recompute(
    *,
    start: datetime.date,
    end: datetime.date,
    staff_ids: Iterable[int] | None = None,
    site_ids: Iterable[int] | None = None,
) -> None:
    """Judge the days again after the current transaction commits (recomputing twice is
    harmless: the result depends only on the data)."""
    args = (
        start.isoformat(),
        end.isoformat(),
        sorted(staff_ids) if staff_ids is not None else None,
        sorted(site_ids) if site_ids is not None else None,
    )
    transaction.on_commit(lambda: days_recompute_task.delay(*args))
