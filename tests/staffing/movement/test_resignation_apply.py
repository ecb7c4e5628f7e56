import datetime

import pytest
from django.utils import translation

from onsite.models import Notification
from onsite.transitions import Refused
from staffing.models import Resignation, ResignationStatus
from staffing.services.movement import resignation_apply
from tests import factories
from tests.dates import STAFFING_DAY, YEAR_END
from tests.staffing.movement.conftest import start_offboarding


def apply(world, person=None, **kwargs):
    options = {
        "staff": person or world.person_a,
        "leaving_on": YEAR_END,
        "reason": "回老家发展",
        "by": world.staff_a,
        "today": STAFFING_DAY,
        **kwargs,
    }
    with translation.override("en"):
        return resignation_apply(**options)


def test_an_application_is_pending_and_names_the_current_placement(world, placement_a):
    resignation = apply(world)
    assert resignation.status == ResignationStatus.PENDING
    assert resignation.assignment == placement_a
    assert resignation.history.latest().history_user == world.staff_a


def test_the_sites_supervisors_and_hr_are_asked_to_decide(world):
    apply(world)
    told = set(
        Notification.objects.filter(kind="movement.resignation_applied").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"hr", "supervisor_a"}


def test_a_second_application_while_one_is_pending_is_refused(world):
    apply(world)
    with pytest.raises(Refused, match="already have a resignation waiting"):
        apply(world)
    assert Resignation.objects.count() == 1


def test_a_last_day_in_the_past_is_refused(world):
    with pytest.raises(Refused, match="The last working day has passed"):
        apply(world, leaving_on=STAFFING_DAY - datetime.timedelta(days=1))


def test_a_person_without_a_placement_is_sent_to_hr(world):
    person = factories.StaffFactory(company=world.company, status="qualified")
    with pytest.raises(Refused, match="no current placement"):
        apply(world, person=person)


def test_the_main_placement_is_chosen_over_a_backup_one(world, placement_a):
    factories.AssignmentFactory(
        staff=world.person_a,
        site=world.site_b,
        contract=placement_a.contract,
        position=placement_a.position,
        start=datetime.date(2026, 6, 1),
        backup=True,
    )
    assert apply(world).assignment == placement_a


def test_an_offboarding_already_started_refuses_the_application(world, placement_a):
    start_offboarding(world, placement_a)
    with pytest.raises(Refused, match="offboarding from 甲机房 has already started"):
        apply(world)
