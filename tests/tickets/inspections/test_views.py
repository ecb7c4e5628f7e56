"""The inspection pages: the round recorded on a phone (a failed item with its note opens a
ticket; a second send of the day lands on the recorded round; bad input is the form again and
changes nothing), the checklist kept by the supervisor, the deep report from draft to review,
its PDF in Chinese, and the list's queries pinned."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.pages import words
from tests.pdf import pdf_embedded_fonts, pdf_text
from tests.tickets.inspections.conftest import PNG
from tickets.models import (
    ChecklistItem,
    DeepInspection,
    DeepInspectionStatus,
    Inspection,
    InspectionResult,
    Ticket,
)

pytestmark = pytest.mark.django_db


def round_data(checklist, failed=None, note="指示灯红色", **more):
    data = {"note": ""}
    for item in checklist:
        data[f"ok_{item.pk}"] = "failed" if item == failed else "ok"
        data[f"note_{item.pk}"] = note if item == failed else ""
    return {**data, **more}


def new_url(world):
    return reverse("tickets:inspection_new", args=[world.site_a.pk])


def test_the_round_form_has_a_row_per_item_in_use(client, world, checklist):
    checklist[2].active = False
    checklist[2].save()
    client.force_login(world.staff_a)
    response = client.get(new_url(world))
    assert response.status_code == 200
    text = words(response)
    assert "温度湿度" in text and "核心交换机指示灯" in text and "磁盘告警" not in text
    assert 'name="viewport"' in response.content.decode()


def test_a_failed_item_with_a_photo_opens_a_ticket(client, world, checklist):
    client.force_login(world.staff_a)
    data = round_data(checklist, failed=checklist[1])
    data[f"photo_{checklist[1].pk}"] = SimpleUploadedFile("灯.png", PNG, "image/png")
    response = client.post(new_url(world), data)
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("tickets:inspection", args=[inspection.pk])
    result = InspectionResult.objects.get(ok=False)
    assert result.photo.read() == PNG
    ticket = Ticket.objects.get()
    assert ticket.inspection_result == result
    page = client.get(response.url)
    assert ticket.reference in words(page)
    photo = client.get(reverse("tickets:inspection_photo", args=[inspection.pk, result.pk]))
    assert b"".join(photo.streaming_content) == PNG


def test_a_failed_item_without_a_note_is_the_form_again(client, world, checklist):
    client.force_login(world.staff_a)
    response = client.post(new_url(world), round_data(checklist, failed=checklist[0], note=" "))
    assert response.status_code == 200
    assert response.context["form"].errors[f"note_{checklist[0].pk}"]
    assert not Inspection.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused(client, world, checklist):
    client.force_login(world.staff_a)
    data = round_data(checklist)
    data[f"photo_{checklist[0].pk}"] = SimpleUploadedFile("a.png", b"%PDF-1.4 fake")
    response = client.post(new_url(world), data)
    assert response.status_code == 200
    assert "温度湿度" in str(response.context["form"].non_field_errors())
    assert not Inspection.objects.exists()


def test_a_second_send_of_the_day_lands_on_the_recorded_round(english, world, checklist):
    english.force_login(world.staff_a)
    english.post(new_url(world), round_data(checklist))
    response = english.post(new_url(world), round_data(checklist, failed=checklist[0]), follow=True)
    inspection = Inspection.objects.get()
    assert response.redirect_chain[-1][0] == reverse("tickets:inspection", args=[inspection.pk])
    assert "Today's inspection of 甲机房 is recorded." in words(response)
    assert not Ticket.objects.exists()


def test_the_checklist_page_adds_moves_and_retires(english, world, checklist):
    english.force_login(world.supervisor_a)
    url = reverse("tickets:checklist", args=[world.site_a.pk])
    assert english.post(url, {"system": "空调", "item": "出风温度"}).status_code == 302
    added = ChecklistItem.objects.get(item="出风温度")
    response = english.post(url, {"system": "空调", "item": "出风温度"})
    assert "The checklist has this item already." in words(response)
    english.post(reverse("tickets:checklist_move", args=[added.pk]), {"to": "up"})
    order = list(ChecklistItem.objects.filter(active=True).values_list("item", flat=True))
    assert order == ["温度湿度", "核心交换机指示灯", "出风温度", "磁盘告警"]
    english.post(reverse("tickets:checklist_retire", args=[checklist[0].pk]))
    page = english.get(url)
    assert [i.pk for i in page.context["retired"]] == [checklist[0].pk]


def test_the_deep_report_from_draft_to_acceptance(client, world):
    client.force_login(world.staff_a)
    new = reverse("tickets:deep_new", args=[world.site_a.pk])
    assert client.get(new).context["form"].initial["half"] == (
        f"{timezone.localdate().year}H{1 if timezone.localdate().month <= 6 else 2}"
    )
    client.post(new, {"half": "2026H2", "findings": "UPS 电池老化"})
    report = DeepInspection.objects.get()
    client.post(
        reverse("tickets:deep_action_add", args=[report.pk]),
        {"action": "更换 UPS 电池", "owner": world.person_a.pk, "due_on": "2026-12-31"},
    )
    assert report.actions.get().owner == world.person_a
    client.post(reverse("tickets:deep_submit", args=[report.pk]))
    client.force_login(world.supervisor_a)
    page = client.get(reverse("tickets:deep", args=[report.pk]))
    assert page.context["review_form"] is not None
    review = reverse("tickets:deep_review", args=[report.pk])
    client.post(review, {"decision": "return", "note": ""})
    report.refresh_from_db()
    assert report.status == DeepInspectionStatus.SUBMITTED
    client.post(review, {"decision": "accept"})
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (
        DeepInspectionStatus.REVIEWED,
        world.supervisor_a,
    )


def test_the_deep_report_prints_in_chinese_with_an_embedded_cjk_font(client, world):
    report = DeepInspection.objects.create(
        site=world.site_a, half="2026H2", findings="UPS 电池老化", author=world.staff_a
    )
    report.actions.create(
        action="更换电池组", owner=world.person_a, due_on=datetime.date(2026, 12, 31)
    )
    client.force_login(world.supervisor_a)
    response = client.get(reverse("tickets:deep_pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ("甲机房", "2026H2", "UPS 电池老化", "更换电池组", "张三", "2026-12-31"):
        assert expected in text, expected
    assert any("CJK" in name for name in pdf_embedded_fonts(response.content))


@pytest.mark.parametrize("rounds", [1, 12])
def test_the_list_costs_the_same_whatever_its_length(
    client, world, checklist, django_assert_num_queries, rounds
):
    for n in range(rounds):
        inspection = Inspection.objects.create(
            site=world.site_a,
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            inspector=world.person_a,
        )
        inspection.results.create(item=checklist[0], ok=False, note="坏")
    client.force_login(world.supervisor_a)
    with django_assert_num_queries(10):
        response = client.get(reverse("tickets:inspections"))
    assert len(response.context["page"].object_list) == rounds
    assert response.context["page"].object_list[0].failed == 1


@pytest.mark.parametrize("site", ["²", "x", "99999999999999999999", ""])
def test_a_site_filter_that_is_not_one_of_mine_shows_all_my_sites(client, world, site):
    client.force_login(world.hr)
    response = client.get(reverse("tickets:inspections"), {"site": site})
    assert response.status_code == 200
    assert response.context["chosen"] is None
    assert [card["site"] for card in response.context["cards"]] == [world.site_a, world.site_b]


def test_a_site_filter_shows_that_site(client, world):
    client.force_login(world.hr)
    response = client.get(reverse("tickets:inspections"), {"site": world.site_b.pk})
    assert [card["site"] for card in response.context["cards"]] == [world.site_b]
