"""The registry of notification kinds: every kind each app registers is worded from its
parameters in both languages, and what cannot be worded reads as a neutral notification."""

import pytest
from django.urls import resolve
from django.utils import translation

from onsite import services
from onsite.notifications import (
    TEXT,
    NotificationKind,
    notification_kind_register,
    notification_kinds,
    render,
    unknown,
)
from tests import factories

KINDS = notification_kinds()
# The parameters that are words a reader must see as they were given (names, dates, notes);
# the others are ids for the link, flags and choice values worded by the kind.
SHOWN = {"name", "names", "site", "date", "start", "end", "time", "month", "reason", "note"}
SHOWN |= {"text", "title", "body", "sites"}


def test_each_app_fills_the_registry_with_its_own_kinds():
    keys = {kind.key for kind in KINDS}
    assert {"leave.decided", "overtime.decided", "attendance.correction_decided"} <= keys
    assert {"movement.change_notice", "qualification.expiring", "staffing.site_ban"} <= keys
    assert TEXT in keys


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("kind", KINDS, ids=[kind.key for kind in KINDS])
def test_every_kind_is_worded_from_its_parameters(kind, language):
    with translation.override(language):
        text = render(kind.key, kind.example)
        neutral = unknown()
    assert text.title and text.title != neutral.title
    assert "%(" not in text.title + text.body
    words = text.title + text.body
    for key, value in kind.example.items():
        if key in SHOWN and value:
            assert str(value) in words, key
    if kind.link:
        assert resolve(text.url).url_name


def test_a_kind_reads_in_the_readers_language_whatever_the_writers():
    params = {"name": "张三", "start": "2026-10-13", "end": "2026-10-14", "leave": 7}
    params |= {"reason": "家中有事", "extends": False}
    with translation.override("zh-hans"):
        chinese = render("leave.pending", params)
    with translation.override("en"):
        english = render("leave.pending", params)
    assert chinese.title == "张三申请请假：2026-10-13 至 2026-10-14"
    assert english.title == "张三 asks for leave: 2026-10-13 to 2026-10-14"
    assert chinese.url == english.url == "/attendance/leave/7/"


def test_a_choice_is_worded_from_its_label_in_the_readers_language():
    params = {"date": "2026-10-17", "status": "rejected", "note": "", "overtime": 3}
    with translation.override("zh-hans"):
        assert render("overtime.decided", params).title == "您的加班（2026-10-17）：已驳回"
    with translation.override("en"):
        assert render("overtime.decided", params).title == "Your overtime on 2026-10-17: Rejected"


def test_a_kind_whose_app_is_gone_reads_as_a_neutral_notification():
    text = render("tickets.assigned", {"ticket": 4, "name": "张三"})
    assert (text.title, text.body, text.url) == ("通知", "此通知的内容已无法显示。", "")


def test_parameters_that_no_longer_fit_read_as_a_neutral_notification():
    # An older version of the kind stored other parameters: no key, a bad choice, a bad id.
    assert render("leave.decided", {"start": "2026-10-13"}).title == "通知"
    assert render("overtime.decided", {"date": "2026-10-17", "status": "gone"}).title == "通知"
    params = {"name": "张三", "site": "甲机房", "assignment": "x"}
    assert render("movement.offboarding_completed", params).title == "通知"


def test_the_inbox_and_the_entry_open_with_a_kind_whose_app_is_gone(client, world):
    gone = factories.NotificationFactory(recipient=world.hr, kind="tickets.assigned", params={})
    client.force_login(world.hr)
    page = client.get("/notifications/")
    assert page.status_code == 200
    assert "此通知的内容已无法显示。" in page.content.decode()
    entry = client.get(f"/notifications/{gone.pk}/")
    assert entry.status_code == 200
    opened = client.post(f"/notifications/{gone.pk}/")
    assert opened["Location"] == "/notifications/"


def test_two_apps_cannot_claim_one_kind():
    with pytest.raises(ValueError, match="registered twice"):
        notification_kind_register(NotificationKind(key="leave.decided", title="另一个应用"))


def test_creating_a_notification_of_an_unregistered_kind_is_a_mistake(world):
    with pytest.raises(ValueError, match="unknown notification kind"):
        services.notification_create(recipients=[world.hr], kind="leave.typo", params={})
