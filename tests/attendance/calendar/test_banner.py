import datetime

from django.template.loader import render_to_string

from attendance.models import DayKind
from attendance.selectors.banner import unconfirmed_notice
from attendance.services.calendar import calendar_day_set

D = datetime.date


def test_a_confirmed_range_has_no_notice(db):
    assert unconfirmed_notice(start=D(2026, 10, 1), end=D(2026, 10, 31)) is None


def test_a_range_touching_2027_names_the_year_and_counts_its_days(db):
    notice = unconfirmed_notice(start=D(2026, 12, 20), end=D(2027, 1, 10))
    assert notice["years"] == [2027]
    assert notice["count"] == 10
    assert (notice["first"], notice["last"]) == (D(2027, 1, 1), D(2027, 1, 10))


def test_a_site_day_set_by_hr_is_confirmed_at_that_site(world):
    calendar_day_set(
        date=D(2027, 1, 4), site=world.site_a, kind=DayKind.WORKDAY, name="", by=world.hr
    )
    notice = unconfirmed_notice(start=D(2027, 1, 4), end=D(2027, 1, 5), site_ids=[world.site_a.pk])
    assert notice["count"] == 1
    both = unconfirmed_notice(
        start=D(2027, 1, 4), end=D(2027, 1, 5), site_ids=[world.site_a.pk, world.site_b.pk]
    )
    assert both["count"] == 2


def test_the_banner_says_what_is_refused_and_links_hr_to_the_calendar(rf, world):
    from onsite.access import access_for

    notice = unconfirmed_notice(start=D(2027, 1, 1), end=D(2027, 1, 31))
    html = render_to_string(
        "attendance/_calendar_banner.html",
        {"notice": notice, "access": access_for(world.hr)},
    )
    assert "The working-day calendar for 2027 is not confirmed yet." in html
    assert "31 days here (2027-01-01 to 2027-01-31)" in html
    assert "Closing a month or finalising overtime pay" in html
    assert "/attendance/calendar/?year=2027" in html
    staff_html = render_to_string(
        "attendance/_calendar_banner.html",
        {"notice": notice, "access": access_for(world.staff_a)},
    )
    assert "/attendance/calendar/" not in staff_html
    assert render_to_string("attendance/_calendar_banner.html", {"notice": None}).strip() == ""
