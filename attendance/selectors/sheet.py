"""The monthly sheet (SPEC §6, §14): one row per person of a site and month, summed from the
judged days in one grouped query, then the policy outcomes, each with the rule that produced it.
Reads only; closing a month is in attendance.services.months."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from attendance.models import (
    Day,
    Explanation,
    LeaveKind,
    MonthClose,
    MonthStatus,
    Overtime,
    OvertimeCategory,
    OvertimeStatus,
)
from attendance.selectors.calendar import WorkCalendar
from attendance.services.leave import leave_settings
from attendance.services.rules import MONTH_RULES, render
from onsite.org.models import Assignment, Site, Staff
from onsite.periods import month_bounds
from onsite.policy import PolicyTable

ZERO = Decimal("0")
CENT = Decimal("0.01")
OUTCOME_KEYS = (
    "explanation_absent_days",
    "explanation_late_minutes",
    "fine_free_occurrences",
    "fine_per_occurrence",
    "dismissal_absent_days",
)
# Deduction days are absent days plus personal leave (SPEC §6); a company may count other kinds
# through its leave types (attendance.services.leave.leave_settings).
DEDUCTED_LEAVE = (LeaveKind.PERSONAL,)
LEAVE_LABELS = dict(LeaveKind.choices)  # lazy: each label is translated when shown
OVERTIME_LABELS = dict(OvertimeCategory.choices)


@dataclass(frozen=True)
class Outcome:
    code: str
    args: dict

    @property
    def rule(self) -> str:
        return render(MONTH_RULES, self.code, self.args)


@dataclass
class SheetRow:
    staff_id: int
    staff_no: str
    name: str
    monthly_salary: Decimal | None
    company_id: int | None = None
    scheduled: Decimal = ZERO
    # The working days of the whole month while placed here, judged or not yet: the
    # deduction's divisor, so that an open month is not divided by the days gone so far.
    month_scheduled: Decimal = ZERO
    # The month is not closed: the deduction may still change (暂计).
    provisional: bool = False
    present: Decimal = ZERO
    absent: Decimal = ZERO
    leave: Decimal = ZERO
    leave_by_kind: dict[str, Decimal] = field(default_factory=dict)
    late_count: int = 0
    late_minutes: int = 0
    early_count: int = 0
    early_minutes: int = 0
    overtime_hours: Decimal = ZERO
    # Filed overtime whose hours are confirmed, by category (each is paid at its own rate).
    overtime_by_category: dict[str, Decimal] = field(default_factory=dict)
    explanation: list[Outcome] = field(default_factory=list)
    explanation_status: str = ""
    explanation_id: int | None = None
    # An amount in CNY to the fen (a fine per occurrence may be 37.50).
    fine: Decimal = ZERO
    fine_outcome: Outcome | None = None
    deduction_days: Decimal = ZERO
    deduction_amount: Decimal = ZERO
    deduction_outcome: Outcome | None = None
    dismissal_review: bool = False
    dismissal_outcome: Outcome | None = None

    @property
    def explanation_required(self) -> bool:
        return bool(self.explanation)

    @property
    def leave_kinds(self) -> list[tuple[str, Decimal]]:
        return [(LEAVE_LABELS[k], v) for k, v in self.leave_by_kind.items() if v]

    @property
    def overtime_kinds(self) -> list[tuple[str, Decimal]]:
        return [(OVERTIME_LABELS[k], v) for k, v in self.overtime_by_category.items() if v]


@dataclass
class Sheet:
    site: Site
    month: datetime.date
    rows: list[SheetRow]
    status: str

    @property
    def closed(self) -> bool:
        return self.status == MonthStatus.CLOSED

    @property
    def totals(self) -> dict[str, Decimal | int]:
        names = (
            "scheduled",
            "present",
            "absent",
            "leave",
            "late_count",
            "late_minutes",
            "early_count",
            "early_minutes",
            "fine",
            "deduction_days",
        )
        return {name: sum((getattr(r, name) for r in self.rows), ZERO) for name in names}


def month_rows(
    *, site: Site, month: datetime.date, staff=None, closed: bool | None = None
) -> list[SheetRow]:
    """The rows of `site` and `month`; `staff` (a Staff queryset) narrows them to a scope.
    `closed` is the month's status when the caller has read it already."""
    first, last = month_bounds(month)
    if closed is None:
        closed = MonthClose.objects.filter(
            site=site, month=first, status=MonthStatus.CLOSED
        ).exists()
    days = Day.objects.filter(site=site, date__range=(first, last))
    people = Assignment.objects.filter(site=site).overlapping(first, last)
    if staff is not None:
        days = days.filter(staff__in=staff)
        people = people.filter(staff__in=staff)
    leave_sums = {
        f"leave_{kind}": Sum("leave", filter=Q(leave_kind=kind)) for kind in LeaveKind.values
    }
    sums = {
        row["staff_id"]: row
        for row in days.values("staff_id").annotate(
            sum_scheduled=Sum("scheduled"),
            sum_present=Sum("present"),
            sum_absent=Sum("absent"),
            sum_leave=Sum("leave"),
            sum_late_count=Count("pk", filter=Q(is_late=True)),
            sum_late_minutes=Sum("late_minutes", filter=Q(is_late=True)),
            sum_early_count=Count("pk", filter=Q(is_early=True)),
            sum_early_minutes=Sum("early_minutes", filter=Q(is_early=True)),
            **leave_sums,
        )
    }
    overtime = overtime_sums(site=site, first=first, last=last, staff=staff)
    staff_rows = list(
        Staff.objects.filter(Q(pk__in=people.values("staff_id")) | Q(pk__in=list(sums)))
        .order_by("staff_no")
        .values_list("pk", "staff_no", "name", "monthly_salary", "company_id")
    )
    whole_month = scheduled_in_month(
        site=site, first=first, last=last, staff_ids=[found[0] for found in staff_rows]
    )
    explanations = {
        staff_id: (pk, status)
        for pk, staff_id, status in Explanation.objects.filter(site=site, month=first).values_list(
            "pk", "staff_id", "status"
        )
    }
    policy = PolicyTable(OUTCOME_KEYS)
    deducted: dict[int | None, tuple[str, ...]] = {}
    rows = []
    for staff_id, staff_no, name, salary, company_id in staff_rows:
        row = SheetRow(
            staff_id=staff_id,
            staff_no=staff_no,
            name=name,
            monthly_salary=salary,
            company_id=company_id,
            month_scheduled=whole_month.get(staff_id, ZERO),
            provisional=not closed,
        )
        found = sums.get(staff_id)
        if found:
            for name_ in ("scheduled", "present", "absent", "leave"):
                setattr(row, name_, found[f"sum_{name_}"] or ZERO)
            for name_ in ("late_count", "late_minutes", "early_count", "early_minutes"):
                setattr(row, name_, found[f"sum_{name_}"] or 0)
            row.leave_by_kind = {kind: found[f"leave_{kind}"] or ZERO for kind in LeaveKind.values}
        row.overtime_by_category = overtime.get(staff_id, {})
        row.overtime_hours = sum(row.overtime_by_category.values(), ZERO)
        row.explanation_id, row.explanation_status = explanations.get(staff_id, (None, ""))

        def value(key, company_id=company_id):
            return policy.value(key, company_id=company_id, site_id=site.pk)

        if company_id not in deducted:
            deducted[company_id] = tuple(
                kind
                for kind, kept in leave_settings(company_id=company_id).items()
                if kept.deducted
            )
        apply_outcomes(row, value, deducted=deducted[company_id])
        rows.append(row)
    return rows


def scheduled_in_month(
    *, site: Site, first: datetime.date, last: datetime.date, staff_ids: list[int]
) -> dict[int, Decimal]:
    """Each person's working days of `site`'s calendar from `first` to `last` while placed
    there (SPEC §6), whether judged yet or not. A day belongs to the person's first placement,
    the one that wins it (PLACEMENT_ORDER), as attendance.services.days judges it. Two queries."""
    placements = (
        Assignment.objects.filter(staff_id__in=staff_ids)
        .overlapping(first, last)
        .by_precedence()
        .values_list("staff_id", "site_id", "start", "end")
    )
    calendar = WorkCalendar(start=first, end=last, site_ids=[site.pk])
    working = {day for day in calendar.days() if calendar.is_working(day, site.pk)}
    placed: set[tuple[int, datetime.date]] = set()
    counts: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for staff_id, site_id, start, end in placements:
        for day in calendar.days():
            if day < start or (end is not None and day > end) or (staff_id, day) in placed:
                continue
            placed.add((staff_id, day))
            if site_id == site.pk and day in working:
                counts[staff_id] += 1
    return dict(counts)


def overtime_sums(
    *, site: Site, first: datetime.date, last: datetime.date, staff=None
) -> dict[int, dict[str, Decimal]]:
    """Hours of filed overtime whose hours are confirmed, by person and category (SPEC §8: the
    month pays what was confirmed after the day, at the rate of its category)."""
    found = Overtime.objects.filter(
        site=site,
        date__range=(first, last),
        status=OvertimeStatus.FILED,
        confirmed_at__isnull=False,
    )
    if staff is not None:
        found = found.filter(staff__in=staff)
    sums: dict[int, dict[str, Decimal]] = {}
    for staff_id, category, hours in (
        found.values("staff_id", "category")
        .annotate(hours=Sum("actual_hours"))
        .values_list("staff_id", "category", "hours")
    ):
        sums.setdefault(staff_id, {})[category] = hours or ZERO
    return sums


def number(value: Decimal | int) -> str:
    """`14`, `2.5`, `6600`: days and money as people write them in a sentence."""
    text = format(Decimal(value).normalize(), "f")
    return text


def apply_outcomes(row: SheetRow, value, *, deducted: tuple[str, ...] = DEDUCTED_LEAVE) -> None:
    """SPEC §6 policy rules on one row; `value(key)` reads the row's policy number, `deducted`
    are the kinds of leave that count toward the deduction (personal leave by default)."""
    limit = value("explanation_absent_days")
    if row.absent > limit:
        row.explanation.append(
            Outcome("explanation_absent", {"absent": number(row.absent), "limit": limit})
        )
    limit = value("explanation_late_minutes")
    if row.late_minutes > limit:
        row.explanation.append(
            Outcome("explanation_late", {"minutes": row.late_minutes, "limit": limit})
        )
    free, each = value("fine_free_occurrences"), value("fine_per_occurrence")
    count = row.late_count + row.early_count
    if count > free:
        row.fine = ((count - free) * Decimal(each)).quantize(CENT, rounding=ROUND_HALF_UP)
        row.fine_outcome = Outcome(
            "fine", {"count": count, "free": free, "extra": count - free, "each": each}
        )
    personal = sum((row.leave_by_kind.get(k, ZERO) for k in deducted), ZERO)
    row.deduction_days = row.absent + personal
    # The whole month's scheduled days; the days judged only when no placement is on record
    # (a placement removed after its days were judged).
    divisor = row.month_scheduled or row.scheduled
    if row.deduction_days and divisor and row.monthly_salary is not None:
        row.deduction_amount = (row.monthly_salary / divisor * row.deduction_days).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        row.deduction_outcome = Outcome(
            "deduction_provisional" if row.provisional else "deduction",
            {
                "absent": number(row.absent),
                "personal": number(personal),
                "days": number(row.deduction_days),
                "salary": number(row.monthly_salary),
                "scheduled": number(divisor),
            },
        )
    limit = value("dismissal_absent_days")
    if row.absent >= limit:
        row.dismissal_review = True
        row.dismissal_outcome = Outcome("dismissal", {"absent": number(row.absent), "limit": limit})


def month_sheet(*, site: Site, month: datetime.date, staff=None) -> Sheet:
    status = (
        MonthClose.objects.filter(site=site, month=month.replace(day=1))
        .values_list("status", flat=True)
        .first()
    )
    status = status or MonthStatus.OPEN
    return Sheet(
        site=site,
        month=month.replace(day=1),
        rows=month_rows(site=site, month=month, staff=staff, closed=status == MonthStatus.CLOSED),
        status=status,
    )


def person_row(*, staff: Staff, site: Site, month: datetime.date) -> SheetRow | None:
    rows = month_rows(site=site, month=month, staff=Staff.objects.filter(pk=staff.pk))
    return rows[0] if rows else None


def explanation_required(*, staff: Staff, site: Site, month: datetime.date) -> bool:
    row = person_row(staff=staff, site=site, month=month)
    return bool(row and row.explanation_required)
