"""onsite.audit.history_entries: each change reads as a person would write it."""

from __future__ import annotations

import datetime

from django.utils import translation

from onsite.audit import history_entries
from tests.factories import overtime_made as made


def test_times_read_in_local_time_to_the_minute_and_flags_as_yes_or_no(world):
    overtime = made(world)
    overtime.approved_at = datetime.datetime(2026, 10, 14, 2, 5, 33, 120, tzinfo=datetime.UTC)
    overtime.punches_missing = True
    overtime.save()
    with translation.override("en"):
        (latest, _created) = history_entries(overtime)
    shown = {change.field: (change.old, change.new) for change in latest.changes}
    assert shown["approved at"] == ("—", "2026-10-14 10:05")  # Asia/Shanghai
    assert shown["no punches on the day"] == ("no", "yes")


def test_people_read_by_their_names_never_their_logins(world):
    world.manager.last_name, world.manager.first_name = "周", "建国"
    world.manager.save()
    overtime = made(world)
    overtime.reason = "改为夜间巡检"
    overtime._history_user = world.staff_a  # 张三's login has no name of its own
    overtime.save()
    overtime.approved_by = world.manager
    overtime._history_user = world.manager
    overtime.save()
    (approval, edit, _created) = history_entries(overtime)
    assert approval.who == "周建国"
    assert {c.field: c.new for c in approval.changes}["批准人"] == "周建国"
    assert edit.who == "张三"
