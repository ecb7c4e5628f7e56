import datetime
import threading
import time

import pytest
from django.db import connection, transaction

from onsite import reminders
from onsite.models import Notification, ReminderClaim
from onsite.notifications import TEXT
from onsite.services import notification_create
from tests import factories


def weekly_reminder(people, *, today: datetime.date) -> int:
    """A job shaped like the weekly-report reminder: everyone is reminded once per ISO week,
    whichever day of the week the job first gets to run."""
    year, week, _ = today.isocalendar()
    return reminders.reminders_send(
        kind="test.weekly",
        items=people,
        key=lambda user: str(user.pk),
        period=f"{year}-W{week:02d}",
        send=lambda user: notification_create(
            recipients=[user], kind=TEXT, params={"title": "请提交本周周报"}
        ),
    )


def inbox(user) -> int:
    return Notification.objects.filter(recipient=user, kind=TEXT).count()


def test_a_reminder_is_claimed_once(db):
    assert reminders.reminder_claim(kind="k", key="1", period="2026-W49") is True
    assert reminders.reminder_claim(kind="k", key="1", period="2026-W49") is False
    # Another subject, period or kind is another reminder.
    assert reminders.reminder_claim(kind="k", key="2", period="2026-W49") is True
    assert reminders.reminder_claim(kind="k", key="1", period="2026-W50") is True
    assert reminders.reminder_claim(kind="other", key="1", period="2026-W49") is True


def test_a_released_claim_can_be_claimed_again(db):
    assert reminders.reminder_claim(kind="k", key="1", period="p") is True
    reminders.reminder_release(kind="k", key="1", period="p")
    assert reminders.reminder_claim(kind="k", key="1", period="p") is True


def test_running_the_job_twice_reminds_each_person_once(world):
    people = [world.hr, world.supervisor_a]
    monday = datetime.date(2026, 11, 30)
    assert weekly_reminder(people, today=monday) == 2
    assert weekly_reminder(people, today=monday) == 0
    assert inbox(world.hr) == inbox(world.supervisor_a) == 1


def test_a_run_after_downtime_sends_the_missed_period_once(world):
    people = [world.hr]
    # Monday's run never happened (server down); Tuesday's catches up, Wednesday's sends nothing.
    assert weekly_reminder(people, today=datetime.date(2026, 12, 1)) == 1
    assert weekly_reminder(people, today=datetime.date(2026, 12, 2)) == 0
    assert inbox(world.hr) == 1
    # The next week is another period.
    assert weekly_reminder(people, today=datetime.date(2026, 12, 7)) == 1
    assert inbox(world.hr) == 2


def test_a_failed_send_leaves_the_reminder_for_the_next_run(world):
    def fail(user):
        notification_create(recipients=[user], kind=TEXT, params={"title": "请提交本周周报"})
        raise ConnectionError("down")

    with pytest.raises(ConnectionError):
        reminders.reminders_send(
            kind="test.weekly", items=[world.hr], key=lambda u: str(u.pk), period="p", send=fail
        )
    assert not ReminderClaim.objects.exists()
    assert inbox(world.hr) == 0
    assert weekly_reminder([world.hr], today=datetime.date(2026, 12, 1)) == 1


def test_apps_register_their_reminders_and_all_run_together(world):
    kinds = {entry.kind: entry for entry in reminders.reminder_kinds()}
    assert "qualification.expiring" in kinds
    assert str(kinds["qualification.expiring"].label)
    assert reminders.reminders_run(today=datetime.date(2026, 12, 1))["qualification.expiring"] == 0


@pytest.mark.django_db(transaction=True)
def test_two_claims_at_once_give_exactly_one_true():
    barrier = threading.Barrier(2)
    results = []

    def claim():
        barrier.wait()
        try:
            with transaction.atomic():
                results.append(reminders.reminder_claim(kind="k", key="1", period="2026-W49"))
                # Keep the transaction open, so the other claim meets an uncommitted row.
                time.sleep(0.2)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert ReminderClaim.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_reminder_once():
    people = [factories.UserFactory(username=f"racer{n}") for n in range(5)]
    barrier = threading.Barrier(2)
    sent = []

    def run():
        barrier.wait()
        try:
            sent.append(weekly_reminder(people, today=datetime.date(2026, 12, 1)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(sent) == 5
    assert Notification.objects.filter(kind=TEXT).count() == 5
