import threading

import pytest
from django.db import connection

from onsite.org.models import Staff, StaffStatus
from onsite.transitions import TransitionError
from staffing.services.staff import staff_change_status
from tests import factories


def test_allowed_change_saves_and_records_who_and_why(world):
    person = world.person_a
    staff_change_status(staff=person, to=StaffStatus.LEAVING, by=world.hr, reason="合同到期")
    person.refresh_from_db()
    assert person.status == StaffStatus.LEAVING
    latest = person.history.latest()
    assert latest.history_user == world.hr
    assert latest.history_change_reason == "合同到期"
    assert latest.prev_record.status == StaffStatus.ON_SITE


def test_a_move_the_machine_does_not_allow_is_refused_in_chinese(world):
    candidate = factories.StaffFactory(company=world.company, status=StaffStatus.CANDIDATE)
    with pytest.raises(TransitionError) as error:
        staff_change_status(staff=candidate, to=StaffStatus.ON_SITE, by=world.hr)
    assert str(error.value) == "不能从“候选”变为“在岗”。"
    candidate.refresh_from_db()
    assert candidate.status == StaffStatus.CANDIDATE


def test_banned_is_final(world):
    staff_change_status(staff=world.person_a, to=StaffStatus.BANNED, by=world.hr)
    for status in StaffStatus:
        with pytest.raises(TransitionError):
            staff_change_status(staff=world.person_a, to=status, by=world.hr)


@pytest.mark.django_db(transaction=True)
def test_two_people_acting_at_once_change_the_status_once():
    person = factories.StaffFactory(status=StaffStatus.ON_SITE)
    hr = factories.UserFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def leave():
        barrier.wait()
        try:
            staff_change_status(staff=Staff.objects.get(pk=person.pk), to="leaving", by=hr)
            outcomes.append("changed")
        except TransitionError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=leave) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["changed", "refused"]
    assert person.history.filter(status="leaving").count() == 1
