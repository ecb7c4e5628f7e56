"""Celery tasks of assessments: thin (ids in, one service call), queued with
`transaction.on_commit`; periodic ones are listed in the beat schedule of `onsite/celery.py`,
with a comment saying when and why."""
