import os

from celery import Celery

from onsite.periodic import BEAT_SCHEDULE

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onsite.settings")

app = Celery("onsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The one place beat reads its periodic jobs from: the core and each app register theirs in
# onsite.periodic (with when and why); the schedule is read when beat starts, once Django has
# loaded every app, since this module is imported before the apps are and cannot import them.
app.conf.beat_schedule = BEAT_SCHEDULE
