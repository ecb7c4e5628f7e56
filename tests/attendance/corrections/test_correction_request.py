import datetime
import re

import pytest
from django.utils import timezone

from attendance.models import Correction, CorrectionStatus, MonthClose
from attendance.services.corrections import correction_reject, correction_request
from onsite.models import Notification
from onsite.transitions import Refused
from tests.dates import MONDAY, OCTOBER, TUESDAY, at
from tests.factories import correction_requested as request_afternoon
from tests.factories import device_punch


def ask(world, when, reason="忘记打卡", by=None):
    return correction_request(staff=world.person_a, at=when, reason=reason, by=by or world.staff_a)


def test_a_request_waits_for_a_decision_at_the_persons_site(world):
    correction = ask(world, at(MONDAY, "17:35", second=20))
    assert correction.status == CorrectionStatus.PENDING
    assert correction.site == world.site_a
    assert correction.at == at(MONDAY, "17:35")
    (entry,) = correction.history.all()
    assert entry.history_user == world.staff_a


def test_the_sites_supervisors_are_told(world):
    correction = ask(world, at(MONDAY, "17:35"))
    (notice,) = Notification.objects.filter(kind="attendance.correction_requested")
    assert notice.recipient == world.supervisor_a
    assert notice.title == "张三 asks for a punch at 2026-10-12 17:35"
    assert notice.url == f"/attendance/corrections/{correction.pk}/"


def test_only_the_person_asks_for_their_own_punch(world):
    with pytest.raises(Refused, match="requested by the person who missed the punch"):
        ask(world, at(MONDAY, "17:35"), by=world.supervisor_a)


def test_a_reason_is_required(world):
    with pytest.raises(Refused, match=re.escape("Say why the punch is missing.")):
        ask(world, at(MONDAY, "17:35"), reason=" ")


def test_a_time_to_come_is_refused(world):
    with pytest.raises(Refused, match="has not come yet"):
        ask(world, timezone.now() + datetime.timedelta(days=1))


def test_a_day_when_the_person_was_not_placed_is_refused(world):
    with pytest.raises(Refused, match=re.escape("张三 is not placed at any site on 2025-12-15.")):
        ask(world, at(datetime.date(2025, 12, 15), "17:35"))


def test_a_closed_month_is_refused(world):
    MonthClose.objects.create(site=world.site_a, month=OCTOBER, status="closed")
    with pytest.raises(Refused, match="The attendance of 甲机房 for 2026-10 is closed"):
        ask(world, at(MONDAY, "17:35"))
    assert not Correction.objects.exists()


def test_a_minute_that_has_a_punch_needs_no_correction(world):
    device_punch(world.person_a, at(MONDAY, "17:35", second=12))
    with pytest.raises(Refused, match=re.escape("There is already a punch at 2026-10-12 17:35.")):
        ask(world, at(MONDAY, "17:35"))


def test_one_waiting_request_per_day(world):
    ask(world, at(MONDAY, "08:25"))
    with pytest.raises(Refused, match="already have a correction for 2026-10-12 waiting"):
        ask(world, at(MONDAY, "17:35"))
    assert ask(world, at(TUESDAY, "17:35")).status == CorrectionStatus.PENDING


def test_after_a_rejection_the_person_may_ask_again(world):
    first = request_afternoon(world)
    correction_reject(correction=first, by=world.supervisor_a, note="时间不对")
    assert ask(world, at(MONDAY, "17:40")).status == CorrectionStatus.PENDING


def test_hr_is_told_when_the_site_has_no_supervisor(world):
    correction_request(
        staff=world.person_b, at=at(MONDAY, "17:35"), reason="忘记打卡", by=world.staff_b
    )
    (notice,) = Notification.objects.filter(kind="attendance.correction_requested")
    assert notice.recipient == world.hr
