"""attendance:away — a site's month of approved leave (by halves) and approved or filed overtime:
who may read it, which site, what each day shows, and a fixed number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import LeaveStatus, OvertimeStatus
from tests import factories
from tests.browser.conftest import PHONE, login, page_width, screenshot, url
from tests.dates import DECEMBER_MONDAY, DECEMBER_SATURDAY
from tests.factories import leave_on as leave_of
from tests.factories import overtime_on as overtime_of
from tests.pages import page_text

URL = reverse("attendance:away")
D = datetime.date
DECEMBER = "2026-12"


def cell(response, date: datetime.date) -> dict:
    return next(c for week in response.context["weeks"] for c in week if c["date"] == date)


def names(response, date: datetime.date) -> list[tuple[str, str]]:
    return [(a["name"], a["label"]) for a in cell(response, date)["away"]]


def show(client, world, user="supervisor_a", **params):
    client.force_login(world.users[user])
    params.setdefault("month", DECEMBER)
    return client.get(URL, params)


@pytest.mark.parametrize("role", ["staff_a", "staff_b", "finance", "client_a", "outsider"])
def test_staff_finance_and_clients_are_forbidden(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403


def test_approved_leave_is_shown_and_requests_still_waiting_or_rejected_are_not(english, world):
    leave_of(
        world.person_a,
        world.site_a,
        DECEMBER_MONDAY,
        DECEMBER_MONDAY.replace(day=8),
        status=LeaveStatus.APPROVED,
    )
    for status in (LeaveStatus.PENDING, LeaveStatus.PENDING_MANAGER, LeaveStatus.REJECTED):
        colleague = factories.StaffFactory(company=world.company, name=f"员工{status}")
        leave_of(colleague, world.site_a, DECEMBER_MONDAY, status=status)
    response = show(english, world)
    assert response.context["site"] == world.site_a
    assert names(response, DECEMBER_MONDAY) == [("张三", "Personal leave")]
    assert names(response, DECEMBER_MONDAY.replace(day=8)) == [("张三", "Personal leave")]
    assert names(response, DECEMBER_MONDAY.replace(day=9)) == []


def test_half_days_say_which_half(english, world):
    leave_of(
        world.person_a,
        world.site_a,
        DECEMBER_MONDAY,
        DECEMBER_MONDAY.replace(day=9),
        status=LeaveStatus.APPROVED,
        kind="sick",
        starts_pm=True,
        ends_am=True,
    )
    response = show(english, world)
    assert names(response, DECEMBER_MONDAY) == [("张三", "Sick leave · afternoon")]
    assert names(response, DECEMBER_MONDAY.replace(day=8)) == [("张三", "Sick leave")]
    assert names(response, DECEMBER_MONDAY.replace(day=9)) == [("张三", "Sick leave · morning")]


def test_rest_days_inside_leave_are_not_days_away(english, world):
    leave_of(
        world.person_a,
        world.site_a,
        D(2026, 12, 4),
        D(2026, 12, 7),
        status=LeaveStatus.APPROVED,
    )
    response = show(english, world)
    assert [bool(names(response, D(2026, 12, d))) for d in (4, 5, 6, 7)] == [
        True,
        False,
        False,
        True,
    ]


def test_approved_and_filed_overtime_show_their_hours_and_requests_do_not(english, world):
    overtime_of(
        world.person_a,
        world.site_a,
        DECEMBER_SATURDAY,
        "09:00",
        "11:00",
        status=OvertimeStatus.APPROVED,
    )
    colleague = factories.StaffFactory(company=world.company, name="王五")
    overtime_of(
        colleague,
        world.site_a,
        DECEMBER_SATURDAY,
        start="13:00",
        end="17:00",
        status=OvertimeStatus.FILED,
        actual_hours=Decimal("3.5"),
        confirmed_at=timezone.now(),
    )
    overtime_of(
        world.person_a, world.site_a, DECEMBER_SATURDAY, start="18:00", end="19:00"
    )  # pending
    overtime_of(
        world.person_a,
        world.site_a,
        DECEMBER_SATURDAY,
        start="19:00",
        end="20:00",
        status=OvertimeStatus.REJECTED,
    )
    response = show(english, world)
    shown = [(o["name"], o["hours"]) for o in cell(response, DECEMBER_SATURDAY)["overtime"]]
    assert shown == [("张三", Decimal("2")), ("王五", Decimal("3.5"))]
    assert "3.5 h" in page_text(response)


def test_another_sites_people_are_not_shown(english, world):
    leave_of(world.person_b, world.site_b, DECEMBER_MONDAY, status=LeaveStatus.APPROVED)
    overtime_of(world.person_b, world.site_b, status=OvertimeStatus.APPROVED)
    response = show(english, world, "hr", site=world.site_a.pk)
    assert "李四" not in page_text(response)
    response = show(english, world, "hr", site=world.site_b.pk)
    assert names(response, DECEMBER_MONDAY) == [("李四", "Personal leave")]


def test_a_site_outside_the_readers_scope_is_not_found(client, world):
    assert show(client, world, site=world.site_b.pk).status_code == 404
    assert show(client, world, site="x").status_code == 404
    assert show(client, world, month="2026-13").status_code == 404


def test_hr_and_managers_choose_among_their_companys_sites(english, world):
    for user in ("hr", "manager"):
        response = show(english, world, user)
        assert response.context["sites"] == [world.site_a, world.site_b]
        assert 'data-testid="site-chooser"' in page_text(response)
    response = show(english, world)
    assert response.context["sites"] == [world.site_a]
    assert 'data-testid="site-chooser"' not in page_text(response)


def test_a_manager_of_another_company_has_no_site_here(english, world):
    other = factories.UserFactory(username="other_manager")
    factories.RoleGrantFactory(user=other, role="manager", company=factories.CompanyFactory())
    english.force_login(other)
    response = english.get(URL)
    assert response.status_code == 200
    assert "You have no site to show." in page_text(response)
    english.force_login(other)
    assert english.get(URL, {"site": world.site_a.pk}).status_code == 404


def test_the_month_links_and_the_shading_of_the_days(english, world):
    response = show(english, world, month="2026-10")
    text = page_text(response)
    assert f"?site={world.site_a.pk}&month=2026-09" in text
    assert f"?site={world.site_a.pk}&month=2026-11" in text
    assert cell(response, D(2026, 10, 1))["css"] == "bg-danger-subtle"  # National Day
    assert cell(response, D(2026, 10, 10))["css"] == "bg-warning-subtle"  # make-up workday
    assert cell(response, D(2026, 10, 18))["css"] == "bg-body-secondary"  # a Sunday
    assert cell(response, D(2026, 10, 12))["css"] == ""


def test_the_phone_list_holds_only_days_with_someone_away(english, world):
    leave_of(world.person_a, world.site_a, DECEMBER_MONDAY, status=LeaveStatus.APPROVED)
    overtime_of(world.person_a, world.site_a, DECEMBER_SATURDAY, status=OvertimeStatus.FILED)
    response = show(english, world)
    assert [c["date"] for c in response.context["listed"]] == [DECEMBER_SATURDAY, DECEMBER_MONDAY]


def test_the_query_count_does_not_grow_with_the_people(client, world, django_assert_num_queries):
    leave_of(world.person_a, world.site_a, DECEMBER_MONDAY, status=LeaveStatus.APPROVED)
    overtime_of(world.person_a, world.site_a, status=OvertimeStatus.APPROVED)
    client.force_login(world.supervisor_a)
    with django_assert_num_queries(10):
        client.get(URL, {"month": DECEMBER})
    contract = world.person_a.assignments.get().contract
    for n in range(10):
        person = factories.StaffFactory(company=world.company)
        factories.AssignmentFactory(staff=person, site=world.site_a, contract=contract)
        leave_of(
            person, world.site_a, DECEMBER_MONDAY.replace(day=1 + n), status=LeaveStatus.APPROVED
        )
        overtime_of(
            person, world.site_a, DECEMBER_MONDAY.replace(day=12), status=OvertimeStatus.FILED
        )
    with django_assert_num_queries(10):
        response = client.get(URL, {"month": DECEMBER})
    assert sum(len(c["overtime"]) for c in response.context["listed"]) == 11


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE])
def test_on_a_phone_the_month_is_a_list_of_days_with_someone_away(page, live_server, live_world):
    w = live_world
    leave_of(
        w.person_a,
        w.site_a,
        DECEMBER_MONDAY,
        DECEMBER_MONDAY.replace(day=8),
        status=LeaveStatus.APPROVED,
    )
    overtime_of(w.person_a, w.site_a, status=OvertimeStatus.FILED)
    login(page, live_server, "supervisor_a")
    page.goto(f"{url(live_server, 'attendance:away')}?month={DECEMBER}")
    expect(page.locator("[data-testid=away-list] li")).to_have_count(3)
    expect(page.locator("[data-testid=away-calendar]")).to_be_hidden()
    assert page_width(page) <= PHONE["width"]
    screenshot(page, "attendance-away-360")
