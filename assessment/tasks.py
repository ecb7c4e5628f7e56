"""Celery tasks of assessments: thin (ids in, one service call), queued with
`transaction.on_commit`; periodic ones are listed in the beat schedule of `onsite/celery.py`,
with a comment saying when and why."""

from celery import shared_task


@shared_task
def scorers_remind_task() -> int:
    """Scorers with people left to score, before the cycle's deadline; once per cycle each."""
    from assessment.services.reminders import scorers_remind

    return scorers_remind()
