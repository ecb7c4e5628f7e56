"""The result's page (SPEC §12) as its readers see it: the person on a phone reads their scores,
facts and ranks and acknowledges or appeals (the form gone after the window); the manager decides
the appeal with a link to re-score, and records the outcome; every refusal is a message, never a
500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Cycle, Result
from tests.assessment.test_pdf import closed_cycle
from tests.pdf import pdf_page_count, pdf_text

pytestmark = pytest.mark.django_db


def page(client, user, result):
    client.force_login(user)
    return client.get(reverse("assessment:result", args=[result.pk]))


def test_the_person_reads_their_result_and_acknowledges_it(client, world):
    cycle = closed_cycle(world)
    result = Result.objects.get(cycle=cycle, staff=world.person_a)
    response = page(client, world.staff_a, result)
    text = response.content.decode()
    assert response.status_code == 200
    for words in ("工作业绩", "40%", str(result.total), "签字确认", "申诉"):
        assert words in text, words
    mine = client.get(reverse("assessment:mine")).content.decode()
    assert "2026Q3" in mine and reverse("assessment:result", args=[result.pk]) in mine
    response = client.post(reverse("assessment:result_acknowledge", args=[result.pk]), follow=True)
    assert "你已签字确认考核结果。" in response.content.decode()
    result.refresh_from_db()
    assert result.status == "acknowledged"
    # Acknowledged: no buttons are offered again.
    assert 'data-action="acknowledge"' not in page(client, world.staff_a, result).content.decode()


def test_an_empty_or_late_appeal_is_a_message_and_changes_nothing(client, world):
    cycle = closed_cycle(world)
    result = Result.objects.get(cycle=cycle, staff=world.person_a)
    client.force_login(world.staff_a)
    url = reverse("assessment:result_appeal", args=[result.pk])
    response = client.post(url, {"reason": ""}, follow=True)
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    Cycle.objects.filter(pk=cycle.pk).update(closed_at=timezone.now() - datetime.timedelta(days=10))
    assert 'data-testid="appeal-form"' not in page(client, world.staff_a, result).content.decode()
    response = client.post(url, {"reason": "太低"}, follow=True)
    assert "现已逾期" in response.content.decode()
    result.refresh_from_db()
    assert result.status == "pending" and result.appeal_reason == ""


def test_the_manager_decides_an_appeal_and_records_the_outcome(client, world):
    cycle = closed_cycle(world)
    result = Result.objects.get(cycle=cycle, staff=world.person_a)
    client.force_login(world.staff_a)
    client.post(reverse("assessment:result_appeal", args=[result.pk]), {"reason": "偏低"})
    text = page(client, world.manager, result).content.decode()
    assert "处理申诉" in text and "偏低" in text and 'data-action="reject"' in text
    # A rejection without a reason is a message.
    url = reverse("assessment:appeal_decide", args=[result.pk])
    response = client.post(url, {"decision": "reject", "note": ""}, follow=True)
    assert "请填写驳回申诉的理由。" in response.content.decode()
    response = client.post(url, {"decision": "reject", "note": "依据充分"}, follow=True)
    text = response.content.decode()
    assert "申诉已驳回。" in text and "依据充分" in text
    response = client.post(
        reverse("assessment:outcome_record", args=[result.pk]),
        {"outcome": "bonus", "note": "季度奖"},
        follow=True,
    )
    assert "结果运用已记录。" in response.content.decode()
    result.refresh_from_db()
    assert (result.status, result.appeal_decision, result.outcome) == (
        "reviewed",
        "rejected",
        "bonus",
    )
    # A bad outcome is a message, not a 500, and changes nothing.
    response = client.post(
        reverse("assessment:outcome_record", args=[result.pk]),
        {"outcome": "fired"},
        follow=True,
    )
    assert response.status_code == 200
    result.refresh_from_db()
    assert result.outcome == "bonus"


def test_the_appeal_waits_in_the_managers_inbox(client, world):
    cycle = closed_cycle(world)
    result = Result.objects.get(cycle=cycle, staff=world.person_a)
    client.force_login(world.staff_a)
    client.post(reverse("assessment:result_appeal", args=[result.pk]), {"reason": "偏低"})
    client.force_login(world.manager)
    text = client.get(reverse("inbox:list")).content.decode()
    assert "考核申诉" in text and world.person_a.name in text
    assert reverse("assessment:result", args=[result.pk]) in text


def test_the_sheet_of_one_person_is_a_real_pdf_page(client, world):
    cycle = closed_cycle(world)
    result = Result.objects.get(cycle=cycle, staff=world.person_a)
    client.force_login(world.supervisor_a)
    response = client.get(reverse("assessment:result_pdf", args=[result.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    assert pdf_page_count(pdf) == 1
    text = pdf_text(pdf)
    assert world.person_a.name in text and "考核表" in text
