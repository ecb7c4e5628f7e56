"""Staffing's periodic jobs, registered in StaffingConfig.ready() (see onsite.periodic)."""

from __future__ import annotations

from celery.schedules import crontab

from onsite.periodic import PeriodicJob, periodic_register


def register() -> None:
    periodic_register(
        PeriodicJob(
            "qualification-daily",
            "staffing.tasks.qualification_daily",
            crontab(hour=6, minute=30),
            "Daily at 06:30, before the office opens: expire lapsed qualification checks and "
            "remind HR of those expiring within the policy's reminder period (once per check).",
        )
    )
