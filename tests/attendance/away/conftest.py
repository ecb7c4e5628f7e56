from tests.attendance.punches.helpers import english, english_messages  # noqa: F401

# Headless Chromium for the 360 px checks (marked `browser`), as in tests/browser.
from tests.browser.conftest import browser, live_world, new_page, page, viewport  # noqa: F401
