"""Adding, changing and removing expense lines on the pages: a lodging line over the cap is
refused without a justification (the cap in the message) and kept with one; a duplicate invoice
is refused, naming the claim only to who may see it; an e-invoice PDF gives the number when none
is typed; only the claimant changes an editable claim; bad input never fails."""

from __future__ import annotations

from decimal import Decimal

import pytest

from staffing.models import Claim, ClaimStatus, ExpenseLine
from tests.dates import MONDAY, TUESDAY
from tests.factories.expenses import ClaimFactory, ExpenseLineFactory, TripFactory
from tests.pages import words
from tests.staffing.expenses.views.conftest import einvoice_pdf, upload, url

pytestmark = pytest.mark.django_db

MEALS = {"date": MONDAY.isoformat(), "category": "meals", "amount": "45.50"}


def lodging(world, **fields):
    trip = TripFactory(staff=world.person_a)
    return {
        "date": MONDAY.isoformat(),
        "category": "lodging",
        "amount": "520.00",
        "away": "on",
        "trip": trip.pk,
        "invoice_no": "04410099",
        **fields,
    }


def test_a_line_is_added_to_the_draft(client, world, on_time):
    client.force_login(world.staff_a)
    response = client.post(url("line_add"), {**MEALS, "invoice_no": "0441 0001"})
    assert response.status_code == 302 and response.url == url("claims_mine")
    line = ExpenseLine.objects.get()
    assert (line.claim.staff, line.claim.status, line.amount, line.invoice_no) == (
        world.person_a,
        ClaimStatus.DRAFT,
        Decimal("45.50"),
        "04410001",
    )
    assert "¥45.50" in words(client.get(url("claims_mine")))


def test_lodging_over_the_cap_without_a_justification_is_refused_with_the_cap(
    client, world, on_time
):
    client.force_login(world.staff_a)
    response = client.post(url("line_add"), lodging(world))
    assert response.status_code == 200
    text = words(response)
    assert "住宿超出标准 ¥400.00" in text and "请填写超标说明" in text
    assert not ExpenseLine.objects.exists()


def test_lodging_over_the_cap_with_a_justification_is_kept_and_shown_to_every_reviewer(
    client, world, on_time
):
    client.force_login(world.staff_a)
    client.post(url("line_add"), lodging(world, justification="展会期间酒店涨价"))
    line = ExpenseLine.objects.get()
    assert (line.cap, line.justification) == (Decimal("400.00"), "展会期间酒店涨价")
    claim = line.claim
    claim.status = ClaimStatus.SIGNED
    claim.site = world.site_a
    claim.save()
    for reader in (world.staff_a, world.supervisor_a, world.manager, world.hr, world.finance):
        client.force_login(reader)
        response = client.get(url("claim_detail", claim.pk))
        assert response.status_code == 200, reader
        page = response.content.decode()
        assert f'data-line="{line.pk}" data-over-cap="1"' in page, reader
        text = words(response)
        assert "标准¥400.00" in text and "展会期间酒店涨价" in text and "¥520.00" in text


def test_transport_away_without_a_trip_is_refused(client, world, on_time):
    client.force_login(world.staff_a)
    response = client.post(
        url("line_add"), {**MEALS, "category": "transport", "away": "on", "amount": "300.00"}
    )
    assert "须有涵盖 2026-10-12 的已批准出差申请" in words(response)


def test_a_duplicate_invoice_names_the_claim_only_to_who_may_see_it(client, world, on_time):
    first = ExpenseLineFactory(
        claim=ClaimFactory(staff=world.person_a, site=world.site_a), invoice_no="04410007"
    )
    client.force_login(world.staff_b)
    response = client.post(url("line_add"), {**MEALS, "invoice_no": "0441-0007"})
    text = words(response)
    assert "发票 04410007 已在本公司其他报销单中报销过" in text
    assert "张三" not in text and first.claim.number not in text
    client.force_login(world.staff_a)
    ExpenseLine.objects.filter(pk=first.pk).update(date=TUESDAY)
    response = client.post(url("line_add"), {**MEALS, "invoice_no": "０４４１０００７"})
    assert f"已在 张三 的报销单 {first.claim.number} 中报销" in words(response)
    assert ExpenseLine.objects.count() == 1


def test_an_einvoice_gives_the_number_when_none_is_typed(client, world, on_time):
    client.force_login(world.staff_a)
    response = client.post(
        url("line_add"), {**MEALS, "invoice_file": upload(einvoice_pdf())}, follow=True
    )
    line = ExpenseLine.objects.get()
    assert line.invoice_no == "24442000000012345678" and line.invoice_file
    assert "已从电子发票读取发票号码24442000000012345678" in words(response)


def test_a_renamed_file_is_refused(client, world, on_time):
    client.force_login(world.staff_a)
    response = client.post(
        url("line_add"), {**MEALS, "invoice_file": upload(b"MZ\x90\x00 not a pdf", "发票.pdf")}
    )
    assert response.status_code == 200 and "的内容不是PDF格式" in words(response)
    assert not ExpenseLine.objects.exists()


def test_the_claimant_edits_and_removes_a_line_of_the_draft(client, world, on_time):
    line = ExpenseLineFactory(claim=ClaimFactory(staff=world.person_a))
    client.force_login(world.staff_a)
    assert client.get(url("line_edit", line.pk)).status_code == 200
    response = client.post(url("line_edit", line.pk), {**MEALS, "amount": "66.00"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.amount == Decimal("66.00")
    assert Claim.objects.get().total == Decimal("66.00")
    client.post(url("line_remove", line.pk))
    assert not ExpenseLine.objects.exists() and Claim.objects.get().total == 0


def test_a_returned_claim_takes_new_lines_in_place(client, world, on_time):
    claim = ClaimFactory(
        staff=world.person_a, site=world.site_a, status=ClaimStatus.RETURNED, return_reason="缺发票"
    )
    client.force_login(world.staff_a)
    response = client.post(url("line_add"), {**MEALS, "claim": claim.pk})
    assert response.status_code == 302 and response.url == url("claim_detail", claim.pk)
    assert ExpenseLine.objects.get().claim == claim


def test_a_submitted_claim_is_not_changed_any_more(client, world, on_time):
    line = ExpenseLineFactory(
        claim=ClaimFactory(staff=world.person_a, site=world.site_a, status=ClaimStatus.SUBMITTED)
    )
    client.force_login(world.staff_a)
    response = client.post(url("line_edit", line.pk), {**MEALS, "amount": "1.00"}, follow=True)
    assert "明细不能再修改" in words(response)
    client.post(url("line_remove", line.pk))
    line.refresh_from_db()
    assert line.amount == Decimal("80.00")


def test_someone_who_sees_the_claim_but_is_not_its_claimant_is_refused(client, world):
    line = ExpenseLineFactory(claim=ClaimFactory(staff=world.person_a))
    client.force_login(world.hr)
    assert client.post(url("line_remove", line.pk)).status_code == 403
    client.force_login(world.staff_b)
    assert client.post(url("line_remove", line.pk)).status_code == 404
    assert client.get(url("line_edit", line.pk)).status_code == 404
    assert ExpenseLine.objects.exists()


def test_another_persons_claim_is_not_a_target(client, world):
    claim = ClaimFactory(staff=world.person_b, status=ClaimStatus.RETURNED, return_reason="x")
    client.force_login(world.staff_a)
    assert client.post(url("line_add"), {**MEALS, "claim": claim.pk}).status_code == 404
    assert client.post(url("line_add"), {**MEALS, "claim": "²"}).status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        {"date": "0001-01-01"},
        {"date": "9999-12-31"},
        {"date": "2026-02-30"},
        {"amount": "0"},
        {"amount": "12.345"},
        {"amount": "1e20"},
        {"amount": "NaN"},
        {"category": "champagne"},
        {"trip": "99999999999999999999"},
        {"invoice_no": "发票" * 40},
        {"justification": "长" * 3000},
    ],
)
def test_bad_input_is_refused_with_a_message(client, world, on_time, bad):
    client.force_login(world.staff_a)
    response = client.post(url("line_add"), {**MEALS, **bad})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode() or "alert-danger" in (
        response.content.decode()
    )
    assert not ExpenseLine.objects.exists()


def test_a_future_expense_is_refused_by_the_service(client, world, on_time):
    client.force_login(world.staff_a)
    response = client.post(url("line_add"), {**MEALS, "date": "2026-12-01"})
    assert response.status_code == 200 and "费用发生后才能登记" in words(response)
    assert not ExpenseLine.objects.exists()
