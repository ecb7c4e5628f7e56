"""Browser journeys: headless Chromium (the Debian package, never a Playwright download) against
pytest-django's live server.

Every test here is marked `browser` (see `pytest_collection_modifyitems`), so
`pytest -m "not browser"` skips them all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import World, build_world
from tests.factories import PASSWORD

# Playwright's sync API runs an asyncio event loop in the test's own thread (it drives the browser
# through greenlets on top of it). Django sees that running loop and refuses ORM calls from this
# thread with SynchronousOnlyOperation — building the named people, and transactional_db's flush
# at teardown, both happen here. No async Django code runs in the test thread, and the live server
# answers requests in a thread of its own, so the check guards nothing here: switch it off.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
# A closed network, run as root: no sandbox (root), no GPU, and none of the background traffic
# (QUIC probes, component and sync updates) that would only time out here.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# Gitignored (/tests/output/): screenshots for a person to look at after a run.
SCREENSHOTS = Path(__file__).resolve().parent.parent / "output" / "screenshots"

HERE = Path(__file__).resolve().parent

# Playwright's own default is 30 s; a page of this app on a local server answers in well under
# a second, so a missing element should fail fast.
TIMEOUT_MS = 5_000


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def viewport() -> dict:
    """The page's viewport; parametrize it (indirectly or by overriding) for phone widths."""
    return DESKTOP


@pytest.fixture
def page(browser: Browser, viewport: dict) -> Iterator[Page]:
    # The people this serves read Chinese; their browsers send Accept-Language: zh-CN, which
    # Django maps to zh-hans (LANGUAGE_CODE is zh-hans too).
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _static_without_manifest(settings):
    # Test settings have DEBUG off, so static files use whitenoise's manifest storage, whose
    # `{% static %}` needs a collectstatic run first. The live server serves static files from
    # the finders anyway; plain storage gives plain URLs for it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def live_world(transactional_db, live_server) -> World:
    """The named people of tests/conftest.py, committed so that the live server can see them."""
    return build_world()


def url(live_server, name: str, *args) -> str:
    return live_server.url + reverse(name, args=args)


def login(page: Page, live_server, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login form and wait for the dashboard."""
    page.goto(url(live_server, "login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile("^" + re.escape(url(live_server, "dashboard")) + "$"))


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
