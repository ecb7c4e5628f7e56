"""The periodic jobs of service tickets, registered in TicketsConfig.ready() (see
onsite.periodic)."""

from __future__ import annotations

from celery.schedules import crontab

from onsite.periodic import PeriodicJob, periodic_register


def register() -> None:
    periodic_register(
        PeriodicJob(
            "tickets-sla-remind",
            "tickets.tasks.tickets_sla_remind_task",
            crontab(minute="*/5"),
            "Every 5 minutes: warn the assignee before a ticket's response or resolution falls "
            "due, and tell the supervisors and managers once it has passed (once each).",
        )
    )
    periodic_register(
        PeriodicJob(
            "tickets-autoclose",
            "tickets.tasks.tickets_autoclose_task",
            crontab(minute=20),
            "Hourly: close resolved tickets the client left unanswered for the policy's days.",
        )
    )
    periodic_register(
        PeriodicJob(
            "tickets-inspections-missing",
            "tickets.tasks.inspections_missing_flag_task",
            crontab(hour=8, minute=10),
            "Every morning: tell the site's supervisors that yesterday, a working day with people "
            "placed there, has no inspection record (once per site and day).",
        )
    )
