"""Expenses, the pages of staff (SPEC §10): business trips and a person's claims. A claim of 张三
(staff_a, placed at site A) is seen by him, HR and the manager of the company; by the supervisors
of site A once submitted; by finance of the company only once it reached finance (signed); anyone
else gets 404. Only he changes and submits it: whoever sees it but is not him, 403. His trip is
seen by him, the supervisors of site A, HR, the manager and finance; the manager decides it."""

from __future__ import annotations

from django.core.files.base import ContentFile

from staffing.models import Claim, ExpenseLine, Trip
from tests.conftest import World
from tests.dates import MONDAY, SUNDAY
from tests.matrix import Row, only, statuses

PLACED = ("staff_a", "staff_b", "hr_staff", "supervisor_staff")
TINY_PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def claim_of_a(w: World, status: str = "draft", *, invoice: bool = False) -> ExpenseLine:
    # One draft a person: the fuzz test builds every row's record in one world.
    claim = (
        status == "draft" and Claim.objects.filter(staff=w.person_a, status=status).first()
    ) or (Claim.objects.create(staff=w.person_a, site=w.site_a, status=status))
    line = ExpenseLine(
        claim=claim, company=w.company, date=MONDAY, category="meals", amount="80.00"
    )
    if invoice:
        line.invoice_file.save("发票.pdf", ContentFile(TINY_PDF), save=False)
    line.save()
    return line


def draft_a(w: World) -> list:
    return [claim_of_a(w).claim_id]


def submitted_a(w: World) -> list:
    return [claim_of_a(w, "submitted").claim_id]


def signed_a(w: World) -> list:
    return [claim_of_a(w, "signed").claim_id]


def line_a(w: World) -> list:
    return [claim_of_a(w).pk]


def invoice_a(w: World) -> list:
    return [claim_of_a(w, "submitted", invoice=True).pk]


def trip_a(w: World) -> list:
    trip = Trip.objects.create(
        staff=w.person_a,
        site=w.site_a,
        destination="上海",
        start=MONDAY,
        end=SUNDAY,
        purpose="机房迁移",
        estimated_cost="3000.00",
    )
    return [trip.pk]


# A draft: its claimant, HR and the manager (not yet the supervisor, nor finance).
DRAFT_SEERS = ("staff_a", "hr", "manager")
SUBMITTED_SEERS = (*DRAFT_SEERS, "supervisor_a")
# Seeing the draft but not its claimant: 403; not seeing it: 404.
OWNER_A = statuses(404, staff_a=302, hr=403, manager=403)
OWNER_FORM_A = statuses(404, staff_a=200, hr=403, manager=403)
TRIP_SEERS = ("staff_a", "supervisor_a", "hr", "manager", "finance")


def line_data(w: World) -> dict:
    return {"date": MONDAY.isoformat(), "category": "meals", "amount": "20.00"}


ROWS = [
    # Trips.
    Row("staffing:trips", only((*PLACED, "manager"), other=403)),
    Row("staffing:trip_new", only(PLACED, other=403)),
    Row(
        "staffing:trip_new",
        only(PLACED, other=403),
        method="post",
        label="staffing:trip_new POST",
    ),
    Row("staffing:trip_detail", only(TRIP_SEERS), args=trip_a),
    Row(
        "staffing:trip_decide",
        statuses(404, manager=302, staff_a=403, supervisor_a=403, hr=403, finance=403),
        method="post",
        args=trip_a,
        data=lambda w: {"decision": "approve"},
    ),
    # A person's claims.
    Row("staffing:claims_mine", only(PLACED, other=403)),
    Row("staffing:claim_detail", only(DRAFT_SEERS), args=draft_a, label="claim_detail draft"),
    Row(
        "staffing:claim_detail",
        only(SUBMITTED_SEERS),
        args=submitted_a,
        label="claim_detail submitted",
    ),
    Row(
        "staffing:claim_detail",
        only((*SUBMITTED_SEERS, "finance")),
        args=signed_a,
        label="claim_detail signed",
    ),
    Row("staffing:line_add", only(PLACED, other=403)),
    Row(
        "staffing:line_add",
        only(PLACED, ok=302, other=403),
        method="post",
        data=line_data,
        label="staffing:line_add POST",
    ),
    Row("staffing:line_edit", OWNER_FORM_A, args=line_a),
    Row(
        "staffing:line_edit",
        OWNER_A,
        method="post",
        args=line_a,
        data=line_data,
        label="line_edit POST",
    ),
    Row("staffing:line_remove", OWNER_A, method="post", args=line_a),
    Row("staffing:invoice_file", only(SUBMITTED_SEERS), args=invoice_a),
    # Nothing posted: the person is told to choose a file (400); who has no staff record, 403.
    Row("staffing:invoice_read", only(PLACED, ok=400, other=403), method="post"),
    Row("staffing:claim_submit", OWNER_A, method="post", args=draft_a),
]
