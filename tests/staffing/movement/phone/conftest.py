"""The fixtures of tests/browser (headless Chromium against the live server), for checking
these pages on a 360 px phone."""

from tests.browser.conftest import browser, live_world, new_page, page, viewport  # noqa: F401
