from django.urls import reverse

from attendance.models import CalendarDay
from attendance.services.calendar import calendar_sync


def confirm(client, user, year):
    client.force_login(user)
    return client.post(reverse("attendance:calendar_confirm", args=[year]))


def test_the_administrator_confirms_a_provisional_year_with_history(client, world, root):
    calendar_sync(year=2027)
    response = confirm(client, root, 2027)
    assert response.status_code == 302
    rows = CalendarDay.objects.filter(site__isnull=True, date__year=2027)
    assert not rows.filter(confirmed=False).exists()
    row = rows.get(date="2027-10-01")
    assert row.history.first().history_user == root
    assert row.history.first().history_change_reason
    text = client.get(response.url).content.decode()
    assert "365 days of 2027 confirmed." in text
    assert 'data-testid="calendar-banner"' not in text


def test_a_year_without_its_rows_cannot_be_confirmed(client, world, root):
    response = confirm(client, root, 2031)
    assert not CalendarDay.objects.filter(date__year=2031).exists()
    assert "sync_calendar 2031" in client.get(response.url).content.decode()


def test_it_is_post_only(client, world, root):
    client.force_login(root)
    assert client.get(reverse("attendance:calendar_confirm", args=[2027])).status_code == 405


def test_a_supervisor_may_not_confirm(client, world):
    assert confirm(client, world.supervisor_a, 2027).status_code == 403
    assert CalendarDay.objects.filter(date__year=2027, confirmed=False).exists()
