import datetime
import threading

import pytest
from django.core import mail
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from onsite import services
from onsite.models import Notification
from onsite.notifications import TEXT
from tests import factories


def test_create_puts_one_entry_in_each_inbox_even_if_a_recipient_is_named_twice(world):
    created = services.notification_create(
        recipients=[world.hr, world.manager, world.hr], kind=TEXT, params={"title": "请假申请"}
    )
    assert {n.recipient for n in created} == {world.hr, world.manager}
    assert [n.title for n in Notification.objects.all()] == ["请假申请", "请假申请"]


def test_create_emails_each_recipient_once_the_transaction_commits(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.notification_create(
            recipients=[world.hr], kind=TEXT, params={"title": "请假申请", "url": "/staff/1/"}
        )
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hr@example.com"]
    assert "请假申请" in message.subject
    assert message.body.endswith("/staff/1/")
    assert Notification.objects.get().emailed_at is not None


def test_recipient_without_address_gets_the_inbox_entry_and_no_email(
    world, django_capture_on_commit_callbacks
):
    world.hr.email = ""
    world.hr.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.notification_create(recipients=[world.hr], kind=TEXT, params={"title": "t"})
    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=world.hr).count() == 1


def test_sending_twice_sends_one_email(world):
    notification = factories.NotificationFactory(recipient=world.hr)
    assert services.notification_email_send(notification_id=notification.pk) is True
    assert services.notification_email_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_leaves_the_notification_for_the_sweep(world, settings, monkeypatch):
    notification = factories.NotificationFactory(recipient=world.hr)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(services, "send_mail", refuse)
    with pytest.raises(ConnectionRefusedError):
        services.notification_email_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_sweep_sends_what_was_missed_and_nothing_twice(world):
    old = timezone.now() - datetime.timedelta(minutes=30)
    missed = factories.NotificationFactory(recipient=world.hr, created_at=old)
    factories.NotificationFactory(recipient=world.manager, created_at=old, emailed_at=old)
    fresh = factories.NotificationFactory(recipient=world.finance)
    assert services.notification_email_sweep() == 1
    assert services.notification_email_sweep() == 0
    assert [m.to for m in mail.outbox] == [["hr@example.com"]]
    missed.refresh_from_db()
    fresh.refresh_from_db()
    assert missed.emailed_at is not None
    # Within the grace period its own task is still expected to send it.
    assert fresh.emailed_at is None


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_at_once_send_one_email():
    user = factories.UserFactory(username="racer")
    notification = factories.NotificationFactory(recipient=user)
    barrier = threading.Barrier(2)
    results = []

    def send():
        barrier.wait()
        try:
            results.append(services.notification_email_send(notification_id=notification.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1


def test_mark_read_once_and_mark_all(world):
    first, _second = factories.NotificationFactory.create_batch(2, recipient=world.hr)
    other = factories.NotificationFactory(recipient=world.manager)
    assert services.notification_mark_read(notification=first) is True
    assert services.notification_mark_read(notification=first) is False
    assert services.notification_mark_all_read(user=world.hr) == 1
    other.refresh_from_db()
    assert other.read_at is None


@pytest.mark.postgres(
    reason="SQLite has no row locks: FOR UPDATE NOWAIT from another connection finds nothing "
    "to wait for whatever the service holds, so only PostgreSQL can tell"
)
@pytest.mark.django_db(transaction=True)
def test_no_row_lock_or_transaction_is_held_while_the_mail_goes_out(monkeypatch):
    notification = factories.NotificationFactory(recipient=factories.UserFactory(username="slow"))
    seen = {}

    def lock_from_another_connection():
        try:
            with transaction.atomic():
                Notification.objects.select_for_update(nowait=True).get(pk=notification.pk)
            seen["locked"] = False
        except DatabaseError:
            seen["locked"] = True
        finally:
            connection.close()

    def slow_smtp(*args, **kwargs):
        seen["in_transaction"] = connection.in_atomic_block
        other = threading.Thread(target=lock_from_another_connection)
        other.start()
        other.join()
        return 1

    monkeypatch.setattr(services, "send_mail", slow_smtp)
    assert services.notification_email_send(notification_id=notification.pk) is True
    assert seen == {"in_transaction": False, "locked": False}
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_failed_send_is_sent_by_the_next_try(world, monkeypatch):
    notification = factories.NotificationFactory(recipient=world.hr)
    real_send_mail = services.send_mail
    monkeypatch.setattr(
        services, "send_mail", lambda **kwargs: (_ for _ in ()).throw(TimeoutError("smtp"))
    )
    with pytest.raises(TimeoutError):
        services.notification_email_send(notification_id=notification.pk)
    monkeypatch.setattr(services, "send_mail", real_send_mail)
    assert services.notification_email_send(notification_id=notification.pk) is True
    assert len(mail.outbox) == 1
