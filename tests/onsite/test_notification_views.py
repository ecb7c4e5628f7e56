from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onsite.models import Notification
from onsite.notifications import notification_kinds
from tests import factories


def test_inbox_lists_only_my_notifications_newest_first(client, world):
    factories.NotificationFactory(recipient=world.hr, title="第一条")
    factories.NotificationFactory(recipient=world.hr, title="第二条")
    factories.NotificationFactory(recipient=world.manager, title="别人的")
    client.force_login(world.hr)
    response = client.get(reverse("notifications:list"))
    text = response.content.decode()
    assert text.index("第二条") < text.index("第一条")
    assert "别人的" not in text


def test_unread_filter_hides_read_entries(client, world):
    factories.NotificationFactory(recipient=world.hr, title="新派驻通知", read_at=None)
    factories.NotificationFactory(recipient=world.hr, title="旧的欢迎通知", read_at=timezone.now())
    client.force_login(world.hr)
    text = client.get(reverse("notifications:list"), {"unread": "1"}).content.decode()
    assert "新派驻通知" in text
    assert "旧的欢迎通知" not in text


def test_opening_marks_read_and_follows_the_link(client, world):
    notification = factories.NotificationFactory(recipient=world.hr, url="/sites/")
    client.force_login(world.hr)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/sites/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_never_redirects_to_another_host(client, world):
    notification = factories.NotificationFactory(recipient=world.hr, url="https://evil.example/")
    client.force_login(world.hr)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_someone_elses_notification_is_not_found_and_stays_unread(client, world):
    notification = factories.NotificationFactory(recipient=world.manager)
    client.force_login(world.hr)
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_unread_badge_counts_unread_entries_on_every_page(client, world):
    factories.NotificationFactory.create_batch(3, recipient=world.hr)
    factories.NotificationFactory(recipient=world.hr, read_at=timezone.now())
    client.force_login(world.hr)
    badge = client.get(reverse("notifications:badge")).content.decode()
    assert 'data-testid="unread-badge">3<' in badge
    page = client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="unread-badge">3<' in page


def test_mark_all_read_says_how_many(client, world):
    factories.NotificationFactory.create_batch(2, recipient=world.hr)
    client.force_login(world.hr)
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "已将 2 条通知标为已读。" in response.content.decode()
    assert "unread-badge" not in response.content.decode()


def test_inbox_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries):
    client.force_login(world.hr)
    factories.NotificationFactory.create_batch(2, recipient=world.hr)
    with django_assert_num_queries(7):
        client.get(reverse("notifications:list"))
    factories.NotificationFactory.create_batch(25, recipient=world.hr)
    with django_assert_num_queries(7):
        client.get(reverse("notifications:list"))


def test_inbox_queries_stay_fixed_with_many_notifications_of_every_kind(client, world):
    """Each entry is worded from its stored parameters: no query per row, whatever its kind."""
    kinds = notification_kinds()

    def add(count):
        Notification.objects.bulk_create(
            Notification(recipient=world.hr, kind=kind.key, params=kind.example)
            for kind in (kinds[n % len(kinds)] for n in range(count))
        )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("notifications:list")).status_code == 200
        return len(captured)

    client.force_login(world.hr)
    add(1)
    few = queries()
    add(len(kinds) * 3)
    assert queries() == few
    page = client.get(reverse("notifications:list"), {"page": 2}).content.decode()
    assert "%(" not in page
