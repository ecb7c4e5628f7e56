"""HR's pages of assessment cycles and criteria (SPEC §12): the list of cycles with their status
and progress and the form that opens one; the cycle's page with its criteria, progress per
criterion and the buttons that start scoring, close and reopen it; the company's criteria.

Who: HR and the manager of the company read the cycles, HR alone acts (the manager's POST is
403); the criteria page is HR's alone. A supervisor or a member of staff has the scoring page or
their result instead: these pages are not there for them (404), nor for HR of another company."""

from __future__ import annotations

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.models import Criterion, Cycle, CycleStatus, Result
from assessment.services import cycles
from onsite.periods import Quarter
from onsite.roles import Role
from tests import factories
from tests.dates import THURSDAY

pytestmark = pytest.mark.django_db

CRITERIA_COUNT = 4


def opened(world, label="2026Q3") -> Cycle:
    return cycles.cycle_open(
        company=world.company, label=label, scoring_deadline=THURSDAY, by=world.hr
    )


def scoring(world) -> Cycle:
    cycle = opened(world)
    return cycles.cycle_start_scoring(cycle=cycle, by=world.hr)


def said(client, response) -> list[str]:
    """The messages the person reads on the page the response shows or leads to."""
    if response.status_code == 302:
        response = client.get(response.url)
    return [str(m) for m in response.context["messages"]]


def move(client, cycle, **data):
    return client.post(reverse("assessment:cycle_move", args=[cycle.pk]), data)


def rows_data(rows, *, delete=()) -> dict:
    data = {"criteria-TOTAL_FORMS": len(rows), "criteria-INITIAL_FORMS": len(rows)}
    for n, (key, label, weight, scorer) in enumerate(rows):
        data |= {
            f"criteria-{n}-key": key,
            f"criteria-{n}-label": label,
            f"criteria-{n}-weight": weight,
            f"criteria-{n}-scorer": scorer,
            f"criteria-{n}-order": n,
        }
        if n in delete:
            data[f"criteria-{n}-DELETE"] = "on"
    return data


DEFAULT_ROWS = [
    ("performance", "工作业绩", 40, "supervisor"),
    ("attitude", "工作态度", 20, "supervisor"),
    ("teamwork", "团队协作", 20, "manager"),
    ("satisfaction", "客户满意度", 20, "computed"),
]


def criteria_url(world) -> str:
    return reverse("assessment:criteria", args=[world.company.pk])


# 考核周期 -------------------------------------------------------------------------------------------


def test_hr_reads_each_cycle_with_its_status_and_progress(english, world):
    cycle = scoring(world)
    factories.ScoreFactory(criterion=cycle.criteria.get(key="performance"), staff=world.person_a)
    english.force_login(world.hr)
    response = english.get(reverse("assessment:cycles"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("assessment:cycle", args=[cycle.pk]) in page
    assert 'data-status="scoring">Scoring<' in page
    # Two people placed in the quarter, four criteria each: one score of eight.
    assert "1 of 8 scores（12%）" in page
    assert reverse("assessment:criteria", args=[world.company.pk]) in page
    assert 'data-testid="cycle-open"' in page


def test_the_list_is_newest_first(english, world):
    older = opened(world, "2026Q2")
    newer = opened(world, "2026Q3")
    english.force_login(world.hr)
    page = english.get(reverse("assessment:cycles")).content.decode()
    assert page.index(f'data-cycle="{newer.pk}"') < page.index(f'data-cycle="{older.pk}"')


def test_the_open_form_suggests_the_current_quarter(english, world):
    english.force_login(world.hr)
    form = english.get(reverse("assessment:cycles")).context["form"]
    quarter = Quarter.containing(timezone.localdate())
    assert form.initial["label"] == quarter.label
    assert form.initial["scoring_deadline"] > quarter.last
    # HR of one company does not choose it: it is sent along.
    assert 'type="hidden" name="company"' in form.as_p() or form["company"].is_hidden


def test_hr_of_two_companies_chooses_the_company(english, world):
    other = factories.CompanyFactory(name="远达服务")
    factories.RoleGrantFactory(user=world.hr, role=Role.HR_ADMIN, company=other)
    english.force_login(world.hr)
    page = english.get(reverse("assessment:cycles")).content.decode()
    assert '<select name="company"' in page and "远达服务" in page
    assert "Criteria of 远达服务" in page


def test_the_list_costs_the_same_queries_with_one_or_five_cycles(
    client, world, django_assert_num_queries
):
    opened(world, "2026Q1")
    client.force_login(world.hr)
    client.get(reverse("assessment:cycles"))
    # Session, user, roles, staff record, the unread count, the companies read and run, the page
    # count and its cycles with their progress.
    with django_assert_num_queries(9):
        assert client.get(reverse("assessment:cycles")).status_code == 200
    for label in ("2025Q4", "2026Q2", "2026Q3", "2026-07"):
        cycle = opened(world, label)
        factories.ScoreFactory(criterion=cycle.criteria.first(), staff=world.person_b)
    with django_assert_num_queries(9):
        response = client.get(reverse("assessment:cycles"))
    assert len(response.context["page"]) == 5


def test_hr_opens_a_cycle(english, world):
    english.force_login(world.hr)
    response = english.post(
        reverse("assessment:cycle_open"),
        {"company": world.company.pk, "label": "2026Q3", "scoring_deadline": "2026-10-15"},
    )
    cycle = Cycle.objects.get(company=world.company, label="2026Q3")
    assert response.url == reverse("assessment:cycle", args=[cycle.pk])
    assert said(english, response) == [f"The cycle 2026Q3 of {world.company.name} is open."]
    assert (cycle.status, cycle.opened_by, cycle.criteria.count()) == (
        CycleStatus.OPEN,
        world.hr,
        CRITERIA_COUNT,
    )


def test_a_cycle_named_wrongly_is_refused_with_the_reason(english, world):
    english.force_login(world.hr)
    response = english.post(
        reverse("assessment:cycle_open"),
        {"company": world.company.pk, "label": "2026Q5", "scoring_deadline": "2026-10-15"},
    )
    assert response.url == reverse("assessment:cycles")
    assert said(english, response) == [
        "Name the cycle as a quarter (2026Q3) or a month (2026-07), not “2026Q5”."
    ]
    assert not Cycle.objects.exists()


def test_the_same_cycle_twice_is_refused(english, world):
    opened(world)
    english.force_login(world.hr)
    response = english.post(
        reverse("assessment:cycle_open"),
        {"company": world.company.pk, "label": "2026Q3", "scoring_deadline": "2026-10-15"},
    )
    assert said(english, response) == [f"2026Q3 is already open for {world.company.name}."]
    assert Cycle.objects.count() == 1


def test_a_deadline_out_of_bounds_is_a_message_not_an_error(english, world):
    english.force_login(world.hr)
    response = english.post(
        reverse("assessment:cycle_open"),
        {"company": world.company.pk, "label": "2026Q3", "scoring_deadline": "0001-01-01"},
    )
    assert response.status_code == 302 and said(english, response)
    assert not Cycle.objects.exists()


# The cycle's page ---------------------------------------------------------------------------------


def test_the_cycle_page_shows_period_deadline_criteria_and_progress(english, world):
    cycle = scoring(world)
    factories.ScoreFactory(criterion=cycle.criteria.get(key="performance"), staff=world.person_a)
    english.force_login(world.hr)
    response = english.get(reverse("assessment:cycle", args=[cycle.pk]))
    page = response.content.decode()
    assert "2026-07-01 – 2026-09-30" in page and ">2026-10-15<" in page
    assert 'data-criterion="performance"' in page and "40%" in page
    assert "Site supervisor" in page and "Company manager" in page
    assert "Computed from ticket ratings" in page
    assert [(c.key, c.scored) for c in response.context["criteria"]] == [
        ("performance", 1),
        ("attitude", 0),
        ("teamwork", 0),
        ("satisfaction", 0),
    ]
    assert "1 of 2（50%）" in page
    assert 'data-testid="close"' in page and 'data-testid="start"' not in page


def test_hr_starts_scoring_closes_and_reopens_with_a_reason(english, world):
    cycle = opened(world)
    english.force_login(world.hr)
    assert said(english, move(english, cycle, action="start")) == ["Scoring of 2026Q3 has started."]
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.SCORING
    response = move(english, cycle, action="close", confirm="1")
    assert said(english, response) == [
        "2026Q3 is closed: the results are computed and the scores locked."
    ]
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED and cycle.closed_at is not None
    page = english.get(reverse("assessment:cycle", args=[cycle.pk])).content.decode()
    assert 'data-testid="reopen"' in page and 'name="reason"' in page
    response = move(english, cycle, action="reopen", reason="补录张三的团队协作分")
    assert said(english, response) == ["2026Q3 is reopened for scoring."]
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.SCORING
    assert cycle.history.first().history_change_reason == "补录张三的团队协作分"
    page = english.get(reverse("assessment:cycle", args=[cycle.pk])).content.decode()
    assert "补录张三的团队协作分" in page


def test_reopening_without_a_reason_is_refused(english, world):
    cycle = scoring(world)
    cycles.cycle_close(cycle=cycle, by=world.hr)
    english.force_login(world.hr)
    response = move(english, cycle, action="reopen", reason="   ")
    assert said(english, response) == ["Say why the closed cycle is reopened."]
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED


def test_closing_needs_the_box_ticked(english, world):
    cycle = scoring(world)
    english.force_login(world.hr)
    response = move(english, cycle, action="close")
    assert said(english, response) == [
        "Tick the box to confirm: closing computes the results and locks every score."
    ]
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.SCORING


def test_a_second_close_is_told_the_cycle_changed_meanwhile(english, world):
    cycle = scoring(world)
    factories.ScoreFactory(criterion=cycle.criteria.get(key="performance"), staff=world.person_a)
    english.force_login(world.hr)
    first = move(english, cycle, action="close", confirm="1")
    assert said(english, first) == [
        "2026Q3 is closed: the results are computed and the scores locked."
    ]
    results = list(Result.objects.values_list("pk", "total"))
    closes = cycle.history.filter(status=CycleStatus.CLOSED).count()
    response = move(english, cycle, action="close", confirm="1")
    assert said(english, response) == ["This cycle changed meanwhile: it is now “Closed”."]
    assert list(Result.objects.values_list("pk", "total")) == results
    assert cycle.history.filter(status=CycleStatus.CLOSED).count() == closes == 1


@pytest.mark.postgres(reason="two requests in two threads wait on PostgreSQL's row lock")
@pytest.mark.django_db(transaction=True)
def test_two_closes_at_once_close_the_cycle_once(world, settings):
    cycle = scoring(world)
    start = threading.Barrier(2)
    heard, errors = [], []

    def click() -> None:
        browser = Client()
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        browser.force_login(world.hr)
        try:
            start.wait(timeout=10)
            response = move(browser, cycle, action="close", confirm="1")
            # The messages of the request itself: the test client's page contexts are not
            # kept apart between threads.
            heard.extend(str(m) for m in get_messages(response.wsgi_request))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(heard) == [
        "2026Q3 is closed: the results are computed and the scores locked.",
        "This cycle changed meanwhile: it is now “Closed”.",
    ]
    assert cycle.history.filter(status=CycleStatus.CLOSED).count() == 1


def test_an_unknown_move_changes_nothing(english, world):
    cycle = opened(world)
    english.force_login(world.hr)
    response = move(english, cycle, action="delete")
    assert response.status_code == 302 and said(english, response)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN


def test_a_manager_reads_but_may_not_act(english, world):
    cycle = opened(world)
    english.force_login(world.manager)
    assert english.get(reverse("assessment:cycles")).status_code == 200
    page = english.get(reverse("assessment:cycle", args=[cycle.pk])).content.decode()
    assert "2026Q3" in page and 'data-testid="cycle-actions"' not in page
    assert move(english, cycle, action="start").status_code == 403
    response = english.post(
        reverse("assessment:cycle_open"),
        {"company": world.company.pk, "label": "2026Q4", "scoring_deadline": "2027-01-15"},
    )
    assert response.status_code == 403
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN and Cycle.objects.count() == 1
    assert english.get(criteria_url(world)).status_code == 404


@pytest.mark.parametrize("role", ["supervisor_a", "staff_a", "finance", "client_a"])
def test_the_pages_are_not_there_for_supervisors_staff_and_others(client, world, role):
    cycle = opened(world)
    client.force_login(world.users[role])
    assert client.get(reverse("assessment:cycles")).status_code == 404
    assert client.get(reverse("assessment:cycle", args=[cycle.pk])).status_code == 404
    assert move(client, cycle, action="start").status_code == 404
    assert client.get(criteria_url(world)).status_code == 404
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN


def test_hr_of_another_company_sees_neither_the_cycle_nor_the_criteria(client, world):
    cycle = opened(world)
    other_hr = factories.UserFactory(username="hr_other")
    factories.RoleGrantFactory(
        user=other_hr, role=Role.HR_ADMIN, company=factories.CompanyFactory(name="远达服务")
    )
    client.force_login(other_hr)
    assert cycle.pk not in [c.pk for c in client.get(reverse("assessment:cycles")).context["page"]]
    assert client.get(reverse("assessment:cycle", args=[cycle.pk])).status_code == 404
    assert move(client, cycle, action="start").status_code == 404
    assert client.get(criteria_url(world)).status_code == 404
    assert client.post(criteria_url(world), rows_data(DEFAULT_ROWS)).status_code == 404


# The company's criteria --------------------------------------------------------------------------


def test_hr_reads_the_default_four_until_the_company_sets_its_own(english, world):
    english.force_login(world.hr)
    response = english.get(criteria_url(world))
    page = response.content.decode()
    assert 'data-testid="default-note"' in page and 'data-testid="closed-note"' in page
    assert [f["key"].value() for f in response.context["formset"].forms[:4]] == [
        "performance",
        "attitude",
        "teamwork",
        "satisfaction",
    ]
    assert 'data-testid="weight-sum">100<' in page
    assert "assessment/criteria.js" in page and "The weights must add up to 100." in page
    assert "<template data-empty-row>" in page and "criteria-__prefix__-key" in page


def test_weights_of_99_are_refused_with_the_message_and_nothing_saved(english, world):
    rows = [*DEFAULT_ROWS[:3], ("satisfaction", "客户满意度", 19, "computed")]
    english.force_login(world.hr)
    response = english.post(criteria_url(world), rows_data(rows))
    assert response.status_code == 200
    assert said(english, response) == ["The weights add up to 99; they must add up to 100."]
    assert not Criterion.objects.exists()
    # The rows typed are kept for correcting, with their total.
    assert 'data-testid="weight-sum">99<' in response.content.decode()


def test_weights_of_100_are_saved(english, world):
    rows = [*DEFAULT_ROWS[:2], ("teamwork", "团队合作", 30, "manager")]
    rows = [(k, label, 50 if k == "performance" else w, s) for k, label, w, s in rows]
    english.force_login(world.hr)
    response = english.post(criteria_url(world), rows_data(rows))
    assert response.url == criteria_url(world)
    assert said(english, response) == [
        f"The criteria of {world.company.name} are saved; cycles opened from now on use them."
    ]
    assert list(
        Criterion.objects.filter(company=world.company).values_list("key", "label", "weight")
    ) == [
        ("performance", "工作业绩", 50),
        ("attitude", "工作态度", 20),
        ("teamwork", "团队合作", 30),
    ]
    page = english.get(criteria_url(world)).content.decode()
    assert 'data-testid="default-note"' not in page


def test_a_row_is_added_and_a_row_removed(english, world):
    rows = [
        ("performance", "工作业绩", 40, "supervisor"),
        ("attitude", "工作态度", 20, "supervisor"),
        ("teamwork", "团队协作", 20, "manager"),
        ("satisfaction", "客户满意度", 20, "computed"),
        ("innovation", "创新", 20, "manager"),
    ]
    english.force_login(world.hr)
    # The attitude row removed, an innovation row added: still 100.
    response = english.post(criteria_url(world), rows_data(rows, delete=(1,)))
    assert response.status_code == 302
    assert list(Criterion.objects.values_list("key", flat=True)) == [
        "performance",
        "teamwork",
        "satisfaction",
        "innovation",
    ]


def test_a_row_without_an_order_keeps_its_place(english, world):
    english.force_login(world.hr)
    data = rows_data([*DEFAULT_ROWS[:3], ("innovation", "创新", 20, "computed")])
    data["criteria-0-order"] = ""
    data["criteria-3-order"] = ""
    assert english.post(criteria_url(world), data).status_code == 302
    assert list(Criterion.objects.values_list("key", "order")) == [
        ("performance", 0),
        ("attitude", 1),
        ("teamwork", 2),
        ("innovation", 3),
    ]


def test_a_blank_last_row_is_left_out(english, world):
    english.force_login(world.hr)
    data = rows_data(DEFAULT_ROWS)
    data |= {"criteria-TOTAL_FORMS": 5, "criteria-4-key": "", "criteria-4-scorer": ""}
    assert english.post(criteria_url(world), data).status_code == 302
    assert Criterion.objects.count() == 4


def test_a_row_that_is_not_a_criterion_is_refused_on_the_page(english, world):
    rows = [*DEFAULT_ROWS[:3], ("client satisfaction!", "", 20, "robot")]
    english.force_login(world.hr)
    response = english.post(criteria_url(world), rows_data(rows))
    assert response.status_code == 200
    assert said(english, response) == ["The criteria are not saved: correct the rows marked."]
    assert "is-invalid" in response.content.decode()
    assert not Criterion.objects.exists()


def test_a_post_without_its_rows_is_refused_not_an_error(english, world):
    english.force_login(world.hr)
    response = english.post(criteria_url(world), {"criteria-0-key": "x"})
    assert response.status_code == 200 and not Criterion.objects.exists()


def test_a_closed_cycle_keeps_its_criteria_after_a_change(english, world):
    cycle = scoring(world)
    cycles.cycle_close(cycle=cycle, by=world.hr)
    before = list(cycle.criteria.values_list("key", "label", "weight", "scorer"))
    english.force_login(world.hr)
    rows = [("performance", "工作业绩", 70, "supervisor"), ("teamwork", "团队协作", 30, "manager")]
    assert english.post(criteria_url(world), rows_data(rows)).status_code == 302
    assert list(cycle.criteria.values_list("key", "label", "weight", "scorer")) == before
    page = english.get(reverse("assessment:cycle", args=[cycle.pk])).content.decode()
    assert 'data-criterion="attitude"' in page and "40%" in page
    # The next cycle opens with the new ones.
    assert list(opened(world, "2026Q4").criteria.values_list("key", "weight")) == [
        ("performance", 70),
        ("teamwork", 30),
    ]


def test_the_pages_read_in_chinese(client, world):
    cycle = scoring(world)
    client.force_login(world.hr)
    page = client.get(reverse("assessment:cycles")).content.decode()
    assert "考核周期" in page and ">评分中<" in page
    page = client.get(reverse("assessment:cycle", args=[cycle.pk])).content.decode()
    assert "工作业绩" in page and "关闭考核周期" in page
    rows = [*DEFAULT_ROWS[:3], ("satisfaction", "客户满意度", 19, "computed")]
    response = client.post(criteria_url(world), rows_data(rows))
    assert said(client, response) == ["权重合计为 99，须为 100。"]
    assert "权重合计须为 100" in response.content.decode()
