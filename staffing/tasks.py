from celery import shared_task

from staffing.services import qualification


@shared_task
def qualification_daily() -> dict[str, int]:
    return qualification.qualification_daily()
