"""A fine is an amount in CNY: the sheet page, its XLSX and its PDF show it to the fen (37.50,
and 40 as 40.00), as a Chinese HR sheet writes money."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from attendance.exports.files import pdf_context
from attendance.models import DayKind
from attendance.selectors.sheet import month_sheet
from attendance.services.days import days_recompute
from onsite.policy import policy_set
from tests.dates import OCTOBER, WORKWEEK
from tests.factories import calendar_day, full_day

FINE_HEADER = "罚款（元）"


def late_days(world, *, each: str, count: int):
    """张三 late `count` times in a week of October at site A, where every lateness costs
    `each` CNY from the first."""
    policy_set(key="fine_free_occurrences", value=0, site=world.site_a, by=world.hr)
    policy_set(key="fine_per_occurrence", value=Decimal(each), site=world.site_a, by=world.hr)
    for date in WORKWEEK:
        calendar_day(date, DayKind.WORKDAY)
    for date in WORKWEEK:
        start = "08:50" if WORKWEEK.index(date) < count else "08:25"
        full_day(world.person_a, world.site_a, f"{date:%Y-%m-%d}", start=start)
    days_recompute(start=WORKWEEK[0], end=WORKWEEK[-1], staff_ids=[world.person_a.pk])


def fine_cell_on_the_page(client, world) -> str:
    client.force_login(world.hr)
    page = client.get(reverse("attendance:sheet", args=[world.site_a.pk, "2026-10"]))
    row = page.content.decode().split('data-testid="sheet-row"')[1]
    # The fine's cell is the one whose amount is in bold, above its rule.
    return row.split("<strong>")[1].split("</strong>")[0]


def fine_cell_in_the_xlsx(client, world):
    client.force_login(world.hr)
    response = client.get(
        reverse("attendance:sheet_export", args=[world.site_a.pk, "2026-10", "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[3]]
    return sheet.cell(row=4, column=header.index(FINE_HEADER) + 1)


@pytest.mark.parametrize(("each", "count", "shown"), [("37.50", 1, "37.50"), ("20", 2, "40.00")])
def test_the_sheet_page_shows_the_fine_to_the_fen(client, world, each, count, shown):
    late_days(world, each=each, count=count)
    assert fine_cell_on_the_page(client, world) == shown
    (row,) = month_sheet(site=world.site_a, month=OCTOBER).rows
    assert row.fine == Decimal(shown)
    assert isinstance(row.fine, Decimal)


def test_the_xlsx_cell_holds_the_amount_shown_to_the_fen(client, world):
    late_days(world, each="37.50", count=1)
    cell = fine_cell_in_the_xlsx(client, world)
    assert cell.value == 37.5
    assert cell.number_format == "#,##0.00"  # Excel shows 37.50, like the deduction


def test_the_pdf_cell_and_total_read_the_amount_to_the_fen(world):
    late_days(world, each="20", count=2)
    context = pdf_context(month_sheet(site=world.site_a, month=OCTOBER), with_amounts=False)
    labels = [cell.text for cell in context["columns"]]
    fine = labels.index(FINE_HEADER)
    (cells,) = context["rows"]
    assert cells[fine].text == "40.00"
    assert context["totals"][fine].text == "40.00"


def test_no_fine_reads_as_a_zero_amount(client, world):
    late_days(world, each="20", count=0)
    client.force_login(world.hr)
    page = client.get(reverse("attendance:sheet", args=[world.site_a.pk, "2026-10"]))
    row = page.content.decode().split('data-testid="sheet-row"')[1]
    # The fine's cell and the deduction's (HR sees amounts), both money.
    assert row.count('<td class="text-end">0.00</td>') == 2
