"""我的报销 and the claim's page: the draft with its lines and the deadline of last month's lines
in site time, the earlier claims with their status; the claim's page for every role that sees it
(lines, invoice links, trip, total, late flag, history by name), 404 to anyone else; submitting,
on time or late; the invoice file to who sees the claim; the queries pinned whatever the lines."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from staffing.models import ClaimStatus
from staffing.services import expenses
from tests.dates import MONDAY, TUESDAY
from tests.factories.expenses import ClaimFactory, ExpenseLineFactory, TripFactory
from tests.pages import words
from tests.staffing.expenses.views.conftest import einvoice_pdf, url

pytestmark = pytest.mark.django_db


def draft_with(world, count: int):
    claim = ClaimFactory(staff=world.person_a, site=world.site_a)
    trip = TripFactory(staff=world.person_a)
    for n in range(count):
        ExpenseLineFactory(claim=claim, trip=trip if n % 2 else None, amount="10.00")
    expenses.claim_totals_update(claim=claim)
    return claim


def test_my_expenses_shows_the_draft_and_the_deadline_of_last_months_lines(client, world, on_time):
    draft_with(world, 2)
    ClaimFactory(staff=world.person_a, status=ClaimStatus.PAID, paid_on=TUESDAY, total="99.00")
    client.force_login(world.staff_a)
    text = words(client.get(url("claims_mine")))
    assert "合计 ¥20.00" in text
    assert "上月费用须于2026-11-10当天结束前报销（现场时间，Asia/Shanghai）" in text
    assert text.count("须于2026-11-10（含）前报销") == 2
    assert "¥99.00" in text and "已付款" in text
    assert "添加费用明细" in text


def test_lines_past_the_deadline_are_marked_late(client, world, monkeypatch):
    from tests.staffing.expenses.views.conftest import ON_TIME

    draft_with(world, 1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: ON_TIME.replace(day=11))
    client.force_login(world.staff_a)
    text = words(client.get(url("claims_mine")))
    assert "逾期报销" in text and "部分费用已过报销期限" in text


def test_someone_without_a_staff_record_has_no_expenses_page(client, world):
    client.force_login(world.finance)
    assert client.get(url("claims_mine")).status_code == 403


def test_submitting_on_time_goes_to_the_supervisor(client, world, on_time):
    claim = draft_with(world, 1)
    client.force_login(world.staff_a)
    response = client.post(url("claim_submit", claim.pk), follow=True)
    claim.refresh_from_db()
    assert (claim.status, claim.late) == (ClaimStatus.SUBMITTED, False)
    assert f"报销单{claim.number}已提交现场负责人签字" in words(response)


def test_a_late_claim_is_accepted_marked_late_and_says_a_manager_approves(
    client, world, monkeypatch
):
    from tests.staffing.expenses.views.conftest import ON_TIME

    claim = draft_with(world, 1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: ON_TIME.replace(day=11))
    client.force_login(world.staff_a)
    response = client.post(url("claim_submit", claim.pk), follow=True)
    claim.refresh_from_db()
    assert (claim.status, claim.late) == (ClaimStatus.SUBMITTED, True)
    text = words(response)
    assert "已作为逾期报销提交" in text and "须经主管审批" in text
    assert text.count("逾期报销") >= 2  # the message and the flag on the page


def test_an_empty_draft_is_not_submitted(client, world, on_time):
    claim = ClaimFactory(staff=world.person_a)
    client.force_login(world.staff_a)
    response = client.post(url("claim_submit", claim.pk), follow=True)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT and "请至少登记一笔费用后再提交" in words(response)


def test_only_the_claimant_submits(client, world):
    claim = draft_with(world, 1)
    client.force_login(world.manager)
    assert client.post(url("claim_submit", claim.pk)).status_code == 403
    client.force_login(world.staff_b)
    assert client.post(url("claim_submit", claim.pk)).status_code == 404


def test_the_claim_page_shows_lines_invoice_trip_total_and_history_by_name(client, world, on_time):
    world.supervisor_a.first_name, world.supervisor_a.last_name = "明", "王"
    world.supervisor_a.save()
    claim = draft_with(world, 2)
    line = claim.lines.order_by("pk").first()
    line.invoice_file.save("e.pdf", ContentFile(einvoice_pdf()))
    claim = expenses.claim_submit(claim=claim, by=world.staff_a)
    from staffing.services import claims

    claims.claim_sign(claim=claim, by=world.supervisor_a)
    client.force_login(world.finance)
    response = client.get(url("claim_detail", claim.pk))
    text = words(response)
    assert "合计 ¥20.00" in text and line.invoice_no in text and "上海" in text
    assert url("invoice_file", line.pk) in response.content.decode()
    assert "王明" in text and "张三" in text  # the history names the people
    assert "supervisor_a" not in text


def test_an_outsider_and_another_person_get_404(client, world):
    claim = draft_with(world, 1)
    for reader in (world.staff_b, world.outsider, world.client_a, world.supervisor_a):
        client.force_login(reader)
        assert client.get(url("claim_detail", claim.pk)).status_code == 404, reader


def test_finance_sees_a_claim_only_once_it_reached_finance(client, world, on_time):
    claim = draft_with(world, 1)
    claim = expenses.claim_submit(claim=claim, by=world.staff_a)
    client.force_login(world.finance)
    assert client.get(url("claim_detail", claim.pk)).status_code == 404
    from staffing.services import claims

    claims.claim_sign(claim=claim, by=world.supervisor_a)
    assert client.get(url("claim_detail", claim.pk)).status_code == 200


def test_the_invoice_file_is_served_as_its_checked_type_to_who_sees_the_claim(client, world):
    claim = draft_with(world, 1)
    line = claim.lines.get()
    line.invoice_file.save("e.pdf", ContentFile(einvoice_pdf()))
    client.force_login(world.staff_a)
    response = client.get(url("invoice_file", line.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert (
        "attachment"
        in client.get(url("invoice_file", line.pk) + "?download=1")["Content-Disposition"]
    )
    client.force_login(world.staff_b)
    assert client.get(url("invoice_file", line.pk)).status_code == 404
    client.force_login(world.staff_a)
    bare = ExpenseLineFactory(claim=claim, date=MONDAY)
    assert client.get(url("invoice_file", bare.pk)).status_code == 404


@pytest.mark.parametrize("count", [1, 10])
def test_my_expenses_queries_do_not_grow_with_the_lines(
    client, world, on_time, count, django_assert_num_queries
):
    draft_with(world, count)
    client.force_login(world.staff_a)
    client.get(url("claims_mine"))  # warm the caches (policy, translations)
    with django_assert_num_queries(QUERIES_MINE):
        assert client.get(url("claims_mine")).status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_the_claim_page_queries_do_not_grow_with_the_lines(
    client, world, on_time, count, django_assert_num_queries
):
    claim = draft_with(world, count)
    claim = expenses.claim_submit(claim=claim, by=world.staff_a)
    client.force_login(world.supervisor_a)
    client.get(url("claim_detail", claim.pk))
    with django_assert_num_queries(QUERIES_DETAIL):
        assert client.get(url("claim_detail", claim.pk)).status_code == 200


QUERIES_MINE = 12
QUERIES_DETAIL = 8
