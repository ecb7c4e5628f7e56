"""通知设置: a person who mutes e-mail keeps every notification in the inbox and gets no e-mail,
neither from the task nor from the sweep, and none later when unmuting; without a preference
row, or with one written only for muting, nothing else changes (the language stays Chinese)."""

from __future__ import annotations

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from onsite import services
from onsite.models import Notification, UserPreference
from onsite.notifications import TEXT
from tests import factories


def test_a_muted_person_gets_the_inbox_entry_and_no_email(
    world, django_capture_on_commit_callbacks
):
    services.user_email_mute_set(user=world.hr, muted=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_create(
            recipients=[world.hr, world.manager], kind=TEXT, params={"title": "请假申请"}
        )
    assert Notification.objects.filter(recipient=world.hr).count() == 1
    assert [m.to for m in mail.outbox] == [["manager@example.com"]]


def test_the_sweep_sends_nothing_to_a_muted_person_even_once_unmuted(world):
    old = timezone.now() - datetime.timedelta(minutes=30)
    services.user_email_mute_set(user=world.hr, muted=True)
    services.notification_create(recipients=[world.hr], kind=TEXT, params={"title": "t"})
    Notification.objects.update(created_at=old)
    assert services.notification_email_sweep() == 0
    services.user_email_mute_set(user=world.hr, muted=False)
    assert services.notification_email_sweep() == 0
    assert mail.outbox == []


def test_muting_stops_an_email_not_yet_sent(world):
    notification = factories.NotificationFactory(recipient=world.hr)
    services.user_email_mute_set(user=world.hr, muted=True)
    assert services.notification_email_send(notification_id=notification.pk) is False
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.email_muted is True
    assert notification.emailed_at is None


def test_a_row_written_only_for_muting_reads_chinese(world):
    services.user_email_mute_set(user=world.hr, muted=True)
    preference = UserPreference.objects.get(user=world.hr)
    assert preference.language == ""
    world.hr.refresh_from_db()
    assert services.reader_language(world.hr) == "zh-hans"
    # The language switch afterwards keeps the mute.
    services.user_language_set(user=world.hr, language="en")
    preference.refresh_from_db()
    assert (preference.language, preference.email_muted) == ("en", True)


def test_the_settings_page_mutes_and_unmutes(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.staff_a)
    page = client.get(reverse("channels:preferences"))
    assert "通知设置" in page.content.decode()
    assert "不通过邮件发送我的通知" in page.content.decode()
    response = client.post(reverse("channels:preferences"), {"email_muted": "on"}, follow=True)
    assert "您的通知不再通过邮件发送" in response.content.decode()
    assert UserPreference.objects.get(user=world.staff_a).email_muted is True
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_create(recipients=[world.staff_a], kind=TEXT, params={"title": "t"})
    assert mail.outbox == []
    client.post(reverse("channels:preferences"), {})
    assert UserPreference.objects.get(user=world.staff_a).email_muted is False


def test_the_page_is_reached_from_every_page(client, world):
    client.force_login(world.client_a)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("channels:preferences") in page
