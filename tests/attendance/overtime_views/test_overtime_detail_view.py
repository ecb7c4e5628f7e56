import datetime

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from attendance.models import DayKind
from attendance.services.overtime import overtime_request
from tests.dates import day_ahead, day_before
from tests.factories import (
    overtime_approved,
    overtime_asked_for,
    overtime_filed,
    punch_at,
)
from tests.pages import page_text


def url(overtime) -> str:
    return reverse("attendance:overtime_detail", args=[overtime.pk])


def html_of(response) -> str:
    return response.content.decode()


def test_the_record_shows_the_request_and_its_history(english, world):
    overtime = overtime_asked_for(
        world, day_ahead(DayKind.REST), "09:00", "11:30", compensation="time_off"
    )
    english.force_login(world.staff_a)
    text = page_text(english.get(url(overtime)))
    assert f"{overtime.date:%Y-%m-%d} 09:00–11:30" in text
    assert "Rest day · Rest-day overtime 200%" in text
    assert "Compensatory time off" in text
    assert "机房割接" in text
    assert "Waiting for approval" in text
    assert "History" in text and "created" in text


def test_a_filed_record_names_who_approved_and_filed_it(english, world):
    for user, last, first in ((world.manager, "周", "建国"), (world.hr, "王", "丽")):
        user.last_name, user.first_name = last, first
        user.save()
    overtime = overtime_filed(world, day_ahead())
    english.force_login(world.staff_a)
    text = page_text(english.get(url(overtime)))
    assert 'Approved</dt><dd class="col-7 col-md-9">周建国 · ' in text
    assert 'Filed</dt><dd class="col-7 col-md-9">王丽 · ' in text


@pytest.mark.parametrize("stranger", ["supervisor_b", "staff_b", "finance", "client_a"])
def test_outside_the_scope_it_is_not_found(client, world, supervisor_b, stranger):
    overtime = overtime_asked_for(world, day_ahead())
    user = supervisor_b if stranger == "supervisor_b" else world.users[stranger]
    client.force_login(user)
    assert client.get(url(overtime)).status_code == 404


def test_the_requester_may_withdraw_but_not_decide(english, world):
    overtime = overtime_asked_for(world, day_ahead())
    english.force_login(world.staff_a)
    html = html_of(english.get(url(overtime)))
    assert 'data-testid="cancel"' in html
    assert 'data-testid="decide"' not in html


def test_the_supervisor_approves_or_rejects_a_pending_request(english, world):
    overtime = overtime_asked_for(world, day_ahead())
    english.force_login(world.supervisor_a)
    html = html_of(english.get(url(overtime)))
    assert 'data-testid="approve"' in html and 'data-testid="reject"' in html
    assert 'data-testid="override"' not in html
    assert 'data-testid="cancel"' not in html


def test_rest_day_overtime_is_left_to_the_department_head_not_the_supervisor(english, world):
    overtime = overtime_asked_for(world, day_ahead(DayKind.REST), "09:00", "11:00")
    english.force_login(world.supervisor_a)
    html = html_of(english.get(url(overtime)))
    assert 'data-testid="approve"' not in html and 'data-testid="reject"' not in html
    english.force_login(world.manager)
    html = html_of(english.get(url(overtime)))
    assert 'data-testid="approve"' in html and 'data-testid="reject"' in html


def test_beyond_the_cap_the_supervisor_is_told_only_a_manager_can_approve(english, world):
    overtime = overtime_asked_for(world, day_ahead(), "18:00", "22:00")
    english.force_login(world.supervisor_a)
    response = english.get(url(overtime))
    assert "Only a manager can allow this" in page_text(response)
    assert 'data-testid="approve"' not in html_of(response)
    assert 'data-testid="reject"' in html_of(response)


def test_beyond_the_cap_a_manager_gets_the_override_reason_field(english, world):
    overtime = overtime_asked_for(world, day_ahead(), "18:00", "22:00")
    english.force_login(world.manager)
    html = html_of(english.get(url(overtime)))
    assert 'data-testid="override"' in html and 'name="override_reason"' in html
    assert 'data-testid="approve"' in html


def test_hr_files_an_approved_request(english, world):
    overtime = overtime_approved(world, day_ahead())
    english.force_login(world.hr)
    html = html_of(english.get(url(overtime)))
    assert 'data-testid="file"' in html
    english.force_login(world.supervisor_a)
    assert 'data-testid="decide"' not in html_of(english.get(url(overtime)))


def test_the_supervisor_confirms_an_emergency(english, world):
    overtime = overtime_request(
        staff=world.person_a,
        date=day_before(),
        start_time=datetime.time(18),
        end_time=datetime.time(20),
        reason="故障抢修",
        emergency=True,
        by=world.staff_a,
    )
    english.force_login(world.supervisor_a)
    response = english.get(url(overtime))
    assert 'data-testid="confirm"' in html_of(response)
    assert 'data-flag="emergency"' in html_of(response)
    english.force_login(world.manager)
    assert 'data-testid="decide"' not in html_of(english.get(url(overtime)))


def test_after_the_day_hr_sees_the_punches_and_the_hours_they_cover(english, world):
    overtime = overtime_filed(world, day_before())
    for hhmm in ("08:30", "17:30", "19:30"):
        punch_at(world.person_a, overtime.date, hhmm)
    english.force_login(world.hr)
    response = english.get(url(overtime))
    text = page_text(response)
    assert "08:30" in text and "17:30" in text and "19:30" in text
    assert "The punches cover 1.5 of the 2 hours asked for." in text
    assert 'data-testid="hours-form"' in html_of(response)
    assert 'value="1.5"' in html_of(response)
    assert "No punches that day" not in text


def test_without_punches_the_day_is_clearly_flagged(english, world):
    overtime = overtime_filed(world, day_before())
    english.force_login(world.supervisor_a)
    response = english.get(url(overtime))
    assert "No punches that day" in page_text(response)
    assert 'data-flag="no_punches"' in html_of(response)
    assert 'data-testid="hours-form"' in html_of(response)


def test_the_requester_sees_the_punches_but_not_the_hours_form(english, world):
    overtime = overtime_filed(world, day_before())
    english.force_login(world.staff_a)
    response = english.get(url(overtime))
    assert "No punches that day" in page_text(response)
    assert 'data-testid="hours-form"' not in html_of(response)


def test_before_the_day_there_is_no_hours_form(english, world):
    overtime = overtime_filed(world, day_ahead())
    english.force_login(world.hr)
    html = html_of(english.get(url(overtime)))
    assert 'data-testid="evidence"' not in html
    assert 'data-testid="hours-form"' not in html


def test_in_chinese_hr_files_it_and_the_history_names_people_not_logins(client, world):
    for user, last, first in ((world.manager, "周", "建国"), (world.hr, "孙", "丽华")):
        user.last_name, user.first_name = last, first
        user.save()
    overtime = overtime_filed(world, day_ahead())
    client.force_login(world.staff_a)
    text = page_text(client.get(url(overtime)))
    assert '已备案</dt><dd class="col-7 col-md-9">孙丽华 · ' in text
    assert "提交" not in text
    history = strip_tags(text.split('data-testid="history"')[1])
    assert "周建国 · " in history and "孙丽华 · " in history
    assert "批准人：— → 周建国" in history
    assert "备案人：— → 孙丽华" in history
    assert "张三 · 创建" in history  # the requester, by their staff name
    for login in ("manager", "hr", "staff_a"):
        assert f"→ {login}\n" not in history and f" {login} · " not in history
