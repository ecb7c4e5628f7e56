"""The result pages of a cycle (SPEC §12): the company's and a site's ranking with ties sharing a
rank in both rankings, the people flagged for position adjustment apart, the grade distribution's
JSON, the XLSX (with formula cells neutralised), the provisional ranking of an open cycle, who
reads what (404 outside), and a fixed number of queries whatever the number of people."""

from __future__ import annotations

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import Result
from assessment.services import cycles
from assessment.views import results as results_views
from onsite.roles import Role
from tests import factories
from tests.assessment.test_cycles import opened, resolved_ticket, score_all
from tests.pages import words

pytestmark = pytest.mark.django_db

EVERYTHING = ("performance", "attitude", "teamwork", "satisfaction")


def scored(world, close=True):
    """Site A: 张三 and 王五 tie at 90.0, 赵六 59.6 (flagged); site B: 李四 90.0 — three share the
    company's first place and 赵六 is fourth."""
    cycle = opened(world)
    third = factories.colleague_of(world, "王五")
    low = factories.colleague_of(world, "赵六")
    score_all(world, cycle, world.person_a, dict.fromkeys(EVERYTHING, 90))
    score_all(world, cycle, third, dict.fromkeys(EVERYTHING, 90))
    score_all(world, cycle, low, dict.fromkeys(EVERYTHING, "59.5") | {"satisfaction": 60})
    score_all(world, cycle, world.person_b, dict.fromkeys(EVERYTHING, 90))
    if close:
        cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
        cycles.cycle_close(cycle=cycle, by=world.hr)
    return cycle, third, low


def ranks(response) -> dict[str, tuple[str, str]]:
    """{name: (site rank, company rank)} from the table's rows."""
    text = response.content.decode()
    found = {}
    for chunk in text.split("<tr data-staff=")[1:]:
        site_rank = chunk.split('data-site-rank="')[1].split('"')[0]
        company_rank = chunk.split('data-company-rank="')[1].split('"')[0]
        name = re.sub(
            r"<[^>]+>",
            "",
            chunk.split('<th scope="row" class="fw-normal text-nowrap">')[1].split("</th>")[0],
        )
        found[name] = (site_rank, company_rank)
    return found


def company_url(cycle):
    return reverse("assessment:results_company", args=[cycle.pk])


def site_url(cycle, site):
    return reverse("assessment:results_site", args=[cycle.pk, site.pk])


def test_the_company_page_ranks_everyone_with_ties_sharing_a_place(client, world):
    cycle, *_people = scored(world)
    client.force_login(world.hr)
    response = client.get(company_url(cycle))
    assert response.status_code == 200
    assert ranks(response) == {
        "张三": ("1", "1"),
        "王五": ("1", "1"),
        "李四": ("1", "1"),
        "赵六": ("3", "4"),
    }
    text = words(response)
    assert "优秀" in text and "不合格" in text and "59.6" in text
    # Rows run by company rank: the three firsts, then 赵六.
    assert list(ranks(response))[-1] == "赵六"


def test_the_site_page_ranks_the_site_and_lists_the_flagged_apart(client, world):
    cycle, _third, low = scored(world)
    client.force_login(world.supervisor_a)
    response = client.get(site_url(cycle, world.site_a))
    assert response.status_code == 200
    # Each name leads to the person's result.
    result = Result.objects.get(cycle=cycle, staff=low)
    assert f'href="{reverse("assessment:result", args=[result.pk])}"' in response.content.decode()
    assert client.get(reverse("assessment:result", args=[result.pk])).status_code == 200
    assert ranks(response) == {"张三": ("1", "1"), "王五": ("1", "1"), "赵六": ("3", "4")}
    flagged = response.content.decode().split('data-testid="flagged"')[1].split("</ul>")[0]
    assert f'data-staff="{low.pk}"' in flagged
    assert "赵六" in flagged and "张三" not in flagged and "王五" not in flagged
    assert 'data-testid="results-pdf"' in response.content.decode()


def test_the_chart_data_counts_each_grade(client, world):
    cycle, *_people = scored(world)
    client.force_login(world.manager)
    response = client.get(company_url(cycle))
    source = response.content.decode().split('id="grade-chart-data"')[1]
    data = json.loads(source.split(">", 1)[1].split("</script>")[0])
    assert [(g["key"], g["name"], g["count"]) for g in data["grades"]] == [
        ("excellent", "优秀", 3),
        ("good", "良好", 0),
        ("pass", "合格", 0),
        ("fail", "不合格", 1),
    ]
    assert 'id="grade-chart"' in response.content.decode()
    assert 'role="img" aria-label="' in response.content.decode()


def test_an_open_cycle_shows_its_provisional_ranking_without_saving(client, world):
    cycle, _third, _low = scored(world, close=False)
    client.force_login(world.hr)
    response = client.get(site_url(cycle, world.site_a))
    assert response.status_code == 200
    assert ranks(response) == {"张三": ("1", "1"), "王五": ("1", "1"), "赵六": ("3", "4")}
    assert 'data-testid="provisional"' in response.content.decode()
    assert "暂定" in words(response)
    # No PDF before the close, and nothing was stored.
    assert 'data-testid="results-pdf"' not in response.content.decode()
    assert not Result.objects.filter(cycle=cycle).exists()


def test_the_provisional_ranking_computes_satisfaction_from_ticket_ratings(client, world):
    cycle, _third, _low = scored(world, close=False)
    # Three ratings of 5 make 张三's satisfaction 100 in place of the 90 scored: 92.0, alone first.
    for _n in range(3):
        resolved_ticket(world, world.person_a, 5, datetime.date(2026, 8, 3))
    client.force_login(world.hr)
    response = client.get(company_url(cycle))
    assert ranks(response)["张三"] == ("1", "1")
    assert ranks(response)["王五"] == ("2", "2")
    row = response.content.decode().split(f'data-staff="{world.person_a.pk}"')[1].split("</tr>")[0]
    assert "100.0" in row and "92.0" in row
    assert not Result.objects.filter(cycle=cycle).exists()


def test_a_department_manager_reads_only_their_departments_people(client, world):
    cycle, third, _low = scored(world)
    department = factories.DepartmentFactory(company=world.company, name="运维部")
    third.department = department
    third.save(update_fields=["department"])
    user = factories.UserFactory(username="dept_manager")
    factories.RoleGrantFactory(
        user=user, role=Role.MANAGER, company=world.company, department=department
    )
    client.force_login(user)
    response = client.get(company_url(cycle))
    assert response.status_code == 200
    # Their one person, with the company's ranks as they are.
    assert ranks(response) == {"王五": ("1", "1")}
    site_page = client.get(site_url(cycle, world.site_a))
    assert ranks(site_page) == {"王五": ("1", "1")}
    assert 'data-testid="results-pdf"' not in site_page.content.decode()
    pdf = client.post(reverse("assessment:results_pdf", args=[cycle.pk, world.site_a.pk]))
    assert pdf.status_code == 403


def test_outside_the_scope_is_404(client, world):
    cycle, *_people = scored(world)
    supervisor_b = factories.UserFactory(username="supervisor_b_only")
    factories.RoleGrantFactory(user=supervisor_b, role=Role.SUPERVISOR, site=world.site_b)
    client.force_login(supervisor_b)
    assert client.get(site_url(cycle, world.site_a)).status_code == 404
    assert client.get(site_url(cycle, world.site_b)).status_code == 200
    assert client.get(company_url(cycle)).status_code == 404
    client.force_login(world.staff_a)
    assert client.get(site_url(cycle, world.site_a)).status_code == 404
    assert client.get(company_url(cycle)).status_code == 404
    xlsx = reverse("assessment:results_xlsx", args=[cycle.pk, world.site_a.pk])
    assert client.get(xlsx).status_code == 404
    # Another company's HR does not find the cycle at all.
    client.force_login(factories.RoleGrantFactory(role=Role.HR_ADMIN).user)
    assert client.get(company_url(cycle)).status_code == 404
    # A site the company does not serve is not in the cycle.
    client.force_login(world.hr)
    stranger = factories.SiteFactory(code="Z", name="外单位")
    assert client.get(site_url(cycle, stranger)).status_code == 404


def test_a_long_ranking_reads_a_page_at_a_time_while_the_counts_cover_everyone(
    client, world, monkeypatch
):
    cycle, *_people = scored(world)
    monkeypatch.setattr(results_views, "RANKING_PAGE", 3)
    client.force_login(world.hr)
    first = client.get(company_url(cycle))
    assert list(ranks(first)) == ["张三", "李四", "王五"]
    assert "第 1 页，共 2 页" in words(first)
    assert 'data-count="excellent">3 人' in first.content.decode()
    assert 'data-count="fail">1 人' in first.content.decode()
    second = client.get(company_url(cycle) + "?page=2")
    assert list(ranks(second)) == ["赵六"]


def sheet_values(response) -> list[list]:
    book = load_workbook(io.BytesIO(response.content))
    return [[cell.value for cell in row] for row in book.active.iter_rows()]


def test_the_xlsx_holds_the_ranking_with_formulas_neutralised(client, world):
    cycle, third, _low = scored(world)
    third.name = '=HYPERLINK("http://evil","王五")'
    third.save(update_fields=["name"])
    client.force_login(world.hr)
    response = client.get(reverse("assessment:results_xlsx", args=[cycle.pk, world.site_a.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    values = sheet_values(response)
    assert values[0][0] == "甲机房 · 2026Q3 考核结果"
    header = values[2]
    assert header[:5] == ["公司排名", "现场排名", "工号", "姓名", "驻场地点"]
    assert header[5:9] == ["工作业绩 40%", "工作态度 20%", "团队协作 20%", "客户满意度 20%"]
    assert header[9:] == ["总分", "等级", "调岗", "状态"]
    body = values[3:]
    assert [row[3] for row in body] == ["张三", '\'=HYPERLINK("http://evil","王五")', "赵六"]
    assert body[2][:2] == [4, 3] and body[2][5:] == [
        59.5, 59.5, 59.5, 60, 59.6, "不合格", "是", "待签字确认"
    ]  # fmt: skip
    cell = load_workbook(io.BytesIO(response.content)).active.cell(row=5, column=4)
    assert cell.data_type == "s"
    company = client.get(reverse("assessment:results_xlsx", args=[cycle.pk]))
    assert len(sheet_values(company)) == 3 + 4


def add_people(world, cycle, count):
    contract = world.person_a.assignments.get().contract
    for n in range(count):
        person = factories.StaffFactory(company=world.company, name=f"加人{n:02d}")
        factories.AssignmentFactory(staff=person, site=world.site_a, contract=contract)
        factories.ResultFactory(
            cycle=cycle,
            staff=person,
            site=world.site_a,
            total=Decimal(70 + n % 20),
            site_rank=n + 4,
            company_rank=n + 5,
        )
        for criterion in cycle.criteria.all():
            factories.ScoreFactory(cycle=cycle, staff=person, criterion=criterion, score=70)


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "open"])
@pytest.mark.parametrize("page", ["company", "site", "xlsx"])
def test_the_pages_take_as_many_queries_for_3_people_as_for_30(
    client, world, page, closed, django_assert_num_queries
):
    cycle, *_people = scored(world, close=closed)
    client.force_login(world.hr)
    url = {
        "company": company_url(cycle),
        "site": site_url(cycle, world.site_a),
        "xlsx": reverse("assessment:results_xlsx", args=[cycle.pk, world.site_a.pk]),
    }[page]
    few = queries_of(client, url)
    add_people(world, cycle, 27)
    many = queries_of(client, url)
    assert few == many
    with django_assert_num_queries(PINNED[page, closed]):
        response = client.get(url)
    if page != "xlsx":
        assert len(ranks(response)) == (4 + 27 if page == "company" else 3 + 27)


# Session, user, grants and staff record, the cycle, the site (site pages), the sites list
# (company page), then the ranking: a closed cycle's criteria, results, months and scores; an
# open one's policy, months, scores, everyone's ticket ratings, placements, people and sites.
PINNED = {
    ("company", True): 11,
    ("site", True): 11,
    ("xlsx", True): 10,
    ("company", False): 15,
    ("site", False): 15,
    ("xlsx", False): 14,
}
