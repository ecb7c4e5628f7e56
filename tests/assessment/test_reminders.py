"""The scoring reminder (SPEC §12): each scorer with people left to score is reminded once per
cycle, the policy's days before its scoring deadline (or later, up to the deadline, when the job
missed the day), of how many people are left and the deadline; never about their own record."""

import datetime

import pytest
from django.urls import reverse

from assessment.models import Scorer
from assessment.services import cycles, scores
from assessment.services.reminders import REMINDER, scorers_remind
from onsite.models import Notification
from onsite.notifications import render
from onsite.policy import policy_set
from onsite.reminders import reminder_kinds
from tests import factories

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 10, 15)
DUE = DEADLINE - datetime.timedelta(days=3)


@pytest.fixture
def cycle(world):
    return cycles.cycle_open(
        company=world.company, label="2026Q3", scoring_deadline=DEADLINE, by=world.hr
    )


def reminded(user):
    return list(Notification.objects.filter(recipient=user, kind=REMINDER))


def score_everything_of(world, cycle, person, supervisor):
    for c in cycle.criteria.all():
        by = world.manager if c.scorer == Scorer.MANAGER else supervisor
        scores.score_set(cycle=cycle, staff=person, criterion=c, score="85", by=by)


def test_each_scorer_is_reminded_once_of_the_people_left_and_the_deadline(world, cycle):
    assert scorers_remind(today=DUE) == 2  # the supervisor of site A, the manager
    assert scorers_remind(today=DUE) == 0
    (supervisor,) = reminded(world.supervisor_a)
    # Site A has 张三 only; 乙中心 has no supervisor, so nobody is reminded for it.
    assert supervisor.params == {"cycle": "2026Q3", "count": 1, "date": "2026-10-15"}
    (manager,) = reminded(world.manager)
    assert manager.params["count"] == 2  # teamwork of 张三 and 李四
    text = render(REMINDER, manager.params)
    assert "2026Q3" in text.title and "2" in text.title and "2026-10-15" in text.body
    assert text.url == reverse("assessment:scoring")
    assert not reminded(world.hr) and not reminded(world.staff_a)


def test_scorers_who_finished_are_not_reminded(world, cycle):
    score_everything_of(world, cycle, world.person_a, world.supervisor_a)
    assert scorers_remind(today=DUE) == 1
    assert not reminded(world.supervisor_a)
    assert reminded(world.manager)[0].params["count"] == 1  # only 李四 left


def test_satisfaction_left_counts_when_the_rest_is_scored(world, cycle):
    # Everything but satisfaction scored: with no rated tickets it is the supervisor's to score.
    for c in cycle.criteria.exclude(scorer=Scorer.COMPUTED):
        by = world.manager if c.scorer == Scorer.MANAGER else world.supervisor_a
        scores.score_set(cycle=cycle, staff=world.person_a, criterion=c, score="70", by=by)
    scorers_remind(today=DUE)
    assert reminded(world.supervisor_a)[0].params["count"] == 1


@pytest.mark.parametrize(
    "today, sent",
    [
        (DEADLINE - datetime.timedelta(days=4), 0),  # too early
        (DUE, 2),
        (DEADLINE - datetime.timedelta(days=1), 2),  # the job missed the day: still sent
        (DEADLINE, 2),  # the last day to score
        (DEADLINE + datetime.timedelta(days=1), 0),  # past the deadline
    ],
)
def test_only_from_the_reminder_day_to_the_deadline(world, cycle, today, sent):
    assert scorers_remind(today=today) == sent


def test_a_missed_day_still_sends_only_once(world, cycle):
    assert scorers_remind(today=DEADLINE - datetime.timedelta(days=1)) == 2
    assert scorers_remind(today=DEADLINE) == 0


def test_a_closed_cycle_reminds_nobody(world, cycle):
    cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
    assert scorers_remind(today=DUE) == 2  # scoring still reminds
    other = cycles.cycle_open(
        company=world.company, label="2026Q2", scoring_deadline=DEADLINE, by=world.hr
    )
    cycles.cycle_start_scoring(cycle=other, by=world.hr)
    cycles.cycle_close(cycle=other, by=world.hr)
    assert scorers_remind(today=DUE) == 0


def test_the_policy_days_change_the_day(world, cycle):
    policy_set(key="assessment_reminder_days", value=7, company=world.company, by=world.hr)
    assert scorers_remind(today=DEADLINE - datetime.timedelta(days=8)) == 0
    assert scorers_remind(today=DEADLINE - datetime.timedelta(days=7)) == 2


def test_nobody_is_reminded_about_their_own_record(two_roles):
    world = two_roles
    cycle = cycles.cycle_open(
        company=world.company, label="2026Q3", scoring_deadline=DEADLINE, by=world.hr
    )
    # 钱军 supervises site A and is placed there: everyone else of site A scored.
    for person in (world.person_a, world.hr_person):
        for c in cycle.criteria.exclude(scorer=Scorer.MANAGER):
            scores.score_set(
                cycle=cycle, staff=person, criterion=c, score="80", by=world.supervisor_staff
            )
    scorers_remind(today=DUE)
    assert not reminded(world.supervisor_staff)
    # The other supervisor of site A still has 钱军 to score, and only him.
    assert reminded(world.supervisor_a)[0].params["count"] == 1


def test_the_job_is_registered_with_the_core_reminders():
    assert REMINDER in {entry.kind for entry in reminder_kinds()}


def test_the_reads_do_not_grow_with_the_people(world, cycle, django_assert_max_num_queries):
    for n in range(3):
        factories.colleague_of(world, name=f"同事{n}")
    with django_assert_max_num_queries(60) as captured:
        assert scorers_remind(today=DUE) == 2
    few = len(captured)
    Notification.objects.all().delete()
    from onsite.models import ReminderClaim

    ReminderClaim.objects.all().delete()
    for n in range(3, 30):
        factories.colleague_of(world, name=f"同事{n}")
    with django_assert_max_num_queries(few):
        assert scorers_remind(today=DUE) == 2
    assert reminded(world.supervisor_a)[0].params["count"] == 31
