import pytest

# Headless Chromium for the 360 px checks (marked `browser`), as in tests/browser.
from tests.browser.conftest import browser, live_world, new_page, page, viewport  # noqa: F401


@pytest.fixture(autouse=True)
def _english_messages(english_messages):
    """Refusals are built in the active language; these tests read the English source strings."""
