"""Celery tasks of assessments: thin (ids in, one service call), queued with
`transaction.on_commit`; periodic ones register in the core's schedule from the app's
`AppConfig.ready()`, with a line saying when and why."""
