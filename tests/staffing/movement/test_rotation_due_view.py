import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onsite.periods import add_months
from tests import factories
from tests.staffing.movement.conftest import page_text

URL = reverse("staffing:rotation_due")


@pytest.fixture
def long_placed(world):
    """张三 at site A for thirteen months, whatever today is."""
    placement = world.person_a.assignments.get()
    placement.start = add_months(timezone.localdate(), -13)
    placement.save()
    contract = placement.contract
    contract.start = placement.start
    contract.save()
    return placement


def test_hr_and_the_manager_see_who_is_due(english, world, long_placed):
    for user in (world.hr, world.manager):
        english.force_login(user)
        text = page_text(english.get(URL))
        assert "张三" in text and "13 months" in text
        assert "李四" not in text


def test_another_companys_hr_sees_nobody(english, world, long_placed):
    other_hr = factories.UserFactory()
    factories.RoleGrantFactory(user=other_hr, role="hr_admin", company=factories.CompanyFactory())
    english.force_login(other_hr)
    assert "Nobody is due for rotation." in page_text(english.get(URL))


def test_other_roles_are_not_allowed(client, world):
    for user in (world.supervisor_a, world.staff_a, world.finance, world.client_a):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_the_page_costs_the_same_queries_for_one_or_many(client, world, long_placed):
    client.force_login(world.hr)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for _n in range(5):
        factories.AssignmentFactory(
            staff=factories.StaffFactory(company=world.company),
            site=world.site_a,
            contract=long_placed.contract,
            start=long_placed.start + datetime.timedelta(days=1),
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert page_text(response).count("list-group-item") >= 6
    assert len(many) == len(one)
