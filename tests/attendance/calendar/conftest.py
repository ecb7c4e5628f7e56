import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages and messages in English, so that assertions read the source strings whatever the
    translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
