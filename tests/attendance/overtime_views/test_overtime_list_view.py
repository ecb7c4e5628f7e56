import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from attendance.models import DayKind, Overtime, OvertimeCategory, OvertimeStatus
from tests import factories
from tests.dates import day_ahead as ahead
from tests.dates import day_before as before
from tests.factories import overtime_approved as approved
from tests.factories import overtime_asked_for as ask
from tests.factories import overtime_filed as filed
from tests.factories import punch_at as punch
from tests.pages import page_text

URL = reverse("attendance:overtime_list")


def rows(person, site, count: int, status=OvertimeStatus.PENDING, day=None) -> list[Overtime]:
    """`count` evenings of overtime, one a day back from `day`, written straight to the table."""
    day = day or before()
    return Overtime.objects.bulk_create(
        Overtime(
            staff=person,
            site=site,
            date=day - datetime.timedelta(days=n),
            start_time=datetime.time(18),
            end_time=datetime.time(20),
            hours=Decimal(2),
            day_kind=DayKind.WORKDAY,
            category=OvertimeCategory.WORKDAY,
            rate=150,
            reason=f"加班{n}",
            status=status,
        )
        for n in range(count)
    )


def test_staff_see_their_own_overtime_and_a_way_to_ask(english, world):
    ask(world, ahead())
    ask(world, ahead(), person=world.person_b)
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    assert f"张三 · {ahead():%Y-%m-%d} 18:00–20:00" in strip_tags(text)
    assert "李四" not in text
    assert reverse("attendance:overtime_new") in text


def test_each_row_shows_hours_category_with_rate_and_compensation(english, world):
    ask(world, ahead(DayKind.REST), "09:00", "11:30", compensation="time_off")
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    assert "2.5 h" in text
    assert "Rest-day overtime 200%" in text
    assert "Compensatory time off" in text
    assert "Waiting for approval" in text


def test_a_supervisor_sees_what_waits_first_and_only_their_sites(english, world):
    done = filed(world, ahead())  # its day is ahead: nothing waits on it
    waiting = ask(world, ahead() + datetime.timedelta(days=7))
    Overtime.objects.filter(pk=done.pk).update(date=ahead() + datetime.timedelta(days=14))
    ask(world, ahead(), person=world.person_b)
    english.force_login(world.supervisor_a)
    response = english.get(URL)
    assert [o.pk for o in response.context["page"]] == [waiting.pk, done.pk]
    assert "李四" not in page_text(response)
    assert reverse("attendance:overtime_new") not in page_text(response)


def test_rest_day_overtime_does_not_wait_for_the_supervisor(english, world):
    """SPEC §8: it is the department head's to approve; the supervisor sees it, not as theirs."""
    rest_day = ask(world, ahead(DayKind.REST), "09:00", "11:00")
    workday = ask(world, ahead() + datetime.timedelta(days=7))
    for user, waits in (
        (world.supervisor_a, {workday.pk: 0, rest_day.pk: 1}),
        (world.manager, {workday.pk: 0, rest_day.pk: 0}),
    ):
        english.force_login(user)
        page = english.get(URL).context["page"]
        assert {o.pk: o.waiting for o in page} == waits


def test_hr_sees_approved_overtime_to_file_before_newer_requests(world, client):
    to_file = approved(world, ahead())
    newer = ask(world, ahead() + datetime.timedelta(days=7))
    client.force_login(world.hr)
    assert [o.pk for o in client.get(URL).context["page"]] == [to_file.pk, newer.pk]


def test_flags_show_the_cap_the_emergency_and_missing_punches(english, world):
    rows(world.person_a, world.site_a, 1, OvertimeStatus.FILED)
    Overtime.objects.update(over_cap=True, emergency=True)
    english.force_login(world.hr)
    response = english.get(URL)
    flags = response.content.decode()
    for flag in ("over_cap", "emergency", "no_punches"):
        assert f'data-flag="{flag}"' in flags
    assert "Beyond the cap" in page_text(response)
    assert "No punches" in page_text(response)


def test_a_past_filed_day_with_punches_is_not_flagged(english, world):
    (row,) = rows(world.person_a, world.site_a, 1, OvertimeStatus.FILED)
    punch(world.person_a, row.date, "18:02")
    english.force_login(world.hr)
    response = english.get(URL)
    assert 'data-flag="no_punches"' not in response.content.decode()
    assert response.context["page"][0].no_punches is False


def test_a_punch_on_another_day_does_not_count(english, world):
    (row,) = rows(world.person_a, world.site_a, 1, OvertimeStatus.FILED)
    punch(world.person_a, row.date - datetime.timedelta(days=1), "18:02")
    punch(world.person_b, row.date, "18:02")
    english.force_login(world.hr)
    assert english.get(URL).context["page"][0].no_punches is True


def test_the_list_filters_by_status(world, client):
    rows(world.person_a, world.site_a, 2)
    rows(world.person_b, world.site_b, 1, OvertimeStatus.REJECTED)
    client.force_login(world.hr)
    response = client.get(URL, {"status": "rejected"})
    assert [o.staff.name for o in response.context["page"]] == ["李四"]


def test_hr_filters_the_hours_still_to_confirm(english, world):
    due = filed(world, before())
    confirmed = filed(world, before(), start="20:00", end="21:00")
    Overtime.objects.filter(pk=confirmed.pk).update(actual_hours=1, confirmed_at=due.filed_at)
    filed(world, ahead())  # its day is not past yet
    ask(world, before() - datetime.timedelta(days=7))  # not filed
    english.force_login(world.hr)
    response = english.get(URL, {"status": "hours"})
    assert [o.pk for o in response.context["page"]] == [due.pk]
    assert "Hours to confirm" in page_text(response)


def test_staff_are_not_offered_the_hours_filter(english, world):
    filed(world, before())
    english.force_login(world.staff_a)
    response = english.get(URL, {"status": "hours"})
    assert 'data-testid="hours-filter"' not in response.content.decode()
    assert len(response.context["page"]) == 1  # the filter is ignored


@pytest.mark.parametrize("role", ["finance", "client_a", "outsider"])
def test_roles_without_overtime_are_forbidden(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403


def test_the_query_count_does_not_grow_with_the_rows(client, world, django_assert_num_queries):
    client.force_login(world.hr)
    rows(world.person_a, world.site_a, 1, OvertimeStatus.FILED)
    with django_assert_num_queries(8):
        assert len(client.get(URL).context["page"]) == 1
    other = factories.StaffFactory(company=world.company)
    rows(other, world.site_b, 20, OvertimeStatus.FILED)
    rows(world.person_b, world.site_b, 9, OvertimeStatus.APPROVED)
    with django_assert_num_queries(8):
        assert len(client.get(URL).context["page"]) == 30
