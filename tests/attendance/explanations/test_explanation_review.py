import re

import pytest

from attendance.models import Explanation, ExplanationStatus
from attendance.services.explanations import explanation_accept, explanation_return
from onsite.access import OwnRecordRefused
from onsite.models import Notification
from onsite.roles import Role
from onsite.transitions import Refused, TransitionError
from tests import factories
from tests.factories import explanation_written as write
from tests.pages import own


@pytest.fixture
def explanation(world) -> Explanation:
    return write(world)


def test_the_supervisor_accepts_it(world, explanation):
    explanation_accept(explanation=explanation, by=world.supervisor_a, note="已核实")
    explanation.refresh_from_db()
    assert explanation.status == ExplanationStatus.ACCEPTED
    assert explanation.reviewed_by == world.supervisor_a
    assert explanation.review_note == "已核实"
    latest = explanation.history.latest()
    assert latest.history_user == world.supervisor_a
    assert latest.history_change_reason == "已核实"


def test_the_person_is_told_of_the_acceptance(world, explanation):
    explanation_accept(explanation=explanation, by=world.hr)
    (notice,) = Notification.objects.filter(kind="attendance.explanation_reviewed")
    assert notice.recipient == world.staff_a
    assert notice.title == "Your absence explanation for 2026-10 is accepted"


def test_returning_it_says_what_is_missing(world, explanation):
    explanation_return(explanation=explanation, by=world.supervisor_a, note="请写明每天的原因")
    explanation.refresh_from_db()
    assert explanation.status == ExplanationStatus.RETURNED
    (notice,) = Notification.objects.filter(kind="attendance.explanation_reviewed")
    assert notice.title == "Your absence explanation for 2026-10 is returned; please rewrite it"
    assert notice.body == "请写明每天的原因"


def test_returning_needs_a_note(world, explanation):
    with pytest.raises(Refused, match=re.escape("Say what the explanation is missing.")):
        explanation_return(explanation=explanation, by=world.supervisor_a, note="")
    explanation.refresh_from_db()
    assert explanation.status == ExplanationStatus.SUBMITTED


def test_a_supervisor_of_another_site_may_not_review(world, explanation, supervisor_b):
    with pytest.raises(Refused, match="Only a supervisor of the site or HR"):
        explanation_accept(explanation=explanation, by=supervisor_b)


def test_nobody_reviews_their_own_explanation(world, explanation):
    factories.RoleGrantFactory(user=world.staff_a, role=Role.SUPERVISOR, site=world.site_a)
    with pytest.raises(OwnRecordRefused, match=own()):
        explanation_accept(explanation=explanation, by=world.staff_a)


def test_a_returned_one_cannot_be_accepted_until_rewritten(world, explanation):
    explanation_return(explanation=explanation, by=world.supervisor_a, note="不完整")
    with pytest.raises(
        TransitionError, match="reviewed meanwhile: it is now “Returned for rewriting”"
    ):
        explanation_accept(explanation=explanation, by=world.hr)
