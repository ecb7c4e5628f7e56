"""The staff home shows today: the day at the site, whether they have checked in, one tap to
punch, the requests they may make and what waits for them."""

import datetime
import html

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from attendance.models import (
    CalendarDay,
    DayKind,
    DaySource,
    Explanation,
    ExplanationStatus,
    Leave,
    LeaveKind,
    LeaveStatus,
    Punch,
    PunchSource,
)
from tests.factories import absent_all_month

HOME = reverse("dashboard")


def home(client, world) -> str:
    client.force_login(world.staff_a)
    return html.unescape(client.get(HOME).content.decode())


def part(text: str, testid: str) -> str:
    """The text of the element marked `testid`, without its tags."""
    return strip_tags(text.split(f'data-testid="{testid}">')[1].split("</div>")[0])


def test_before_checking_in_they_see_the_schedule_and_a_button_to_check_in(client, world):
    CalendarDay.objects.update_or_create(
        site=world.site_a,
        date=timezone.localdate(),
        defaults={"kind": DayKind.WORKDAY, "source": DaySource.HR, "confirmed": True},
    )
    text = home(client, world)
    assert "作息时间 08:30-12:00,14:00-17:30" in part(text, "today-day")
    assert "您今天还没有打卡。" in text
    form = text.split('data-testid="today"')[1].split("</form>")[0]
    assert f'action="{reverse("attendance:check_in")}"' in form
    assert ">打卡</button>" in form
    for name in ("leave_new", "overtime_new", "correction_new"):
        assert reverse(f"attendance:{name}") in text


def test_after_checking_in_they_see_the_time_and_a_button_to_check_out(client, world):
    now = timezone.localtime()
    Punch.objects.create(
        staff=world.person_a,
        site=world.site_a,
        at=now.replace(second=0, microsecond=0),
        source=PunchSource.WEB,
    )
    text = home(client, world)
    assert f"{now:%H:%M}" in part(text, "today-punches")
    assert "还没有打卡" not in text
    assert ">下班打卡</button>" in text


def test_one_tap_checks_in_and_comes_back_home(client, world):
    client.force_login(world.staff_a)
    response = client.post(reverse("attendance:check_in"), {"next": HOME}, follow=True)
    assert response.redirect_chain == [(HOME, 302)]
    assert Punch.objects.get().source == PunchSource.WEB
    assert "已记录打卡" in html.unescape(response.content.decode())


def test_a_rest_day_is_said_so_instead_of_the_schedule(client, world):
    CalendarDay.objects.update_or_create(
        site=world.site_a,
        date=timezone.localdate(),
        defaults={"kind": DayKind.HOLIDAY, "name": "驻场检修日", "source": DaySource.HR},
    )
    day = part(home(client, world), "today-day")
    assert "今天休息（驻场检修日）。" in day
    assert "作息时间" not in day


def test_what_waits_for_them_is_listed_with_a_link(client, world):
    Explanation.objects.create(
        staff=world.person_a,
        site=world.site_a,
        month=datetime.date(2026, 10, 1),
        text="说明",
        status=ExplanationStatus.RETURNED,
    )
    leave = Leave.objects.create(
        staff=world.person_a,
        site=world.site_a,
        kind=LeaveKind.PERSONAL,
        start=datetime.date(2026, 12, 7),
        end=datetime.date(2026, 12, 7),
        status=LeaveStatus.REJECTED,
        decided_at=timezone.now(),
    )
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    absent_all_month(world.person_a, last_month)
    waiting = home(client, world).split('data-testid="waiting"')[1]
    assert "您的缺勤说明（2026-10）已被退回，请重写。" in waiting
    assert "您的请假（2026-12-07）未获批准。" in waiting
    assert reverse("attendance:leave_detail", args=[leave.pk]) in waiting
    assert f"请填写您在甲机房的缺勤说明（{last_month:%Y-%m}）。" in waiting
    assert (
        reverse("attendance:explanation_write", args=[world.site_a.pk, f"{last_month:%Y-%m}"])
        in waiting
    )


def test_nothing_waiting_shows_no_waiting_card(client, world):
    assert 'data-testid="waiting"' not in home(client, world)


def test_the_home_costs_the_same_queries_however_much_waits(
    client, world, django_assert_num_queries
):
    client.force_login(world.staff_a)
    client.get(HOME)  # the session's first read is not the page's cost

    def reject_leave(day: int) -> None:
        Leave.objects.create(
            staff=world.person_a,
            site=world.site_a,
            kind=LeaveKind.PERSONAL,
            start=datetime.date(2026, 12, day),
            end=datetime.date(2026, 12, day),
            status=LeaveStatus.REJECTED,
            decided_at=timezone.now(),
        )

    reject_leave(7)
    with django_assert_num_queries(29):
        client.get(HOME)
    for day in range(8, 28):
        reject_leave(day)
    Punch.objects.create(
        staff=world.person_a,
        site=world.site_a,
        at=timezone.now().replace(second=0, microsecond=0),
        source=PunchSource.WEB,
    )
    with django_assert_num_queries(29):
        assert html.unescape(client.get(HOME).content.decode()).count("未获批准") == 21
