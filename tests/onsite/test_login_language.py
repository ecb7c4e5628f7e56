"""The language chosen on the login page, before the person is known, is kept for them when
they log in: their e-mails are then written in it too."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from onsite.models import UserPreference
from tests.factories import PASSWORD, UserPreferenceFactory
from tests.onsite.test_notification_language import ENGLISH, resign_in_english


def log_in_choosing(client, username: str, language: str | None):
    """On the login page: pick `language` with its switch (or none), then log in."""
    if language is not None:
        client.post(reverse("set_language"), {"language": language, "next": reverse("login")})
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def saved_language(user) -> str | None:
    return UserPreference.objects.filter(user=user).values_list("language", flat=True).first()


def test_english_chosen_on_the_login_page_is_kept_for_the_person(client, world):
    log_in_choosing(client, "hr", "en")
    assert saved_language(world.hr) == "en"
    assert 'lang="en"' in client.get(reverse("dashboard")).content.decode()


def test_their_later_email_is_in_english(client, world, django_capture_on_commit_callbacks):
    log_in_choosing(client, "hr", "en")
    client.post(reverse("logout"))
    with django_capture_on_commit_callbacks(execute=True):
        resign_in_english(world)
    (to_hr,) = [message for message in mail.outbox if message.to == ["hr@example.com"]]
    # Without the choice kept, HR would be e-mailed in Chinese, the default.
    assert to_hr.subject.endswith(ENGLISH)


def test_chinese_chosen_on_the_login_page_replaces_an_earlier_english(client, world):
    UserPreferenceFactory(user=world.hr, language="en")
    log_in_choosing(client, "hr", "zh-hans")
    assert saved_language(world.hr) == "zh-hans"


@pytest.mark.parametrize("language", [None, "zh-hans"])
def test_no_choice_or_the_default_writes_nothing(client, world, language):
    log_in_choosing(client, "hr", language)
    assert saved_language(world.hr) is None


def test_a_choice_saved_earlier_stays_when_nothing_was_chosen(client, world):
    UserPreferenceFactory(user=world.hr, language="en")
    log_in_choosing(client, "hr", None)
    assert saved_language(world.hr) == "en"


def test_a_forged_language_cookie_is_not_saved(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    log_in_choosing(client, "hr", None)
    assert saved_language(world.hr) is None
