"""The weekly report statistics pages (SPEC §9): a site's week by person with its counts, chart
and XLSX, and each person's quarter on-time rate; scoped to the reader's sites and people."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from onsite.roles import Role
from tests import factories
from tests.dates import at
from tests.tickets.report_stats.conftest import LATER, NEXT_MONDAY, freeze, submit
from tests.tickets.report_stats.test_report_status_command import colleague


def url(world, name="tickets:report_stats", site=None, period="2026-W42"):
    return reverse(name, args=[(site or world.site_a).pk, period])


def chart_of(page: str) -> dict:
    start = page.index('id="stats-chart-data"')
    return json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])


@pytest.fixture
def week(world, monkeypatch):
    late = colleague(world, "王五")
    submit(world.person_a, world.site_a, at(NEXT_MONDAY, "12:59"))
    submit(late, world.site_a, at(NEXT_MONDAY.replace(day=21), "15:00"))
    freeze(monkeypatch, LATER)
    return world


def test_the_week_by_person_with_counts_and_chart(client, week):
    client.force_login(week.supervisor_a)
    response = client.get(url(week))
    assert response.status_code == 200
    page = response.content.decode()
    assert "张三" in page and "王五" in page and "李四" not in page
    assert "2026-10-19 12:59" in page
    assert ">2 天<" in page  # Wednesday 15:00, two days and two hours after the due time
    assert 'data-count="on_time">1<' in page and 'data-count="late">1<' in page
    assert 'data-figure="rate">50.0%<' in page
    assert "vendor/echarts/echarts.min.js" in page and "tickets/report_stats.js" in page
    chart = chart_of(page)
    assert chart["weeks"][-1] == "2026-W42" and len(chart["weeks"]) == 8
    assert [s["data"][-1] for s in chart["series"]] == [1, 1, 0, 0]
    assert [s["name"] for s in chart["series"]] == ["按时", "迟交", "逾期未交", "缺交"]
    assert ">迟交<" in page and ">免交<" in page


def test_the_page_costs_the_same_queries_however_many_people(
    client, week, django_assert_num_queries
):
    client.force_login(week.supervisor_a)
    client.get(url(week))
    # Session, user, roles, staff record, the site, 58 for the statistics, the unread count.
    with django_assert_num_queries(56):
        assert client.get(url(week)).status_code == 200
    for n in range(5):
        colleague(week, f"同事{n}")
    with django_assert_num_queries(56):
        assert client.get(url(week)).status_code == 200


def test_hr_of_another_company_sees_only_their_people(client, week):
    other = factories.CompanyFactory(name="远达服务")
    contract = factories.ContractFactory(
        company=other, client=week.site_a.client, sites=[week.site_a]
    )
    theirs = factories.StaffFactory(company=other, name="孙七")
    factories.AssignmentFactory(staff=theirs, site=week.site_a, contract=contract)
    hr = factories.UserFactory(username="hr_other")
    factories.RoleGrantFactory(user=hr, role=Role.HR_ADMIN, company=other)
    client.force_login(hr)
    page = client.get(url(week)).content.decode()
    assert "孙七" in page and "张三" not in page
    assert client.get(url(week, site=week.site_b)).status_code == 404
    client.force_login(week.supervisor_a)
    page = client.get(url(week)).content.decode()
    assert "孙七" in page and "张三" in page


@pytest.mark.parametrize("period", ["2026-W54", "2025-W53", "2026-41", "0000-W01", "²"])
def test_an_impossible_week_is_not_found(client, week, period):
    client.force_login(week.hr)
    assert client.get(url(week, period=period)).status_code == 404
    assert client.get(url(week, "tickets:report_stats_xlsx", period=period)).status_code == 404


def test_outside_the_scope_is_not_found(client, week):
    client.force_login(week.supervisor_a)
    assert client.get(url(week, site=week.site_b)).status_code == 404
    for name in ("staff_a", "client_a", "finance", "outsider"):
        client.force_login(getattr(week, name))
        assert client.get(url(week)).status_code == 404


def test_the_chooser_opens_last_week_by_default(client, week):
    client.force_login(week.hr)
    chooser = reverse("tickets:report_stats_choose")
    response = client.get(chooser, {"site": week.site_b.pk})
    # 18 November 2026 (the frozen clock) is in W47: last week is W46.
    assert response["Location"] == url(week, site=week.site_b, period="2026-W46")
    response = client.get(chooser, {"site": week.site_a.pk, "week": "2026-W42"})
    assert response["Location"] == url(week)
    assert client.get(chooser, {"week": "2026-W54"}).status_code == 404
    client.force_login(week.supervisor_a)
    assert client.get(chooser, {"site": week.site_b.pk}).status_code == 404
    assert "甲机房" in client.get(chooser).content.decode()


def test_the_xlsx_of_the_week(client, week):
    client.force_login(week.manager)
    response = client.get(url(week, "tickets:report_stats_xlsx"))
    assert response.status_code == 200
    assert "2026-W42" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    statuses = [row[4] for row in sheet.iter_rows(values_only=True) if row[0]]
    assert statuses[-2:] == ["on_time", "late"]


def test_the_quarter_rates(client, week, django_assert_num_queries):
    client.force_login(week.supervisor_a)
    quarter = url(week, "tickets:report_stats_quarter", period="2026Q4")
    client.get(quarter)
    with django_assert_num_queries(91):
        response = client.get(quarter)
    page = response.content.decode()
    assert "14.3%" in page  # 张三: one of seven weeks due on time
    assert "0.0%" in page  # 王五: late
    assert client.get(url(week, "tickets:report_stats_quarter", period="2026Q5")).status_code == 404
