"""The review of claims, finance's pages and the bank account (SPEC §10). A claim of 张三
(staff_a) at site A: its supervisors sign it once submitted (HR and the manager see it but do not
sign: 403; he may not sign his own: 403); finance sees it only once it reached finance, and pays
it once approved. Finance's pages are finance's (403 for anyone else); the bank account is
HR's to record, never on their own record."""

from __future__ import annotations

import datetime
from decimal import Decimal

from staffing.models import Claim, ClaimStatus
from tests.conftest import World
from tests.matrix import Row, only, statuses

SUBMITTED_AT = datetime.datetime(2026, 11, 5, 1, 0, tzinfo=datetime.UTC)
PAID_ON = "2026-11-20"


def claim_of_a(w: World, status: str) -> Claim:
    return Claim.objects.create(
        staff=w.person_a,
        site=w.site_a,
        status=status,
        total=Decimal("80.00"),
        month=datetime.date(2026, 10, 1),
        submitted_at=SUBMITTED_AT,
        first_submitted_at=SUBMITTED_AT,
    )


def submitted_a(w: World) -> list:
    return [claim_of_a(w, ClaimStatus.SUBMITTED).pk]


def approved_a(w: World) -> list:
    return [claim_of_a(w, ClaimStatus.APPROVED).pk]


def approved_data(w: World) -> dict:
    return {"claim": [claim_of_a(w, ClaimStatus.APPROVED).pk], "paid_on": PAID_ON}


FINANCE_ONLY = statuses(403, finance=200)
# HR, the manager (and 张三 himself) see the submitted claim but do not sign it.
SIGN_A = statuses(
    404, supervisor_a=302, hr=403, manager=403, staff_a=403, hr_staff=403, supervisor_staff=302
)
# HR of the company records it; others who see 张三's record: 403.
BANK_A = only(("hr",)) | {
    "supervisor_a": 403,
    "supervisor_staff": 403,
    "staff_a": 403,
    "manager": 403,
}

ROWS = [
    Row(
        "staffing:claim_decide",
        SIGN_A,
        method="post",
        args=submitted_a,
        data=lambda w: {"decision": "sign"},
    ),
    Row("staffing:claims_to_sign", statuses(403, supervisor_a=200, manager=200)),
    Row("staffing:finance_claims", FINANCE_ONLY),
    Row("staffing:claims_export", FINANCE_ONLY),
    Row("staffing:payment_list", FINANCE_ONLY),
    Row(
        "staffing:claim_pay",
        statuses(403, finance=302),
        method="post",
        args=approved_a,
        data=lambda w: {"paid_on": PAID_ON},
    ),
    Row(
        "staffing:claims_pay_selected",
        statuses(403, finance=302),
        method="post",
        data=approved_data,
    ),
    Row("staffing:bank_account_edit", BANK_A, args=lambda w: [w.person_a.pk]),
    Row(
        "staffing:bank_account_edit",
        {**BANK_A, "hr": 302, "hr_staff": 302},
        method="post",
        args=lambda w: [w.person_a.pk],
        data=lambda w: {"bank_name": "中国银行", "account_number": "6217850000012345678"},
        label="staffing:bank_account_edit POST",
    ),
    # HR with a staff record of her own: never where her own pay goes.
    Row(
        "staffing:bank_account_edit",
        {**BANK_A, "hr_staff": 403, "staff_a": 404},
        args=lambda w: [w.hr_person.pk],
        label="staffing:bank_account_edit own record",
    ),
]
