"""Issue 10, points 15 and 16: the key pages of each role, on a 360 px phone and a 1280 px
desktop, have no serious or critical axe-core violation and never scroll sideways on the phone.
Screenshots of every page at both widths go to tests/output/screenshots (a11y-…)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from assessment.models import Result
from assessment.services.cycles import cycle_close, cycle_open, cycle_start_scoring
from onsite.org.models import Assignment
from staffing.services.expenses import claim_totals_update
from tests import factories
from tests.browser.axe import blocking, report, run_axe
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, screenshot, url
from tests.dates import THURSDAY
from tests.factories import correction_requested as request_afternoon
from tests.factories import explanation_written as write
from tests.factories import leave_on as leave_of
from tests.factories import overtime_on as overtime_of

MONTH = "2026-10"


def key_pages(world, username: str) -> list[tuple[str, tuple]]:
    """(URL name, arguments) of the pages `username` works with every day."""
    a, site = world.person_a, world.site_a
    leave = leave_of(a, site)
    overtime = overtime_of(a, site)
    correction = request_afternoon(world)
    explanation = write(world)
    placement = Assignment.objects.get(staff=a)
    trip, claim = expenses_of(a, site)
    factories.NotificationFactory(recipient=world.users[username], title="张三 的请假待您审批")
    everyone = [
        ("dashboard", ()),
        ("notifications:list", ()),
        ("staffing:site_list", ()),
        ("channels:preferences", ()),
    ]
    site_pages = [("staffing:site_detail", (site.pk,))]
    office = [
        ("attendance:approvals", ()),
        ("staffing:staff_list", ()),
        ("staffing:staff_detail", (a.pk,)),
        ("attendance:leave_list", ()),
        ("attendance:leave_detail", (leave.pk,)),
        ("attendance:overtime_list", ()),
        ("attendance:overtime_detail", (overtime.pk,)),
        ("attendance:sheet_list", ()),
        ("attendance:sheet", (site.pk, MONTH)),
        ("attendance:person_month", (a.pk, MONTH)),
        ("attendance:away", ()),
        ("staffing:change_notice_list", ()),
        ("staffing:resignation_list", ()),
    ]
    desk = [
        ("attendance:correction_list", ()),
        ("attendance:correction_detail", (correction.pk,)),
        ("attendance:explanation_list", ()),
        ("attendance:explanation_detail", (explanation.pk,)),
        ("staffing:onboarding_detail", (placement.pk,)),
    ]
    claim_page = ("staffing:claim_detail", (claim.pk,))
    trip_page = ("staffing:trip_detail", (trip.pk,))
    stats = ("staffing:expense_stats", ())
    scoring, closed, result = assessment_of(world)
    assessment_results = [
        ("assessment:results_choose", ()),
        ("assessment:results_site", (closed.pk, site.pk)),
        ("assessment:result", (result.pk,)),
    ]
    scorer = [
        ("assessment:scoring", ()),
        ("assessment:score_person", (scoring.pk, a.pk)),
    ]
    cycles = [("assessment:cycles", ()), ("assessment:cycle", (scoring.pk,))]
    return {
        "hr": everyone
        + site_pages
        + office
        + desk
        + [
            ("staffing:staff_edit", (a.pk,)),
            ("staffing:import_upload", ()),
            ("attendance:calendar", ()),
            ("policy", ()),
            ("channels:webhooks", ()),
            ("channels:webhook_add_site", (site.pk,)),
            ("attendance:leave_types", ()),
            ("staffing:rotation_due", ()),
            ("staffing:bank_account_edit", (a.pk,)),
            claim_page,
            stats,
            *cycles,
            ("assessment:cycle", (closed.pk,)),
            ("assessment:criteria", (world.company.pk,)),
            ("assessment:results_company", (closed.pk,)),
            *assessment_results,
        ],
        "supervisor_a": everyone
        + site_pages
        + office
        + desk
        + [("attendance:punch_add", ()), ("staffing:claims_to_sign", ()), claim_page]
        + scorer
        + assessment_results,
        "staff_a": everyone
        + site_pages
        + [
            ("staffing:my_record", ()),
            ("attendance:check_in", ()),
            ("attendance:my_month", ()),
            ("attendance:leave_list", ()),
            ("attendance:leave_new", ()),
            ("attendance:leave_detail", (leave.pk,)),
            ("attendance:overtime_list", ()),
            ("attendance:overtime_new", ()),
            ("attendance:overtime_detail", (overtime.pk,)),
            ("attendance:correction_list", ()),
            ("attendance:correction_new", ()),
            ("attendance:explanation_list", ()),
            ("attendance:explanation_detail", (explanation.pk,)),
            ("staffing:resignation_list", ()),
            ("staffing:resignation_create", ()),
            ("staffing:claims_mine", ()),
            ("staffing:trips", ()),
            ("staffing:trip_new", ()),
            trip_page,
            claim_page,
            ("assessment:mine", ()),
            ("assessment:result", (result.pk,)),
        ],
        "manager": everyone
        + office
        + [
            ("staffing:rotation_due", ()),
            ("staffing:trips", ()),
            trip_page,
            ("staffing:claims_to_sign", ()),
            claim_page,
            stats,
            *scorer,
            *cycles,
            ("assessment:results_company", (closed.pk,)),
            *assessment_results,
        ],
        "finance": [*everyone, ("staffing:finance_claims", ()), claim_page, stats],
        "client_a": everyone + site_pages,
    }[username]


def assessment_of(world):
    """A quarter being scored (2026Q3) and a closed one (2026Q2) with 张三's result and scores."""
    hr = world.users["hr"]
    scoring = cycle_open(company=world.company, label="2026Q3", scoring_deadline=THURSDAY, by=hr)
    cycle_start_scoring(cycle=scoring, by=hr)
    closed = cycle_open(company=world.company, label="2026Q2", scoring_deadline=THURSDAY, by=hr)
    cycle_start_scoring(cycle=closed, by=hr)
    for criterion, score in zip(closed.criteria.all(), ("88", "90", "80", "85"), strict=True):
        factories.ScoreFactory(
            criterion=criterion,
            staff=world.person_a,
            score=Decimal(score),
            scored_by=world.users["manager" if criterion.key == "teamwork" else "supervisor_a"],
            comment="巡检记录完整，工单响应及时。",
        )
    cycle_close(cycle=closed, by=hr)
    return scoring, closed, Result.objects.get(cycle=closed, staff=world.person_a)


def expenses_of(person, site):
    """A trip and a signed claim of `person` with a night's lodging over the cap, justified."""
    trip = factories.TripFactory(staff=person, site=site, status="pending")
    claim = factories.ClaimFactory(
        staff=person, site=site, status="signed", submitted_at=timezone.now()
    )
    factories.ExpenseLineFactory(claim=claim, site=site, category="meals")
    factories.ExpenseLineFactory(
        claim=claim,
        site=site,
        category="lodging",
        away=True,
        trip=factories.TripFactory(staff=person, site=site),
        amount=Decimal("450.00"),
        cap=Decimal("400.00"),
        justification="会议酒店，附近无标准内酒店",
    )
    return trip, claim_totals_update(claim=claim)


@pytest.mark.parametrize(
    "username", ["hr", "supervisor_a", "staff_a", "manager", "finance", "client_a"]
)
def test_key_pages_pass_axe_and_fit_a_phone(live_world, live_server, new_page, username):
    pages = key_pages(live_world, username)
    page: Page = new_page(PHONE)
    login(page, live_server, username)
    found, too_wide = [], []
    for name, args in pages:
        response = page.goto(url(live_server, name, *args))
        assert response is not None and response.ok, f"{username}: {name} answered {response}"
        slug = f"a11y-{username}-{name.replace(':', '-')}"
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
