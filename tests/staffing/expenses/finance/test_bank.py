"""The bank account a person's claims are paid to (SPEC §10): HR of the company records it, never
on their own record; each change is kept; the staff page shows it whole to HR and finance of the
company and masked to anyone else."""

import pytest
from django.urls import reverse

from staffing.models import BankAccount
from tests import factories

pytestmark = pytest.mark.django_db


def edit(client, user, staff, bank="中国银行上海分行", number="6217 8500 0001 2345 678"):
    client.force_login(user)
    return client.post(
        reverse("staffing:bank_account_edit", args=[staff.pk]),
        {"bank_name": bank, "account_number": number},
    )


def test_hr_records_and_changes_the_account_and_the_history_keeps_both(client, world):
    response = edit(client, world.hr, world.person_a)
    assert response.status_code == 302
    assert response.url == reverse("staffing:staff_detail", args=[world.person_a.pk])
    account = BankAccount.objects.get(staff=world.person_a)
    assert (account.bank_name, account.account_number) == (
        "中国银行上海分行",
        "6217850000012345678",
    )
    edit(client, world.hr, world.person_a, bank="中国建设银行", number="6227000012345678")
    account.refresh_from_db()
    assert account.account_number == "6227000012345678"
    assert list(
        account.history.order_by("history_date").values_list("account_number", flat=True)
    ) == [
        "6217850000012345678",
        "6227000012345678",
    ]
    page = client.get(reverse("staffing:bank_account_edit", args=[world.person_a.pk]))
    assert 'value="6227000012345678"' in page.content.decode()


def test_a_bad_account_number_is_refused_with_a_message(client, world):
    response = edit(client, world.hr, world.person_a, number="62-17=HYPERLINK")
    assert response.status_code == 200
    assert "请输入银行账号：8 至 34 位数字。" in response.content.decode()
    assert not BankAccount.objects.exists()


def test_nobody_records_their_own_account_and_only_hr_records_any(client, two_roles):
    world = two_roles
    assert edit(client, world.hr_staff, world.hr_person).status_code == 403
    assert not BankAccount.objects.filter(staff=world.hr_person).exists()
    # She records her colleague's.
    assert edit(client, world.hr_staff, world.person_a).status_code == 302
    for name in ("supervisor_a", "manager", "staff_a"):
        assert edit(client, world.users[name], world.person_a).status_code == 403
    assert edit(client, world.staff_b, world.person_a).status_code == 404


@pytest.mark.parametrize(
    ("name", "whole"),
    [("hr", True), ("supervisor_a", False), ("manager", False), ("staff_a", False)],
)
def test_the_staff_page_shows_the_account_whole_only_to_hr(client, world, name, whole):
    factories.BankAccountFactory(
        staff=world.person_a, bank_name="中国工商银行", account_number="6222020200112233445"
    )
    client.force_login(world.users[name])
    text = client.get(reverse("staffing:staff_detail", args=[world.person_a.pk])).content.decode()
    section = text.split('data-testid="bank-account"')[1].split("</section>")[0]
    assert "中国工商银行" in section
    shown = section.split('data-testid="account-number">')[1].split("<")[0]
    assert shown == ("6222020200112233445" if whole else "****3445")
    assert ("bank-account/" in section) == (name == "hr")


def test_the_staff_page_offers_hr_to_record_a_missing_account(client, world):
    client.force_login(world.hr)
    text = client.get(reverse("staffing:staff_detail", args=[world.person_a.pk])).content.decode()
    assert "尚未登记银行账户。" in text and "登记银行账户" in text
    client.force_login(world.supervisor_a)
    text = client.get(reverse("staffing:staff_detail", args=[world.person_a.pk])).content.decode()
    assert 'data-testid="bank-account"' not in text
