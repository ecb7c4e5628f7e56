"""费用统计, the page (SPEC §10): the table per site and category in yuan, flagged sites marked
费用异常 with their average, the chart's data, the XLSX, who reads it, and a pinned query count."""

from __future__ import annotations

import datetime
import io
import json
import re

import openpyxl
import pytest
from django.urls import reverse

from onsite.roles import Role
from tests import factories
from tests.dates import MONDAY
from tests.staffing.expenses.stats.helpers import spend

URL = reverse("staffing:expense_stats")
QUERIES = 11


@pytest.fixture
def spent(world):
    spend(world.person_a, world.site_a, datetime.date(2026, 9, 1), "300.00")
    spend(world.person_a, world.site_a, MONDAY, "1234.50", category="transport")
    spend(world.person_b, world.site_b, MONDAY, "80.00")
    return world


def page(client, user, **query):
    client.force_login(user)
    return client.get(URL, {"company": "", "month": "2026-10", **query})


def test_finance_reads_the_table_in_yuan_with_the_anomaly_marked(client, spent):
    response = page(client, spent.finance, company=spent.company.pk)
    assert response.status_code == 200
    text = response.content.decode()
    assert "恒信技术服务 · 2026-10 费用统计" in text
    assert "本月有 1 个驻场地点费用异常。" in text
    assert "¥1,234.50" in text and "¥80.00" in text
    flagged = response.context["table"].flagged
    assert [row.site.code for row in flagged] == ["A"]
    assert "费用异常" in text
    assert 'data-site="A" class="table-warning" data-flagged' in text
    assert 'data-site="B" class="table-warning"' not in text
    assert "¥100.00" in text  # site A's average of ¥300 over three months


def test_the_chart_carries_twelve_months_per_category(client, spent):
    response = page(client, spent.hr)
    text = response.content.decode()
    assert "vendor/echarts/echarts.min.js" in text and "staffing/expense_stats.js" in text
    found = re.search(r'<script id="stats-chart-data"[^>]*>(.*?)</script>', text, re.S)
    data = json.loads(found.group(1))
    assert len(data["months"]) == 12 and data["months"][-1] == "2026-10"
    transport = next(s for s in data["series"] if s["key"] == "transport")
    assert transport["name"] == "交通" and transport["data"][-1] == 1234.5


def test_a_site_chosen_for_the_chart(client, spent):
    response = page(client, spent.manager, site=spent.site_b.pk)
    assert response.context["chart_site"] == spent.site_b
    meals = next(s for s in response.context["chart"]["series"] if s["key"] == "meals")
    assert meals["data"][-1] == 80.0


def test_the_xlsx_has_the_table(client, spent):
    client.force_login(spent.finance)
    response = client.get(reverse("staffing:expense_stats_xlsx"), {"month": "2026-10"})
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:2] == ("驻场地点编号", "交通")  # labelled in the reader's language
    assert rows[1][0] == "A" and rows[1][-1] == "费用异常"
    assert rows[2][0] == "B" and rows[2][-1] is None


@pytest.mark.parametrize("name", ["staff_a", "supervisor_a", "client_a", "outsider"])
def test_others_are_refused(client, world, name):
    assert page(client, world.users[name]).status_code == 403


def test_another_companys_statistics_are_not_there(client, world):
    other = factories.CompanyFactory(name="别家公司")
    assert page(client, world.finance, company=other.pk).status_code == 404
    assert page(client, world.finance, company="abc").status_code == 404


def test_someone_of_two_companies_chooses_one(client, world):
    other = factories.CompanyFactory(name="别家公司")
    factories.RoleGrantFactory(user=world.finance, role=Role.FINANCE, company=other)
    response = page(client, world.finance, company=other.pk)
    assert response.status_code == 200
    assert response.context["company"] == other
    assert 'id="stats-company"' in response.content.decode()


def test_a_bad_month_says_so_and_shows_last_month(client, world):
    response = page(client, world.finance, month="2026-13")
    assert response.status_code == 200
    assert "2026-13" in response.content.decode()
    assert response.context["month"].label != "2026-13"


def test_the_query_count_does_not_grow_with_sites(client, spent, django_assert_num_queries):
    page(client, spent.finance)
    # The session, the user and their grants, the menu, the companies, the policy, the sites,
    # the month, the months before and the trend: the same whatever the number of sites.
    with django_assert_num_queries(QUERIES):
        client.get(URL, {"month": "2026-10"})
    contract = spent.person_a.assignments.get().contract
    for n in range(5):
        site = factories.SiteFactory(client=contract.client, code=f"X{n}")
        contract.sites.add(site)
        spend(spent.person_b, site, MONDAY, "10.00")
    with django_assert_num_queries(QUERIES):
        response = client.get(URL, {"month": "2026-10"})
    assert len(response.context["table"].rows) == 7
