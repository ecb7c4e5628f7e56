import datetime

import pytest
from django.urls import reverse

from attendance.models import Correction, CorrectionStatus
from tests import factories
from tests.dates import MONDAY, at
from tests.pages import page_text

URL = reverse("attendance:correction_list")


def corrections(person, site, count: int, status=CorrectionStatus.PENDING) -> list[Correction]:
    return Correction.objects.bulk_create(
        Correction(
            staff=person,
            site=site,
            at=at(MONDAY + datetime.timedelta(days=n), "17:35"),
            reason=f"忘记打卡{n}",
            status=status,
        )
        for n in range(count)
    )


def test_staff_see_their_own_requests_and_a_way_to_ask(english, world):
    corrections(world.person_a, world.site_a, 1)
    corrections(world.person_b, world.site_b, 1)
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    assert "张三 · 2026-10-12 17:35" in text
    assert "李四" not in text
    assert reverse("attendance:correction_new") in text


def test_a_supervisor_sees_what_waits_first_and_only_their_sites(english, world):
    decided = corrections(world.person_a, world.site_a, 1, CorrectionStatus.APPROVED)[0]
    Correction.objects.filter(pk=decided.pk).update(at=at(MONDAY, "08:25"))
    corrections(world.person_a, world.site_a, 1)
    corrections(world.person_b, world.site_b, 1)
    english.force_login(world.supervisor_a)
    response = english.get(URL)
    assert [c.status for c in response.context["page"]] == ["pending", "approved"]
    assert "李四" not in page_text(response)
    assert reverse("attendance:correction_new") not in page_text(response)


def test_the_list_filters_by_status(english, world):
    corrections(world.person_a, world.site_a, 2)
    corrections(world.person_b, world.site_b, 1, CorrectionStatus.REJECTED)
    english.force_login(world.hr)
    response = english.get(URL, {"status": "rejected"})
    assert [c.staff.name for c in response.context["page"]] == ["李四"]


@pytest.mark.parametrize("role", ["finance", "client_a", "outsider"])
def test_roles_without_corrections_are_forbidden(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403


def test_the_query_count_does_not_grow_with_the_rows(client, world, django_assert_num_queries):
    client.force_login(world.hr)
    corrections(world.person_a, world.site_a, 2)
    with django_assert_num_queries(7):
        client.get(URL)
    other = factories.StaffFactory(company=world.company)
    corrections(other, world.site_b, 25)
    with django_assert_num_queries(7):
        assert len(client.get(URL).context["page"]) == 27
