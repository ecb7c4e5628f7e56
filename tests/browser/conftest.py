"""Browser journeys: headless Chromium (the Debian package, never a Playwright download) against
pytest-django's live server.

Every test here is marked `browser` (see `pytest_collection_modifyitems`), so
`pytest -m "not browser"` skips them all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.axe import Audit, report
from tests.conftest import World, build_world
from tests.factories import PASSWORD

# Playwright's sync API runs an asyncio event loop in the test's own thread (it drives the browser
# through greenlets on top of it). Django sees that running loop and refuses ORM calls from this
# thread with SynchronousOnlyOperation — building the named people, and transactional_db's flush
# at teardown, both happen here. No async Django code runs in the test thread, and the live server
# answers requests in a thread of its own, so the check guards nothing here: switch it off
# while the browser runs, and only for this package, so the rest of the suite keeps the check.

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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # Lets `new_page` see, at teardown, whether the test itself failed.
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    for stale in SCREENSHOTS.glob("FAILED-*.png"):
        stale.unlink()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def viewport() -> dict:
    """The `page` fixture's viewport: `@pytest.mark.parametrize("viewport", [PHONE])` for a phone."""
    return DESKTOP


@pytest.fixture
def new_page(browser: Browser, request, live_server) -> Iterator[Callable[[dict], Page]]:
    """Opens a page in a fresh context (own cookies) at the given viewport; closed after the test.
    For a test that visits at several widths; most tests want `page`. When the test fails, every
    page it opened is saved as a FAILED-… screenshot first.

    axe-core checks every page of the app the test leaves or ends on (tests/browser/axe.py);
    a serious or critical violation fails the test at teardown."""
    contexts: list[BrowserContext] = []
    audit = Audit(origin=live_server.url)

    def open_page(viewport: dict) -> Page:
        # An English browser, as many office PCs and phones in China are: Onsite must still
        # answer in Chinese (onsite.middleware.ChineseByDefaultMiddleware) until the person
        # picks English with the switch.
        # Reduced motion: Bootstrap then opens the menu without its 0.35 s animation.
        context = browser.new_context(viewport=viewport, locale="en-US", reduced_motion="reduce")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        audit.watch(page)
        return page

    yield open_page
    failed = getattr(request.node, "browser_call_failed", False)
    violations = [] if failed else audit.finish()
    for n, context in enumerate(contexts):
        if failed:
            for m, page in enumerate(context.pages):
                name = re.sub(r"[^\w.-]+", "_", request.node.name)
                screenshot(page, f"FAILED-{name}-{n}{m}")
        context.close()
    if violations:
        pytest.fail(report(violations), pytrace=False)


@pytest.fixture
def page(new_page, viewport: dict) -> Page:
    """A page in a new browser context at `viewport` (desktop unless parametrized)."""
    return new_page(viewport)


@pytest.fixture
def live_world(transactional_db, live_server) -> World:
    """The named people of tests/conftest.py, committed so that the live server can see them."""
    return build_world()


def url(live_server, name: str, *args) -> str:
    return live_server.url + reverse(name, args=args)


def login(page: Page, live_server, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login form (opening it unless the page is already on it) and wait
    for the dashboard."""
    login_url = url(live_server, "login")
    if not page.url.startswith(login_url):
        page.goto(login_url)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").click()
    try:
        # Event-driven, unlike expect(page).to_have_url, which polls at growing intervals.
        page.wait_for_url(url(live_server, "dashboard"))
    except PlaywrightTimeout:
        alerts = page.locator(".alert").all_inner_texts()
        raise AssertionError(
            f"{username} did not reach the dashboard: {page.url} {alerts}"
        ) from None


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def page_width(page: Page) -> int:
    """The document's full width in CSS pixels: more than the viewport means sideways scrolling."""
    return page.evaluate("document.documentElement.scrollWidth")
