"""Importing paid expenses (SPEC §14 `expenses`): history from the spreadsheets before Onsite, so
that the statistics and the duplicate-invoice check see the past.

Each person's lines of a month go to one paid claim of that person and month, made by the import
(marked by its payment reference, IMPORTED); lines of a later file for the same month join it.
A line is known by (person, date, category, amount, invoice number): the same line again is
left as it is, so the same file twice changes nothing. An invoice number that any other line of
the company holds is a row error (numbers compared as staffing.services.expenses.invoice_number
writes them). A line counts at the site where the person was placed on its date (none when not
placed then); lodging is always away from the site. The whole file or nothing: any bad row
changes nothing (unless bad rows are skipped), each reported by row, column and reason."""

from __future__ import annotations

import datetime
import unicodedata
from collections import defaultdict
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Min, Sum
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from onsite.org.models import Assignment, Staff
from onsite.periods import Month
from onsite.transitions import Refused
from staffing.imports.context import ImportContext
from staffing.imports.resources import Column
from staffing.imports.services import ImportReport, ImportRows, RowError
from staffing.imports.widgets import Amount, Date, Text, empty_cell
from staffing.models import AMOUNT_MAX, Claim, ClaimStatus, ExpenseCategory, ExpenseLine
from staffing.services.expenses import invoice_number

C = ExpenseCategory
# The payment reference of the claims an import makes: the month's claim a later file adds to.
IMPORTED = "IMPORTED"
CATEGORY_NAMES = {"交通": C.TRANSPORT, "住宿": C.LODGING, "餐饮": C.MEALS, "通讯": C.COMMUNICATION}
CATEGORY_NAMES["补助"] = C.SUBSIDY
STAFF_NO = Text(max_length=40, required=True, code=True)
DATE = Date(required=True)
AMOUNT = Amount(max_digits=10)


class Problems:
    """The bad rows of a file, each problem under the key of the column it is about."""

    def __init__(self, rows: ImportRows, report: ImportReport):
        self.rows = rows
        self.order = {key: position for position, key in enumerate(rows.keys)}
        self.found = [(error.row or 0, -1, error) for error in report.errors]
        self.bad = {error.row for error in report.errors if error.row is not None}

    def __bool__(self) -> bool:
        return bool(self.found)

    def add(self, number: int, key: str, message: str) -> None:
        self.found.append(
            (number, self.order.get(key, -1), RowError(number, self.rows.column(key), str(message)))
        )
        self.bad.add(number)

    def fill(self, report: ImportReport) -> None:
        self.found.sort(key=lambda found: found[:2])
        report.errors = [error for _n, _o, error in self.found]
        report.invalid = len(self.bad)


def _category_names() -> dict[str, str]:
    names = {key: key for key in C.values}
    names.update({str(label).lower(): key for key, label in C.choices})
    names.update(CATEGORY_NAMES)
    return names


class ExpenseImport:
    kind = "expenses"
    device_log = False
    columns = (
        Column("staff_no", "工号", required=True),
        Column("date", "日期", required=True, aliases=("费用日期",)),
        Column("category", "类别", required=True, aliases=("费用类别",)),
        Column("amount", "金额", required=True),
        Column("invoice_no", "发票号码", aliases=("发票号",)),
    )

    def __init__(self, *, context: ImportContext):
        self.context = context

    def run(
        self, *, rows: ImportRows, report: ImportReport, dry_run: bool, skip_invalid: bool
    ) -> ImportReport:
        problems = Problems(rows, report)
        parsed = self._parse(rows, problems)
        new = self._judge(parsed, problems, report)
        problems.fill(report)
        report.new = len(new)
        if dry_run or (problems and not skip_invalid):
            return report
        try:
            with transaction.atomic():
                if new:
                    self._write(new)
        except IntegrityError:
            # Another import or claim took a number between the check and the save.
            report.errors.append(
                RowError(None, "—", _("An invoice number was claimed meanwhile; import again."))
            )
            report.new = 0
            return report
        report.written = True
        return report

    # Reading the rows --------------------------------------------------------------------------

    def _parse(self, rows: ImportRows, problems: Problems) -> list[tuple[int, dict]]:
        names = _category_names()
        position = {key: index for index, key in enumerate(rows.keys)}
        cells = [{k: row[i] for k, i in position.items()} for row in rows.rows]
        numbers = {STAFF_NO.clean(c.get("staff_no", "")) for c in cells if c.get("staff_no")}
        staff = Staff.objects.filter(staff_no__in=numbers).only("pk", "staff_no", "company_id")
        if not self.context.unrestricted:
            staff = staff.filter(company_id__in=self.context.access.hr_companies)
        people: dict[str, list[Staff]] = defaultdict(list)
        for person in staff:
            people[person.staff_no].append(person)
        own = self.context.access.staff_id if self.context.user is not None else None
        today = self.context.today
        parsed = []
        for number, cell in zip(rows.numbers, cells, strict=True):
            values: dict = {}
            errors: list[tuple[str, str]] = []
            for key, widget in (("staff_no", STAFF_NO), ("date", DATE), ("amount", AMOUNT)):
                try:
                    values[key] = widget.clean(cell.get(key, ""))
                except ValueError as error:
                    errors.append((key, str(error)))
            found = people.get(values.get("staff_no"), [])
            if values.get("staff_no") and not found:
                errors.append(
                    (
                        "staff_no",
                        _("Nobody of your companies has the staff number %(n)s.")
                        % {"n": values["staff_no"]},
                    )
                )
            elif len(found) > 1:
                errors.append(
                    (
                        "staff_no",
                        _(
                            "Several companies have a staff member numbered %(n)s; import as "
                            "the HR admin of one company."
                        )
                        % {"n": values["staff_no"]},
                    )
                )
            elif found and found[0].pk == own:
                errors.append(
                    (
                        "staff_no",
                        _("This is your own record: your expenses are entered by someone else."),
                    )
                )
            day = values.get("date")
            if day is not None and day > today:
                errors.append(("date", _("Paid expenses are in the past; this date is to come.")))
            elif day is not None and day.year < 2000:
                errors.append(("date", _("Write a date from 2000 on.")))
            amount = values.get("amount")
            if "amount" in values and (amount is None or amount <= 0 or amount > AMOUNT_MAX):
                errors.append(
                    ("amount", _("Enter an amount above ¥0.00 and at most ¥1,000,000.00."))
                )
            text = unicodedata.normalize("NFKC", cell.get("category", "")).strip()
            values["category"] = names.get(text.lower())
            if not text:
                errors.append(("category", str(empty_cell())))
            elif values["category"] is None:
                errors.append(
                    (
                        "category",
                        _("“%(value)s” is not a category; write one of %(names)s, or its key.")
                        % {"value": text, "names": "、".join(CATEGORY_NAMES)},
                    )
                )
            try:
                values["invoice_no"] = invoice_number(cell.get("invoice_no", ""))
            except Refused as refused:
                errors.extend(("invoice_no", message) for message in refused.messages)
            for key, message in errors:
                problems.add(number, key, message)
            if not errors:
                values["staff"] = found[0]
                parsed.append((number, values))
        return parsed

    # Judging them against what is stored -----------------------------------------------------

    def _judge(self, parsed: list[tuple[int, dict]], problems, report: ImportReport) -> list[dict]:
        if not parsed:
            return []
        staff_ids = {values["staff"].pk for _n, values in parsed}
        companies = {values["staff"].company_id for _n, values in parsed}
        invoices = {values["invoice_no"] for _n, values in parsed if values["invoice_no"]}
        first = min(values["date"] for _n, values in parsed)
        last = max(values["date"] for _n, values in parsed)
        fields = ("claim__staff_id", "date", "category", "amount", "invoice_no")
        # The lines this file may repeat, and every line of the companies holding its numbers.
        stored = set(
            ExpenseLine.objects.filter(
                claim__staff_id__in=staff_ids, date__range=(first, last)
            ).values_list(*fields)
        )
        held = set(
            ExpenseLine.objects.filter(company_id__in=companies, invoice_no__in=invoices)
            .values_list("company_id", "invoice_no")
            .order_by()
        )
        placements = self._placements(staff_ids, first, last)
        seen: dict[tuple, int] = {}
        taken: dict[tuple[int, str], tuple] = {}
        new = []
        for number, values in parsed:
            person = values["staff"]
            identity = (
                person.pk,
                values["date"],
                values["category"],
                values["amount"].quantize(Decimal("0.01")),
                values["invoice_no"],
            )
            if identity in stored or identity in seen:
                report.skipped += 1  # the same line again changes nothing
                continue
            invoice = (person.company_id, values["invoice_no"])
            if values["invoice_no"] and (invoice in held or invoice in taken):
                earlier = invoice in taken
                problems.add(
                    number,
                    "invoice_no",
                    (
                        _("Invoice %(number)s is on an earlier row with another expense.")
                        if earlier
                        else _("Invoice %(number)s is already claimed in a claim of the company.")
                    )
                    % {"number": values["invoice_no"]},
                )
                continue
            seen[identity] = number
            if values["invoice_no"]:
                taken[invoice] = identity
            values["site_id"] = self._site_on(placements.get(person.pk, ()), values["date"])
            new.append(values)
        return new

    def _placements(self, staff_ids, first, last) -> dict[int, list[tuple]]:
        """Each person's placements in the order they win a day (PLACEMENT_ORDER)."""
        found: dict[int, list[tuple]] = defaultdict(list)
        for staff_id, site_id, start, end in (
            Assignment.objects.filter(staff_id__in=staff_ids)
            .overlapping(first, last)
            .by_precedence()
            .values_list("staff_id", "site_id", "start", "end")
        ):
            found[staff_id].append((site_id, start, end))
        return found

    @staticmethod
    def _site_on(placements, day: datetime.date) -> int | None:
        for site_id, start, end in placements:
            if start <= day and (end is None or day <= end):
                return site_id
        return None

    # Writing -----------------------------------------------------------------------------------

    def _write(self, new: list[dict]) -> None:
        months = {Month.containing(values["date"]).first for values in new}
        staff_ids = {values["staff"].pk for values in new}
        claims = {
            (claim.staff_id, claim.month): claim
            for claim in Claim.objects.filter(
                staff_id__in=staff_ids,
                month__in=months,
                status=ClaimStatus.PAID,
                payment_reference=IMPORTED,
            ).order_by("pk")
        }
        made = []
        for values in new:
            key = (values["staff"].pk, Month.containing(values["date"]).first)
            if key not in claims:
                claims[key] = Claim(
                    staff=values["staff"],
                    site_id=values["site_id"],
                    status=ClaimStatus.PAID,
                    month=key[1],
                    paid_on=self.context.today,
                    payment_reference=IMPORTED,
                )
                made.append(claims[key])
        if made:
            bulk_create_with_history(
                made, Claim, default_user=self.context.user, default_change_reason=_("Imported")
            )
            # bulk_create_with_history gives back pks on PostgreSQL; read them where it does not.
            if any(claim.pk is None for claim in made):
                for claim in Claim.objects.filter(
                    staff_id__in=staff_ids, payment_reference=IMPORTED, month__in=months
                ):
                    claims[(claim.staff_id, claim.month)] = claim
        lines = []
        for values in new:
            claim = claims[(values["staff"].pk, Month.containing(values["date"]).first)]
            lines.append(
                ExpenseLine(
                    claim_id=claim.pk,
                    company_id=values["staff"].company_id,
                    site_id=values["site_id"],
                    date=values["date"],
                    category=values["category"],
                    amount=values["amount"],
                    invoice_no=values["invoice_no"],
                    away=values["category"] == C.LODGING,
                )
            )
        ExpenseLine.objects.bulk_create(lines, batch_size=2_000)
        touched = {line.claim_id for line in lines}
        sums = {
            row["claim_id"]: row
            for row in ExpenseLine.objects.filter(claim_id__in=touched)
            .values("claim_id")
            .annotate(total=Sum("amount"), first=Min("date"))
            .order_by()
        }
        updated = []
        for claim in Claim.objects.filter(pk__in=touched):
            claim.total = sums[claim.pk]["total"]
            updated.append(claim)
        # Sums kept for the lists, as claim_totals_update keeps them (no history of their own).
        Claim.objects.bulk_update(updated, ["total"], batch_size=2_000)
