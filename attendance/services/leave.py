"""Asking for leave (SPEC §7): the days counted on the working-day calendar, the balance, the
notice rule with its emergency path, and the request itself. Decisions come in a later step."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.calendar import WorkCalendar
from attendance.models import Leave, LeaveKind, LeaveStatus, LeaveType, LeaveTypeDefaults
from attendance.services.months import ensure_open
from attendance.services.overtime import compensatory_days
from onsite.policy import policy_for
from onsite.transitions import Refused
from staffing.models import Assignment, Staff

HALF = Decimal("0.5")
OPEN_STATUSES = (LeaveStatus.PENDING, LeaveStatus.PENDING_MANAGER, LeaveStatus.APPROVED)


@dataclass(frozen=True)
class LeaveSettings:
    paid: bool
    deducted: bool
    document_required: bool
    balance_tracked: bool


def leave_settings(*, company_id: int) -> dict[str, LeaveSettings]:
    """Every kind's settings for a company: its own row, else SPEC's default (one query)."""
    found = {kind: LeaveSettings(*LeaveTypeDefaults.TABLE[kind]) for kind in LeaveKind.values}
    for row in LeaveType.objects.filter(company_id=company_id):
        found[row.kind] = LeaveSettings(
            row.paid, row.deducted, row.document_required, row.balance_tracked
        )
    return found


def leave_days_count(
    *,
    site_id: int,
    start: datetime.date,
    end: datetime.date,
    starts_pm: bool = False,
    ends_am: bool = False,
) -> Decimal:
    """Working days of the site's calendar from `start` to `end`; a half day counts 0.5."""
    calendar = WorkCalendar(start=start, end=end, site_ids=[site_id])
    days = Decimal(0)
    for day in calendar.days():
        if not calendar.is_working(day, site_id):
            continue
        share = Decimal(1)
        if day == start and starts_pm:
            share -= HALF
        if day == end and ends_am:
            share -= HALF
        days += share
    return days


def service_years(*, staff: Staff, on: datetime.date) -> int:
    started = staff.career_start or staff.employment_start
    if started is None or started > on:
        return 0
    years = on.year - started.year
    if (on.month, on.day) < (started.month, started.day):
        years -= 1
    return years


def annual_entitlement(*, staff: Staff, year: int) -> int:
    """Days of annual leave for `year` by cumulative service on 1 January (SPEC §7: 1–10
    years 5 days, 10–20 years 10, 20 and more 15; the numbers are policy settings)."""
    policy = policy_for(company=staff.company)
    years = service_years(staff=staff, on=datetime.date(year, 1, 1))
    if years >= policy.annual_leave_long_years:
        return policy.annual_leave_long_days
    if years >= policy.annual_leave_mid_years:
        return policy.annual_leave_mid_days
    if years >= policy.annual_leave_min_years:
        return policy.annual_leave_days
    return 0


@dataclass(frozen=True)
class Balance:
    kind: str
    year: int
    entitled: Decimal
    taken: Decimal  # approved
    asked: Decimal  # waiting for a decision: counts against the balance already

    @property
    def left(self) -> Decimal:
        return self.entitled - self.taken - self.asked


def leave_balance(*, staff: Staff, kind: str, year: int) -> Balance:
    if kind == LeaveKind.ANNUAL:
        entitled = Decimal(annual_entitlement(staff=staff, year=year))
    elif kind == LeaveKind.COMPENSATORY:
        # Earned by rest-day overtime taken as time off (SPEC §8).
        entitled = compensatory_days(staff=staff, year=year)
    else:
        entitled = Decimal(0)
    rows = Leave.objects.filter(staff=staff, kind=kind, start__year=year)
    taken = rows.filter(status=LeaveStatus.APPROVED).aggregate(d=Sum("days"))["d"] or Decimal(0)
    asked = rows.filter(status__in=(LeaveStatus.PENDING, LeaveStatus.PENDING_MANAGER)).aggregate(
        d=Sum("days")
    )["d"] or Decimal(0)
    return Balance(kind=kind, year=year, entitled=entitled, taken=taken, asked=asked)


def notice_refusal(
    *,
    days: Decimal,
    start: datetime.date,
    today: datetime.date,
    policy,
) -> str | None:
    """SPEC §7 [002 第四条]: short leave is asked `leave_notice_short_days` ahead, leave of
    `leave_long_days` or more `leave_notice_long_days` ahead. The message states the rule and
    the earliest start that would have been allowed."""
    long = days >= policy.leave_long_days
    ahead = policy.leave_notice_long_days if long else policy.leave_notice_short_days
    if (start - today).days >= ahead:
        return None
    earliest = today + datetime.timedelta(days=ahead)
    if long:
        rule = _("Leave of %(long)s days or more is asked at least %(ahead)s days ahead.") % {
            "long": policy.leave_long_days,
            "ahead": ahead,
        }
    else:
        rule = _("Leave of fewer than %(long)s days is asked at least %(ahead)s days ahead.") % {
            "long": policy.leave_long_days,
            "ahead": ahead,
        }
    return " ".join(
        (
            rule,
            _(
                "The earliest start you can ask for now is %(date)s; in an emergency, mark the "
                "request as an emergency."
            )
            % {"date": earliest},
        )
    )


def emergency_refusal(
    *, end: datetime.date, today: datetime.date, site_id: int, policy
) -> str | None:
    """An emergency may be filed after the fact, within `leave_emergency_after_days` working
    days of returning (the first working day after the leave)."""
    if today <= end:
        return None
    limit = policy.leave_emergency_after_days
    calendar = WorkCalendar(start=end + datetime.timedelta(days=1), end=today, site_ids=[site_id])
    working = [d for d in calendar.days() if calendar.is_working(d, site_id)]
    # The day of return is the first working day; the filing window runs `limit` working days.
    if len(working) <= limit:
        return None
    return _(
        "An emergency leave is filed at the latest %(limit)s working days after returning; "
        "this one ended on %(end)s."
    ) % {"limit": limit, "end": end}


def leave_request(
    *,
    staff: Staff,
    kind: str,
    start: datetime.date,
    end: datetime.date,
    starts_pm: bool = False,
    ends_am: bool = False,
    reason: str,
    cover: Staff | None,
    emergency: bool = False,
    document=None,
    by,
    today: datetime.date | None = None,
) -> Leave:
    """File a request, or refuse it with every reason at once."""
    today = today or timezone.localdate()
    problems: list[str] = []
    placement = Assignment.objects.active_on(start).filter(staff=staff).order_by("backup").first()
    if placement is None:
        raise Refused(_("You are not placed at any site on %(date)s.") % {"date": start})
    if end < start or (start == end and starts_pm and ends_am):
        raise Refused(_("The leave ends before it starts."))
    if not reason.strip():
        problems.append(_("Give a reason for the leave."))
    policy = policy_for(company=staff.company, site=placement.site)
    days = leave_days_count(
        site_id=placement.site_id, start=start, end=end, starts_pm=starts_pm, ends_am=ends_am
    )
    if days == 0:
        problems.append(_("These dates hold no working day; no leave is needed."))
    if cover is None:
        problems.append(_("Name the colleague who covers your work while you are away."))
    else:
        problems += _cover_problems(
            cover=cover, staff=staff, site_id=placement.site_id, start=start, end=end
        )
    if emergency:
        late = emergency_refusal(end=end, today=today, site_id=placement.site_id, policy=policy)
        if late:
            problems.append(late)
    else:
        late = notice_refusal(days=days, start=start, today=today, policy=policy)
        if late:
            problems.append(late)
    settings = leave_settings(company_id=staff.company_id)[kind]
    if settings.document_required and not document:
        problems.append(
            _("%(kind)s needs a document (for example a doctor's note).")
            % {"kind": LeaveKind(kind).label}
        )
    if settings.balance_tracked:
        balance = leave_balance(staff=staff, kind=kind, year=start.year)
        if days > balance.left:
            problems.append(
                _(
                    "%(kind)s left for %(year)s: %(left)s days (%(asked)s of them already "
                    "asked for); this request needs %(days)s."
                )
                % {
                    "kind": LeaveKind(kind).label,
                    "year": start.year,
                    "left": balance.left,
                    "asked": balance.asked,
                    "days": days,
                }
            )
    overlapping = Leave.objects.filter(
        staff=staff, status__in=OPEN_STATUSES, start__lte=end, end__gte=start
    ).exists()
    if overlapping:
        problems.append(_("You already have leave on some of these days."))
    if problems:
        raise Refused(*problems)
    ensure_open(site=placement.site, dates=[start, end])
    with transaction.atomic():
        leave = Leave(
            staff=staff,
            site=placement.site,
            kind=kind,
            start=start,
            end=end,
            starts_pm=starts_pm,
            ends_am=ends_am,
            reason=reason.strip(),
            days=days,
            cover=cover,
            emergency=emergency,
            created_by=by,
        )
        if document:
            leave.document = document
        leave._history_user = by
        leave.save()
    return leave


def _cover_problems(*, cover: Staff, staff: Staff, site_id: int, start, end) -> list[str]:
    """SPEC §7: someone else at the same site, not on leave then, carries the work."""
    if cover.pk == staff.pk:
        return [_("The cover person must be someone else.")]
    placed = Assignment.objects.filter(
        Q(end__isnull=True) | Q(end__gte=end), staff=cover, site_id=site_id, start__lte=start
    ).exists()
    if not placed:
        return [_("%(name)s is not placed at this site for these days.") % {"name": cover.name}]
    away = Leave.objects.filter(
        staff=cover, status__in=OPEN_STATUSES, start__lte=end, end__gte=start
    ).exists()
    if away:
        return [_("%(name)s is on leave on some of these days.") % {"name": cover.name}]
    return []
