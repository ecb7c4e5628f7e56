"""Notification settings and group robots (onsite/channels): everyone signed in has their own
notification settings; HR manages the company's robots and its sites', the supervisor of site A
site A's (site B's and the company's are not found); anyone else is refused the pages (403)."""

from __future__ import annotations

from onsite.channels.models import GroupWebhook
from tests.conftest import World
from tests.matrix import Row, statuses

DINGTALK = "https://oapi.dingtalk.com/robot/send?access_token=matrix"


def robot_of(site: str):
    def make(w: World) -> list:
        hook = GroupWebhook.objects.create(
            site=getattr(w, f"site_{site}"), service="dingtalk", name="运维群", url=DINGTALK
        )
        return [hook.pk]

    return make


def _managers(ok: int, *, site_a: bool = True) -> dict[str, int]:
    # supervisor_staff follows supervisor_a, hr_staff follows hr (tests.matrix.TWINS).
    return statuses(403, hr=ok, supervisor_a=ok if site_a else 404)


ROWS = [
    Row("channels:preferences", statuses(200)),
    Row(
        "channels:preferences",
        statuses(302),
        method="post",
        data=lambda w: {"email_muted": "on"},
        label="channels:preferences POST",
    ),
    Row("channels:webhooks", _managers(200)),
    Row(
        "channels:webhook_add_site",
        _managers(200),
        args=lambda w: [w.site_a.pk],
        label="channels:webhook_add_site A",
    ),
    Row(
        "channels:webhook_add_site",
        _managers(200, site_a=False),
        args=lambda w: [w.site_b.pk],
        label="channels:webhook_add_site B",
    ),
    Row(
        "channels:webhook_add_company",
        _managers(200, site_a=False),
        args=lambda w: [w.company.pk],
    ),
    Row("channels:webhook_edit", _managers(200), args=robot_of("a"), label="webhook_edit A"),
    Row(
        "channels:webhook_edit",
        _managers(200, site_a=False),
        args=robot_of("b"),
        label="webhook_edit B",
    ),
    Row(
        "channels:webhook_test",
        _managers(302),
        method="post",
        args=robot_of("a"),
        label="webhook_test A",
    ),
    Row(
        "channels:webhook_test",
        _managers(302, site_a=False),
        method="post",
        args=robot_of("b"),
        label="webhook_test B",
    ),
    Row(
        "channels:webhook_delete",
        _managers(302),
        method="post",
        args=robot_of("a"),
        label="webhook_delete A",
    ),
    Row(
        "channels:webhook_delete",
        _managers(302, site_a=False),
        method="post",
        args=robot_of("b"),
        label="webhook_delete B",
    ),
]
