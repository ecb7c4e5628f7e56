"""attendance:approvals — the inbox page: who may open it, what a row shows and offers, and a
fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from attendance.models import Explanation, LeaveStatus, OvertimeStatus
from staffing.models import Resignation
from tests import factories
from tests.browser.conftest import PHONE, login, page_width, screenshot, url
from tests.dates import DECEMBER_FRIDAY, DECEMBER_MONDAY, days_ago
from tests.factories import correction_on, leave_on, overtime_on, waited_since
from tests.pages import page_text

URL = reverse("inbox:list")


@pytest.mark.parametrize("role", ["staff_a", "staff_b", "client_a", "outsider"])
def test_roles_that_decide_nothing_are_forbidden(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403


def test_anonymous_readers_are_sent_to_log_in(client, world):
    assert client.get(URL).status_code == 302


def test_a_supervisor_sees_a_leave_row_with_everything_to_decide_it(english, world):
    cover = factories.StaffFactory(company=world.company, name="王五")
    leave = leave_on(
        world.person_a,
        world.site_a,
        DECEMBER_MONDAY,
        DECEMBER_MONDAY.replace(day=8),
        cover=cover,
        emergency=True,
        reason="孩子生病",
        document="leave/2026/12/note.pdf",
    )
    waited_since(leave, days_ago(2))
    leave_on(world.person_b, world.site_b, reason="乙的请假")
    english.force_login(world.supervisor_a)
    response = english.get(URL)
    text = page_text(response)
    assert "张三" in text and "李四" not in text and "乙的请假" not in text
    for shown in (
        "Personal leave",
        "2026-12-07 – 2026-12-08 · Working days: 2",
        "孩子生病",
        "Cover: 王五",
        "Emergency",
        "Document attached",
        "Waiting since",
    ):
        assert shown in text, shown
    assert reverse("attendance:leave_detail", args=[leave.pk]) in text
    assert f'name="items" value="leave:{leave.pk}" form="bulk"' in text
    assert f'name="item" value="leave:{leave.pk}"' in text
    assert 'name="note"' in text and "Approve selected" in text and "Select all" in text


def test_a_cover_who_covers_someone_else_then_is_flagged_on_the_card(english, world):
    cover = factories.StaffFactory(company=world.company, name="王五")
    other = factories.StaffFactory(company=world.company, name="赵六")
    leave_on(
        world.person_a, world.site_a, DECEMBER_MONDAY, DECEMBER_MONDAY.replace(day=8), cover=cover
    )
    leave_on(
        other,
        world.site_a,
        DECEMBER_MONDAY.replace(day=8),
        status=LeaveStatus.APPROVED,
        cover=cover,
    )
    english.force_login(world.supervisor_a)
    text = page_text(english.get(URL))
    assert "王五 already covers 赵六 from 2026-12-08 to 2026-12-08." in text


def test_overtime_rows_say_what_approving_does_at_their_stage(english, world):
    overtime_on(world.person_a, world.site_a, status=OvertimeStatus.UNCONFIRMED, emergency=True)
    english.force_login(world.supervisor_a)
    assert '"approve">Confirm<' in english.get(URL).content.decode()
    overtime_on(world.person_b, world.site_b, status=OvertimeStatus.APPROVED)
    english.force_login(world.hr)
    text = english.get(URL).content.decode()
    assert '"approve">File<' in text
    assert "2026-12-04 19:00–21:00 · 2 h" in page_text(english.get(URL))


def test_overtime_beyond_the_cap_is_opened_rather_than_approved_in_bulk(english, world):
    over = overtime_on(world.person_a, world.site_a, start="18:00", end="22:00", over_cap=True)
    english.force_login(world.manager)
    text = page_text(english.get(URL))
    assert "Beyond the cap" in text
    assert f'value="overtime:{over.pk}" form="bulk"' not in text
    assert "Open to approve" in text
    assert reverse("attendance:overtime_detail", args=[over.pk]) in text


def test_corrections_link_to_their_page(english, world):
    correction = correction_on(world.person_a, world.site_a)
    english.force_login(world.hr)
    text = page_text(english.get(URL))
    assert "Punch correction" in text and "2026-11-16 17:35" in text
    assert reverse("attendance:correction_detail", args=[correction.pk]) in text


def test_nothing_waiting_says_so(english, world):
    leave_on(world.person_a, world.site_a, status=LeaveStatus.APPROVED)
    english.force_login(world.supervisor_a)
    response = english.get(URL)
    assert "Nothing waits for your decision." in page_text(response)
    assert "Approve selected" not in page_text(response)


def test_the_oldest_request_is_the_first_row(english, world):
    newer = leave_on(world.person_a, world.site_a)
    older = overtime_on(world.person_a, world.site_a)
    waited_since(newer, days_ago(1))
    waited_since(older, days_ago(6))
    english.force_login(world.supervisor_a)
    rows = [item.token for item in english.get(URL).context["page"]]
    assert rows == [f"overtime:{older.pk}", f"leave:{newer.pk}"]


def test_the_query_count_does_not_grow_with_the_rows(client, world, django_assert_num_queries):
    client.force_login(world.supervisor_a)
    leave_on(world.person_a, world.site_a, cover=world.person_b)
    overtime_on(world.person_a, world.site_a)
    correction_on(world.person_a, world.site_a)
    # One of them reads what the covers of the page's leave do on those days.
    with django_assert_num_queries(11):
        assert len(client.get(URL).context["page"]) == 3
    contract = world.person_a.assignments.get().contract
    for _n in range(12):
        person = factories.StaffFactory(company=world.company)
        factories.AssignmentFactory(staff=person, site=world.site_a, contract=contract)
        leave_on(person, world.site_a, cover=world.person_a)
        overtime_on(person, world.site_a, emergency=True, status=OvertimeStatus.UNCONFIRMED)
        correction_on(person, world.site_a)
    with django_assert_num_queries(11):
        assert len(client.get(URL).context["page"]) == 39


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE])
def test_on_a_phone_rows_are_cards_and_select_all_approves_them(page, live_server, live_world):
    w = live_world
    cover = factories.StaffFactory(company=w.company, name="欧阳长名字的替岗同事")
    leave = leave_on(w.person_a, w.site_a, cover=cover, reason="家里有非常重要的事情需要处理" * 4)
    overtime = overtime_on(w.person_a, w.site_a)
    # On a day of its own: on the same day it would put the other one beyond the cap too.
    over = overtime_on(
        w.person_a, w.site_a, DECEMBER_FRIDAY.replace(day=11), "18:00", "22:00", over_cap=True
    )
    correction = correction_on(w.person_a, w.site_a)
    login(page, live_server, "supervisor_a")
    page.goto(url(live_server, "inbox:list"))
    expect(page.locator("[data-item]")).to_have_count(4)
    assert page_width(page) <= PHONE["width"]
    screenshot(page, "attendance-approvals-360")
    page.locator("[data-testid=reject]").first.click()  # the reject form opens in its card
    assert page_width(page) <= PHONE["width"]
    page.locator("[data-testid=select-all]").check()
    page.locator("[data-testid=approve-selected]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert [status_of(r) for r in (leave, overtime, correction, over)] == [
        "approved",
        "approved",
        "approved",
        "pending",
    ]
    expect(page.locator("[data-item]")).to_have_count(1)


@pytest.mark.browser
def test_at_desktop_width_every_kind_waits_in_one_list_counted_in_the_menu(
    page, live_server, live_world
):
    w = live_world
    leave_on(w.person_a, w.site_a)
    overtime_on(w.person_a, w.site_a)
    correction_on(w.person_a, w.site_a)
    Explanation.objects.create(
        staff=w.person_a,
        site=w.site_a,
        month=DECEMBER_MONDAY.replace(month=10, day=1),
        text="家中急事",
    )
    Resignation.objects.create(
        staff=w.person_a,
        assignment=w.person_a.assignments.get(),
        leaving_on=DECEMBER_MONDAY.replace(day=31),
        reason="回老家发展",
    )
    login(page, live_server, "supervisor_a")
    card = page.locator("[data-testid=waiting-card]")
    expect(card.locator("[data-testid=waiting-count]")).to_have_text("5")
    expect(page.locator("[data-testid=nav-count]")).to_contain_text("5")
    screenshot(page, "dashboard-waiting-1280")
    card.locator("[data-testid=open-inbox]").click()
    expect(page.locator("[data-item]")).to_have_count(5)
    screenshot(page, "approvals-1280")
    page.locator("[data-testid=select-all]").check()
    page.locator("[data-testid=approve-selected]").click()
    expect(page.locator("[data-testid=empty]")).to_be_visible()
    expect(page.locator("[data-testid=nav-count]")).to_have_count(0)


def status_of(record) -> str:
    record.refresh_from_db()
    return record.status
