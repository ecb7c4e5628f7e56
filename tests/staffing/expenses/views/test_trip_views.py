"""The business trip pages: a person asks on the phone form, a manager approves or rejects with a
reason on the trip's page (the second decision reads what happened), the list shows each reader
their own and, to a manager, the trips to decide and decided; bad input never fails."""

from __future__ import annotations

import pytest

from staffing.models import Trip, TripStatus
from tests.factories.expenses import TripFactory
from tests.pages import words
from tests.staffing.expenses.views.conftest import url

pytestmark = pytest.mark.django_db

TRIP = {
    "destination": "上海",
    "start": "2026-10-12",
    "end": "2026-10-14",
    "purpose": "机房迁移支持",
    "estimated_cost": "3000.50",
}


def pending(world, **fields):
    return TripFactory(staff=world.person_a, site=world.site_a, status=TripStatus.PENDING, **fields)


def test_a_trip_asked_on_the_form_waits_for_a_manager(client, world):
    client.force_login(world.staff_a)
    response = client.post(url("trip_new"), TRIP)
    trip = Trip.objects.get()
    assert response.status_code == 302 and response.url == url("trip_detail", trip.pk)
    assert (trip.staff, trip.site, trip.status, str(trip.estimated_cost)) == (
        world.person_a,
        world.site_a,
        "pending",
        "3000.50",
    )
    client.force_login(world.manager)
    text = words(client.get(url("trips")))
    assert "等待您审批" in text and "上海" in text


def test_a_trip_ending_before_it_starts_is_refused_on_the_form(client, world):
    client.force_login(world.staff_a)
    response = client.post(url("trip_new"), {**TRIP, "end": "2026-10-01"})
    assert response.status_code == 200 and "出差结束日期早于开始日期" in words(response)
    assert not Trip.objects.exists()


def test_the_manager_approves_and_the_history_names_him(client, world):
    trip = pending(world)
    world.manager.first_name, world.manager.last_name = "建国", "周"
    world.manager.save()
    client.force_login(world.manager)
    page = words(client.get(url("trip_detail", trip.pk)))
    assert "批准" in page and "驳回" in page
    response = client.post(url("trip_decide", trip.pk), {"decision": "approve"}, follow=True)
    trip.refresh_from_db()
    assert trip.status == TripStatus.APPROVED and trip.decided_by == world.manager
    text = words(response)
    assert "出差申请已批准" in text and "周建国" in text


def test_a_rejection_needs_a_reason(client, world):
    trip = pending(world)
    client.force_login(world.manager)
    response = client.post(url("trip_decide", trip.pk), {"decision": "reject"}, follow=True)
    trip.refresh_from_db()
    assert trip.status == TripStatus.PENDING and "请说明驳回理由" in words(response)
    client.post(url("trip_decide", trip.pk), {"decision": "reject", "note": "改为远程支持"})
    trip.refresh_from_db()
    assert (trip.status, trip.reason) == (TripStatus.REJECTED, "改为远程支持")
    client.force_login(world.staff_a)
    assert "改为远程支持" in words(client.get(url("trip_detail", trip.pk)))


def test_a_second_decision_reads_what_happened(client, world):
    trip = pending(world)
    client.force_login(world.manager)
    client.post(url("trip_decide", trip.pk), {"decision": "approve"})
    response = client.post(
        url("trip_decide", trip.pk), {"decision": "reject", "note": "晚了"}, follow=True
    )
    trip.refresh_from_db()
    assert trip.status == TripStatus.APPROVED
    assert response.status_code == 200 and "已批准" in words(response)


def test_the_traveller_cannot_decide_their_own_trip(client, world):
    trip = pending(world)
    client.force_login(world.staff_a)
    assert "data-action" not in client.get(url("trip_detail", trip.pk)).content.decode()
    assert client.post(url("trip_decide", trip.pk), {"decision": "approve"}).status_code == 403


def test_each_person_lists_only_their_own_trips(client, world):
    mine = pending(world, destination="杭州")
    TripFactory(staff=world.person_b, destination="广州")
    client.force_login(world.staff_a)
    text = words(client.get(url("trips")))
    assert "杭州" in text and "广州" not in text
    client.force_login(world.staff_b)
    assert client.get(url("trip_detail", mine.pk)).status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        {"start": "0001-01-01"},
        {"end": "9999-12-31"},
        {"start": "2026-02-30"},
        {"estimated_cost": "1e20"},
        {"estimated_cost": "-1"},
        {"estimated_cost": "12.345"},
        {"destination": "长" * 3000},
    ],
)
def test_bad_input_is_refused_with_a_message(client, world, bad):
    client.force_login(world.staff_a)
    response = client.post(url("trip_new"), {**TRIP, **bad})
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert not Trip.objects.exists()
