import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages and messages in English, so that assertions read the source strings whatever the
    translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def root(db):
    """The installation's administrator: a superuser, who alone sets national days and confirms
    a year for every company."""
    from tests import factories

    return factories.UserFactory(username="root", is_superuser=True, is_staff=True)
