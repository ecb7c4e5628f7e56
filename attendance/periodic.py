"""Attendance's periodic jobs, registered in AttendanceConfig.ready() (see onsite.periodic)."""

from __future__ import annotations

from celery.schedules import crontab

from onsite.periodic import PeriodicJob, periodic_register


def register() -> None:
    periodic_register(
        PeriodicJob(
            "attendance-judge-yesterday",
            "attendance.tasks.days_judge_yesterday_task",
            crontab(hour=0, minute=20),
            "Daily at 00:20, once yesterday is over: judge every placed person's yesterday, so "
            "days without any punch or request become absent on the sheets (SPEC §6). Running "
            "it twice writes the same rows.",
        )
    )
    periodic_register(
        PeriodicJob(
            "overtime-flag-yesterday",
            "attendance.tasks.overtime_flag_yesterday_task",
            crontab(hour=0, minute=40),
            "Daily at 00:40: flag yesterday's filed overtime that has no punch at all (SPEC §8), "
            "so whoever confirms the hours sees it. Running it twice flags the same rows.",
        )
    )
