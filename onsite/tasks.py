from celery import shared_task

from onsite import services
from onsite.channels import services as channel_services
from onsite.exports.tasks import export_job_run_task, export_jobs_sweep_task  # noqa: F401


# SMTP errors are temporary far more often than not; the sweep catches what still fails.
@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def notification_email_send(notification_id: int) -> bool:
    return services.notification_email_send(notification_id=notification_id)


@shared_task
def notifications_email_sweep() -> int:
    return services.notification_email_sweep()


# A chat service that is down or slow now is usually back within minutes; each failure is
# recorded on the webhook, and the last one stays shown on its settings page.
@shared_task(
    autoretry_for=(channel_services.TemporaryFailure,),
    retry_backoff=30,
    retry_jitter=True,
    max_retries=3,
)
def group_webhook_post_task(webhook_id: int, text: str) -> bool:
    return channel_services.webhook_post(webhook_id=webhook_id, text=text)
