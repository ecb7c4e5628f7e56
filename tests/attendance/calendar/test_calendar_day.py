import datetime

import pytest
from django.urls import reverse

from attendance.models import CalendarDay, Day, DayKind, DaySource, DayStatus
from attendance.services.calendar import calendar_day_set
from attendance.services.days import days_recompute
from tests import factories
from tests.dates import MONDAY


def url(date=MONDAY, site=None) -> str:
    args = [date.isoformat()] + ([site.pk] if site else [])
    return reverse("attendance:calendar_day", args=args)


def test_the_form_shows_the_national_day(client, world, root):
    client.force_login(root)
    text = client.get(url(datetime.date(2026, 10, 1))).content.decode()
    assert "国庆节" in text
    assert 'value="holiday" selected' in text


def test_making_a_workday_a_rest_day_judges_it_again(
    client, world, root, django_capture_on_commit_callbacks
):
    days_recompute(start=MONDAY, end=MONDAY, staff_ids=[world.person_a.pk])
    assert Day.objects.get(staff=world.person_a, date=MONDAY).status == DayStatus.ABSENT
    client.force_login(root)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(), {"kind": DayKind.REST, "name": "停电"})
    assert response.status_code == 302
    assert not Day.objects.filter(staff=world.person_a, date=MONDAY).exists()
    row = CalendarDay.objects.get(date=MONDAY, site__isnull=True)
    assert (row.kind, row.name, row.source, row.confirmed) == (
        DayKind.REST,
        "停电",
        DaySource.HR,
        True,
    )
    assert row.history.first().history_user == root


def test_a_site_day_changes_that_site_only(client, world, django_capture_on_commit_callbacks):
    saturday = datetime.date(2026, 10, 17)
    client.force_login(world.hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(saturday, world.site_a), {"kind": DayKind.WORKDAY, "name": "割接"})
    assert CalendarDay.objects.get(date=saturday, site=world.site_a).source == DaySource.HR
    assert CalendarDay.objects.get(date=saturday, site__isnull=True).kind == DayKind.REST
    assert Day.objects.get(staff=world.person_a, date=saturday).status == DayStatus.ABSENT
    assert not Day.objects.filter(staff=world.person_b, date=saturday).exists()


def test_a_day_ahead_queues_nothing(world, root, django_capture_on_commit_callbacks):
    ahead = datetime.date.today() + datetime.timedelta(days=40)
    with django_capture_on_commit_callbacks() as callbacks:
        calendar_day_set(date=ahead, kind=DayKind.REST, name="", by=root)
    assert callbacks == []


def test_choosing_a_site_opens_its_day(client, world):
    client.force_login(world.hr)
    response = client.get(url(), {"site": world.site_b.pk})
    assert response.url == url(MONDAY, world.site_b)


@pytest.fixture
def other_site(world):
    site = factories.SiteFactory(code="X", name="他司机房")
    factories.ContractFactory(sites=[site])
    return site


def test_a_site_outside_the_hr_admins_companies_is_not_found(client, world, other_site):
    client.force_login(world.hr)
    assert client.get(url(site=other_site)).status_code == 404
    assert client.post(url(site=other_site), {"kind": DayKind.REST}).status_code == 404
    assert client.get(url(), {"site": other_site.pk}).status_code == 404
    assert not CalendarDay.objects.filter(site=other_site).exists()


def test_a_date_that_does_not_exist_is_not_found(client, world):
    client.force_login(world.hr)
    assert client.get("/attendance/calendar/2026-02-30/").status_code == 404


def test_an_unknown_kind_is_refused_by_the_form(client, world):
    client.force_login(world.hr)
    response = client.post(url(site=world.site_a), {"kind": "party"})
    assert response.status_code == 200
    assert not CalendarDay.objects.filter(date=MONDAY, site=world.site_a).exists()


def test_staff_may_not_edit_a_day(client, world):
    client.force_login(world.staff_a)
    assert client.post(url(), {"kind": DayKind.REST}).status_code == 403
