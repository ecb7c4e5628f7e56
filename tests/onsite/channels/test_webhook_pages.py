"""The 群机器人 settings page: HR manages the company's robots and its sites', a supervisor his
site's; the address is checked (HTTPS on the service's own host) and never shown back whole,
the secret never; the last error of a post shows with its time; a test message is queued."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from onsite.channels.models import GroupWebhook
from tests.onsite.channels.conftest import webhook

DINGTALK = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef"


def add(client, owner: str, pk: int, **data):
    values = {"service": "dingtalk", "name": "运维群", "url": DINGTALK, "active": "on", **data}
    return client.post(reverse(f"channels:webhook_add_{owner}", args=[pk]), values)


def test_hr_adds_a_company_robot_with_its_secret(client, world):
    client.force_login(world.hr)
    response = add(client, "company", world.company.pk, secret="SECabc123")
    assert response.status_code == 302
    hook = GroupWebhook.objects.get()
    assert (hook.company, hook.site, hook.service, hook.url, hook.secret, hook.active) == (
        world.company,
        None,
        "dingtalk",
        DINGTALK,
        "SECabc123",
        True,
    )
    assert hook.created_by == world.hr


def test_the_list_shows_the_address_masked_and_never_the_secret(client, world):
    client.force_login(world.hr)
    add(client, "site", world.site_a.pk, secret="SECabc123")
    page = client.get(reverse("channels:webhooks")).content.decode()
    assert "https://oapi.dingtalk.com/robot/send?access_token=0123…" in page
    assert "0123456789abcdef" not in page
    assert "SECabc123" not in page
    edit = client.get(reverse("channels:webhook_edit", args=[GroupWebhook.objects.get().pk]))
    assert "0123456789abcdef" not in edit.content.decode()
    assert "SECabc123" not in edit.content.decode()


def test_the_supervisor_adds_a_robot_to_his_site_only(client, world):
    client.force_login(world.supervisor_a)
    assert add(client, "site", world.site_a.pk).status_code == 302
    assert add(client, "site", world.site_b.pk).status_code == 404
    assert add(client, "company", world.company.pk).status_code == 404
    assert GroupWebhook.objects.get().site == world.site_a


@pytest.mark.parametrize(
    ("url", "error"),
    [
        (
            "http://oapi.dingtalk.com/robot/send?access_token=x",
            "Webhook 地址必须以 https:// 开头。",
        ),
        (
            "https://evil.example.com/robot/send?access_token=x",
            "Webhook 地址必须位于该服务自己的域名",
        ),
        ("https://oapi.dingtalk.com.evil.cn/robot/send", "Webhook 地址必须位于该服务自己的域名"),
        ("https://10.0.0.5/robot/send", "Webhook 地址必须位于该服务自己的域名"),
        ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", "oapi.dingtalk.com"),
        ("https://oapi.dingtalk.com:8443/robot/send", "Webhook 地址必须位于该服务自己的域名"),
        ("https://user:pw@oapi.dingtalk.com/robot/send", "请输入有效的 Webhook 地址。"),
        ("file:///etc/passwd", "请输入有效的 Webhook 地址。"),
        ("ftp://oapi.dingtalk.com/robot/send", "Webhook 地址必须以 https:// 开头。"),
        ("", "请填写机器人的 Webhook 地址。"),
    ],
)
def test_an_address_off_the_service_host_is_refused_in_chinese(client, world, url, error):
    client.force_login(world.hr)
    response = add(client, "site", world.site_a.pk, url=url)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not GroupWebhook.objects.exists()


def test_an_allowed_host_may_use_plain_http(client, world, settings):
    settings.WEBHOOK_ALLOWED_HOSTS = ["relay.intranet:8080"]
    client.force_login(world.hr)
    assert (
        add(client, "site", world.site_a.pk, url="http://relay.intranet:8080/ding").status_code
        == 302
    )
    # Another port of the same host is not allowed.
    response = add(client, "site", world.site_a.pk, url="http://relay.intranet:9090/ding")
    assert response.status_code == 200
    assert GroupWebhook.objects.count() == 1


def test_each_service_takes_its_own_host(client, world):
    client.force_login(world.hr)
    for service, url in (
        ("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"),
        ("feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/abc"),
        ("feishu", "https://open.larksuite.com/open-apis/bot/v2/hook/abc"),
    ):
        assert add(client, "site", world.site_a.pk, service=service, url=url).status_code == 302
    assert GroupWebhook.objects.count() == 3


def test_a_wecom_robot_takes_no_secret(client, world):
    client.force_login(world.hr)
    response = add(
        client,
        "site",
        world.site_a.pk,
        service="wecom",
        url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
        secret="s",
    )
    assert "只有钉钉和飞书机器人使用签名密钥。" in response.content.decode()
    assert not GroupWebhook.objects.exists()


def test_editing_keeps_the_address_and_secret_left_empty(client, world):
    hook = GroupWebhook.objects.create(
        site=world.site_a, service="dingtalk", name="旧", url=DINGTALK, secret="SECabc"
    )
    client.force_login(world.supervisor_a)
    response = client.post(
        reverse("channels:webhook_edit", args=[hook.pk]),
        {"service": "dingtalk", "name": "新", "url": "", "secret": ""},
    )
    assert response.status_code == 302
    hook.refresh_from_db()
    assert (hook.name, hook.url, hook.secret, hook.active) == ("新", DINGTALK, "SECabc", False)
    client.post(
        reverse("channels:webhook_edit", args=[hook.pk]),
        {"service": "dingtalk", "name": "新", "secret_clear": "on", "active": "on"},
    )
    hook.refresh_from_db()
    assert (hook.secret, hook.active) == ("", True)


def test_removing_a_robot(client, world):
    hook = GroupWebhook.objects.create(
        site=world.site_a, service="dingtalk", name="群", url=DINGTALK
    )
    client.force_login(world.supervisor_a)
    assert client.post(reverse("channels:webhook_delete", args=[hook.pk])).status_code == 302
    assert not GroupWebhook.objects.exists()


def test_another_sites_robot_is_not_found(client, world, supervisor_b):
    hook = GroupWebhook.objects.create(
        site=world.site_a, service="dingtalk", name="群", url=DINGTALK
    )
    client.force_login(supervisor_b)
    assert client.get(reverse("channels:webhook_edit", args=[hook.pk])).status_code == 404
    assert client.post(reverse("channels:webhook_test", args=[hook.pk])).status_code == 404
    assert client.post(reverse("channels:webhook_delete", args=[hook.pk])).status_code == 404
    assert GroupWebhook.objects.exists()
    assert "甲机房" not in client.get(reverse("channels:webhooks")).content.decode()


def test_a_test_message_is_posted_and_a_failure_shows_on_the_page(
    client, world, robot, django_capture_on_commit_callbacks
):
    robot.status = 500
    hook = webhook(robot=robot, service="dingtalk", site=world.site_a, secret="SECx")
    client.force_login(world.supervisor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("channels:webhook_test", args=[hook.pk]))
    assert response.status_code == 302
    assert len(robot.posts) == 4  # the first post and three retries
    assert robot.posts[0].body["text"]["content"].startswith("这是来自")
    page = client.get(reverse("channels:webhooks")).content.decode()
    assert "最近失败" in page
    assert "HTTP 500" in page
    hook.refresh_from_db()
    # The page shows the time on the company's clock, which is a day ahead of UTC after 16:00 UTC.
    assert timezone.localtime(hook.last_error_at).strftime("%Y-%m-%d %H:%M") in page


def test_a_test_message_that_arrives_shows_when(
    client, world, robot, django_capture_on_commit_callbacks
):
    hook = webhook(robot=robot, service="wecom", site=world.site_a)
    client.force_login(world.hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("channels:webhook_test", args=[hook.pk]))
    assert len(robot.posts) == 1
    page = client.get(reverse("channels:webhooks")).content.decode()
    assert "最近送达" in page
    assert "最近失败" not in page


def test_the_list_reads_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.hr)
    client.get(reverse("channels:webhooks"))
    with django_assert_num_queries(9):
        client.get(reverse("channels:webhooks"))
    for n in range(5):
        GroupWebhook.objects.create(
            site=world.site_a, service="dingtalk", name=f"群{n}", url=DINGTALK
        )
        GroupWebhook.objects.create(
            company=world.company,
            service="wecom",
            name=f"群{n}",
            url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        )
    with django_assert_num_queries(9):
        page = client.get(reverse("channels:webhooks"))
    assert page.content.decode().count('data-testid="webhook-row"') == 10
