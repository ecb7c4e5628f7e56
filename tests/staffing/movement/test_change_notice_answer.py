"""The site's answer to a change notice (《运维人员变动通知》, filed 给到信息科和人事科): a
supervisor of the site confirms it or returns it with why; whoever filed it and HR are told, in
their own language; it waits in the supervisor's approvals inbox. What every decide page does
(a second answer, the onlookers, the scope) is in tests/onsite/test_decide_views.py."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from onsite.models import Notification
from onsite.notifications import render
from onsite.roles import Role
from onsite.transitions import Refused
from staffing.models import ChangeKind, ChangeNotice, ChangeNoticeStatus, LeavingReason
from staffing.services.movement import offboarding_start
from staffing.services.notices import (
    change_notice_confirm,
    change_notice_file,
    change_notice_return,
)
from tests import factories
from tests.dates import MONDAY
from tests.pages import page_text

N = ChangeNoticeStatus


def file_notice(world, **options) -> ChangeNotice:
    values = {
        "site": world.site_a,
        "kind": ChangeKind.DEPARTURE,
        "leaving": world.person_a,
        "planned_on": MONDAY + datetime.timedelta(days=40),
        "reason": "合同到期",
        "by": world.hr,
        "today": MONDAY,
        **options,
    }
    return change_notice_file(**values)


def test_a_filed_notice_waits_for_the_site(world):
    assert file_notice(world).status == N.FILED


def test_confirming_tells_whoever_filed_it_and_hr_once_each(world):
    hr_two = factories.UserFactory(username="hr_two", first_name="", last_name="")
    factories.RoleGrantFactory(user=hr_two, role=Role.HR_ADMIN, company=world.company)
    notice = file_notice(world)
    Notification.objects.all().delete()
    notice = change_notice_confirm(notice=notice, by=world.supervisor_a, note="已知悉")
    assert (notice.status, notice.decided_by, notice.decision_note) == (
        N.CONFIRMED,
        world.supervisor_a,
        "已知悉",
    )
    told = sorted(Notification.objects.values_list("recipient__username", flat=True))
    assert told == ["hr", "hr_two"]


def test_the_answer_reads_in_each_readers_language(world):
    notice = file_notice(world)
    Notification.objects.all().delete()
    change_notice_return(notice=notice, by=world.supervisor_a, note="请改到月底")
    entry = Notification.objects.get(recipient=world.hr)
    with translation.override("zh-hans"):
        assert render(entry.kind, entry.params).title == "甲机房退回了 2026-11-21 的人员变动通知"
    with translation.override("en"):
        assert (
            render(entry.kind, entry.params).title
            == "甲机房 returns the change notice for 2026-11-21"
        )
    assert entry.params["note"] == "请改到月底"


def test_returning_needs_a_reason_and_changes_nothing_without(world):
    notice = file_notice(world)
    with translation.override("en"), pytest.raises(Refused) as refusal:
        change_notice_return(notice=notice, by=world.supervisor_a, note="  ")
    assert refusal.value.messages == ["Say why the change notice is returned."]
    notice.refresh_from_db()
    assert notice.status == N.FILED


def test_who_filed_it_does_not_confirm_it_even_as_supervisor(world):
    factories.RoleGrantFactory(user=world.hr, role=Role.SUPERVISOR, site=world.site_a)
    notice = file_notice(world)
    with translation.override("en"), pytest.raises(Refused) as refusal:
        change_notice_confirm(notice=notice, by=world.hr)
    assert refusal.value.messages == [
        "Only a supervisor of the site confirms a change notice filed by someone else."
    ]
    notice.refresh_from_db()
    assert notice.status == N.FILED


def test_a_returned_rotation_notice_no_longer_allows_an_early_rotation(world):
    placement = world.person_a.assignments.get()
    placement.start = datetime.date(2026, 8, 1)  # two months before the rotation
    placement.save()
    notice = file_notice(
        world,
        kind=ChangeKind.ROTATION,
        planned_on=MONDAY,
        override_reason="客户要求提前轮岗",
        by=world.manager,
    )
    change_notice_return(notice=notice, by=world.supervisor_a, note="不同意提前轮岗")
    with translation.override("en"), pytest.raises(Refused) as refusal:
        offboarding_start(
            assignment=placement,
            reason=LeavingReason.ROTATION,
            leaving_on=MONDAY,
            by=world.hr,
            today=MONDAY,
        )
    assert (
        refusal.value.messages[-1] == "A manager can allow it on a change notice for the rotation."
    )


def test_it_waits_in_the_site_supervisors_inbox_and_is_confirmed_from_there(client, world):
    notice = file_notice(world, incoming=world.person_b, kind=ChangeKind.REPLACEMENT)
    client.force_login(world.supervisor_a)
    response = client.get(reverse("inbox:list"))
    assert f"change_notice:{notice.pk}" in response.content.decode()
    assert "张三 → 李四" in page_text(response)
    response = client.post(
        reverse("inbox:decide"), {"items": [f"change_notice:{notice.pk}"]}, follow=True
    )
    assert "已确认 1 份人员变动通知。" in page_text(response)
    notice.refresh_from_db()
    assert notice.status == N.CONFIRMED


def test_hr_who_filed_it_does_not_find_it_waiting(client, world):
    notice = file_notice(world)
    client.force_login(world.hr)
    page = client.get(reverse("inbox:list")).content.decode()
    assert f"change_notice:{notice.pk}" not in page


def test_the_detail_page_offers_the_answer_to_the_supervisor_only(client, world):
    notice = file_notice(world)
    url = reverse("staffing:change_notice_detail", args=[notice.pk])
    client.force_login(world.supervisor_a)
    assert 'data-testid="answer"' in client.get(url).content.decode()
    client.force_login(world.hr)
    assert 'data-testid="answer"' not in client.get(url).content.decode()
