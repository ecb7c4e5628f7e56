"""First journey: each named person logs in through the login page and finds their own menu and
dashboard, on a desktop and on a 360 px phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, login, screenshot, url

# Written out by hand, not computed by onsite.navigation: this is what each person should see.
EXPECTED_NAV = {
    "hr": {"dashboard", "staff", "sites", "notifications", "admin"},
    "supervisor_a": {"dashboard", "staff", "sites", "notifications"},
    "staff_a": {"dashboard", "sites", "my_record", "notifications"},
    "staff_b": {"dashboard", "sites", "my_record", "notifications"},
    "manager": {"dashboard", "staff", "sites", "notifications"},
    "finance": {"dashboard", "sites", "notifications"},
    "client_a": {"dashboard", "sites", "notifications"},
    "outsider": {"dashboard", "notifications"},
}

# The dashboard sections (templates/dashboard/_*.html) each person's page holds.
EXPECTED_SECTIONS = {
    "hr": {"hr_admin"},
    "supervisor_a": {"supervisor"},
    "staff_a": {"staff"},
    "staff_b": {"staff"},
    "manager": {"manager"},
    "finance": {"finance"},
    "client_a": {"client_contact"},
    "outsider": set(),
}

WIDTHS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]


def nav_keys(page: Page) -> set[str]:
    return set(
        page.locator("[data-testid=nav] [data-nav]").evaluate_all(
            "links => links.map(a => a.dataset.nav)"
        )
    )


def page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("username", list(EXPECTED_NAV))
def test_each_role_sees_its_own_navigation_and_dashboard(
    live_world, live_server, page: Page, viewport, username
):
    phone = viewport is PHONE
    page.goto(url(live_server, "login"))
    # Chinese by default: LANGUAGE_CODE and the browser's Accept-Language are both Chinese.
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("form button[type=submit]")).to_have_text("登录")
    if phone:
        assert page_width(page) <= PHONE["width"], "the login page scrolls sideways"

    login(page, live_server, username)

    expect(page.locator("[data-testid=who]")).to_have_text(username, use_inner_text=True)
    assert nav_keys(page) == EXPECTED_NAV[username]

    sections = page.locator("[data-section]")
    assert (
        set(sections.evaluate_all("s => s.map(e => e.dataset.section)"))
        == (EXPECTED_SECTIONS[username])
    )
    for section in sections.all():
        expect(section).to_be_visible()
    if not EXPECTED_SECTIONS[username]:
        expect(page.locator(".alert-warning[role=status]")).to_be_visible()

    links = page.locator("[data-testid=nav] [data-nav]")
    toggler = page.locator(".navbar-toggler")
    if phone:
        assert page_width(page) <= PHONE["width"], "the dashboard scrolls sideways"
        # Collapsed behind the menu button until it is pressed.
        expect(toggler).to_be_visible()
        expect(links.first).to_be_hidden()
        toggler.click()
        expect(toggler).to_have_attribute("aria-expanded", "true")
    else:
        expect(toggler).to_be_hidden()
    for link in links.all():
        expect(link).to_be_visible()
    if phone:
        assert page_width(page) <= PHONE["width"], "the open menu scrolls sideways"

    screenshot(page, f"nav-{username}-{'phone' if phone else 'desktop'}")


def test_wrong_password_shows_an_error_and_does_not_log_in(live_world, live_server, page: Page):
    page.goto(url(live_server, "login"))
    page.fill("#id_username", "staff_a")
    page.fill("#id_password", "not-the-password")
    page.locator("form button[type=submit]").click()

    error = page.locator(".alert-danger[role=alert]")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(page).to_have_url(re.compile(re.escape(url(live_server, "login"))))
    expect(page.locator("[data-testid=nav]")).to_have_count(0)
    # The username stays filled in; the password does not.
    expect(page.locator("#id_username")).to_have_value("staff_a")
    expect(page.locator("#id_password")).to_have_value("")
    screenshot(page, "login-wrong-password")

    # Still not signed in: the dashboard sends the visitor back to the login page.
    page.goto(url(live_server, "dashboard"))
    expect(page).to_have_url(re.compile(re.escape(url(live_server, "login")) + r"\?next="))
