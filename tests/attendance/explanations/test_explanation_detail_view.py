import pytest
from django.urls import reverse

from attendance.services.explanations import explanation_return
from tests.factories import explanation_written as write
from tests.pages import page_text


@pytest.fixture
def explanation(world):
    return write(world)


def url(explanation) -> str:
    return reverse("attendance:explanation_detail", args=[explanation.pk])


def test_the_supervisor_reads_it_with_the_review_buttons(english, world, explanation):
    english.force_login(world.supervisor_a)
    text = page_text(english.get(url(explanation)))
    assert "10月因家中急事未能到岗" in text
    assert 'data-testid="accept"' in text and 'data-testid="return"' in text


def test_the_person_reads_it_without_review_buttons(english, world, explanation):
    english.force_login(world.staff_a)
    text = page_text(english.get(url(explanation)))
    assert "10月因家中急事未能到岗" in text
    assert 'data-testid="review"' not in text
    assert 'data-testid="rewrite"' not in text


def test_a_returned_one_offers_the_person_a_rewrite_and_shows_the_history(
    english, world, explanation
):
    explanation_return(explanation=explanation, by=world.supervisor_a, note="请写明每天的原因")
    english.force_login(world.staff_a)
    text = page_text(english.get(url(explanation)))
    assert 'data-testid="rewrite"' in text
    assert "Submitted</del> → Returned for rewriting" in text
    assert "请写明每天的原因" in text


def test_outside_the_scope_it_does_not_exist(client, world, explanation, supervisor_b):
    for user in (world.staff_b, supervisor_b, world.finance, world.client_a, world.outsider):
        client.force_login(user)
        assert client.get(url(explanation)).status_code == 404
