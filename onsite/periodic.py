"""The periodic jobs that Celery beat runs, registered by the core and by each app in its
AppConfig.ready() (staffing/periodic.py, attendance/periodic.py), each with when and why.

onsite/celery.py hands beat `BEAT_SCHEDULE`, which reads this registry when beat reads its
schedule, after Django has set up every app: celery.py is imported before the apps are loaded,
so it cannot import them, and the schedule is still declared in code and in one place."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from celery.schedules import crontab


@dataclass(frozen=True)
class PeriodicJob:
    name: str  # beat's name for the entry
    task: str  # the task's registered name, e.g. "attendance.tasks.days_judge_yesterday_task"
    schedule: crontab
    why: str  # when it runs and why, for the reader of the schedule


JOBS: dict[str, PeriodicJob] = {}


def periodic_register(job: PeriodicJob) -> None:
    JOBS[job.name] = job


class BeatSchedule(Mapping):
    """Celery's `beat_schedule`, read from the registry each time beat reads it."""

    def _entries(self) -> dict[str, dict]:
        return {
            job.name: {"task": job.task, "schedule": job.schedule}
            for job in sorted(JOBS.values(), key=lambda job: job.name)
        }

    def __getitem__(self, name: str) -> dict:
        return self._entries()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries())

    def __len__(self) -> int:
        return len(JOBS)


BEAT_SCHEDULE = BeatSchedule()

periodic_register(
    PeriodicJob(
        "notifications-email-sweep",
        "onsite.tasks.notifications_email_sweep",
        crontab(minute="*/10"),
        "Every 10 minutes: e-mail notifications whose own task was lost (broker down at commit).",
    )
)
periodic_register(
    PeriodicJob(
        "exports-sweep",
        "onsite.exports.tasks.export_jobs_sweep_task",
        crontab(minute="*/15"),
        "Every 15 minutes: remove export files kept longer than EXPORTS_KEEP_DAYS, mark jobs "
        "lost with their worker as failed and queue again those lost on the way to it. "
        "Idempotent.",
    )
)
