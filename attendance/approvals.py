"""What waits for one person's decision (SPEC §6–§8): leave, overtime and punch corrections, in
one list, oldest first. Each kind's filter is the services' "may decide" rule written as a
query, so a row shown is a row its reader may decide, and no row asks the database whether.

Nobody's own requests wait for them. A page is read with a fixed number of queries: the count,
the page's (kind, id, waiting since) from one UNION, then the rows of each kind on the page."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from attendance.models import (
    Correction,
    CorrectionStatus,
    Leave,
    LeaveStatus,
    Overtime,
    OvertimeCategory,
    OvertimeStatus,
)
from attendance.services.cover import CoverCheck, cover_checks
from onsite.access import Access, access_for

LEAVE, OVERTIME, CORRECTION = "leave", "overtime", "correction"
KINDS = (LEAVE, OVERTIME, CORRECTION)
PER_PAGE = 50

# The statuses in which each kind waits for someone; any other status has been decided.
WAITING = {
    LEAVE: (LeaveStatus.PENDING, LeaveStatus.PENDING_MANAGER),
    OVERTIME: (OvertimeStatus.UNCONFIRMED, OvertimeStatus.PENDING, OvertimeStatus.APPROVED),
    CORRECTION: (CorrectionStatus.PENDING,),
}
MODELS = {LEAVE: Leave, OVERTIME: Overtime, CORRECTION: Correction}
RELATED = {
    LEAVE: ("staff", "site", "cover"),
    OVERTIME: ("staff", "site"),
    CORRECTION: ("staff", "site"),
}


def _not_own(queryset: QuerySet, access: Access) -> QuerySet:
    return queryset.exclude(staff_id=access.staff_id) if access.staff_id else queryset


def _within(**lookups) -> Q:
    """OR of the `field__in` lookups whose sets are not empty; none at all matches nothing.
    (An empty set would still make the query join the staff table for nothing.)"""
    q = Q(pk__in=[])
    for lookup, ids in lookups.items():
        if ids:
            q |= Q(**{lookup: ids})
    return q


def leave_waiting(user) -> QuerySet[Leave]:
    """The first stage at the sites one supervises; the second (`pending_manager`) for a
    manager of the person's company or department, as `leave_decisions.may_decide` has it."""
    access = access_for(user)
    if access.is_superuser:
        q = Q(status__in=WAITING[LEAVE])
    else:
        first = Q(status=LeaveStatus.PENDING) & _within(site_id__in=access.supervised_sites)
        second = Q(status=LeaveStatus.PENDING_MANAGER) & _within(
            staff__company_id__in=access.manager_companies,
            staff__department_id__in=access.manager_departments,
        )
        q = first | second
    return _not_own(Leave.objects.filter(q), access)


def overtime_waiting(user) -> QuerySet[Overtime]:
    """Emergency overtime to confirm at one's sites; requests to approve: workday overtime at
    one's sites, any of the company or department one heads (rest-day and holiday overtime is
    the department head's alone); approved requests for HR to file (services.overtime)."""
    access = access_for(user)
    if access.is_superuser:
        q = Q(status__in=WAITING[OVERTIME])
    else:
        q = (
            Q(status=OvertimeStatus.UNCONFIRMED) & _within(site_id__in=access.supervised_sites)
            | Q(status=OvertimeStatus.PENDING, category=OvertimeCategory.WORKDAY)
            & _within(site_id__in=access.supervised_sites)
            | Q(status=OvertimeStatus.PENDING)
            & _within(
                staff__company_id__in=access.manager_companies,
                staff__department_id__in=access.manager_departments,
            )
            | Q(status=OvertimeStatus.APPROVED) & _within(staff__company_id__in=access.hr_companies)
        )
    return _not_own(Overtime.objects.filter(q), access)


def corrections_waiting(user) -> QuerySet[Correction]:
    """Pending corrections at one's sites, or of the company one is HR of."""
    access = access_for(user)
    q = Q(status=CorrectionStatus.PENDING)
    if not access.is_superuser:
        q &= _within(site_id__in=access.supervised_sites, staff__company_id__in=access.hr_companies)
    return _not_own(Correction.objects.filter(q), access)


WAITING_FOR = {LEAVE: leave_waiting, OVERTIME: overtime_waiting, CORRECTION: corrections_waiting}

# Since when a request has waited at its present stage: the supervisor's decision for leave at
# the manager's stage, the approval for overtime to file, else the request itself.
SINCE = {
    LEAVE: Case(
        When(
            status=LeaveStatus.PENDING_MANAGER,
            then=Coalesce(F("decided_at"), F("created_at")),
        ),
        default=F("created_at"),
    ),
    OVERTIME: Case(
        When(
            status=OvertimeStatus.APPROVED,
            then=Coalesce(F("approved_at"), F("created_at")),
        ),
        default=F("created_at"),
    ),
    CORRECTION: F("created_at"),
}


def waiting(user) -> QuerySet:
    """(item_kind, id, since) of everything waiting for `user`, longest waiting first."""
    parts = [
        WAITING_FOR[kind](user)
        .annotate(item_kind=Value(kind, output_field=CharField()), since=SINCE[kind])
        .values_list("item_kind", "id", "since")
        .order_by()
        for kind in KINDS
    ]
    return parts[0].union(*parts[1:], all=True).order_by("since", "item_kind", "id")


def waiting_count(user) -> int:
    """How many requests wait for `user` (one query), for a badge or the dashboard."""
    return waiting(user).count()


@dataclass
class Item:
    """One row of the inbox, whatever its kind."""

    kind: str
    record: Leave | Overtime | Correction
    since: datetime.datetime
    flags: list[str] = field(default_factory=list)
    # Leave whose cover is away or covers someone else on some of its days.
    cover_notes: list[str] = field(default_factory=list)

    @property
    def token(self) -> str:
        """How the decide form names the request: `leave:12`."""
        return f"{self.kind}:{self.record.pk}"

    @property
    def person(self) -> str:
        return self.record.staff.name

    @property
    def kind_label(self) -> str:
        return {LEAVE: _("Leave"), OVERTIME: _("Overtime"), CORRECTION: _("Punch correction")}[
            self.kind
        ]

    @property
    def detail(self) -> str:
        return self.record.get_kind_display() if self.kind == LEAVE else ""

    @property
    def url(self) -> str:
        return reverse(f"attendance:{self.kind}_detail", args=[self.record.pk])

    @property
    def when(self) -> str:
        return describe(self.kind, self.record)

    @property
    def amount(self) -> Decimal | None:
        """Working days of leave, hours of overtime."""
        if self.kind == LEAVE:
            return self.record.days
        if self.kind == OVERTIME:
            return self.record.hours
        return None

    @property
    def cover(self) -> str:
        cover = self.record.cover if self.kind == LEAVE else None
        return cover.name if cover else ""

    @property
    def action(self) -> str:
        """What approving does at this stage."""
        if self.kind == OVERTIME and self.record.status == OvertimeStatus.UNCONFIRMED:
            return _("Confirm")
        if self.kind == OVERTIME and self.record.status == OvertimeStatus.APPROVED:
            return pgettext("to file overtime (备案)", "File")
        return _("Approve")

    @property
    def stage(self) -> str:
        return self.record.get_status_display()

    @property
    def bulk(self) -> bool:
        """Overtime beyond a cap needs a manager's reason for the override, given on its page."""
        return not (
            self.kind == OVERTIME
            and self.record.status == OvertimeStatus.PENDING
            and self.record.over_cap
        )


def describe(kind: str, record) -> str:
    """The dates or time of a request, as a line of text: `2026-10-13 (afternoon) – 10-14`."""
    if kind == LEAVE:
        first = f"{record.start:%Y-%m-%d}"
        if record.starts_pm:
            first += " " + _("afternoon")
        if record.start == record.end:
            return first + (" " + _("morning") if record.ends_am else "")
        last = f"{record.end:%Y-%m-%d}" + (" " + _("morning") if record.ends_am else "")
        return f"{first} – {last}"
    if kind == OVERTIME:
        return f"{record.date:%Y-%m-%d} {record.start_time:%H:%M}–{record.end_time:%H:%M}"
    local = record.at.astimezone(zoneinfo.ZoneInfo(record.site.time_zone))
    return f"{local:%Y-%m-%d %H:%M}"


def _flags(kind: str, record) -> list[str]:
    flags = []
    if kind in (LEAVE, OVERTIME) and record.emergency:
        flags.append(_("Emergency"))
    if kind == OVERTIME and record.over_cap:
        flags.append(_("Beyond the cap"))
    if kind == LEAVE and record.document:
        flags.append(_("Document attached"))
    return flags


def load(kind: str, ids) -> dict[int, Leave | Overtime | Correction]:
    """The records of one kind with what a row shows, in one query (none for no ids)."""
    if not ids:
        return {}
    model = MODELS[kind]
    return {
        r.pk: r for r in model.objects.filter(pk__in=ids).select_related(*RELATED[kind]).order_by()
    }


def waiting_page(user, number=None, per_page: int = PER_PAGE) -> Page:
    """One page of the inbox; its `object_list` holds `Item`s."""
    page = Paginator(waiting(user), per_page).get_page(number)
    keys = list(page.object_list)
    records = {kind: load(kind, [pk for k, pk, _since in keys if k == kind]) for kind in KINDS}
    leave = records[LEAVE].values()
    covers = cover_checks(spans=[(r.pk, r.cover_id, r.start, r.end, r.staff_id) for r in leave])
    page.object_list = [
        Item(
            kind,
            records[kind][pk],
            since,
            _flags(kind, records[kind][pk]),
            _cover_notes(covers.get(pk) if kind == LEAVE else None),
        )
        for kind, pk, since in keys
        if pk in records[kind]
    ]
    return page


def _cover_notes(check: CoverCheck | None) -> list[str]:
    return [*check.away_notes(), *check.warnings()] if check else []
