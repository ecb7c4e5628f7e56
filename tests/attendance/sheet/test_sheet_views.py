"""The sheet list, a site's monthly sheet and its close and reopen buttons."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance.models import MonthClose, MonthStatus
from attendance.services.days import days_recompute
from tests import factories
from tests.dates import OCTOBER
from tests.factories import full_day


def sheet_url(site, month="2026-10"):
    return reverse("attendance:sheet", args=[site.pk, month])


def judge_october(*sites):
    days_recompute(start=OCTOBER, end=datetime.date(2026, 10, 31), site_ids=[s.pk for s in sites])


def paid(person, salary="6600.00"):
    person.monthly_salary = salary
    person.save()


def test_hr_sees_each_person_with_the_outcomes_and_the_deduction(client, world):
    paid(world.person_a)
    judge_october(world.site_a)
    client.force_login(world.hr)
    response = client.get(sheet_url(world.site_a))
    assert response.status_code == 200
    rows = response.context["sheet"].rows
    assert [r.name for r in rows] == ["张三"]
    # No punch all month: every workday absent, so every outcome applies.
    assert rows[0].absent == rows[0].scheduled > 3
    assert rows[0].deduction_amount == 6600
    assert "6600.00" in response.content.decode()
    assert rows[0].dismissal_review


def test_the_supervisor_sees_no_amounts(client, world):
    paid(world.person_a)
    judge_october(world.site_a)
    client.force_login(world.supervisor_a)
    response = client.get(sheet_url(world.site_a))
    assert response.status_code == 200
    assert response.context["show_amounts"] is False
    assert response.context["sheet"].rows[0].deduction_amount == 6600
    assert "6600.00" not in response.content.decode()


def test_a_supervisor_of_another_site_gets_404(client, world):
    client.force_login(world.supervisor_a)
    assert client.get(sheet_url(world.site_b)).status_code == 404


def test_staff_cannot_open_a_sheet(client, world):
    client.force_login(world.staff_a)
    assert client.get(sheet_url(world.site_a)).status_code == 403


def test_a_malformed_month_is_404(client, world):
    client.force_login(world.hr)
    assert client.get(sheet_url(world.site_a, "2026-13")).status_code == 404


def test_the_sheet_costs_the_same_queries_whatever_the_number_of_people(client, world):
    client.force_login(world.hr)
    judge_october(world.site_a)
    with CaptureQueriesContext(connection) as few:
        client.get(sheet_url(world.site_a))
    contract = world.person_a.assignments.get().contract
    contract.headcount = 50
    contract.save()
    for n in range(6):
        person = factories.StaffFactory(company=world.company, name=f"员工{n}")
        factories.AssignmentFactory(
            staff=person, site=world.site_a, contract=contract, start=datetime.date(2026, 1, 1)
        )
        full_day(person, world.site_a, "2026-10-13")
    judge_october(world.site_a)
    with CaptureQueriesContext(connection) as many:
        response = client.get(sheet_url(world.site_a))
    assert len(response.context["sheet"].rows) == 7
    assert len(many) == len(few)
    assert len(many) == 18


def test_the_list_shows_the_sites_and_whether_their_month_is_closed(client, world):
    judge_october(world.site_a, world.site_b)
    MonthClose.objects.create(site=world.site_b, month=OCTOBER, status=MonthStatus.CLOSED)
    client.force_login(world.hr)
    response = client.get(reverse("attendance:sheet_list"), {"month": "2026-10"})
    sites = {s["site"].code: (s["people"], s["status"]) for s in response.context["sites"]}
    assert sites == {"A": (1, "open"), "B": (1, "closed")}


def test_the_supervisor_lists_only_their_site(client, world):
    client.force_login(world.supervisor_a)
    response = client.get(reverse("attendance:sheet_list"), {"month": "2026-10"})
    assert [s["site"].code for s in response.context["sites"]] == ["A"]


def test_hr_closes_and_reopens_the_month(client, world):
    client.force_login(world.hr)
    response = client.post(reverse("attendance:sheet_close", args=[world.site_a.pk, "2026-10"]))
    assert response.status_code == 302
    assert MonthClose.objects.get(site=world.site_a, month=OCTOBER).status == MonthStatus.CLOSED
    page = client.get(sheet_url(world.site_a)).content.decode()
    assert 'name="reason"' in page
    client.post(
        reverse("attendance:sheet_reopen", args=[world.site_a.pk, "2026-10"]),
        {"reason": "补录打卡"},
    )
    record = MonthClose.objects.get(site=world.site_a, month=OCTOBER)
    assert record.status == MonthStatus.OPEN
    assert record.history.latest().history_change_reason == "补录打卡"


def test_reopening_without_a_reason_says_so_and_keeps_it_closed(client, world):
    MonthClose.objects.create(site=world.site_a, month=OCTOBER, status=MonthStatus.CLOSED)
    client.force_login(world.hr)
    response = client.post(
        reverse("attendance:sheet_reopen", args=[world.site_a.pk, "2026-10"]),
        {"reason": ""},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]]
    assert MonthClose.objects.get(site=world.site_a, month=OCTOBER).status == MonthStatus.CLOSED


def test_a_supervisor_cannot_close_a_month(client, world):
    client.force_login(world.supervisor_a)
    response = client.post(reverse("attendance:sheet_close", args=[world.site_a.pk, "2026-10"]))
    assert response.status_code == 403
    assert not MonthClose.objects.exists()


def test_hr_judges_a_month_again_from_the_sheet(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.hr)
    assert not world.person_a.days.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("attendance:sheet_recompute", args=[world.site_a.pk, "2026-10"])
        )
    assert response.status_code == 302
    # October 2026 has 18 working days on the China calendar.
    assert world.person_a.days.filter(date__month=10).count() == 18


def test_hr_sees_an_open_months_deduction_marked_provisional(client, world):
    paid(world.person_a)
    judge_october(world.site_a)
    client.force_login(world.hr)
    page = client.get(sheet_url(world.site_a)).content.decode()
    assert "暂计" in page
    MonthClose.objects.create(site=world.site_a, month=OCTOBER, status=MonthStatus.CLOSED)
    page = client.get(sheet_url(world.site_a)).content.decode()
    assert "暂计" not in page


def test_in_chinese_lateness_reads_in_times_and_minutes_under_a_name_column(client, world):
    full_day(world.person_a, world.site_a, "2026-10-12", start="08:50")  # 20 minutes late
    full_day(world.person_a, world.site_a, "2026-10-13", start="08:55")  # 25 minutes late
    judge_october(world.site_a)
    client.force_login(world.hr)
    sheet = client.get(sheet_url(world.site_a)).content.decode()
    assert ">姓名</th>" in sheet and ">名称</th>" not in sheet
    assert "2 次 / 45 分钟" in sheet
    assert "′" not in sheet
    month = client.get(
        reverse("attendance:person_month", args=[world.person_a.pk, "2026-10"])
    ).content.decode()
    assert ">2 次 / 45 分钟</dd>" in month
    assert ">0 次 / 0 分钟</dd>" in month  # left early: never
