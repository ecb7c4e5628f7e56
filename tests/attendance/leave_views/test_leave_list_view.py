import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from attendance.models import Leave, LeaveStatus
from tests import factories
from tests.factories import leave, leave_of_a
from tests.pages import page_text, words

D = datetime.date
URL = reverse("attendance:leave_list")


def leaves(person, site, count: int, status=LeaveStatus.PENDING) -> list[Leave]:
    first = datetime.date(2026, 3, 2)
    return Leave.objects.bulk_create(
        Leave(
            staff=person,
            site=site,
            kind="personal",
            start=first + datetime.timedelta(days=7 * n),
            end=first + datetime.timedelta(days=7 * n),
            status=status,
            reason=f"事由{n}",
        )
        for n in range(count)
    )


def test_staff_see_their_own_leave_and_a_way_to_ask(english, world):
    leave_of_a(world, starts_pm=True)
    leaves(world.person_b, world.site_b, 1)
    english.force_login(world.staff_a)
    response = english.get(URL)
    text = page_text(response)
    assert "张三 · Personal leave" in text
    assert "2026-10-13 from noon – 2026-10-14 · 2 d" in words(response)
    assert "李四" not in text
    assert reverse("attendance:leave_new") in text


def test_a_supervisor_sees_what_waits_first_and_only_their_sites(english, world):
    leave_of_a(world, status=LeaveStatus.APPROVED)
    leave_of_a(world, datetime.date(2026, 9, 1), datetime.date(2026, 9, 1))
    leave_of_a(
        world,
        datetime.date(2026, 8, 3),
        datetime.date(2026, 8, 7),
        status=LeaveStatus.PENDING_MANAGER,
    )
    leaves(world.person_b, world.site_b, 1)
    english.force_login(world.supervisor_a)
    response = english.get(URL)
    statuses = [leave.status for leave in response.context["page"]]
    assert statuses == ["pending_manager", "pending", "approved"]
    assert "李四" not in page_text(response)
    assert reverse("attendance:leave_new") not in page_text(response)


def test_another_sites_supervisor_does_not_see_it(english, world, supervisor_b):
    leave_of_a(world)
    english.force_login(supervisor_b)
    assert list(english.get(URL).context["page"]) == []


def test_hr_and_managers_see_the_company(english, world):
    leave_of_a(world)
    leaves(world.person_b, world.site_b, 1)
    for name in ("hr", "manager"):
        english.force_login(world.users[name])
        names = {leave.staff.name for leave in english.get(URL).context["page"]}
        assert names == {"张三", "李四"}


def test_the_list_filters_by_status(english, world):
    leave_of_a(world)
    leaves(world.person_b, world.site_b, 1, LeaveStatus.REJECTED)
    english.force_login(world.hr)
    response = english.get(URL, {"status": "rejected"})
    assert [leave.staff.name for leave in response.context["page"]] == ["李四"]
    assert 'href="?status=rejected"' in page_text(response)


def test_the_list_is_paginated_by_thirty(english, world):
    leaves(world.person_a, world.site_a, 31)
    english.force_login(world.staff_a)
    assert len(english.get(URL).context["page"]) == 30
    assert len(english.get(URL, {"page": 2}).context["page"]) == 1


@pytest.mark.parametrize("role", ["finance", "client_a", "outsider"])
def test_roles_without_leave_are_forbidden(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403


def test_the_query_count_does_not_grow_with_the_rows(client, world, django_assert_num_queries):
    client.force_login(world.hr)
    leaves(world.person_a, world.site_a, 1)
    with django_assert_num_queries(7):
        assert len(client.get(URL).context["page"]) == 1
    other = factories.StaffFactory(company=world.company)
    leaves(other, world.site_b, 20)
    leaves(world.person_b, world.site_b, 6, LeaveStatus.APPROVED)
    with django_assert_num_queries(7):
        assert len(client.get(URL).context["page"]) == 27


def test_staff_see_their_balances_of_the_year(client, world):
    world.person_a.career_start = D(2014, 3, 1)  # twelve years of service: 10 days
    world.person_a.save()
    year = timezone.localdate().year
    approved = D(year, 1, 5)
    leave(world.person_a, world.site_a, approved, approved, kind="annual", days=Decimal(2))
    client.force_login(world.staff_a)
    response = client.get(URL)
    balances = dict((b.kind, b) for _label, b in response.context["balances"])
    assert set(balances) == {"annual", "compensatory"}
    assert (balances["annual"].entitled, balances["annual"].left) == (10, 8)
    assert "8 天" in response.content.decode()


def test_an_overdrawn_balance_reads_as_overdrawn(client, world):
    world.person_a.career_start = D(2020, 3, 1)  # 5 days
    world.person_a.save()
    year = timezone.localdate().year
    leave(world.person_a, world.site_a, D(year, 1, 5), D(year, 1, 9), kind="annual", days=7)
    client.force_login(world.staff_a)
    page = client.get(URL).content.decode()
    assert "-2 天" in page and "超出" in page


def test_without_a_start_of_service_the_balance_says_so_instead_of_zero(client, world):
    world.person_a.career_start = world.person_a.employment_start = None
    world.person_a.save()
    client.force_login(world.staff_a)
    response = client.get(URL)
    (annual,) = response.context["balances"][:1]
    assert annual[1].unknown
    assert "入职日期" in response.content.decode()


def test_people_without_a_staff_record_see_no_balances(client, world):
    client.force_login(world.hr)
    assert client.get(URL).context["balances"] == []


def test_a_staff_members_list_with_balances_costs_the_same_whatever_the_rows(
    client, world, django_assert_num_queries
):
    client.force_login(world.staff_a)
    leaves(world.person_a, world.site_a, 1)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(URL).context["page"]) == 1
    Leave.objects.all().delete()
    leaves(world.person_a, world.site_a, 20, LeaveStatus.APPROVED)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(URL).context["page"]) == 20
    assert len(few) == len(many) == 16
