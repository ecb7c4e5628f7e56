from celery import shared_task

from onsite import services
from onsite.exports.tasks import export_job_run_task, export_jobs_sweep_task  # noqa: F401


# SMTP errors are temporary far more often than not; the sweep catches what still fails.
@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def notification_email_send(notification_id: int) -> bool:
    return services.notification_email_send(notification_id=notification_id)


@shared_task
def notifications_email_sweep() -> int:
    return services.notification_email_sweep()
