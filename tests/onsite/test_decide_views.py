"""The decide page of every workflow registered in the approvals inbox that has one of its own
(leave, overtime, punch corrections, absence explanations, change notices): one suite, run once per workflow.
Approving and rejecting say what happened and go back to the record; a rejection needs its
reason; a second decider on a stale page reads "decided meanwhile", never an error or a 403;
those who see the record but do not decide it are refused (403), those outside its scope do not
find it (404). What only one kind does (long leave passed on to a manager, overtime caps, the
punch a correction adds) is tested beside its own views."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from attendance.models import (
    Correction,
    CorrectionStatus,
    Explanation,
    ExplanationStatus,
    Leave,
    LeaveStatus,
    Overtime,
    OvertimeCategory,
    OvertimeStatus,
)
from onsite.roles import Role
from onsite.workflows import WORKFLOWS
from staffing.models import ChangeKind, ChangeNotice, ChangeNoticeStatus
from tests import factories
from tests.dates import at
from tests.pages import page_text

D = datetime.date


def _leave(world):
    return Leave.objects.create(
        staff=world.person_a,
        site=world.site_a,
        kind="personal",
        start=D(2026, 10, 13),
        end=D(2026, 10, 13),
        days=Decimal(1),
        reason="家中有事",
        status=LeaveStatus.PENDING,
    )


def _overtime(world):
    # Workday overtime: the site's supervisor approves it (rest-day overtime is the head's).
    return Overtime.objects.create(
        staff=world.person_a,
        site=world.site_a,
        date=D(2026, 12, 4),
        start_time=datetime.time(19),
        end_time=datetime.time(21),
        hours=Decimal(2),
        day_kind="workday",
        category=OvertimeCategory.WORKDAY,
        rate=150,
        reason="系统割接",
        status=OvertimeStatus.PENDING,
    )


def _correction(world):
    return Correction.objects.create(
        staff=world.person_a,
        site=world.site_a,
        at=at(D(2026, 11, 16), "17:35"),
        reason="下班忘记打卡",
        status=CorrectionStatus.PENDING,
    )


def _explanation(world):
    return Explanation.objects.create(
        staff=world.person_a,
        site=world.site_a,
        month=D(2026, 10, 1),
        text="10月因家中急事未能到岗。",
        status=ExplanationStatus.SUBMITTED,
    )


def _change_notice(world):
    # Filed by HR; the supervisor of the site confirms that the site has it.
    return ChangeNotice.objects.create(
        company=world.company,
        site=world.site_a,
        kind=ChangeKind.DEPARTURE,
        leaving=world.person_a,
        planned_on=D(2027, 1, 29),
        reason="合同到期",
        filed_by=world.hr,
        notice_days=40,
        required_days=30,
    )


@dataclass(frozen=True)
class Case:
    key: str  # the workflow's key in the registry
    make: object
    decide: str  # the URL name of its decide POST
    detail: str
    yes: str  # the decision posted to approve (accept)
    no: str  # … to reject (return)
    approved: str  # what the decider reads after each
    rejected: str
    reason_missing: str
    approved_status: str
    rejected_status: str
    approved_label: str  # the status as the second decider reads it
    thing: str  # "leave" in "This leave was decided meanwhile"
    decided: str = "decided"
    # Who sees the record but does not decide it.
    onlookers: tuple[str, ...] = ("staff_a", "manager")

    def __str__(self) -> str:
        return self.key


CASES = [
    Case(
        "leave",
        _leave,
        "attendance:leave_decide",
        "attendance:leave_detail",
        "approve",
        "reject",
        "The leave is approved.",
        "The leave is rejected.",
        "Say why the leave is rejected.",
        LeaveStatus.APPROVED,
        LeaveStatus.REJECTED,
        "Approved",
        "leave",
        onlookers=("staff_a", "hr", "manager"),
    ),
    Case(
        "overtime",
        _overtime,
        "attendance:overtime_decide",
        "attendance:overtime_detail",
        "approve",
        "reject",
        "Approved: HR files it next.",
        "The overtime is rejected.",
        "Say why the overtime is rejected.",
        OvertimeStatus.APPROVED,
        OvertimeStatus.REJECTED,
        "Approved, waiting to be filed",
        "overtime",
        onlookers=("staff_a", "hr"),
    ),
    Case(
        "correction",
        _correction,
        "attendance:correction_decide",
        "attendance:correction_detail",
        "approve",
        "reject",
        "Approved: the punch is added.",
        "The correction is rejected.",
        "Give a reason for the rejection.",
        CorrectionStatus.APPROVED,
        CorrectionStatus.REJECTED,
        "Approved",
        "correction",
    ),
    Case(
        "explanation",
        _explanation,
        "attendance:explanation_review",
        "attendance:explanation_detail",
        "accept",
        "return",
        "The explanation is accepted.",
        "The explanation is returned for rewriting.",
        "Say what the explanation is missing.",
        ExplanationStatus.ACCEPTED,
        ExplanationStatus.RETURNED,
        "Accepted",
        "explanation",
        decided="reviewed",
    ),
    Case(
        "change_notice",
        _change_notice,
        "staffing:change_notice_answer",
        "staffing:change_notice_detail",
        "confirm",
        "return",
        "The change notice is confirmed.",
        "The change notice is returned.",
        "Say why the change notice is returned.",
        ChangeNoticeStatus.CONFIRMED,
        ChangeNoticeStatus.RETURNED,
        "Confirmed by the site",
        "change notice",
        decided="answered",
        # HR filed it and the manager sees it; neither answers for the site.
        onlookers=("hr", "manager"),
    ),
]


@pytest.fixture
def english(client, settings):
    """The test client reading pages in English, whatever the translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


@pytest.fixture(params=CASES, ids=str)
def case(request) -> Case:
    return request.param


@pytest.fixture
def record(world, case):
    return case.make(world)


def url(case: Case, record) -> str:
    return reverse(case.decide, args=[record.pk])


def status_of(record) -> str:
    return type(record).objects.get(pk=record.pk).status


def waiting(case: Case, record) -> bool:
    return status_of(record) in WORKFLOWS[case.key].waiting


def second_supervisor(world):
    """Another supervisor of site A: two people who may decide the same record."""
    user = factories.UserFactory(username="supervisor_a2")
    factories.RoleGrantFactory(user=user, role=Role.SUPERVISOR, site=world.site_a)
    return user


def test_every_case_is_a_registered_workflow():
    assert {case.key for case in CASES} <= set(WORKFLOWS)


def test_approving_says_so_and_goes_back_to_the_record(english, world, case, record):
    english.force_login(world.supervisor_a)
    response = english.post(url(case, record), {"decision": case.yes, "note": ""}, follow=True)
    assert response.redirect_chain == [(reverse(case.detail, args=[record.pk]), 302)]
    assert case.approved in page_text(response)
    assert status_of(record) == case.approved_status


def test_the_history_keeps_who_decided_and_why(english, world, case, record):
    english.force_login(world.supervisor_a)
    english.post(url(case, record), {"decision": case.no, "note": "材料不全"})
    latest = type(record).history.filter(id=record.pk).latest()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        case.rejected_status,
        world.supervisor_a,
        "材料不全",
    )


def test_rejecting_needs_a_reason(english, world, case, record):
    english.force_login(world.supervisor_a)
    response = english.post(url(case, record), {"decision": case.no, "note": " "}, follow=True)
    assert case.reason_missing in page_text(response)
    assert waiting(case, record)


def test_rejecting_with_a_reason(english, world, case, record):
    english.force_login(world.supervisor_a)
    response = english.post(url(case, record), {"decision": case.no, "note": "不属实"}, follow=True)
    assert case.rejected in page_text(response)
    assert status_of(record) == case.rejected_status


def test_a_second_decision_is_a_message_not_an_error(english, world, case, record):
    """Two deciders at once: the second, on a page that still offers the decision, reads what
    happened, in the same words for every workflow."""
    english.force_login(world.supervisor_a)
    english.post(url(case, record), {"decision": case.yes})
    english.force_login(second_supervisor(world))
    response = english.post(url(case, record), {"decision": case.no, "note": "改主意"}, follow=True)
    assert response.status_code == 200
    assert (
        f"This {case.thing} was {case.decided} meanwhile: it is now “{case.approved_label}”."
        in page_text(response)
    )
    assert status_of(record) == case.approved_status


def test_a_second_decision_by_the_same_person_is_a_message_too(english, world, case, record):
    english.force_login(world.supervisor_a)
    english.post(url(case, record), {"decision": case.yes})
    response = english.post(url(case, record), {"decision": case.yes}, follow=True)
    assert response.status_code == 200
    assert f"{case.decided} meanwhile" in page_text(response)


def test_an_unknown_decision_changes_nothing(english, world, case, record):
    english.force_login(world.supervisor_a)
    response = english.post(url(case, record), {"decision": "maybe"}, follow=True)
    assert "Select a valid choice." in page_text(response)
    assert waiting(case, record)


def test_those_who_see_it_but_do_not_decide_it_are_forbidden(client, world, case, record):
    for name in case.onlookers:
        client.force_login(world.users[name])
        assert client.post(url(case, record), {"decision": case.yes}).status_code == 403, name
    assert waiting(case, record)


def test_a_supervisor_who_is_the_requester_cannot_decide_it(client, world, case, record):
    factories.RoleGrantFactory(user=world.staff_a, role=Role.SUPERVISOR, site=world.site_a)
    client.force_login(world.staff_a)
    assert client.post(url(case, record), {"decision": case.yes}).status_code == 403
    assert waiting(case, record)


def test_outside_the_scope_it_is_not_found(client, world, case, record):
    supervisor_b = factories.UserFactory(username="supervisor_b")
    factories.RoleGrantFactory(user=supervisor_b, role=Role.SUPERVISOR, site=world.site_b)
    for user in (supervisor_b, world.staff_b):
        client.force_login(user)
        assert client.post(url(case, record), {"decision": case.yes}).status_code == 404
    assert waiting(case, record)


def test_a_decision_is_posted(client, world, case, record):
    client.force_login(world.supervisor_a)
    assert client.get(url(case, record)).status_code == 405
