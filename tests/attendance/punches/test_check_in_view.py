import datetime

from django.urls import reverse
from django.utils import timezone

from attendance.models import Punch, PunchSource
from tests import factories
from tests.pages import page_text

URL = reverse("attendance:check_in")


def test_before_any_punch_today_the_button_checks_in(english, world):
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    assert "甲机房" in text
    assert ">Check in</button>" in text
    assert "No punches yet today." in text


def test_after_a_punch_today_the_button_checks_out_and_the_punch_is_listed(english, world):
    now = timezone.localtime()
    Punch.objects.create(
        staff=world.person_a,
        site=world.site_a,
        at=now.replace(second=0, microsecond=0),
        source=PunchSource.DEVICE,
    )
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    assert ">Check out</button>" in text
    assert f"{now:%H:%M}</li>" in text


def test_pressing_the_button_punches_now_and_comes_back_with_the_time(english, world):
    english.force_login(world.staff_a)
    response = english.post(URL, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    punch = Punch.objects.get()
    assert punch.source == PunchSource.WEB
    assert timezone.now() - punch.at < datetime.timedelta(minutes=2)
    local = timezone.localtime(punch.at)
    assert f"Punch recorded at {local:%H:%M}." in page_text(response)


def test_someone_not_placed_today_sees_why_and_no_button(english, world):
    user = factories.UserFactory(username="former")
    factories.AssignmentFactory(
        staff=factories.StaffFactory(company=world.company, user=user),
        site=world.site_a,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 3, 31),
    )
    english.force_login(user)
    text = page_text(english.get(URL))
    assert "You are not placed at any site today" in text
    assert 'data-testid="punch"' not in text
    response = english.post(URL, follow=True)
    assert "You are not placed at any site today" in page_text(response)
    assert not Punch.objects.exists()


def test_only_staff_check_in(client, world):
    for name in ("hr", "supervisor_a", "manager", "finance", "client_a", "outsider"):
        client.force_login(world.users[name])
        assert client.get(URL).status_code == 403
        assert client.post(URL).status_code == 403
    assert not Punch.objects.exists()
