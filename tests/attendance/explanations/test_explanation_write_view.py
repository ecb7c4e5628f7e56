from django.urls import reverse

from attendance.models import Explanation, ExplanationStatus
from attendance.services.explanations import explanation_return
from tests.dates import OCTOBER
from tests.factories import absent_all_month, present_every_working_day
from tests.factories import explanation_written as write
from tests.pages import page_text


def url(world, month="2026-10", site=None) -> str:
    return reverse("attendance:explanation_write", args=[(site or world.site_a).pk, month])


def test_staff_write_it_when_the_month_requires_one(english, world):
    absent_all_month(world.person_a, OCTOBER)
    english.force_login(world.staff_a)
    assert 'name="text"' in page_text(english.get(url(world)))
    response = english.post(url(world), {"text": "家中急事"}, follow=True)
    explanation = Explanation.objects.get()
    assert response.redirect_chain == [
        (reverse("attendance:explanation_detail", args=[explanation.pk]), 302)
    ]
    assert "Your explanation is sent to your supervisor." in page_text(response)
    assert explanation.status == ExplanationStatus.SUBMITTED


def test_a_month_that_requires_none_says_so_and_offers_no_form(english, world):
    present_every_working_day(world.person_a, OCTOBER)
    english.force_login(world.staff_a)
    text = page_text(english.get(url(world)))
    assert "No absence explanation is required of you for 2026-10 at 甲机房." in text
    assert 'name="text"' not in text
    response = english.post(url(world), {"text": "想写"})
    assert "No absence explanation is required of you" in page_text(response)
    assert not Explanation.objects.exists()


def test_a_returned_one_comes_back_with_its_text_and_the_note(english, world):
    explanation_return(explanation=write(world), by=world.supervisor_a, note="请写明每天的原因")
    english.force_login(world.staff_a)
    text = page_text(english.get(url(world)))
    assert "请写明每天的原因" in text
    assert "10月因家中急事未能到岗" in text
    english.post(url(world), {"text": "逐日说明……"})
    explanation = Explanation.objects.get()
    assert explanation.status == ExplanationStatus.SUBMITTED
    assert explanation.text == "逐日说明……"


def test_a_submitted_one_opens_its_page(english, world):
    explanation = write(world)
    english.force_login(world.staff_a)
    response = english.get(url(world))
    assert response["Location"] == reverse("attendance:explanation_detail", args=[explanation.pk])


def test_a_site_the_person_never_worked_at_does_not_exist_for_them(client, world):
    client.force_login(world.staff_b)
    assert client.get(url(world)).status_code == 404


def test_a_month_that_is_not_a_month_does_not_exist(client, world):
    client.force_login(world.staff_a)
    assert client.get(url(world, month="2026-13")).status_code == 404


def test_only_staff_write(client, world):
    for name in ("hr", "supervisor_a", "manager"):
        client.force_login(world.users[name])
        assert client.get(url(world)).status_code == 403
