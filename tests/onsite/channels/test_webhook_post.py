"""A post to each service in its documented text format, signed with the robot's secret where
it has one, and what happens when the service fails or refuses (onsite.channels.services)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import socket
import time

import pytest

from onsite.channels.services import TemporaryFailure, webhook_post
from onsite.tasks import group_webhook_post_task
from tests.onsite.channels.conftest import webhook

TEXT = "服务工单 A-0001（甲机房）未在 2026-10-13 09:00 前响应：打印机无法打印"


def test_wecom_gets_its_text_message(world, robot):
    hook = webhook(robot=robot, service="wecom", site=world.site_a)
    assert webhook_post(webhook_id=hook.pk, text=TEXT) is True
    [post] = robot.posts
    assert post.path == "/cgi-bin/webhook/send"
    assert post.query == {"key": "wecom-key-123456"}
    assert post.body == {"msgtype": "text", "text": {"content": TEXT}}
    assert post.content_type.startswith("application/json")
    hook.refresh_from_db()
    assert hook.last_ok_at is not None
    assert hook.last_error == ""


def test_dingtalk_without_a_secret_gets_no_signature(world, robot):
    hook = webhook(robot=robot, service="dingtalk", site=world.site_a)
    webhook_post(webhook_id=hook.pk, text=TEXT)
    [post] = robot.posts
    assert post.query == {"access_token": "abcdef123456"}
    assert post.body == {"msgtype": "text", "text": {"content": TEXT}}


def test_dingtalk_signs_with_the_timestamp_in_milliseconds(world, robot):
    secret = "SEC0123456789abcdef+/="
    hook = webhook(robot=robot, service="dingtalk", site=world.site_a, secret=secret)
    before = int(time.time() * 1000)
    webhook_post(webhook_id=hook.pk, text=TEXT)
    [post] = robot.posts
    assert post.query["access_token"] == "abcdef123456"
    timestamp = post.query["timestamp"]
    assert before <= int(timestamp) <= int(time.time() * 1000)
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    # parse_qsl decoded the URL-encoding of the base64 ("+", "/", "="): it arrived intact.
    assert post.query["sign"] == expected
    assert post.body == {"msgtype": "text", "text": {"content": TEXT}}


def test_feishu_gets_its_text_message(world, robot):
    robot.answer = {"code": 0, "msg": "success", "data": {}}
    hook = webhook(robot=robot, service="feishu", company=world.company)
    assert webhook_post(webhook_id=hook.pk, text=TEXT) is True
    [post] = robot.posts
    assert post.path == "/open-apis/bot/v2/hook/feishu-key-123456"
    assert post.body == {"msg_type": "text", "content": {"text": TEXT}}


def test_feishu_signs_in_the_body_with_the_timestamp_in_seconds(world, robot):
    robot.answer = {"code": 0, "msg": "success"}
    secret = "feishu-secret"
    hook = webhook(robot=robot, service="feishu", site=world.site_a, secret=secret)
    before = int(time.time())
    webhook_post(webhook_id=hook.pk, text=TEXT)
    [post] = robot.posts
    timestamp = post.body["timestamp"]
    assert isinstance(timestamp, str)
    assert before <= int(timestamp) <= int(time.time())
    # Feishu's rule: the key is "timestamp\nsecret", the message empty.
    expected = base64.b64encode(
        hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
    ).decode()
    assert post.body["sign"] == expected
    assert post.body["msg_type"] == "text"
    assert post.body["content"] == {"text": TEXT}


def test_a_vendor_refusal_is_recorded_and_not_retried(world, robot):
    robot.answer = {"errcode": 310000, "errmsg": "sign not match"}
    hook = webhook(robot=robot, service="dingtalk", site=world.site_a, secret="s")
    assert webhook_post(webhook_id=hook.pk, text=TEXT) is False
    hook.refresh_from_db()
    assert hook.last_error == "310000: sign not match"
    assert hook.last_error_at is not None
    assert hook.last_ok_at is None


@pytest.mark.parametrize(
    ("service", "answer", "error"),
    [
        (
            "wecom",
            {"errcode": 93000, "errmsg": "invalid webhook url"},
            "93000: invalid webhook url",
        ),
        ("feishu", {"code": 19021, "msg": "sign match fail"}, "19021: sign match fail"),
        ("feishu", {"StatusCode": 9499, "StatusMessage": "Bad Request"}, "9499: Bad Request"),
    ],
)
def test_each_service_refusal_is_read_from_its_own_answer(world, robot, service, answer, error):
    robot.answer = answer
    hook = webhook(robot=robot, service=service, site=world.site_a)
    assert webhook_post(webhook_id=hook.pk, text=TEXT) is False
    hook.refresh_from_db()
    assert hook.last_error == error


def test_a_server_error_is_recorded_and_raised_for_the_retry(world, robot, caplog):
    robot.status = 500
    hook = webhook(robot=robot, service="wecom", site=world.site_a)
    with pytest.raises(TemporaryFailure):
        webhook_post(webhook_id=hook.pk, text=TEXT)
    hook.refresh_from_db()
    assert hook.last_error.startswith("HTTP 500")
    assert "post failed" in caplog.text


def test_the_task_retries_a_server_error_three_times_then_gives_up(world, robot):
    robot.status = 503
    hook = webhook(robot=robot, service="wecom", site=world.site_a)
    result = group_webhook_post_task.delay(hook.pk, TEXT)
    assert len(robot.posts) == 4  # the post and its three retries
    assert result.failed()
    hook.refresh_from_db()
    assert hook.last_error.startswith("HTTP 503")


def test_a_client_error_is_not_retried(world, robot):
    robot.status = 404
    hook = webhook(robot=robot, service="wecom", site=world.site_a)
    group_webhook_post_task.delay(hook.pk, TEXT)
    assert len(robot.posts) == 1
    hook.refresh_from_db()
    assert hook.last_error.startswith("HTTP 404")


def test_a_slow_service_times_out(world, robot, settings):
    settings.WEBHOOK_TIMEOUT = 0.2
    robot.delay = 1
    hook = webhook(robot=robot, service="wecom", site=world.site_a)
    with pytest.raises(TemporaryFailure):
        webhook_post(webhook_id=hook.pk, text=TEXT)
    hook.refresh_from_db()
    assert "timed out" in hook.last_error


def test_a_refused_connection_is_recorded(world, robot):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hook = webhook(
        robot=robot, service="wecom", site=world.site_a, url=f"http://127.0.0.1:{port}/x"
    )
    with pytest.raises(TemporaryFailure):
        webhook_post(webhook_id=hook.pk, text=TEXT)
    hook.refresh_from_db()
    assert "refused" in hook.last_error.lower()
    assert hook.last_error_at is not None


def test_a_redirect_is_not_followed(world, robot):
    robot.status = 302
    hook = webhook(robot=robot, service="wecom", site=world.site_a)
    assert webhook_post(webhook_id=hook.pk, text=TEXT) is False
    assert len(robot.posts) == 1
    hook.refresh_from_db()
    assert hook.last_error.startswith("HTTP 302")


def test_an_address_no_longer_allowed_is_not_requested(world, robot, settings):
    hook = webhook(robot=robot, service="wecom", site=world.site_a)
    settings.WEBHOOK_ALLOWED_HOSTS = []
    assert webhook_post(webhook_id=hook.pk, text=TEXT) is False
    assert robot.posts == []
    hook.refresh_from_db()
    assert "https://" in hook.last_error


def test_a_switched_off_robot_is_not_posted_to(world, robot):
    hook = webhook(robot=robot, service="wecom", site=world.site_a, active=False)
    assert webhook_post(webhook_id=hook.pk, text=TEXT) is False
    assert robot.posts == []
