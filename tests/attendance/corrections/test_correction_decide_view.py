"""What deciding a correction does beyond what every decide page does (tests/onsite/
test_decide_views.py): approving adds the punch and judges the day again; rejecting adds none."""

import pytest
from django.urls import reverse

from attendance.models import CorrectionStatus, DayStatus, Punch
from tests.dates import MONDAY
from tests.factories import correction_requested, day_of
from tests.pages import page_text


@pytest.fixture
def correction(world):
    return correction_requested(world)


def url(correction) -> str:
    return reverse("attendance:correction_decide", args=[correction.pk])


def test_approving_adds_the_punch_and_says_so(english, world, correction):
    english.force_login(world.supervisor_a)
    response = english.post(url(correction), {"decision": "approve", "note": ""}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "attendance:correction_detail", args=[correction.pk]
    )
    assert "Approved: the punch is added." in page_text(response)
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.APPROVED
    assert day_of(world.person_a, MONDAY).status == DayStatus.PRESENT


def test_hr_rejecting_adds_no_punch(english, world, correction):
    english.force_login(world.hr)
    response = english.post(url(correction), {"decision": "reject", "note": "不属实"}, follow=True)
    assert "The correction is rejected." in page_text(response)
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.REJECTED
    assert Punch.objects.count() == 1
