from django.urls import reverse

from attendance.models import AbsenceMark, AbsenceReason, DayStatus
from attendance.services.marks import absence_mark
from tests.dates import MONDAY, at
from tests.factories import day_of, device_punch
from tests.pages import page_text

ADD = reverse("attendance:mark_add")
MONTH_A = "/attendance/people/{}/2026-10/"


def form(world, **changes) -> dict:
    return {
        "staff": world.person_a.pk,
        "date": "2026-10-12",
        "reason": AbsenceReason.OVERSTAYED_LEAVE,
        "note": "假期结束未返岗",
        **changes,
    }


def mark_of_a(world) -> AbsenceMark:
    return absence_mark(
        staff=world.person_a,
        date=MONDAY,
        reason=AbsenceReason.OTHER,
        note="未到岗",
        by=world.hr,
    )


def remove_url(mark) -> str:
    return reverse("attendance:mark_remove", args=[mark.pk])


def test_a_supervisor_marks_an_absence_and_lands_on_the_persons_month(english, world):
    english.force_login(world.supervisor_a)
    assert "张三" in page_text(english.get(ADD))
    response = english.post(ADD, form(world))
    assert response.status_code == 302
    assert response["Location"] == MONTH_A.format(world.person_a.pk)
    assert day_of(world.person_a, MONDAY).status == DayStatus.ABSENT


def test_a_second_mark_on_the_day_is_refused_on_the_form(english, world):
    mark_of_a(world)
    english.force_login(world.supervisor_a)
    response = english.post(ADD, form(world))
    assert "张三 already has an absence marked on 2026-10-12." in page_text(response)


def test_a_supervisor_of_another_site_cannot_pick_the_person(english, world, supervisor_b):
    english.force_login(supervisor_b)
    assert "张三" not in page_text(english.get(ADD))
    response = english.post(ADD, form(world))
    assert "Select a valid choice." in page_text(response)
    assert not AbsenceMark.objects.exists()


def test_other_roles_may_not_mark(client, world):
    for name in ("staff_a", "manager", "finance", "client_a", "outsider"):
        client.force_login(world.users[name])
        assert client.get(ADD).status_code == 403
        assert client.post(ADD, form(world)).status_code == 403


def test_removing_a_mark_with_a_reason_restores_the_day(english, world):
    device_punch(world.person_a, at(MONDAY, "08:25"))
    device_punch(world.person_a, at(MONDAY, "17:35"))
    mark = mark_of_a(world)
    english.force_login(world.supervisor_a)
    response = english.post(remove_url(mark), {"reason": "核实有误"})
    assert response["Location"] == MONTH_A.format(world.person_a.pk)
    assert not AbsenceMark.objects.exists()
    assert day_of(world.person_a, MONDAY).status == DayStatus.PRESENT


def test_removing_without_a_reason_keeps_the_mark_and_says_why(english, world):
    mark = mark_of_a(world)
    english.force_login(world.hr)
    response = english.post(remove_url(mark), {"reason": ""})
    assert response.status_code == 302
    assert AbsenceMark.objects.exists()
    assert "This field is required." in page_text(english.get(response["Location"]))


def test_the_person_sees_the_mark_but_may_not_remove_it(client, world):
    mark = mark_of_a(world)
    client.force_login(world.staff_a)
    assert client.post(remove_url(mark), {"reason": "不认可"}).status_code == 403
    assert AbsenceMark.objects.exists()


def test_a_mark_outside_ones_sites_is_not_found(client, world, supervisor_b):
    mark = mark_of_a(world)
    client.force_login(supervisor_b)
    assert client.post(remove_url(mark), {"reason": "弄错了"}).status_code == 404
    assert AbsenceMark.objects.exists()
