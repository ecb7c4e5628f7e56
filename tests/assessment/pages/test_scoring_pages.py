"""The scorer's pages (SPEC §12): 待评分 lists the people each scorer scores in the open cycles
with what is left; the form of one person shows the facts of the period beside the scores and
saves all of the reader's scores at once or none. A supervisor scores the people of their sites,
the manager their teamwork; nobody their own record; a closed cycle is read-only unless an appeal
reopens the person's scores for the manager.

An empty box leaves its criterion unscored; a box that held a score and is emptied is refused."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.models import Cycle, Result, ResultStatus, Score
from assessment.services import cycles, scores
from onsite import facts
from onsite.facts import Fact
from tests import factories
from tests.dates import SHANGHAI

pytestmark = pytest.mark.django_db

LIST = reverse("assessment:scoring")
DEADLINE = datetime.date(2026, 10, 15)


@pytest.fixture
def cycle(world) -> Cycle:
    return cycles.cycle_open(
        company=world.company, label="2026Q3", scoring_deadline=DEADLINE, by=world.hr
    )


def form_url(cycle: Cycle, person) -> str:
    return reverse("assessment:score_person", args=[cycle.pk, person.pk])


def criterion(cycle: Cycle, key: str):
    return cycle.criteria.get(key=key)


def typed(cycle: Cycle, **values: str) -> dict[str, str]:
    """The form's boxes: score_<pk> by criterion key, comment_<pk> for `<key>_comment`."""
    data = {}
    for key, value in values.items():
        if key.endswith("_comment"):
            data[f"comment_{criterion(cycle, key.removesuffix('_comment')).pk}"] = value
        else:
            data[f"score_{criterion(cycle, key).pk}"] = value
    return data


def scored(cycle: Cycle, person) -> dict[str, Decimal]:
    return dict(
        Score.objects.filter(cycle=cycle, staff=person).values_list("criterion__key", "score")
    )


def resolved_ticket(world, person, rating: int, day: datetime.date):
    resolved = datetime.datetime.combine(day, datetime.time(15, 0), tzinfo=SHANGHAI)
    return factories.TicketFactory(
        site=world.site_a,
        company=world.company,
        assignee=person,
        raised_at=resolved - datetime.timedelta(hours=3),
        resolved_at=resolved,
        closed_at=resolved,
        status="closed",
        rating=rating,
    )


def rows_of(response) -> dict[int, object]:
    return {row.staff_id: row for row in response.context["page"]}


# 待评分 --------------------------------------------------------------------------------------------


def test_a_supervisor_lists_the_people_of_their_site_with_what_is_left(english, world, cycle):
    english.force_login(world.supervisor_a)
    response = english.get(LIST)
    rows = rows_of(response)
    assert list(rows) == [world.person_a.pk]  # 李四 is at site B
    (row,) = rows.values()
    # Performance, attitude, and satisfaction (no rated ticket: the supervisor scores it).
    assert [i.criterion.key for i in row.items] == ["performance", "attitude", "satisfaction"]
    assert row.left == 3
    html = response.content.decode()
    assert "3 left" in html and "张三" in html and "甲机房" in html
    assert form_url(cycle, world.person_a) in html


def test_the_manager_lists_everyone_for_teamwork(english, world, cycle):
    english.force_login(world.manager)
    rows = rows_of(english.get(LIST))
    assert set(rows) == {world.person_a.pk, world.person_b.pk}
    assert all([i.criterion.key for i in r.items] == ["teamwork"] for r in rows.values())


def test_people_scored_show_as_done_and_the_filter_leaves_them_out(english, world, cycle):
    colleague = factories.colleague_of(world)
    for key in ("performance", "attitude", "satisfaction"):
        scores.score_set(
            cycle=cycle,
            staff=world.person_a,
            criterion=criterion(cycle, key),
            score="80",
            by=world.supervisor_a,
        )
    english.force_login(world.supervisor_a)
    response = english.get(LIST)
    rows = rows_of(response)
    assert rows[world.person_a.pk].is_done and rows[colleague.pk].left == 3
    assert 'data-testid="done"' in response.content.decode()
    assert "1 of 2 people left" in response.content.decode()
    assert set(rows_of(english.get(LIST, {"left": "1"}))) == {colleague.pk}


@pytest.mark.parametrize("role", ["hr", "staff_a", "finance", "client_a", "outsider"])
def test_who_scores_nobody_is_forbidden_the_list(client, world, cycle, role):
    client.force_login(world.users[role])
    assert client.get(LIST).status_code == 403


def test_a_closed_cycle_leaves_the_list(client, world, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(status="closed")
    client.force_login(world.supervisor_a)
    response = client.get(LIST)
    assert response.status_code == 200 and rows_of(response) == {}


def test_the_list_costs_the_same_for_3_and_30_people(client, world, cycle):
    client.force_login(world.supervisor_a)
    people = [factories.colleague_of(world, name=f"同事{n}") for n in range(2)]
    # One of them with enough rated tickets: their satisfaction is computed.
    for rating in (5, 4, 4):
        resolved_ticket(world, people[0], rating, datetime.date(2026, 8, 3))
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(LIST).context["page"]) == 3
    for n in range(27):
        person = factories.colleague_of(world, name=f"新人{n}")
        resolved_ticket(world, person, 5, datetime.date(2026, 8, 4))
    scores.score_set(
        cycle=cycle,
        staff=people[1],
        criterion=criterion(cycle, "performance"),
        score="90",
        by=world.supervisor_a,
    )
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(LIST).context["page"]) == 30
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_list_query_count_is_pinned(client, world, cycle, django_assert_num_queries):
    client.force_login(world.manager)
    client.get(LIST)  # the session and the policy read once
    with django_assert_num_queries(9):
        client.get(LIST)


def test_computed_satisfaction_is_not_left_on_the_list(world, cycle, client):
    for rating in (5, 4, 4):
        resolved_ticket(world, world.person_a, rating, datetime.date(2026, 7, 20))
    client.force_login(world.supervisor_a)
    (row,) = rows_of(client.get(LIST)).values()
    states = {i.criterion.key: i.computed for i in row.items}
    assert states == {"performance": False, "attitude": False, "satisfaction": True}
    assert row.left == 2


# The form -----------------------------------------------------------------------------------------


def test_the_form_shows_the_person_the_cycle_and_the_facts_with_their_sources(
    english, world, cycle, monkeypatch
):
    def source(*, staff, first, last):
        assert (first, last) == (cycle.first_day, cycle.last_day)
        return [
            Fact("tickets", "Tickets handled", "12", "/tickets/?who=1", 20),
            Fact("attendance", "Late", "3 times", "/attendance/sheet/", 10),
            Fact("rewards", "Penalties", "0", "", 40),
        ]

    monkeypatch.setattr(facts, "_FACTS", [source])
    world.person_a.staff_no = "HX-0007"
    world.person_a.save()
    english.force_login(world.supervisor_a)
    response = english.get(form_url(cycle, world.person_a))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("张三", "HX-0007", "甲机房", "2026Q3", "2026-07-01"):
        assert text in html
    groups = response.context["facts"]
    assert [g["title"] for g in groups] == ["Attendance", "Tickets", "Rewards and penalties"]
    assert '<a href="/attendance/sheet/" data-fact>3 times</a>' in html
    assert '<a href="/tickets/?who=1" data-fact>12</a>' in html
    assert "<span data-fact>0</span>" in html
    editable = {row["criterion"].key: bool(row["field"]) for row in response.context["rows"]}
    assert editable == {
        "performance": True,
        "attitude": True,
        "teamwork": False,
        "satisfaction": True,
    }
    assert 'step="0.1"' in html and 'max="100"' in html


def test_the_supervisor_saves_their_scores_and_goes_to_the_next_person(client, world, cycle):
    colleague = factories.colleague_of(world)
    client.force_login(world.supervisor_a)
    response = client.post(
        form_url(cycle, world.person_a),
        typed(cycle, performance="88.5", attitude="90", satisfaction="75", attitude_comment="认真"),
    )
    assert response.status_code == 302
    assert response.url == form_url(cycle, colleague)
    assert scored(cycle, world.person_a) == {
        "performance": Decimal("88.5"),
        "attitude": Decimal("90.0"),
        "satisfaction": Decimal("75.0"),
    }
    attitude = Score.objects.get(staff=world.person_a, criterion__key="attitude")
    assert (attitude.comment, attitude.scored_by) == ("认真", world.supervisor_a)
    # The last one scored: back to the list.
    response = client.post(
        form_url(cycle, colleague), typed(cycle, performance="70", attitude="70", satisfaction="70")
    )
    assert response.url == LIST


def test_the_manager_scores_teamwork_only(client, world, cycle):
    client.force_login(world.manager)
    response = client.get(form_url(cycle, world.person_b))
    assert [r["criterion"].key for r in response.context["rows"] if r["field"]] == ["teamwork"]
    response = client.post(
        form_url(cycle, world.person_b), typed(cycle, teamwork="82", performance="100")
    )
    assert response.status_code == 302
    # The performance box is not the manager's: it is not even read.
    assert scored(cycle, world.person_b) == {"teamwork": Decimal("82.0")}


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("101", "A score is a number from 0 to 100."),
        ("-1", "A score is a number from 0 to 100."),
        ("12.34", "A score has at most one decimal."),
        ("abc", "A score is a number from 0 to 100."),
        ("NaN", "A score is a number from 0 to 100."),
    ],
)
def test_a_refused_value_saves_nothing_and_names_the_criterion(
    english, world, cycle, value, reason
):
    english.force_login(world.supervisor_a)
    response = english.post(
        form_url(cycle, world.person_a), typed(cycle, performance="88", attitude=value)
    )
    assert response.status_code == 200
    assert scored(cycle, world.person_a) == {}
    html = response.content.decode()
    assert f"{criterion(cycle, 'attitude').label}: {reason}" in html
    assert "Nothing is saved:" in html
    # The values typed are shown again.
    assert 'value="88"' in html and f'value="{value}"' in html


def test_an_empty_box_is_left_unscored(client, world, cycle):
    client.force_login(world.supervisor_a)
    response = client.post(form_url(cycle, world.person_a), typed(cycle, performance="80"))
    assert response.status_code == 302
    assert scored(cycle, world.person_a) == {"performance": Decimal("80.0")}
    client.force_login(world.supervisor_a)
    (row,) = rows_of(client.get(LIST)).values()
    assert row.left == 2


def test_a_score_given_cannot_be_emptied_and_nothing_typed_is_refused(english, world, cycle):
    english.force_login(world.supervisor_a)
    english.post(form_url(cycle, world.person_a), typed(cycle, performance="80"))
    response = english.post(
        form_url(cycle, world.person_a), typed(cycle, performance="", attitude="70")
    )
    label = criterion(cycle, "performance").label
    assert f"{label}: a score given is changed, never emptied" in response.content.decode()
    assert scored(cycle, world.person_a) == {"performance": Decimal("80.0")}
    Score.objects.all().delete()
    response = english.post(form_url(cycle, world.person_a), {})
    assert "Type at least one score." in response.content.decode()


def test_a_refusal_of_the_service_midway_saves_none_of_the_scores(
    english, world, cycle, monkeypatch
):
    real = scores.score_set

    def refuse_attitude(**kwargs):
        if kwargs["criterion"].key == "attitude":
            from onsite.transitions import Refused

            raise Refused("The cycle changed meanwhile.")
        return real(**kwargs)

    monkeypatch.setattr("assessment.views.scoring.score_set", refuse_attitude)
    english.force_login(world.supervisor_a)
    response = english.post(
        form_url(cycle, world.person_a), typed(cycle, performance="80", attitude="70")
    )
    assert response.status_code == 200
    label = criterion(cycle, "attitude").label
    assert f"{label}: The cycle changed meanwhile." in response.content.decode()
    assert scored(cycle, world.person_a) == {}


def test_computed_satisfaction_shows_its_tickets_and_is_nobodys_to_type(english, world, cycle):
    tickets = [
        resolved_ticket(world, world.person_a, rating, datetime.date(2026, 8, 10))
        for rating in (5, 4, 4)
    ]
    english.force_login(world.supervisor_a)
    response = english.get(form_url(cycle, world.person_a))
    html = response.content.decode()
    assert "Computed from 3 rated tickets:" in html
    assert '<span class="fs-5" data-score>86.7</span>' in html
    for ticket in tickets:
        assert reverse("tickets:detail", args=[ticket.pk]) in html
    assert "4 of 5" in html
    satisfaction = next(r for r in response.context["rows"] if r["computed"])
    assert satisfaction["field"] is None
    response = english.post(
        form_url(cycle, world.person_a),
        {**typed(cycle, performance="80"), f"score_{criterion(cycle, 'satisfaction').pk}": "10"},
    )
    assert response.status_code == 302
    assert scored(cycle, world.person_a) == {"performance": Decimal("80.0")}


def test_too_few_rated_tickets_leave_satisfaction_to_the_supervisor(english, world, cycle):
    resolved_ticket(world, world.person_a, 3, datetime.date(2026, 8, 10))
    english.force_login(world.supervisor_a)
    html = english.get(form_url(cycle, world.person_a)).content.decode()
    assert "1 rated ticket, fewer than 3: the site supervisor scores it." in html


# Scope --------------------------------------------------------------------------------------------


def test_a_supervisor_of_another_site_gets_404(client, world, cycle, supervisor_b):
    client.force_login(supervisor_b)
    assert client.get(form_url(cycle, world.person_a)).status_code == 404
    assert (
        client.post(form_url(cycle, world.person_a), typed(cycle, performance="1")).status_code
        == 404
    )
    assert client.get(form_url(cycle, world.person_b)).status_code == 200


def test_nobody_scores_their_own_record(client, two_roles, cycle):
    world = two_roles
    own = form_url(cycle, world.supervisor_person)
    client.force_login(world.supervisor_staff)
    assert client.get(own).status_code == 404
    assert client.post(own, typed(cycle, performance="100")).status_code == 404
    assert world.supervisor_person.pk not in rows_of(client.get(LIST))
    # 钱军 still scores his colleagues at site A.
    assert client.get(form_url(cycle, world.person_a)).status_code == 200
    client.force_login(world.hr_staff)
    assert client.get(form_url(cycle, world.hr_person)).status_code == 404
    assert client.get(LIST).status_code == 403
    assert not Score.objects.exists()


def test_inside_with_nothing_to_score_the_post_is_forbidden(client, world, cycle):
    client.force_login(world.supervisor_a)
    for key in ("performance", "attitude", "satisfaction"):
        criterion(cycle, key).delete()
    response = client.get(form_url(cycle, world.person_a))
    assert response.status_code == 200 and response.context["form"] is None
    assert client.post(form_url(cycle, world.person_a), {}).status_code == 403


def test_a_closed_cycle_is_read_only_with_its_message(english, world, cycle):
    scores.score_set(
        cycle=cycle,
        staff=world.person_a,
        criterion=criterion(cycle, "performance"),
        score="77.5",
        comment="稳定",
        by=world.supervisor_a,
    )
    cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
    cycles.cycle_close(cycle=cycle, by=world.hr)
    english.force_login(world.supervisor_a)
    response = english.get(form_url(cycle, world.person_a))
    html = response.content.decode()
    assert response.context["form"] is None
    assert "The cycle 2026Q3 is closed: its scores are locked." in html
    assert "77.5" in html and "稳定" in html
    response = english.post(form_url(cycle, world.person_a), typed(cycle, performance="99"))
    assert response.status_code == 302
    assert scored(cycle, world.person_a)["performance"] == Decimal("77.5")


def test_an_appeal_reopens_the_persons_scores_for_the_manager(client, world, cycle):
    cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
    scores.score_set(
        cycle=cycle,
        staff=world.person_a,
        criterion=criterion(cycle, "teamwork"),
        score="60",
        by=world.manager,
    )
    cycles.cycle_close(cycle=cycle, by=world.hr)
    Result.objects.filter(cycle=cycle, staff=world.person_a).update(
        status=ResultStatus.APPEALED, appeal_reason="团队协作分数偏低"
    )
    client.force_login(world.manager)
    response = client.get(form_url(cycle, world.person_a))
    assert response.context["form"] is not None and response.context["reopened"]
    response = client.post(form_url(cycle, world.person_a), typed(cycle, teamwork="75"))
    # Back to the result, where the manager decides the appeal.
    result = Result.objects.get(cycle=cycle, staff=world.person_a)
    assert response.url == reverse("assessment:result", args=[result.pk])
    assert scored(cycle, world.person_a)["teamwork"] == Decimal("75.0")
    # 李四 did not appeal: his scores stay locked.
    assert client.get(form_url(cycle, world.person_b)).context["form"] is None


def test_an_unknown_cycle_or_a_person_not_assessed_in_it_is_404(client, world, cycle):
    client.force_login(world.manager)
    assert (
        client.get(
            reverse("assessment:score_person", args=[cycle.pk + 99, world.person_a.pk])
        ).status_code
        == 404
    )
    stranger = factories.StaffFactory(company=world.company, name="未驻场")
    assert client.get(form_url(cycle, stranger)).status_code == 404
    beyond = f"/assessment/scoring/{cycle.pk}/99999999999999999999/"
    assert client.get(beyond).status_code == 404
    assert client.get(LIST, {"page": "99999999999999999999", "left": "²"}).status_code == 200
