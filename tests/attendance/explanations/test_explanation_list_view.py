import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance.models import Explanation, ExplanationStatus
from attendance.services.explanations import explanation_accept
from tests.dates import OCTOBER
from tests.factories import absent_all_month
from tests.factories import explanation_written as write
from tests.pages import page_text

URL = reverse("attendance:explanation_list")


def test_staff_see_their_own(english, world):
    write(world)
    Explanation.objects.create(
        staff=world.person_b, site=world.site_b, month=OCTOBER, text="李四的说明"
    )
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    assert "张三 · 2026-10" in text
    assert "李四" not in text


def test_staff_are_shown_last_month_when_it_asks_for_an_explanation(english, world):
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    absent_all_month(world.person_a, last_month)
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    write_url = reverse(
        "attendance:explanation_write", args=[world.site_a.pk, f"{last_month:%Y-%m}"]
    )
    assert write_url in text
    assert 'data-testid="due"' in text


def test_a_month_already_explained_is_not_asked_again(english, world):
    write(world)
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    assert reverse("attendance:explanation_write", args=[world.site_a.pk, "2026-10"]) not in text


def test_the_supervisor_sees_submitted_ones_first(english, world):
    accepted = Explanation.objects.create(
        staff=world.person_a, site=world.site_a, month=datetime.date(2026, 11, 1), text="十一月"
    )
    explanation_accept(explanation=accepted, by=world.hr)
    write(world)
    Explanation.objects.create(
        staff=world.person_b, site=world.site_b, month=OCTOBER, text="李四的说明"
    )
    english.force_login(world.supervisor_a)
    response = english.get(URL)
    assert [(e.month, e.status) for e in response.context["page"]] == [
        (OCTOBER, ExplanationStatus.SUBMITTED),
        (datetime.date(2026, 11, 1), ExplanationStatus.ACCEPTED),
    ]


@pytest.mark.parametrize("role", ["finance", "client_a", "outsider"])
def test_roles_without_explanations_are_forbidden(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403
