"""Celery tasks of background exports: ids in, one service call each."""

from __future__ import annotations

from celery import shared_task

from onsite.exports import services


@shared_task(acks_late=True)
def export_job_run_task(job_id: int) -> bool:
    return services.export_job_run(job_id=job_id)


@shared_task(acks_late=True)
def export_jobs_sweep_task() -> dict[str, int]:
    return services.export_jobs_sweep()
