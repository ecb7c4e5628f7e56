"""group_post: one task per active robot of the site and of the company given, queued once the
caller commits, with the absolute link; a failing robot never undoes the work that posted."""

from __future__ import annotations

import pytest
from django.db import transaction

from onsite.channels import group_post
from onsite.models import Notification
from onsite.notifications import TEXT
from onsite.services import notification_create
from tests.onsite.channels.conftest import webhook


def test_each_active_robot_of_the_site_and_the_company_gets_the_text_and_link(
    world, robot, django_capture_on_commit_callbacks
):
    robot.answer = {"errcode": 0, "code": 0}
    webhook(robot=robot, service="wecom", site=world.site_a)
    webhook(robot=robot, service="feishu", company=world.company)
    webhook(robot=robot, service="dingtalk", site=world.site_a, active=False)
    webhook(robot=robot, service="dingtalk", site=world.site_b)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queued = group_post(
            text="服务工单 A-0001 超时", url="/tickets/1/", site=world.site_a, company=world.company
        )
        assert robot.posts == []  # nothing before the commit
    assert queued == 2 == len(callbacks)
    texts = sorted(
        post.body.get("text", {}).get("content") or post.body["content"]["text"]
        for post in robot.posts
    )
    assert texts == ["服务工单 A-0001 超时\nhttps://onsite.example.com/tickets/1/"] * 2


def test_a_site_alone_does_not_bring_its_companys_robots(world, robot):
    webhook(robot=robot, service="wecom", company=world.company)
    assert group_post(text="t", site=world.site_a) == 0
    assert group_post(text="t") == 0


def test_nothing_is_posted_when_the_work_rolls_back(
    world, robot, django_capture_on_commit_callbacks
):
    webhook(robot=robot, service="wecom", site=world.site_a)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        group_post(text="t", site=world.site_a)
        raise RuntimeError
    assert callbacks == []
    assert robot.posts == []


@pytest.mark.parametrize("status", [500, 400])
def test_a_failing_robot_leaves_the_work_done(
    world, robot, status, django_capture_on_commit_callbacks
):
    robot.status = status
    hook = webhook(robot=robot, service="dingtalk", site=world.site_a)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notification_create(recipients=[world.hr], kind=TEXT, params={"title": "缺交周报"})
        group_post(text="缺交周报：张三", site=world.site_a)
    assert Notification.objects.filter(recipient=world.hr).exists()
    hook.refresh_from_db()
    assert hook.last_error.startswith(f"HTTP {status}")


def test_a_broker_outage_is_logged_not_raised(
    world, robot, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from onsite import tasks

    webhook(robot=robot, service="wecom", site=world.site_a)

    def down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.group_webhook_post_task, "delay", down)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification_create(recipients=[world.hr], kind=TEXT, params={"title": "t"})
        group_post(text="t", site=world.site_a)
    assert len(callbacks) == 2  # the e-mail and the post; the post's failure only logged
    assert "broker down" in caplog.text
    assert robot.posts == []
