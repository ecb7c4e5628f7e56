# The browser fixtures, for test_import_journey.py (headless Chromium, see tests/browser/).
from tests.browser.conftest import browser, live_world, new_page  # noqa: F401
