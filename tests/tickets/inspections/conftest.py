"""Inspections (SPEC §11): the test world with a three-line checklist at site A."""

from __future__ import annotations

import datetime

import pytest

from tests.dates import MONDAY, SHANGHAI
from tickets.models import ChecklistItem
from tickets.services.inspections import Check, inspection_record

# Monday morning at site A, the round of the day.
ROUND_AT = datetime.datetime.combine(MONDAY, datetime.time(9, 30), tzinfo=SHANGHAI)
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


@pytest.fixture
def checklist(world) -> list[ChecklistItem]:
    return [
        ChecklistItem.objects.create(site=world.site_a, system=system, item=item, order=n)
        for n, (system, item) in enumerate(
            (("机房环境", "温度湿度"), ("网络", "核心交换机指示灯"), ("服务器", "磁盘告警")),
            start=1,
        )
    ]


def record(world, checklist, *, failed=(), now=ROUND_AT, by=None, **options):
    """The round of `now`'s day at site A by staff_a, every item ok but the indexes in `failed`."""
    checks = [
        Check(item=item, ok=n not in failed, note="指示灯红色" if n in failed else "")
        for n, item in enumerate(checklist)
    ]
    return inspection_record(
        site=world.site_a, by=by or world.staff_a, checks=checks, now=now, **options
    )
