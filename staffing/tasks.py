from celery import shared_task

from staffing.services import qualification


@shared_task
def qualification_daily() -> dict[str, int]:
    return qualification.qualification_daily()


@shared_task
def expenses_remind_task(now: str | None = None) -> dict[str, int]:
    """The expense deadline reminders, the supervisors' lists of unsubmitted expenses and
    finance's anomaly notices, each on its site's clock and sent once; beat passes nothing (the
    clock's now), a test the ISO time it freezes."""
    import datetime

    from staffing.services.expense_reminders import expenses_remind

    return expenses_remind(now=datetime.datetime.fromisoformat(now) if now else None)
