import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onsite.settings")

app = Celery("onsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule: every periodic job of the project, here and nowhere else (STYLE habit 5),
# each with when it runs and why. Tasks are named by string, so the core imports no app. Times
# are the server's (CELERY_TIMEZONE = TIME_ZONE); a job that works on a site's own clock runs
# often and decides itself what is due there. Every job may run twice, overlap itself or run
# late after downtime: each one does only what is still to do (tests/onsite/test_registries.py
# checks that each name is a task the worker knows and that each entry has its comment).
BEAT_SCHEDULE = {
    # --- the core (onsite) ---
    # Every 10 minutes: e-mail notifications whose own task was lost (broker down at commit).
    "notifications-email-sweep": {
        "task": "onsite.tasks.notifications_email_sweep",
        "schedule": crontab(minute="*/10"),
    },
    # Every 15 minutes: remove export files kept longer than EXPORTS_KEEP_DAYS, mark jobs lost
    # with their worker as failed and queue again those lost on the way to it. Idempotent.
    "exports-sweep": {
        "task": "onsite.exports.tasks.export_jobs_sweep_task",
        "schedule": crontab(minute="*/15"),
    },
    # --- staffing ---
    # Daily at 06:30, before the office opens: expire lapsed qualification checks and remind HR
    # of those expiring within the policy's reminder period (once per check).
    "qualification-daily": {
        "task": "staffing.tasks.qualification_daily",
        "schedule": crontab(hour=6, minute=30),
    },
    # Every 5 minutes, since each site has its own clock: on the expense reminder days (5th and
    # 9th, 09:00 site time) remind each person of last month's unsubmitted expenses, on the 11th
    # send each supervisor who never submitted them, and once a month's claims are in tell
    # finance of its flagged sites (SPEC §10); each message once, catching up after downtime.
    "expenses-remind": {
        "task": "staffing.tasks.expenses_remind_task",
        "schedule": crontab(minute="*/5"),
    },
    # --- attendance ---
    # Daily at 00:20, once yesterday is over: judge every placed person's yesterday, so days
    # without any punch or request become absent on the sheets (SPEC §6). Running it twice
    # writes the same rows.
    "attendance-judge-yesterday": {
        "task": "attendance.tasks.days_judge_yesterday_task",
        "schedule": crontab(hour=0, minute=20),
    },
    # Daily at 00:40: flag yesterday's filed overtime that has no punch at all (SPEC §8), so
    # whoever confirms the hours sees it. Running it twice flags the same rows.
    "overtime-flag-yesterday": {
        "task": "attendance.tasks.overtime_flag_yesterday_task",
        "schedule": crontab(hour=0, minute=40),
    },
    # --- tickets: service tickets, inspections, work reports ---
    # Every 5 minutes: warn the assignee before a ticket's response or resolution falls due,
    # and tell the supervisors and managers once it has passed (once each).
    "tickets-sla-remind": {
        "task": "tickets.tasks.tickets_sla_remind_task",
        "schedule": crontab(minute="*/5"),
    },
    # Hourly: close resolved tickets the client left unanswered for the policy's days.
    "tickets-autoclose": {
        "task": "tickets.tasks.tickets_autoclose_task",
        "schedule": crontab(minute=20),
    },
    # Every morning: tell the site's supervisors that yesterday, a working day with people
    # placed there, has no inspection record (once per site and day).
    "tickets-inspections-missing": {
        "task": "tickets.tasks.inspections_missing_flag_task",
        "schedule": crontab(hour=8, minute=10),
    },
    # Every 5 minutes, since each site has its own clock: remind each person whose report is
    # not submitted once their site's remind time of the due day has come (Monday 09:00 for
    # the week; SPEC §9), once per person and period, catching up after downtime.
    "reports-remind": {
        "task": "tickets.tasks.reports_remind_task",
        "schedule": crontab(minute="*/5"),
    },
    # Every 5 minutes: once a site's digest time has come (Monday 13:05 for the week), each
    # supervisor gets one message listing the missing and late people of their sites (SPEC §9),
    # once per supervisor and period.
    "reports-digest": {
        "task": "tickets.tasks.reports_digest_task",
        "schedule": crontab(minute="*/5"),
    },
    # --- assessment ---
    # Daily at 09:00: remind each scorer with people left to score, the policy's days (3) before
    # the cycle's scoring deadline (SPEC §12), once per cycle, catching up until the deadline.
    "assessment-scorers-remind": {
        "task": "assessment.tasks.scorers_remind_task",
        "schedule": crontab(hour=9, minute=0),
    },
}
app.conf.beat_schedule = BEAT_SCHEDULE
