from django.urls import reverse

from attendance.models import MonthClose, Punch, PunchSource
from tests.dates import MONDAY, OCTOBER, at
from tests.factories import device_punch
from tests.pages import page_text

URL = reverse("attendance:punch_add")


def form(world, **changes) -> dict:
    return {
        "staff": world.person_a.pk,
        "at": "2026-10-12T08:31",
        "reason": "考勤机故障",
        **changes,
    }


def test_a_supervisor_picks_only_people_of_their_sites(english, world):
    english.force_login(world.supervisor_a)
    text = page_text(english.get(URL))
    assert "张三" in text
    assert "李四" not in text


def test_hr_picks_anyone_of_their_company(english, world):
    english.force_login(world.hr)
    text = page_text(english.get(URL))
    assert "张三" in text and "李四" in text


def test_the_person_is_preselected_from_the_month_page(english, world):
    english.force_login(world.hr)
    text = page_text(english.get(URL, {"staff": world.person_a.pk}))
    assert f'<option value="{world.person_a.pk}" selected>' in text


def test_a_punch_entered_lands_on_the_persons_month(english, world):
    english.force_login(world.supervisor_a)
    response = english.post(URL, form(world))
    assert response.status_code == 302
    assert response["Location"] == f"/attendance/people/{world.person_a.pk}/2026-10/"
    punch = Punch.objects.get()
    assert punch.at == at(MONDAY, "08:31")
    assert punch.source == PunchSource.MANUAL
    assert punch.reason == "考勤机故障"


def test_a_supervisor_of_another_site_cannot_enter_a_punch_for_the_person(
    english, world, supervisor_b
):
    english.force_login(supervisor_b)
    response = english.post(URL, form(world))
    assert response.status_code == 200
    assert "Select a valid choice." in page_text(response)
    assert not Punch.objects.exists()


def test_a_refusal_is_shown_on_the_form(english, world):
    device_punch(world.person_a, at(MONDAY, "08:31"))
    english.force_login(world.hr)
    response = english.post(URL, form(world))
    assert "There is already a punch at 2026-10-12 08:31." in page_text(response)
    assert Punch.objects.count() == 1


def test_a_closed_month_is_refused_on_the_form(english, world):
    MonthClose.objects.create(site=world.site_a, month=OCTOBER, status="closed")
    english.force_login(world.hr)
    response = english.post(URL, form(world))
    assert "The attendance of 甲机房 for 2026-10 is closed" in page_text(response)


def test_the_reason_is_required(english, world):
    english.force_login(world.hr)
    response = english.post(URL, form(world, reason=""))
    assert "This field is required." in page_text(response)
    assert not Punch.objects.exists()


def test_other_roles_are_forbidden(client, world):
    for name in ("staff_a", "manager", "finance", "client_a", "outsider"):
        client.force_login(world.users[name])
        assert client.get(URL).status_code == 403
        assert client.post(URL, form(world)).status_code == 403
    assert not Punch.objects.exists()
