"""An empty choice in any form says what to do ("请选择"), never Django's "---------"."""

import html

from django.urls import reverse


def page(client, user, name, *args) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_staff_form_offers_a_choice_to_make_not_dashes(client, world):
    text = page(client, world.hr, "staffing:staff_new")
    assert "---------" not in text
    assert '<option value="" selected>请选择</option>' in text


def test_the_placement_form_says_so_too(client, world):
    text = page(client, world.hr, "staffing:assignment_new", world.person_a.pk)
    assert "---------" not in text
    assert ">请选择</option>" in text


def test_the_staff_filter_offers_all(client, world):
    text = page(client, world.hr, "staffing:staff_list")
    assert "---------" not in text
