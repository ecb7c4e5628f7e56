from urllib.parse import quote

from django.urls import reverse

from staffing.services.movement import offboarding_item_record
from tests.pdf import pdf_embedded_fonts, pdf_text


def url(offboarding):
    return reverse("staffing:offboarding_handover_pdf", args=[offboarding.pk])


def test_the_handover_form_prints_the_person_site_items_and_signatures(
    english, world, offboarding_a
):
    offboarding_item_record(item=offboarding_a.items.get(kind="badge"), by=world.hr, note="已收回")
    english.force_login(world.hr)
    response = english.get(url(offboarding_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ("张三", "甲机房", "李四", "运维工程师", "2026-01-01", "2026-11-22"):
        assert expected in text
    assert "Badge returned" in text and "已收回" in text
    assert "Person leaving" in text and "Site supervisor" in text


def test_the_pdf_embeds_a_cjk_font(client, world, offboarding_a):
    client.force_login(world.supervisor_a)
    fonts = pdf_embedded_fonts(client.get(url(offboarding_a)).content)
    assert any("CJK" in name for name in fonts), fonts


def test_the_file_name_is_chinese(client, world, offboarding_a):
    client.force_login(world.hr)
    disposition = client.get(url(offboarding_a))["Content-Disposition"]
    assert quote("张三-甲机房.pdf") in disposition
    assert disposition.startswith("inline;")


def test_the_person_may_print_their_own_form(client, world, offboarding_a):
    client.force_login(world.staff_a)
    assert client.get(url(offboarding_a)).status_code == 200


def test_an_outsider_and_a_supervisor_of_another_site_get_404(
    client, world, offboarding_a, supervisor_b
):
    for user in (world.outsider, supervisor_b, world.staff_b, world.client_a):
        client.force_login(user)
        assert client.get(url(offboarding_a)).status_code == 404, user
