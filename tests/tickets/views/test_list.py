"""The ticket list: each reader's tickets, its filters, its pages and its XLSX."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.dates import SHANGHAI
from tests.tickets.conftest import RAISED_AT, raise_ticket
from tickets.services.tickets import ticket_acknowledge, ticket_assign

pytestmark = pytest.mark.django_db


def listed(client, user, query: str = "") -> list[str]:
    client.force_login(user)
    response = client.get(reverse("tickets:list") + query)
    assert response.status_code == 200
    return [t.title for t in response.context["page"]]


def test_each_reader_sees_their_own_tickets(client, world, client_b):
    raise_ticket(world, title="甲的工单")
    raise_ticket(world, site=world.site_b, by=client_b, title="乙的工单")
    assigned = raise_ticket(world, title="派给张三")
    ticket_assign(ticket=assigned, staff=world.person_a, by=world.supervisor_a)
    assert set(listed(client, world.client_a)) == {"甲的工单", "派给张三"}
    assert listed(client, client_b) == ["乙的工单"]
    assert listed(client, world.staff_a) == ["派给张三"]
    assert set(listed(client, world.supervisor_a)) == {"甲的工单", "派给张三"}
    assert len(listed(client, world.hr)) == 3
    assert len(listed(client, world.manager)) == 3


def test_filters_by_state_category_priority_and_month(client, world):
    raise_ticket(world, title="十月故障")
    raise_ticket(
        world,
        title="十一月变更",
        category="change",
        priority="urgent",
        now=datetime.datetime(2026, 11, 2, 10, 0, tzinfo=SHANGHAI),
    )
    answered = raise_ticket(world, title="已受理")
    ticket_acknowledge(ticket=answered, by=world.supervisor_a, now=RAISED_AT)
    user = world.supervisor_a
    assert listed(client, user, "?status=acknowledged") == ["已受理"]
    assert listed(client, user, "?category=change") == ["十一月变更"]
    assert listed(client, user, "?priority=urgent") == ["十一月变更"]
    assert listed(client, user, "?month=2026-11") == ["十一月变更"]
    assert set(listed(client, user, "?month=2026-10")) == {"十月故障", "已受理"}


def test_breached_means_a_due_time_missed(client, world):
    # Raised in October and never answered: both due times are long past.
    raise_ticket(world, title="无人理")
    answered = raise_ticket(world, title="及时受理")
    ticket_acknowledge(ticket=answered, by=world.supervisor_a, now=RAISED_AT)
    fresh = raise_ticket(world, title="刚提交", now=None)
    assert fresh.response_due > datetime.datetime.now(tz=SHANGHAI)
    breached = listed(client, world.supervisor_a, "?breached=yes")
    # Acknowledged in time, but the resolution is still overdue.
    assert set(breached) == {"无人理", "及时受理"}
    assert listed(client, world.supervisor_a, "?breached=no") == ["刚提交"]


def test_a_wrong_filter_is_an_error_not_a_failure(client, world):
    raise_ticket(world)
    client.force_login(world.client_a)
    response = client.get(reverse("tickets:list") + "?month=2026-13&status=lost")
    assert response.status_code == 200
    assert response.context["filter_form"].errors.keys() == {"month", "status"}
    assert len(response.context["page"]) == 1


def test_the_list_costs_the_same_queries_for_one_row_and_many(
    client, world, django_assert_num_queries
):
    raise_ticket(world)
    client.force_login(world.supervisor_a)
    client.get(reverse("tickets:list"))  # the session's first read
    with django_assert_num_queries(8) as one:
        client.get(reverse("tickets:list"))
    for n in range(25):
        ticket = raise_ticket(world, title=f"工单{n}")
        ticket_assign(ticket=ticket, staff=world.person_a, by=world.supervisor_a)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("tickets:list"))
    assert len(response.context["page"]) == 26


def test_the_export_has_the_filtered_rows_and_no_formulas(client, world):
    raise_ticket(world, title='=HYPERLINK("http://evil")', priority="urgent")
    raise_ticket(world, title="普通")
    client.force_login(world.hr)
    response = client.get(reverse("tickets:export") + "?priority=urgent")
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == "A-0001"
    title = sheet.cell(row=2, column=3)
    assert title.data_type == "s"
    assert title.value == '\'=HYPERLINK("http://evil")'


def test_staff_see_the_tickets_they_raised_for_a_client(client, world):
    raise_ticket(world, site=world.site_b, by=world.staff_b, raised_for_name="王主任", title="代提")
    raise_ticket(world, title="别人的")
    assert listed(client, world.staff_b) == ["代提"]
