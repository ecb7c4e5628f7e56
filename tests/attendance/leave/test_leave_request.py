"""attendance.services.leave.leave_request: every refusal with its message, and a request that
passes (SPEC §7)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import translation

from attendance.models import Leave, LeaveStatus
from attendance.services.leave import leave_preview, leave_request
from onsite.transitions import Refused
from tests import factories
from tests.dates import LEAVE_ASKED_ON
from tests.factories import leave

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def colleague(world):
    contract = world.person_a.assignments.get().contract
    person = factories.StaffFactory(company=world.company, name="王五")
    factories.AssignmentFactory(
        staff=person, site=world.site_a, contract=contract, start=D(2026, 1, 1)
    )
    return person


def ask(world, colleague, **changes):
    values = {
        "staff": world.person_a,
        "kind": "personal",
        "start": D(2026, 11, 4),
        "end": D(2026, 11, 4),
        "reason": "家中有事",
        "cover": colleague,
        "by": world.staff_a,
        "today": LEAVE_ASKED_ON,
    }
    values.update(changes)
    return leave_request(**values)


def test_a_request_in_time_is_filed_with_its_working_days(world, colleague):
    request = ask(world, colleague, start=D(2026, 11, 5), end=D(2026, 11, 9))
    assert (request.status, request.days, request.site) == (LeaveStatus.PENDING, 3, world.site_a)
    assert request.history.latest().history_user == world.staff_a


def test_a_cover_person_is_required(world, colleague):
    with pytest.raises(Refused, match="colleague who covers"):
        ask(world, colleague, cover=None)


def test_the_cover_must_be_someone_else_at_the_same_site(world, colleague):
    with pytest.raises(Refused, match="someone else"):
        ask(world, colleague, cover=world.person_a)
    with pytest.raises(Refused, match="not placed at this site"):
        ask(world, colleague, cover=world.person_b)


def test_the_cover_must_not_be_on_leave_then(world, colleague):
    leave(colleague, world.site_a, D(2026, 11, 3), D(2026, 11, 4), status=LeaveStatus.PENDING)
    with pytest.raises(Refused) as refused:
        ask(world, colleague)
    assert refused.value.messages == [
        "王五 is on leave from 2026-11-03 to 2026-11-04 and cannot cover for you; choose "
        "another colleague."
    ]


def test_a_cover_already_covering_someone_else_is_accepted_with_a_warning(world, colleague):
    other = factories.StaffFactory(company=world.company, name="赵六")
    leave(other, world.site_a, D(2026, 11, 4), D(2026, 11, 5), cover=colleague)
    assert ask(world, colleague).cover == colleague
    preview = leave_preview(
        staff=world.person_a,
        kind="personal",
        start=D(2026, 11, 4),
        end=D(2026, 11, 4),
        cover=colleague,
        today=LEAVE_ASKED_ON,
    )
    assert preview.cover_warnings == ("王五 already covers 赵六 from 2026-11-04 to 2026-11-05.",)
    assert preview.problems == ()


def test_a_late_request_is_refused_with_the_rule(world, colleague):
    with pytest.raises(Refused, match=r"earliest start .* 2026-11-03"):
        ask(world, colleague, start=LEAVE_ASKED_ON, end=LEAVE_ASKED_ON)
    assert not Leave.objects.exists()


def test_an_emergency_may_be_filed_after_the_fact(world, colleague):
    request = ask(world, colleague, start=D(2026, 10, 29), end=D(2026, 10, 29), emergency=True)
    assert request.emergency is True


def test_sick_leave_needs_a_document(world, colleague):
    with pytest.raises(Refused, match="needs a document"):
        ask(world, colleague, kind="sick")
    note = SimpleUploadedFile("病假条.pdf", b"%PDF-1.4 note", content_type="application/pdf")
    assert ask(world, colleague, kind="sick", document=note).document


def test_annual_leave_beyond_the_balance_is_refused(world, colleague):
    world.person_a.career_start = D(2020, 1, 1)  # 6 years: 5 days
    with pytest.raises(Refused, match="left for 2026: 5 days"):
        ask(world, colleague, kind="annual", start=D(2026, 11, 9), end=D(2026, 11, 16))
    assert ask(world, colleague, kind="annual", start=D(2026, 11, 9), end=D(2026, 11, 13)).days == 5


def test_annual_leave_without_a_start_of_service_on_record_is_refused_saying_so(world, colleague):
    world.person_a.career_start = world.person_a.employment_start = None
    with pytest.raises(Refused, match="start of employment of 张三 is not on record"):
        ask(world, colleague, kind="annual")


def test_overlapping_leave_is_refused(world, colleague):
    ask(world, colleague)
    with pytest.raises(Refused, match="already have leave"):
        ask(world, colleague)


def test_every_problem_is_told_at_once(world, colleague):
    with pytest.raises(Refused) as refused:
        ask(
            world,
            colleague,
            cover=None,
            reason=" ",
            kind="sick",
            start=LEAVE_ASKED_ON,
            end=LEAVE_ASKED_ON,
        )
    assert len(refused.value.messages) == 4


@pytest.mark.django_db(transaction=True)
def test_the_same_request_sent_twice_at_once_is_filed_once():
    """A double click sends two identical requests together: one is filed, the other is told
    that the days are taken."""
    from tests.conftest import build_world

    world = build_world()
    contract = world.person_a.assignments.get().contract
    cover = factories.StaffFactory(company=world.company, name="王五")
    factories.AssignmentFactory(
        staff=cover, site=world.site_a, contract=contract, start=D(2026, 1, 1)
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def send():
        barrier.wait()
        try:
            with translation.override("en"):
                ask(world, cover)
            outcomes.append("filed")
        except Refused as refused:
            outcomes.append(str(refused))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Leave.objects.filter(staff=world.person_a).count() == 1
    assert sorted(outcomes) == ["You already have leave on some of these days.", "filed"]
