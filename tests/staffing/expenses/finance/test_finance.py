"""报销审核, finance's side of the claims (SPEC §10): the list of the claims of their company that
reached finance with its filters, flags and totals; paying one claim or several (twice pays
once); the claims with their lines and the payment list as XLSX, cell by cell; finance of
another company finds none of them."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from openpyxl import load_workbook

from onsite.roles import Role
from staffing.models import ClaimStatus
from tests import factories
from tests.dates import MONDAY, OCTOBER, SHANGHAI, TUESDAY

pytestmark = pytest.mark.django_db
S = ClaimStatus
SUBMITTED_AT = datetime.datetime(2026, 11, 5, 9, 0, tzinfo=SHANGHAI)
SEPTEMBER = datetime.date(2026, 9, 1)
PAID_ON = datetime.date(2026, 11, 20)
MEANWHILE = "此报销单已被他人处理，当前状态为“已付款”。"


def claim_of(person, site, status=S.SIGNED, *, total="80.00", month=OCTOBER, **fields):
    claim = factories.ClaimFactory(
        staff=person,
        site=site,
        status=status,
        total=Decimal(total),
        month=month,
        submitted_at=SUBMITTED_AT,
        first_submitted_at=SUBMITTED_AT,
        **fields,
    )
    factories.ExpenseLineFactory(
        claim=claim, site=site, amount=Decimal(total), date=month.replace(day=12)
    )
    return claim


def listed(client, user, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("staffing:finance_claims"), params)
    assert response.status_code == 200
    return response.content.decode()


def ids(text: str, *claims) -> list[bool]:
    return [f'data-claim="{c.pk}"' in text for c in claims]


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)][-1:]


def test_the_list_shows_what_reached_finance_filtered_flagged_and_totalled(client, world):
    draft = claim_of(world.person_a, world.site_a, S.DRAFT)
    submitted = claim_of(world.person_a, world.site_a, S.SUBMITTED)
    late_unapproved = claim_of(world.person_b, world.site_b, S.SIGNED, late=True)
    signed = claim_of(world.person_a, world.site_a, total="1234.50", over_cap=True)
    late = claim_of(world.person_b, world.site_b, S.LATE_APPROVED, late=True, month=SEPTEMBER)
    approved = claim_of(world.person_b, world.site_b, S.APPROVED, total="100.00")
    text = listed(client, world.finance)
    assert ids(text, draft, submitted, late_unapproved) == [False, False, False]
    assert ids(text, signed, late, approved) == [True, True, True]
    assert "4 张报销单" not in text and "3 张报销单" in text
    assert "¥1,414.50" in text  # the three claims
    assert 'data-testid="to-pay">¥100.00<' in text
    row = text.split(f'data-claim="{signed.pk}"')[1].split("</tr>")[0]
    assert 'data-testid="over-cap"' in row and 'data-testid="late"' not in row
    assert 'name="claim"' not in row  # not approved: not payable
    row = text.split(f'data-claim="{late.pk}"')[1].split("</tr>")[0]
    assert 'data-testid="late"' in row and "逾期报销" in row
    row = text.split(f'data-claim="{approved.pk}"')[1].split("</tr>")[0]
    assert f'name="claim" value="{approved.pk}"' in row
    assert ids(listed(client, world.finance, site=world.site_a.pk), signed, late, approved) == [
        True,
        False,
        False,
    ]
    assert ids(listed(client, world.finance, month="2026-09"), signed, late, approved) == [
        False,
        True,
        False,
    ]
    assert ids(listed(client, world.finance, status="approved"), signed, late, approved) == [
        False,
        False,
        True,
    ]
    assert ids(listed(client, world.finance, late="1"), signed, late, approved) == [
        False,
        True,
        False,
    ]
    text = listed(client, world.finance, over_cap="1")
    assert ids(text, signed, late, approved) == [True, False, False]
    assert "¥1,234.50" in text
    # What is not understood is left out, never a 500.
    text = listed(client, world.finance, site="x", month="2026-13", status="draft", late="yes")
    assert ids(text, signed, late, approved) == [True, True, True]


def test_the_list_reads_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    claim_of(world.person_a, world.site_a, S.APPROVED)
    client.force_login(world.finance)
    url = reverse("staffing:finance_claims")
    client.get(url)
    with django_assert_num_queries(QUERIES):
        client.get(url)
    for n in range(30):
        person = world.person_a if n % 2 else world.person_b
        claim_of(person, world.site_a if n % 2 else world.site_b, S.APPROVED, over_cap=True)
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.context["totals"]["count"] == 31


# Session and user, the reader's grants and own staff record, the sites of the company, the
# totals, the page's count, the unread notifications of the menu, the rows with their person
# and site.
QUERIES = 9


def pay(client, user, claim, paid_on=PAID_ON, reference="BANK-1"):
    client.force_login(user)
    return client.post(
        reverse("staffing:claim_pay", args=[claim.pk]),
        {"paid_on": paid_on.isoformat() if paid_on else "", "reference": reference},
    )


def test_paying_twice_pays_once(client, world):
    claim = claim_of(world.person_a, world.site_a, S.APPROVED)
    response = pay(client, world.finance, claim)
    assert response.status_code == 302
    assert response.url == reverse("staffing:claim_detail", args=[claim.pk])
    assert said(response) == ["付款已登记。"]
    response = pay(client, world.finance, claim, reference="BANK-2")
    assert said(response) == [MEANWHILE]
    claim.refresh_from_db()
    assert (claim.status, claim.paid_on, claim.payment_reference) == (S.PAID, PAID_ON, "BANK-1")
    assert claim.history.filter(status=S.PAID).count() == 1


def test_a_payment_without_a_date_or_ahead_of_time_is_refused(client, world):
    claim = claim_of(world.person_a, world.site_a, S.APPROVED)
    assert said(pay(client, world.finance, claim, paid_on=None)) == ["这个字段是必填项。"]
    ahead = pay(client, world.finance, claim, paid_on=datetime.date.today().replace(year=2099))
    assert said(ahead) and "付款" in said(ahead)[0]
    claim.refresh_from_db()
    assert claim.status == S.APPROVED


def test_several_approved_claims_are_paid_at_once_and_a_second_post_pays_none(client, world):
    first = claim_of(world.person_a, world.site_a, S.APPROVED)
    second = claim_of(world.person_b, world.site_b, S.APPROVED)
    signed = claim_of(world.person_b, world.site_b, S.SIGNED)
    client.force_login(world.finance)
    data = {
        "claim": [first.pk, second.pk, signed.pk, "x"],
        "paid_on": PAID_ON.isoformat(),
        "reference": "批量-11",
        "query": "status=approved&evil=1",
    }
    response = client.post(reverse("staffing:claims_pay_selected"), data)
    assert response.url == reverse("staffing:finance_claims") + "?status=approved"
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["已为 2 张报销单付款。", "1 张报销单未付款：已被他人处理，或尚未审核通过。"]
    for claim, status in ((first, S.PAID), (second, S.PAID), (signed, S.SIGNED)):
        claim.refresh_from_db()
        assert claim.status == status
    response = client.post(reverse("staffing:claims_pay_selected"), data)
    assert said(response) == ["3 张报销单未付款：已被他人处理，或尚未审核通过。"]
    assert first.history.filter(status=S.PAID).count() == 1
    empty = client.post(reverse("staffing:claims_pay_selected"), {"paid_on": "2026-11-20"})
    assert said(empty) == ["请选择要付款的报销单。"]


@pytest.fixture
def other_finance(world):
    """Finance of a second company, with a claim of its own."""
    company = factories.CompanyFactory(name="远航科技")
    user = factories.UserFactory(username="finance_b")
    factories.RoleGrantFactory(user=user, role=Role.FINANCE, company=company)
    person = factories.StaffFactory(company=company, name="王五")
    own = claim_of(person, None, S.APPROVED)
    return user, own


def test_finance_of_another_company_finds_none_of_the_claims(client, world, other_finance):
    user, own = other_finance
    ours = claim_of(world.person_a, world.site_a, S.APPROVED)
    signed = claim_of(world.person_a, world.site_a, S.SIGNED)
    text = listed(client, user)
    assert ids(text, ours, signed, own) == [False, False, True]
    assert pay(client, user, ours).status_code == 404
    client.force_login(user)
    decide = client.post(
        reverse("staffing:claim_decide", args=[signed.pk]), {"decision": "approve"}
    )
    assert decide.status_code == 404
    response = client.post(
        reverse("staffing:claims_pay_selected"),
        {"claim": [ours.pk], "paid_on": PAID_ON.isoformat()},
    )
    assert said(response) == ["1 张报销单未付款：已被他人处理，或尚未审核通过。"]
    ours.refresh_from_db()
    assert ours.status == S.APPROVED
    sheet = workbook(client.get(reverse("staffing:payment_list")))
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["王五"]


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def test_the_claims_export_has_a_row_per_line_with_formulas_neutralised(client, world):
    claim = claim_of(world.person_a, world.site_a, total="80.00")
    factories.ExpenseLineFactory(
        claim=claim,
        site=world.site_a,
        date=TUESDAY,
        amount=Decimal("150.00"),
        invoice_no="=1+1",
        cap=Decimal("100.00"),
        justification='=HYPERLINK("http://evil.example","点我")',
    )
    other_site = claim_of(world.person_b, world.site_b, S.APPROVED)
    client.force_login(world.finance)
    sheet = workbook(
        client.get(reverse("staffing:claims_export"), {"site": world.site_a.pk, "month": "2026-10"})
    )
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "报销单号",
        "驻场人员",
        "驻场地点",
        "状态",
        "日期",
        "类别",
        "金额",
        "发票号码",
        "超标",
        "超标说明",
    )
    first, second = rows[1], rows[2]
    assert len(rows) == 3  # the other site's claim is filtered out
    assert first[:4] == (claim.number, "张三", "甲机房", "负责人已签字")
    assert first[4].date() == MONDAY
    assert (first[6], first[8], first[9]) == (80, "否", None)
    assert second[4].date() == TUESDAY
    assert second[6] == 150
    assert second[7] == "'=1+1"
    assert second[8] == "是"
    assert second[9] == '\'=HYPERLINK("http://evil.example","点我")'
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    assert other_site.number not in {r[0] for r in rows}


def test_the_payment_list_of_claims_to_pay_and_of_a_month_paid(client, world):
    factories.BankAccountFactory(
        staff=world.person_a, bank_name="=招商银行", account_number="6225880212345678"
    )
    to_pay = claim_of(world.person_a, world.site_a, S.APPROVED, total="356.20")
    no_account = claim_of(world.person_b, world.site_b, S.APPROVED, total="20.00")
    paid = claim_of(world.person_a, world.site_a, S.PAID, paid_on=PAID_ON, total="99.00")
    client.force_login(world.finance)
    rows = list(workbook(client.get(reverse("staffing:payment_list"))).iter_rows(values_only=True))
    assert rows[0] == ("驻场人员", "工号", "开户银行", "银行账号", "金额", "报销单号")
    assert rows[1] == (
        "张三",
        world.person_a.staff_no,
        "'=招商银行",
        "6225880212345678",
        356.2,
        to_pay.number,
    )
    assert rows[2] == ("李四", world.person_b.staff_no, None, None, 20, no_account.number)
    assert len(rows) == 3
    sheet = workbook(client.get(reverse("staffing:payment_list"), {"month": "2026-11"}))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "付款日期"
    assert [r[:5] for r in rows[1:]] == [
        ("张三", world.person_a.staff_no, "'=招商银行", "6225880212345678", 99)
    ]
    assert rows[1][5] == paid.number and rows[1][6].date() == PAID_ON
    empty = workbook(client.get(reverse("staffing:payment_list"), {"month": "2026-10"}))
    assert empty.max_row == 1


def test_the_dashboard_card_counts_the_claims_to_review_and_to_pay(client, world, other_finance):
    claim_of(world.person_a, world.site_a, S.SIGNED)
    claim_of(world.person_b, world.site_b, S.LATE_APPROVED, late=True)
    claim_of(world.person_b, world.site_b, S.SIGNED, late=True)  # the manager's first
    claim_of(world.person_a, world.site_a, S.APPROVED)
    claim_of(world.person_a, world.site_a, S.PAID, paid_on=PAID_ON)
    client.force_login(world.finance)
    text = client.get(reverse("dashboard")).content.decode()
    card = text.split('data-testid="finance-claims"')[1].split("</div></div>")[0]
    assert ">待审核报销 2 张<" in card
    assert ">待付款 1 张<" in card
    # Another company's finance counts its own: the approved claim of 王五.
    client.force_login(other_finance[0])
    text = client.get(reverse("dashboard")).content.decode()
    card = text.split('data-testid="finance-claims"')[1].split("</div></div>")[0]
    assert ">待审核报销 0 张<" in card and ">待付款 1 张<" in card


@pytest.mark.parametrize(
    ("name", "params", "queries"),
    [
        # Session, user, grants, staff record, the company's sites, the lines with their claims.
        ("staffing:claims_export", {}, 6),
        # Session, user, grants, staff record, the claims with their person and bank account.
        ("staffing:payment_list", {}, 5),
    ],
)
def test_the_spreadsheets_read_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, name, params, queries
):
    factories.BankAccountFactory(staff=world.person_a)
    claim_of(world.person_a, world.site_a, S.APPROVED)
    client.force_login(world.finance)
    client.get(reverse(name), params)
    with django_assert_num_queries(queries):
        first = client.get(reverse(name), params)
    for _ in range(15):
        claim_of(world.person_b, world.site_b, S.APPROVED)
    with django_assert_num_queries(queries):
        many = client.get(reverse(name), params)
    assert workbook(first).max_row == 2 and workbook(many).max_row == 17
