"""考核结果 (SPEC §12): HR and managers choose the company's results or a site's; a supervisor
only their own sites'; a person with no results of others to read gets 404; the page reads the
same number of queries for one cycle as for six."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("assessment:results_choose")


def cycles(world, count):
    labels = ["2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"]
    for label in labels[:count]:
        factories.CycleFactory(company=world.company, label=label)


def test_hr_chooses_the_company_or_any_site(client, world):
    cycles(world, 1)
    client.force_login(world.hr)
    text = client.get(URL).content.decode()
    assert "全公司" in text and world.site_a.name in text and world.site_b.name in text


def test_a_supervisor_chooses_only_their_sites(client, world):
    cycles(world, 1)
    client.force_login(world.supervisor_a)
    text = client.get(URL).content.decode()
    assert world.site_a.name in text and world.site_b.name not in text
    assert "全公司" not in text


def test_staff_have_no_results_of_others_to_choose(client, world):
    client.force_login(world.staff_a)
    assert client.get(URL).status_code == 404


def test_the_page_reads_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.hr)
    factories.CycleFactory(company=world.company, label="2026Q3")
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for label in ("2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q4"):
        factories.CycleFactory(company=world.company, label=label)
    with django_assert_num_queries(len(one)):
        response = client.get(URL)
    assert response.content.decode().count("data-cycle=") == 6


def test_the_cycle_page_leads_to_its_ranking(client, world):
    cycle = factories.CycleFactory(company=world.company, label="2026Q3")
    client.force_login(world.hr)
    text = client.get(reverse("assessment:cycle", args=[cycle.pk])).content.decode()
    assert reverse("assessment:results_company", args=[cycle.pk]) in text and "临时排名" in text
