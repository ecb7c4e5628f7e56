"""Celery tasks of service tickets: thin (ids in, one service call), queued with
`transaction.on_commit`; periodic ones are listed in the beat schedule of `onsite/celery.py`,
with a comment saying when and why."""

from celery import shared_task

from tickets.services import reminders, tickets


@shared_task
def tickets_sla_remind_task() -> int:
    """Warnings before a breach and notices after one; each sent once however often it runs."""
    return reminders.tickets_sla_remind()


@shared_task
def tickets_autoclose_task() -> int:
    return tickets.tickets_autoclose()


@shared_task
def inspections_missing_flag_task() -> int:
    """The morning after: a working day without an inspection record, told once per site."""
    from tickets.services.inspections import inspections_missing_flag

    return inspections_missing_flag()


def _at(now: str | None):
    """Beat passes nothing (the clock's now); a test passes the ISO time it freezes."""
    import datetime

    return datetime.datetime.fromisoformat(now) if now else None


@shared_task
def reports_remind_task(now: str | None = None) -> int:
    """Each person whose report is due and not submitted, on their site's clock; once each."""
    from tickets.services.report_reminders import reports_remind

    return reports_remind(now=_at(now))


@shared_task
def reports_digest_task(now: str | None = None) -> int:
    """Each supervisor's list of the missing and late people of their sites; once a period."""
    from tickets.services.report_reminders import reports_digest

    return reports_digest(now=_at(now))
