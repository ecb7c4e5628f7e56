"""A notification is read and e-mailed in the reader's language, not frozen in the language of the
person who caused it; people are named by their names, never their usernames."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from onsite import services
from onsite.models import Notification, UserPreference
from staffing.services.movement import resignation_apply

CHINESE = "张三申请辞职，最后工作日 2026-11-30"
ENGLISH = "张三 applies to resign; last working day 2026-11-30"


def resign_in_english(world):
    """张三 (username staff_a) applies to resign with the pages in English."""
    with translation.override("en"):
        resignation_apply(
            staff=world.person_a,
            leaving_on=datetime.date(2026, 11, 30),
            reason="回老家照顾父母",
            by=world.staff_a,
            today=datetime.date(2026, 11, 2),
        )


def inbox_text(client, user, language=None) -> str:
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client.get("/notifications/").content.decode()


def test_what_an_english_speaker_causes_a_chinese_supervisor_reads_in_chinese(client, world):
    resign_in_english(world)
    text = inbox_text(client, world.supervisor_a)
    assert CHINESE in text
    assert "回老家照顾父母" in text
    assert "applies to resign" not in text


def test_an_english_reader_reads_the_same_notification_in_english(client, world):
    resign_in_english(world)
    text = inbox_text(client, world.supervisor_a, language="en")
    assert ENGLISH in text
    assert "申请辞职" not in text


def test_people_are_named_by_their_names_not_their_usernames(world):
    resign_in_english(world)
    (told,) = Notification.objects.filter(recipient=world.hr)
    assert told.params["name"] == "张三"
    assert "staff_a" not in str(told.params)
    assert "张三" in told.title


def test_the_email_is_in_the_recipients_language(world, django_capture_on_commit_callbacks):
    UserPreference.objects.create(user=world.hr, language="en")
    world.supervisor_a.email = "sup@example.com"
    world.supervisor_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        resign_in_english(world)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["hr@example.com"].endswith(ENGLISH)
    # No language chosen: Chinese, the default.
    assert subjects["sup@example.com"].endswith(CHINESE)
    (to_hr,) = [m for m in mail.outbox if m.to == ["hr@example.com"]]
    assert to_hr.body.startswith("回老家照顾父母")
    assert "/resignations/" in to_hr.body


def test_the_email_does_not_follow_the_language_the_task_runs_in(world):
    (notification,) = services.notification_create(
        recipients=[world.hr],
        kind="staffing.site_ban",
        params={"name": "张三", "site": "甲机房", "date": "2026-11-30", "staff": 1},
    )
    with translation.override("en"):
        services.notification_email_send(notification_id=notification.pk)
    (message,) = mail.outbox
    assert "张三" in message.subject and "甲机房" in message.subject
    assert "banned" not in message.subject


def test_switching_the_language_keeps_it_for_the_emails(client, world):
    client.force_login(world.hr)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert services.reader_language(world.hr) == "en"
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    world.hr.refresh_from_db()
    assert UserPreference.objects.get(user=world.hr).language == "zh-hans"


@pytest.mark.parametrize("language", ["fr", "", "en'; --"])
def test_a_language_we_do_not_speak_is_not_kept(client, world, language):
    client.force_login(world.hr)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    assert not UserPreference.objects.exists()
    assert services.reader_language(world.hr) == "zh-hans"


def test_switching_before_signing_in_keeps_nothing(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert not UserPreference.objects.exists()
