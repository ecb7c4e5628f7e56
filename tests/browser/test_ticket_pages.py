"""The service ticket pages of each role (issue 12) on a 360 px phone and a 1280 px desktop: no
serious or critical axe-core violation, never wider than the phone. The supervisor's detail page
holds every form it can (assign, acknowledge, comment with an internal note); the client's holds
the thread without the note."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import blocking, report, run_axe
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tickets.services.tickets import ticket_comment, ticket_raise


def pages_of(world, username: str) -> list[tuple[str, tuple]]:
    ticket = ticket_raise(
        site=world.site_a,
        by=world.client_a,
        category="fault",
        priority="urgent",
        title="机房断电，UPS 告警",
        description="二楼机房 UPS 持续告警，请尽快到场。",
        complaint=True,
    )
    ticket_comment(ticket=ticket, by=world.supervisor_a, body="已通知电工", internal=True)
    ticket_comment(ticket=ticket, by=world.client_a, body="请尽快")
    common = [
        ("dashboard", ()),
        ("tickets:list", ()),
        ("tickets:detail", (ticket.pk,)),
    ]
    if username == "manager":
        return common
    return [*common, ("tickets:new", ())]


@pytest.mark.parametrize("username", ["client_a", "supervisor_a", "hr", "manager"])
def test_ticket_pages_pass_axe_and_fit_a_phone(live_world, live_server, new_page, username):
    pages = pages_of(live_world, username)
    page: Page = new_page(PHONE)
    login(page, live_server, username)
    found, too_wide = [], []
    for name, args in pages:
        response = page.goto(url(live_server, name, *args))
        assert response is not None and response.ok, f"{username}: {name} answered {response}"
        if name == "tickets:detail":
            note = page.get_by_text("已通知电工")
            expect(note).to_have_count(0 if username == "client_a" else 1)
        slug = f"tickets-{username}-{name.replace(':', '-')}"
        if page_width(page) > PHONE["width"]:
            too_wide.append(f"{page.url}: {page_width(page)} px")
        found += blocking(run_axe(page))
        screenshot(page, f"{slug}-360")
        page.set_viewport_size(DESKTOP)
        found += blocking(run_axe(page))
        screenshot(page, f"{slug}-1280")
        page.set_viewport_size(PHONE)
    faults = [f"wider than a {PHONE['width']} px phone: {too_wide}"] if too_wide else []
    if found:
        faults.append(report(list(dict.fromkeys(found))))
    assert not faults, "\n".join(faults)
