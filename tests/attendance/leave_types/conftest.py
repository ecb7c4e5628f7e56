# Headless Chromium for the 360 px check, as in tests/browser. The fixtures are imported into a
# conftest, never a test module: there a package-scoped browser would outlive its package and
# clash with the next one.
from tests.browser.conftest import browser, live_world, new_page, page, viewport  # noqa: F401
