"""A person's month: the calendar of their days with punches, scoped to who may see it."""

from __future__ import annotations

import datetime

from django.urls import reverse

from attendance.models import DayKind, DayStatus
from attendance.services.days import days_recompute
from tests.dates import OCTOBER
from tests.factories import calendar_day, full_day


def month_url(person, month="2026-10"):
    return reverse("attendance:person_month", args=[person.pk, month])


def judge(person):
    days_recompute(start=OCTOBER, end=datetime.date(2026, 10, 31), staff_ids=[person.pk])


def test_staff_see_their_own_month_with_each_days_punches(client, world):
    calendar_day(datetime.date(2026, 10, 13), DayKind.WORKDAY)
    full_day(world.person_a, world.site_a, "2026-10-13", start="08:50", end="17:35")
    judge(world.person_a)
    client.force_login(world.staff_a)
    response = client.get(month_url(world.person_a))
    assert response.status_code == 200
    cells = {c["date"]: c for week in response.context["weeks"] for c in week}
    the_13th = cells[datetime.date(2026, 10, 13)]
    assert the_13th["day"].status == DayStatus.LATE
    assert [p.at.astimezone().strftime("%H:%M") for p in the_13th["punches"]] == ["08:50", "17:35"]
    assert "20" in the_13th["rule"]
    page = response.content.decode()
    assert "08:50" in page


def test_staff_asking_for_anothers_month_get_404(client, world):
    client.force_login(world.staff_a)
    assert client.get(month_url(world.person_b)).status_code == 404


def test_a_supervisor_sees_people_of_their_site_only(client, world):
    client.force_login(world.supervisor_a)
    assert client.get(month_url(world.person_a)).status_code == 200
    assert client.get(month_url(world.person_b)).status_code == 404


def test_hr_sees_everyone_of_the_company(client, world):
    client.force_login(world.hr)
    assert client.get(month_url(world.person_b)).status_code == 200


def test_my_month_goes_to_the_staff_members_own_month(client, world):
    client.force_login(world.staff_a)
    response = client.get(reverse("attendance:my_month"), {"month": "2026-10"})
    assert response.status_code == 302
    assert response["Location"] == month_url(world.person_a)


def test_the_summary_adds_up(client, world):
    judge(world.person_a)
    client.force_login(world.staff_a)
    ((site, row),) = client.get(month_url(world.person_a)).context["summaries"]
    assert site == world.site_a
    assert row.present + row.absent + row.leave == row.scheduled > 0


def test_hand_marks_are_listed_with_a_remove_form_for_the_supervisor(client, world):
    from attendance.models import AbsenceMark

    AbsenceMark.objects.create(
        staff=world.person_a,
        site=world.site_a,
        date=datetime.date(2026, 10, 13),
        reason="unauthorised_out",
        note="10:00 外出未报备",
        created_by=world.supervisor_a,
    )
    client.force_login(world.supervisor_a)
    page = client.get(month_url(world.person_a)).content.decode()
    assert "10:00 外出未报备" in page
    assert 'data-testid="mark-remove"' in page
    client.force_login(world.staff_a)
    page = client.get(month_url(world.person_a)).content.decode()
    assert "10:00 外出未报备" in page
    assert 'data-testid="mark-remove"' not in page


def test_a_missing_punch_day_offers_the_staff_member_a_correction(client, world):
    from tests.factories import punch

    calendar_day(datetime.date(2026, 10, 13), DayKind.WORKDAY)
    punch(world.person_a, world.site_a, "2026-10-13 08:20")
    judge(world.person_a)
    client.force_login(world.staff_a)
    page = client.get(month_url(world.person_a)).content.decode()
    assert "?at=2026-10-13T17:30" in page
