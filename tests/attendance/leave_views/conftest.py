from tests.attendance.leave_views.helpers import colleague  # noqa: F401
from tests.attendance.punches.helpers import english, english_messages, supervisor_b  # noqa: F401

# Headless Chromium for the 360 px pages (test_leave_phone.py), as in tests/browser.
from tests.browser.conftest import browser, live_world, new_page, page, viewport  # noqa: F401
