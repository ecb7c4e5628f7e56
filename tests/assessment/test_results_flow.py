"""After the close (SPEC §12): the person acknowledges their result or appeals it within [5] days
with a reason; the appeal waits in the manager's inbox and reopens the person's scores for them;
upholding it (after re-scoring) ranks everyone again, rejecting needs a reason; either is in the
history. The manager records the outcome. Nobody acts on their own record."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assessment.models import Cycle, Result, ResultStatus, Score
from assessment.services import results, scores
from onsite.inbox import KINDS
from onsite.models import Notification
from onsite.org.models import Staff
from onsite.policy import policy_set
from onsite.transitions import Refused
from tests.assessment.test_pdf import closed_cycle

pytestmark = pytest.mark.django_db


def result_of(cycle, staff) -> Result:
    return Result.objects.select_related("cycle", "staff").get(cycle=cycle, staff=staff)


def closed_on(cycle, when: datetime.datetime) -> None:
    Cycle.objects.filter(pk=cycle.pk).update(closed_at=when)


def test_closing_tells_each_person_their_result_is_ready(world):
    cycle = closed_cycle(world)
    assert cycle.closed_at is not None
    ready = Notification.objects.filter(kind=results.RESULTS_READY)
    assert set(ready.values_list("recipient_id", flat=True)) >= {world.staff_a.pk}
    assert ready.filter(recipient=world.staff_a).count() == 1


def test_the_person_acknowledges_their_own_result_once(world):
    cycle = closed_cycle(world)
    result = result_of(cycle, world.person_a)
    with pytest.raises(Refused, match="本人"):
        results.result_acknowledge(result=result, by=world.manager)
    results.result_acknowledge(result=result, by=world.staff_a)
    result.refresh_from_db()
    assert result.status == ResultStatus.ACKNOWLEDGED and result.acknowledged_at
    with pytest.raises(Refused, match="已签字确认"):
        results.result_acknowledge(result=result, by=world.staff_a)


def test_an_appeal_is_taken_until_the_end_of_the_fifth_day_after_the_close(world):
    cycle = closed_cycle(world)
    # Closed on 10 October 2026 at 15:00 in Shanghai: appeals until 15 October 23:59:59.
    closed_on(cycle, datetime.datetime(2026, 10, 10, 7, 0, tzinfo=datetime.UTC))
    result = result_of(cycle, world.person_a)
    last = timezone.make_aware(datetime.datetime(2026, 10, 15, 23, 59, 59))
    assert results.appeal_deadline(result) >= last
    with pytest.raises(Refused, match="2026-10-15"):
        results.result_appeal(
            result=result, by=world.staff_a, reason="理由", now=last + datetime.timedelta(seconds=1)
        )
    with pytest.raises(Refused, match="申诉理由"):
        results.result_appeal(result=result, by=world.staff_a, reason="  ", now=last)
    results.result_appeal(result=result, by=world.staff_a, reason="团队协作分数偏低", now=last)
    result.refresh_from_db()
    assert result.status == ResultStatus.APPEALED and result.appeal_reason == "团队协作分数偏低"


def test_the_appeal_window_is_a_policy_number(world):
    policy_set(company=world.company, key="assessment_appeal_days", value=1, by=world.hr)
    cycle = closed_cycle(world)
    closed_on(cycle, datetime.datetime(2026, 10, 10, 7, 0, tzinfo=datetime.UTC))
    result = result_of(cycle, world.person_a)
    late = timezone.make_aware(datetime.datetime(2026, 10, 12, 0, 0))
    with pytest.raises(Refused, match="2026-10-11"):
        results.result_appeal(result=result, by=world.staff_a, reason="理由", now=late)


def test_an_appeal_reaches_the_managers_inbox_and_reopens_the_scores_for_them(world):
    cycle = closed_cycle(world)
    result = result_of(cycle, world.person_a)
    teamwork = cycle.criteria.get(key="teamwork")
    # Closed: nobody changes a score.
    with pytest.raises(Refused):
        scores.score_set(
            cycle=cycle, staff=world.person_a, criterion=teamwork, score=99, by=world.manager
        )
    results.result_appeal(result=result, by=world.staff_a, reason="团队协作分数偏低")
    assert Notification.objects.filter(recipient=world.manager, kind=results.APPEALED).exists()
    waiting = KINDS["appeal"].workflow.waiting_for(world.manager)
    assert list(waiting.values_list("pk", flat=True)) == [result.pk]
    assert not KINDS["appeal"].workflow.waiting_for(world.staff_a).exists()
    # Now the manager may re-score this person, and only this person; the supervisor may not.
    performance = cycle.criteria.get(key="performance")
    scores.score_set(
        cycle=cycle, staff=world.person_a, criterion=performance, score=100, by=world.manager
    )
    with pytest.raises(Refused):
        scores.score_set(
            cycle=cycle, staff=world.person_a, criterion=performance, score=1, by=world.supervisor_a
        )
    other = Result.objects.exclude(pk=result.pk).filter(cycle=cycle).first()
    with pytest.raises(Refused):
        scores.score_set(
            cycle=cycle, staff=other.staff, criterion=teamwork, score=1, by=world.manager
        )
    before = result.total
    decided = results.appeal_decide(result=result, by=world.manager, decision="upheld", note="")
    assert decided.status == ResultStatus.REVIEWED and decided.appeal_decision == "upheld"
    assert decided.total > before
    assert decided.appeal_decided_by == world.manager
    assert Notification.objects.filter(
        recipient=world.staff_a, kind=results.APPEAL_DECIDED
    ).exists()
    # Decided: the scores are locked again.
    with pytest.raises(Refused):
        scores.score_set(
            cycle=cycle, staff=world.person_a, criterion=performance, score=50, by=world.manager
        )
    assert Score.objects.get(cycle=cycle, staff=world.person_a, criterion=performance).score == 100
    # The decision is in the history, and the person may then acknowledge.
    changes = list(decided.history.order_by("-history_id").values_list("status", flat=True))
    assert changes[0] == "reviewed" and "appealed" in changes
    results.result_acknowledge(result=decided, by=world.staff_a)


def test_a_rejection_needs_a_reason_and_is_kept_in_the_history(world):
    cycle = closed_cycle(world)
    result = result_of(cycle, world.person_a)
    results.result_appeal(result=result, by=world.staff_a, reason="不认可")
    with pytest.raises(Refused, match="驳回"):
        results.appeal_decide(result=result, by=world.manager, decision="rejected", note=" ")
    results.appeal_decide(result=result, by=world.manager, decision="rejected", note="依据充分")
    result.refresh_from_db()
    assert result.appeal_decision == "rejected"
    assert result.history.latest("history_id").history_change_reason == "依据充分"
    # A second appeal of the same result is refused.
    with pytest.raises(Refused):
        results.result_appeal(result=result, by=world.staff_a, reason="再次申诉")


def test_nobody_decides_the_appeal_of_their_own_result(world, two_roles):
    # hr_staff is staff too; make them a manager of the company and let them appeal.
    from onsite.access import forget_access
    from tests import factories

    factories.RoleGrantFactory(user=two_roles.hr_staff, role="manager", company=world.company)
    forget_access(two_roles.hr_staff)
    cycle = closed_cycle(world)
    own = factories.ResultFactory(
        cycle=cycle, staff=Staff.objects.get(user=two_roles.hr_staff), site=world.site_a
    )
    results.result_appeal(result=own, by=two_roles.hr_staff, reason="偏低")
    with pytest.raises(Refused):
        results.appeal_decide(result=own, by=two_roles.hr_staff, decision="upheld")
    assert own.pk not in KINDS["appeal"].workflow.waiting_for(two_roles.hr_staff).values_list(
        "pk", flat=True
    )


def test_the_manager_records_an_outcome_but_not_on_a_bad_choice(world):
    cycle = closed_cycle(world)
    result = result_of(cycle, world.person_a)
    with pytest.raises(Refused):
        results.outcome_set(result=result, by=world.supervisor_a, outcome="bonus")
    with pytest.raises(Refused):
        results.outcome_set(result=result, by=world.manager, outcome="fired")
    results.outcome_set(result=result, by=world.manager, outcome="bonus", note="季度奖金 500 元")
    result.refresh_from_db()
    assert (result.outcome, result.outcome_note, result.outcome_by) == (
        "bonus",
        "季度奖金 500 元",
        world.manager,
    )


def test_two_managers_deciding_at_once_decide_once(world):
    cycle = closed_cycle(world)
    result = result_of(cycle, world.person_a)
    results.result_appeal(result=result, by=world.staff_a, reason="偏低")
    stale = result_of(cycle, world.person_a)
    results.appeal_decide(result=result, by=world.manager, decision="upheld")
    with pytest.raises(Refused, match="已"):
        results.appeal_decide(result=stale, by=world.manager, decision="rejected", note="不")
    assert result_of(cycle, world.person_a).appeal_decision == "upheld"
    assert Decimal(result_of(cycle, world.person_a).total) > 0
