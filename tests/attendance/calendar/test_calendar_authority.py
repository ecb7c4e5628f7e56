"""Who keeps which days: national days and the confirmation of a year belong to the
installation's administrator (a superuser), for every company at once; a company's HR sets only
their own sites' days. The services refuse; the pages offer only what the reader may do."""

import pytest
from django.urls import reverse
from django.utils import translation

from attendance.models import CalendarDay, DayKind, DaySource
from attendance.services.calendar import (
    calendar_day_set,
    calendar_sync,
    calendar_year_confirm,
)
from onsite.transitions import Refused
from tests import factories
from tests.dates import MONDAY


def day_url(date=MONDAY, site=None) -> str:
    return reverse("attendance:calendar_day", args=[date.isoformat()] + ([site.pk] if site else []))


def national(date=MONDAY) -> CalendarDay:
    return CalendarDay.objects.get(date=date, site__isnull=True)


def test_hr_may_not_set_a_national_day(world):
    with pytest.raises(Refused, match="installation"):
        calendar_day_set(date=MONDAY, kind=DayKind.REST, name="停电", by=world.hr)
    assert national().source == DaySource.PACKAGES


def test_the_refusal_reads_in_chinese(world):
    with translation.override("zh-hans"), pytest.raises(Refused) as refused:
        calendar_day_set(date=MONDAY, kind=DayKind.REST, name="", by=world.hr)
    assert "系统管理员" in str(refused.value)


def test_hr_may_not_set_a_day_of_another_companys_site(world):
    site = factories.SiteFactory(code="X", name="他司机房")
    factories.ContractFactory(sites=[site])
    with pytest.raises(Refused):
        calendar_day_set(date=MONDAY, site=site, kind=DayKind.REST, name="", by=world.hr)
    assert not CalendarDay.objects.filter(site=site).exists()


def test_hr_sets_a_day_of_their_own_site(world):
    row = calendar_day_set(date=MONDAY, site=world.site_a, kind=DayKind.REST, name="", by=world.hr)
    assert (row.site, row.source) == (world.site_a, DaySource.HR)


def test_the_installation_administrator_sets_a_national_day(world, root):
    row = calendar_day_set(date=MONDAY, kind=DayKind.REST, name="停电", by=root)
    assert (row.site, row.kind, row.history.first().history_user) == (None, DayKind.REST, root)


def test_hr_may_not_confirm_a_year(world):
    calendar_sync(year=2027)
    with pytest.raises(Refused, match="installation"):
        calendar_year_confirm(year=2027, by=world.hr)
    assert CalendarDay.objects.filter(date__year=2027, confirmed=False).exists()


def test_hr_reads_a_national_day_but_is_offered_only_their_sites(client, world):
    client.force_login(world.hr)
    text = client.get(day_url()).content.decode()
    assert 'data-testid="day-form"' not in text
    assert "set by the installation's administrator" in text
    assert 'data-testid="site-choice"' in text
    assert 'data-testid="day-form"' in client.get(day_url(site=world.site_a)).content.decode()


def test_hr_posting_a_national_day_is_forbidden(client, world):
    client.force_login(world.hr)
    assert client.post(day_url(), {"kind": DayKind.REST, "name": "停电"}).status_code == 403
    assert national().source == DaySource.PACKAGES


def test_hr_is_not_offered_to_confirm_a_year_nor_allowed_to(client, world):
    calendar_sync(year=2027)
    client.force_login(world.hr)
    text = client.get(reverse("attendance:calendar"), {"year": 2027}).content.decode()
    assert 'data-testid="confirm-year"' not in text
    assert 'data-testid="calendar-banner"' in text
    response = client.post(reverse("attendance:calendar_confirm", args=[2027]))
    assert response.status_code == 403
    assert CalendarDay.objects.filter(date__year=2027, confirmed=False).exists()


def test_the_installation_administrator_confirms_a_year_from_the_page(client, world, root):
    calendar_sync(year=2027)
    client.force_login(root)
    text = client.get(reverse("attendance:calendar"), {"year": 2027}).content.decode()
    assert 'data-testid="confirm-year"' in text
    response = client.post(reverse("attendance:calendar_confirm", args=[2027]))
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(date__year=2027, confirmed=False).exists()
    assert 'data-testid="day-form"' in client.get(day_url()).content.decode()
