"""Notifications written before kinds had parameters keep showing the text they were sent with,
and going back before the upgrade keeps the text of those written after it. One trip back and
forth checks both: migrating a whole database costs seconds on either engine."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from onsite.models import Notification
from onsite.notifications import TEXT
from tests import factories

BEFORE = [("onsite", "0003_reminder_claim")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_notifications_keep_their_text_across_the_upgrade_both_ways():
    user = factories.UserFactory(username="reader")
    Notification.objects.create(
        recipient=user, kind=TEXT, params={"title": "旧通知", "body": "", "url": "", "was": "k"}
    )
    Notification.objects.create(recipient=user, kind="staffing.site_ban", params={"name": "张三"})
    try:
        old_apps = migrate(BEFORE)
        OldNotification = old_apps.get_model("onsite", "Notification")
        # Going back: a stored text reads as it was; a kind with parameters reads neutrally.
        rows = OldNotification.objects.order_by("pk")
        assert [(n.kind, n.title) for n in rows] == [("k", "旧通知"), ("staffing.site_ban", "通知")]
        OldNotification.objects.create(
            recipient_id=user.pk,
            kind="leave.approved",
            title="您的请假（2026-10-13 至 2026-10-14）：已批准",
            body="注意交接",
            url="/attendance/leave/3/",
        )
    finally:
        migrate(latest())
    *_, kept = Notification.objects.order_by("pk")
    assert (kept.kind, kept.params["was"]) == (TEXT, "leave.approved")
    # Stored text, so it reads the same in either language.
    with translation.override("en"):
        assert kept.title == "您的请假（2026-10-13 至 2026-10-14）：已批准"
        assert (kept.body, kept.url) == ("注意交接", "/attendance/leave/3/")
    first = Notification.objects.order_by("pk").first()
    assert (first.kind, first.params["title"], first.params["was"]) == (TEXT, "旧通知", "k")
