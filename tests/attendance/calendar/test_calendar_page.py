import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance.models import DayKind
from attendance.services.calendar import calendar_day_set


def page(client, user, year):
    client.force_login(user)
    return client.get(reverse("attendance:calendar"), {"year": year})


def cell(text: str, date: str) -> str:
    return re.search(rf'<td class="([^"]*)" data-date="{date}" data-kind="(\w+)"', text).groups()


def test_hr_sees_the_year_month_by_month_coloured_by_kind(client, world):
    text = page(client, world.hr, 2026).content.decode()
    assert text.count('class="table table-sm table-bordered') == 12
    assert cell(text, "2026-10-01") == ("bg-danger text-white", DayKind.HOLIDAY)
    assert cell(text, "2026-10-05") == ("bg-danger-subtle", DayKind.HOLIDAY_REST)
    assert cell(text, "2026-10-10") == ("bg-warning-subtle", DayKind.MAKEUP_WORKDAY)
    assert cell(text, "2026-10-12") == ("bg-white", DayKind.WORKDAY)
    assert "国庆节" in text
    assert 'data-testid="legend"' in text
    assert 'data-testid="confirmed-year"' in text
    assert 'data-testid="calendar-banner"' not in text


def test_an_unconfirmed_year_shows_the_banner_and_the_confirm_button(client, world, root):
    text = page(client, root, 2027).content.decode()
    assert 'data-testid="calendar-banner"' in text
    assert "The working-day calendar for 2027 is not confirmed yet." in text
    assert 'data-testid="confirm-year"' in text
    assert cell(text, "2027-02-08")[0] == "bg-danger text-white unconfirmed"


def test_it_lists_the_sites_own_days_and_marks_them_on_the_grid(client, world):
    calendar_day_set(
        date=date(2026, 7, 6),
        site=world.site_a,
        kind=DayKind.REST,
        name="机房检修",
        by=world.hr,
    )
    text = page(client, world.hr, 2026).content.decode()
    assert "机房检修" in text
    assert "甲机房" in text


def test_a_year_without_rows_asks_for_a_sync(client, world):
    text = page(client, world.hr, 2031).content.decode()
    assert "sync_calendar 2031" in text
    assert 'data-testid="confirm-year"' not in text


def test_nonsense_year_falls_back_to_this_year(client, world):
    assert page(client, world.hr, "abc").status_code == 200


def test_a_supervisor_may_not_open_it(client, world):
    assert page(client, world.supervisor_a, 2026).status_code == 403


def test_the_page_reads_a_fixed_number_of_queries_however_many_site_days(client, world):
    client.force_login(world.hr)
    client.get(reverse("attendance:calendar"), {"year": 2026})

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("attendance:calendar"), {"year": 2026})
        return len(queries)

    calendar_day_set(
        date=date(2026, 7, 6), site=world.site_a, kind=DayKind.REST, name="", by=world.hr
    )
    one = count()
    for day in (7, 8, 9):
        for site in (world.site_a, world.site_b):
            calendar_day_set(
                date=date(2026, 7, day), site=site, kind=DayKind.REST, name="", by=world.hr
            )
    assert count() == one
