"""The weekly report statistics in a browser (SPEC §9): last week's table by person and the chart
of eight weeks drawn by ECharts from the project's own static files, at 360 px and 1280 px, with
nothing axe calls serious or critical; and the quarter's on-time rates."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from onsite.periods import Week
from tests import factories
from tests.browser.axe import blocking, report, run_axe
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tickets.models import Report, ReportStatus

HOUR = datetime.timedelta(hours=1)


def file(person, site, week: Week, late: bool) -> None:
    due = datetime.datetime.combine(
        week.last + datetime.timedelta(days=1),
        datetime.time(13, 0),
        timezone.get_current_timezone(),
    )
    when = due + (26 * HOUR if late else -3 * HOUR)
    Report.objects.create(
        staff=person,
        site=site,
        period=week.label,
        starts_on=week.first,
        ends_on=week.last,
        due_at=due,
        status=ReportStatus.SUBMITTED,
        work_done="巡检",
        first_submitted_at=when,
        submitted_at=when,
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_the_statistics_draw_their_chart_and_pass_axe(new_page, live_server, live_world, viewport):
    world = live_world
    placement = world.person_a.assignments.get()
    people = [world.person_a]
    for name in ("王五", "赵六", "孙七"):
        person = factories.StaffFactory(company=world.company, name=name)
        factories.AssignmentFactory(
            staff=person,
            site=world.site_a,
            contract=placement.contract,
            position=placement.position,
        )
        people.append(person)
    last = Week.containing(timezone.localdate()).previous
    for back in range(8):
        week = last.shift(-back)
        for n, person in enumerate(people):
            # Each week someone files late and someone not at all.
            if (n + back) % 4 == 3:
                continue
            file(person, world.site_a, week, late=(n + back) % 4 == 2)
    page = new_page(viewport)
    login(page, live_server, "supervisor_a")
    page.goto(url(live_server, "tickets:report_stats_choose"))
    page.get_by_role("button", name="查看统计").click()
    expect(page).to_have_url(url(live_server, "tickets:report_stats", world.site_a.pk, last.label))
    expect(page.locator("#stats-chart[data-drawn=true] svg")).to_be_visible()
    expect(page.locator("[data-testid=stats-table] tbody tr")).to_have_count(4)
    expect(page.locator("[data-count=late]")).to_have_text("1")
    assert page_width(page) <= viewport["width"]
    screenshot(page, f"report-stats-{viewport['width']}")
    problems = blocking(run_axe(page))
    assert not problems, report(problems)
    page.get_by_test_id("stats-quarter").click()
    expect(page.locator("[data-testid=quarter-table] tbody tr")).to_have_count(4)
    assert page_width(page) <= viewport["width"]
    screenshot(page, f"report-stats-quarter-{viewport['width']}")
    problems = blocking(run_axe(page))
    assert not problems, report(problems)
