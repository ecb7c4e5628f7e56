"""The monthly service report in a browser (SPEC §11): the chart drawn by ECharts from the page's
own static files, at 360 px and 1280 px, with nothing axe calls serious or critical."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.axe import blocking, report, run_axe
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tickets.models import Ticket
from tickets.services.tickets import ticket_raise


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_the_report_draws_its_chart_and_passes_axe(new_page, live_server, live_world, viewport):
    now = timezone.now()
    for category, priority in (("fault", "urgent"), ("general", "normal"), ("fault", "low")):
        ticket_raise(
            site=live_world.site_a,
            by=live_world.client_a,
            category=category,
            priority=priority,
            title="机房空调漏水",
            now=now - datetime.timedelta(minutes=5),
        )
    # One answered late: a breach in the list.
    Ticket.objects.filter(priority="urgent").update(
        acknowledged_at=now, response_due=now - datetime.timedelta(minutes=1)
    )
    page = new_page(viewport)
    login(page, live_server, "client_a")
    page.goto(url(live_server, "tickets:report", live_world.site_a.pk, now.date().replace(day=1)))
    expect(page.locator("#report-chart[data-drawn=true] svg")).to_be_visible()
    expect(page.locator("[data-figure=total]")).to_have_text("3")
    expect(page.locator("[data-testid=report-breaches] [data-breach=response]")).to_have_count(1)
    assert page_width(page) <= viewport["width"]
    screenshot(page, f"ticket-report-{viewport['width']}")
    problems = blocking(run_axe(page))
    assert not problems, report(problems)
