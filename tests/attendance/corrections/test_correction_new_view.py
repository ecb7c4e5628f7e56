from django.urls import reverse

from attendance.models import Correction, CorrectionStatus
from tests.dates import MONDAY, at
from tests.factories import correction_requested as request_afternoon
from tests.factories import device_punch
from tests.pages import page_text

URL = reverse("attendance:correction_new")


def test_staff_ask_and_land_on_their_request(english, world):
    device_punch(world.person_a, at(MONDAY, "08:25"))
    english.force_login(world.staff_a)
    response = english.post(URL, {"at": "2026-10-12T17:35", "reason": "下班忘记打卡"}, follow=True)
    correction = Correction.objects.get()
    assert response.redirect_chain == [
        (reverse("attendance:correction_detail", args=[correction.pk]), 302)
    ]
    assert correction.at == at(MONDAY, "17:35")
    assert correction.status == CorrectionStatus.PENDING
    text = page_text(response)
    assert "Your correction is sent to your supervisor." in text
    assert 'data-testid="approve"' not in text


def test_the_time_can_be_filled_in_from_a_link(english, world):
    english.force_login(world.staff_a)
    text = page_text(english.get(URL, {"at": "2026-10-12T17:30"}))
    assert 'value="2026-10-12T17:30"' in text


def test_a_refusal_is_shown_on_the_form(english, world):
    request_afternoon(world)
    english.force_login(world.staff_a)
    response = english.post(URL, {"at": "2026-10-12T17:40", "reason": "再试一次"})
    assert "You already have a correction for 2026-10-12 waiting for a decision" in page_text(
        response
    )
    assert Correction.objects.count() == 1


def test_missing_fields_are_named(english, world):
    english.force_login(world.staff_a)
    response = english.post(URL, {"at": "", "reason": ""})
    assert page_text(response).count("This field is required.") == 2


def test_only_staff_ask(client, world):
    for name in ("hr", "supervisor_a", "manager", "finance", "client_a", "outsider"):
        client.force_login(world.users[name])
        assert client.get(URL).status_code == 403
