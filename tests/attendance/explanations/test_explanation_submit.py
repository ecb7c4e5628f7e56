import datetime
import re

import pytest

from attendance.models import Explanation, ExplanationStatus
from attendance.services.explanations import (
    explanation_accept,
    explanation_return,
    explanation_submit,
)
from onsite.models import Notification
from onsite.transitions import Refused
from tests.dates import OCTOBER
from tests.factories import EXPLANATION_TEXT as TEXT
from tests.factories import absent_all_month, present_every_working_day
from tests.factories import explanation_written as write


def submit(world, text="重写的说明", month=OCTOBER, by=None):
    return explanation_submit(
        staff=world.person_a, site=world.site_a, month=month, text=text, by=by or world.staff_a
    )


def test_a_required_explanation_is_submitted_for_review(world):
    explanation = write(world)
    assert explanation.status == ExplanationStatus.SUBMITTED
    assert explanation.month == OCTOBER
    assert explanation.text == TEXT
    assert explanation.history.get().history_user == world.staff_a


def test_the_sites_supervisors_are_told(world):
    explanation = write(world)
    (notice,) = Notification.objects.filter(kind="attendance.explanation_submitted")
    assert notice.recipient == world.supervisor_a
    assert notice.title == "张三 explains the absences of 2026-10"
    assert notice.url == f"/attendance/explanations/{explanation.pk}/"


def test_a_month_that_requires_none_is_refused(world):
    present_every_working_day(world.person_a, OCTOBER)
    with pytest.raises(
        Refused, match=re.escape("No absence explanation is required of you for 2026-10 at 甲机房.")
    ):
        submit(world)
    assert not Explanation.objects.exists()


def test_any_day_of_the_month_names_the_month(world):
    absent_all_month(world.person_a, OCTOBER)
    assert submit(world, month=datetime.date(2026, 10, 17)).month == OCTOBER


def test_only_the_person_writes_it(world):
    absent_all_month(world.person_a, OCTOBER)
    with pytest.raises(Refused, match="written by the person it is about"):
        submit(world, by=world.supervisor_a)


def test_the_text_is_required(world):
    absent_all_month(world.person_a, OCTOBER)
    with pytest.raises(Refused, match=re.escape("Write the explanation.")):
        submit(world, text="  ")


def test_a_submitted_one_waits_for_review_before_it_can_be_rewritten(world):
    write(world)
    with pytest.raises(Refused, match="waits for review"):
        submit(world)


def test_an_accepted_one_is_final(world):
    explanation_accept(explanation=write(world), by=world.supervisor_a)
    with pytest.raises(Refused, match="already accepted"):
        submit(world)


def test_a_returned_one_is_rewritten_and_submitted_again(world):
    explanation = explanation_return(
        explanation=write(world), by=world.supervisor_a, note="请写明每天的原因"
    )
    rewritten = submit(world, text="10月12日至16日家中老人住院……")
    assert rewritten.pk == explanation.pk
    rewritten.refresh_from_db()
    assert rewritten.status == ExplanationStatus.SUBMITTED
    assert rewritten.text == "10月12日至16日家中老人住院……"
    assert rewritten.review_note == ""
    versions = list(rewritten.history.order_by("history_date"))
    assert [v.status for v in versions] == ["submitted", "returned", "submitted"]
    assert versions[0].text == TEXT
    assert versions[1].review_note == "请写明每天的原因"
    assert Notification.objects.filter(kind="attendance.explanation_submitted").count() == 2
