import pytest
from django.db import transaction

from onsite import services, tasks
from onsite.models import Notification
from onsite.notifications import TEXT
from tests import factories
from tests.workers import wait_for

pytestmark = pytest.mark.worker


def test_a_notification_is_emailed_by_a_real_worker_after_commit(celery_worker):
    user = factories.UserFactory(username="worker_hr", email="hr@onsite.example")
    with transaction.atomic():
        (notification,) = services.notification_create(
            recipients=[user], kind=TEXT, params={"title": "张三的请假申请待审批", "url": "/"}
        )
    wait_for(lambda: Notification.objects.get(pk=notification.pk).emailed_at)
    (mail,) = celery_worker.mails()
    assert "To: hr@onsite.example" in mail
    assert "Subject: =?utf-8?" in mail  # the Chinese subject is encoded, not mangled


def test_the_same_task_delivered_twice_sends_one_email(celery_worker):
    user = factories.UserFactory(username="worker_sup", email="sup@onsite.example")
    notification = factories.NotificationFactory(recipient=user)
    tasks.notification_email_send.delay(notification.pk)
    tasks.notification_email_send.delay(notification.pk)
    # The solo worker runs tasks in order: once the marker is out, both copies have run.
    marker = factories.NotificationFactory(recipient=factories.UserFactory(username="marker"))
    tasks.notification_email_send.delay(marker.pk)
    wait_for(lambda: Notification.objects.get(pk=marker.pk).emailed_at)
    mails = celery_worker.mails()
    assert len(mails) == 2
    assert sum("To: sup@onsite.example" in mail for mail in mails) == 1
