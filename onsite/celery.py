import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onsite.settings")

app = Celery("onsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The one place where periodic jobs are declared; beat reads nothing else.
app.conf.beat_schedule = {
    # Every 10 minutes: e-mail notifications whose own task was lost (broker down at commit time).
    "notifications-email-sweep": {
        "task": "onsite.tasks.notifications_email_sweep",
        "schedule": crontab(minute="*/10"),
    },
    # Daily at 06:30, before the office opens: expire lapsed qualification checks and remind HR
    # of those expiring within the policy's reminder period (once per check).
    "qualification-daily": {
        "task": "staffing.tasks.qualification_daily",
        "schedule": crontab(hour=6, minute=30),
    },
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
}
