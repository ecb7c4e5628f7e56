"""First journey: each named person logs in through the login page and finds their own menu and
dashboard, on a desktop and on a 360 px phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tests.conftest import ROLES, TWO_ROLES, add_two_roles

# Written out by hand, not computed by onsite.navigation: this is what each person should see.
EXPECTED_NAV = {
    "hr": {
        "dashboard",
        "tickets",
        "inspections",
        "work_plans",
        "report_review",
        "report_stats",
        "ticket_report",
        "ticket_desk",
        "approvals",
        "leave",
        "overtime",
        "away",
        "staff",
        "sites",
        "change_notices",
        "resignations",
        "rotation",
        "attendance",
        "corrections",
        "explanations",
        "calendar",
        "policy",
        "group_robots",
        "imports",
        "exports",
        "notifications",
        "admin",
    },
    "supervisor_a": {
        "dashboard",
        "tickets",
        "inspections",
        "work_plans",
        "report_review",
        "report_stats",
        "ticket_report",
        "ticket_desk",
        "approvals",
        "leave",
        "overtime",
        "away",
        "staff",
        "sites",
        "change_notices",
        "resignations",
        "attendance",
        "corrections",
        "explanations",
        "group_robots",
        "exports",
        "notifications",
    },
    "staff_a": {
        "dashboard",
        "tickets",
        "inspections",
        "work_plans",
        "my_reports",
        "leave",
        "overtime",
        "sites",
        "my_record",
        "resignations",
        "check_in",
        "my_attendance",
        "corrections",
        "explanations",
        "notifications",
    },
    "staff_b": {
        "dashboard",
        "tickets",
        "inspections",
        "work_plans",
        "my_reports",
        "leave",
        "overtime",
        "sites",
        "my_record",
        "resignations",
        "check_in",
        "my_attendance",
        "corrections",
        "explanations",
        "notifications",
    },
    "manager": {
        "dashboard",
        "tickets",
        "inspections",
        "work_plans",
        "report_review",
        "report_stats",
        "ticket_report",
        "approvals",
        "leave",
        "overtime",
        "away",
        "staff",
        "sites",
        "change_notices",
        "resignations",
        "rotation",
        "attendance",
        "exports",
        "notifications",
    },
    # Finance opens the approvals inbox too (onsite.inbox.DECIDERS), for the claims it will decide.
    "finance": {"dashboard", "approvals", "sites", "notifications"},
    "client_a": {
        "dashboard",
        "sites",
        "tickets",
        "inspections",
        "ticket_report",
        "notifications",
    },
    "outsider": {"dashboard", "notifications"},
}
# Expenses (SPEC §10): staff record theirs (我的报销) and ask for trips, which managers decide;
# supervisors sign claims and managers approve late ones (报销签字); finance reviews and pays them
# (报销审核); finance, HR and managers read the statistics (费用统计).
EXPENSE_NAV = {
    "staff_a": {"claims_mine", "trips"},
    "staff_b": {"claims_mine", "trips"},
    "supervisor_a": {"claims_to_sign"},
    "manager": {"trips", "claims_to_sign", "expense_stats"},
    "finance": {"finance_claims", "expense_stats"},
    "hr": {"expense_stats"},
}
for _name, _keys in EXPENSE_NAV.items():
    EXPECTED_NAV[_name] = EXPECTED_NAV[_name] | _keys
# Assessment (SPEC §12): staff read their own results (我的考核); supervisors and managers score
# (待评分); they and HR read results (考核结果); HR runs the cycles, which managers read.
ASSESSMENT_NAV = {
    "staff_a": {"assessment_mine"},
    "staff_b": {"assessment_mine"},
    "supervisor_a": {"assessment_scoring", "assessment_results"},
    "manager": {"assessment_scoring", "assessment_results", "assessment_cycles"},
    "hr": {"assessment_results", "assessment_cycles"},
}
for _name, _keys in ASSESSMENT_NAV.items():
    EXPECTED_NAV[_name] = EXPECTED_NAV[_name] | _keys
# People with two roles see the menus of both: HR's or the supervisor's, and their own as staff.
STAFF_OWN = {
    "my_record",
    "check_in",
    "my_attendance",
    "explanations",
    "my_reports",
    "claims_mine",
    "trips",
    "assessment_mine",
}
EXPECTED_NAV["hr_staff"] = EXPECTED_NAV["hr"] | STAFF_OWN
EXPECTED_NAV["supervisor_staff"] = EXPECTED_NAV["supervisor_a"] | STAFF_OWN

# The dashboard sections (data-section of templates/dashboard/_*.html) each person's page holds.
EXPECTED_SECTIONS = {
    "hr": {"hr_admin"},
    "supervisor_a": {"supervisor"},
    "staff_a": {"staff"},
    "staff_b": {"staff"},
    "manager": {"manager"},
    "finance": {"finance"},
    "client_a": {"client_contact"},
    "outsider": set(),
    "hr_staff": {"hr_admin", "staff"},
    "supervisor_staff": {"supervisor", "staff"},
}


def test_expectations_cover_every_named_person():
    assert set(EXPECTED_NAV) == set(EXPECTED_SECTIONS) == set(ROLES)


def data_values(page: Page, selector: str, attribute: str) -> set[str]:
    return set(page.locator(selector).evaluate_all(f"els => els.map(e => e.dataset.{attribute})"))


def check_login_page_is_chinese(page: Page, live_server) -> None:
    # The browser asks for English (see `new_page`); Chinese is the default all the same.
    page.goto(url(live_server, "login"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("form button[type=submit]")).to_have_text("登录")


def check_dashboard(page: Page, username: str) -> None:
    expect(page.locator("[data-testid=who]")).to_have_text(username)
    nav = data_values(page, "[data-testid=nav] [data-nav]", "nav")
    assert nav == EXPECTED_NAV[username], f"{username}'s menu: {sorted(nav)}"
    sections = data_values(page, "[data-section]", "section")
    assert sections == EXPECTED_SECTIONS[username], f"{username}'s dashboard: {sorted(sections)}"
    for section in page.locator("[data-section]").all():
        expect(section).to_be_visible()
    if not EXPECTED_SECTIONS[username]:
        expect(page.locator(".alert-warning[role=status]")).to_be_visible()


@pytest.mark.parametrize("username", ROLES)
def test_each_role_sees_its_own_navigation_and_dashboard(
    live_world, live_server, new_page, username
):
    # Both widths in one test and one browser context, so that the named people are built (and
    # flushed) once and the person logs in once: on the phone, then the window grows to a desktop.
    if username in TWO_ROLES:
        add_two_roles(live_world)
    links = "[data-testid=nav] [data-nav]"

    # A 360 px phone: the menu is collapsed behind the toggler, and nothing scrolls sideways.
    page = new_page(PHONE)
    check_login_page_is_chinese(page, live_server)
    assert page_width(page) <= PHONE["width"], "the login page scrolls sideways"
    login(page, live_server, username)
    check_dashboard(page, username)
    assert page_width(page) <= PHONE["width"], "the dashboard scrolls sideways"
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.locator(links).first).to_be_hidden()
    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    # Bootstrap adds `show` once the opening animation is over; before that the menu has an
    # inline height that would also carry over into the desktop width below.
    expect(page.locator("#nav")).to_have_class(re.compile(r"\bshow\b"))
    check_every_link_shows(page)
    assert page_width(page) <= PHONE["width"], "the open menu scrolls sideways"
    screenshot(page, f"nav-{username}-phone")

    # A desktop: the whole menu sits in the bar, with no toggler.
    page.set_viewport_size(DESKTOP)
    check_dashboard(page, username)
    expect(toggler).to_be_hidden()
    check_every_link_shows(page)
    screenshot(page, f"nav-{username}-desktop")


def check_every_link_shows(page: Page) -> None:
    """Top-level links are in view; a group's links appear when its drop-down is opened."""
    for link in page.locator("[data-testid=nav] > li > [data-nav]").all():
        expect(link).to_be_visible()
    for group in page.locator("[data-testid=nav] [data-nav-group]").all():
        group.click()
        menu = group.locator("xpath=following-sibling::ul")
        for link in menu.locator("[data-nav]").all():
            expect(link).to_be_visible()
        group.click()
        expect(menu.locator("[data-nav]").first).to_be_hidden()


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
