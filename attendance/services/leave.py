"""Asking for leave (SPEC §7): the days counted on the working-day calendar, the balance, the
notice rule with its emergency path, the request itself and its extension, and the preview a
person sees before sending. Decisions are in leave_decisions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.models import Leave, LeaveKind, LeaveStatus, LeaveType, LeaveTypeDefaults
from attendance.selectors.calendar import WorkCalendar
from attendance.services.cover import cover_check
from attendance.services.leave_days import count_missing_days, leave_days_count
from attendance.services.months import ensure_open
from attendance.services.overtime import compensatory_days
from onsite.access import access_for
from onsite.org.models import Assignment, Site, Staff
from onsite.policy import policy_for
from onsite.recipients import supervisors
from onsite.services import notification_create
from onsite.transitions import Refused

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
    # Why the entitlement cannot be counted (no start of service on record), else "".
    unknown: str = ""

    @property
    def left(self) -> Decimal:
        return self.entitled - self.taken - self.asked

    @property
    def overdrawn(self) -> bool:
        return self.left < 0


def leave_balance(*, staff: Staff, kind: str, year: int) -> Balance:
    """Approved leave is taken and waiting leave asked, whether its days are stored or not."""
    unknown = ""
    if kind == LeaveKind.ANNUAL:
        entitled = Decimal(annual_entitlement(staff=staff, year=year))
        if staff.career_start is None and staff.employment_start is None:
            unknown = _(
                "Annual leave cannot be counted: the start of employment of %(name)s is not on "
                "record. HR adds it on the staff record."
            ) % {"name": staff.name}
    elif kind == LeaveKind.COMPENSATORY:
        # Earned by rest-day overtime taken as time off (SPEC §8).
        entitled = compensatory_days(staff=staff, year=year)
    else:
        entitled = Decimal(0)
    rows = Leave.objects.filter(staff=staff, kind=kind, start__year=year, status__in=OPEN_STATUSES)
    approved = Q(status=LeaveStatus.APPROVED)
    sums = rows.aggregate(taken=Sum("days", filter=approved), asked=Sum("days", filter=~approved))
    taken, asked = sums["taken"] or Decimal(0), sums["asked"] or Decimal(0)
    uncounted = list(rows.filter(days__isnull=True))
    count_missing_days(uncounted)
    for leave in uncounted:
        if leave.status == LeaveStatus.APPROVED:
            taken += leave.days
        else:
            asked += leave.days
    return Balance(
        kind=kind, year=year, entitled=entitled, taken=taken, asked=asked, unknown=unknown
    )


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
    placement = _placement(staff, start)
    if placement is None:
        raise Refused(_("You are not placed at any site on %(date)s.") % {"date": start})
    if end < start or (start == end and starts_pm and ends_am):
        raise Refused(_("The leave ends before it starts."))
    return _file(
        staff=staff,
        site=placement.site,
        kind=kind,
        start=start,
        end=end,
        starts_pm=starts_pm,
        ends_am=ends_am,
        reason=reason,
        cover=cover,
        emergency=emergency,
        document=document,
        by=by,
        today=today,
    )


def extend_refusal(*, leave: Leave, today: datetime.date) -> str | None:
    """Why `leave` cannot be extended now, if it cannot (SPEC §7: extending needs a new
    approval, asked while the approved leave lasts; afterwards it is an emergency request)."""
    if leave.status != LeaveStatus.APPROVED:
        return _("Only approved leave can be extended.")
    if today > leave.end:
        return _(
            "This leave ended on %(end)s; it can no longer be extended. For the days since, "
            "file an emergency leave instead."
        ) % {"end": leave.end}
    return None


def extension_start(leave: Leave) -> tuple[datetime.date, bool]:
    """(first day, starts in the afternoon) of an extension: the next day, or the afternoon of
    the last day when the approved leave ends at noon."""
    if leave.ends_am:
        return leave.end, True
    return leave.end + datetime.timedelta(days=1), False


def leave_extend(
    *,
    leave: Leave,
    end: datetime.date,
    ends_am: bool = False,
    reason: str,
    by,
    today: datetime.date | None = None,
    document=None,
) -> Leave:
    """Ask for more days after approved leave: a new request of the same kind, site and cover
    that waits for its own approval. The checks of a request hold, but the notice rule: the
    need shows itself while the person is away."""
    today = today or timezone.localdate()
    if access_for(by).staff_id != leave.staff_id:
        raise Refused(_("Only the person on leave may ask to extend it."))
    blocked = extend_refusal(leave=leave, today=today)
    if blocked:
        raise Refused(blocked)
    start, starts_pm = extension_start(leave)
    if end < start or (start == end and starts_pm and ends_am):
        raise Refused(
            _("An extension ends after the approved leave, which ends on %(end)s.")
            % {"end": leave.end}
        )
    still_placed = (
        Assignment.objects.active_on(start)
        .filter(staff_id=leave.staff_id, site=leave.site)
        .exists()
    )
    if not still_placed:
        raise Refused(
            _("You are not placed at %(site)s on %(date)s.")
            % {"site": leave.site.name, "date": start}
        )
    return _file(
        staff=leave.staff,
        site=leave.site,
        kind=leave.kind,
        start=start,
        end=end,
        starts_pm=starts_pm,
        ends_am=ends_am,
        reason=reason,
        cover=leave.cover,
        emergency=False,
        document=document,
        by=by,
        today=today,
        extends=leave,
    )


@dataclass(frozen=True)
class LeavePreview:
    """What a request would count and meet, shown before it is sent. `hint` alone when the
    dates do not make a request yet."""

    hint: str = ""
    site: Site | None = None
    days: Decimal | None = None
    balance: Balance | None = None
    document_required: bool = False
    problems: tuple[str, ...] = ()
    # The cover chosen already covers someone else then: allowed, but worth a second thought.
    cover_warnings: tuple[str, ...] = ()

    @property
    def left_after(self) -> Decimal | None:
        if self.balance is None or self.days is None:
            return None
        return self.balance.left - self.days


def leave_preview(
    *,
    staff: Staff,
    kind: str | None,
    start: datetime.date | None,
    end: datetime.date | None,
    starts_pm: bool = False,
    ends_am: bool = False,
    emergency: bool = False,
    extends: Leave | None = None,
    cover: Staff | None = None,
    today: datetime.date | None = None,
) -> LeavePreview:
    """The working days, the balance of a tracked kind (requests waiting for a decision count
    against it), whether a document is needed, and the notice-rule problem if any. For an
    extension (`extends`) the first day and the kind are those of the extension, and the notice
    rule does not apply."""
    today = today or timezone.localdate()
    if extends is not None:
        kind = extends.kind
        start, starts_pm = extension_start(extends)
    if start is None or end is None:
        return LeavePreview(hint=_("Choose the first and the last day to see what they count."))
    if end < start or (start == end and starts_pm and ends_am):
        return LeavePreview(hint=_("The leave ends before it starts."))
    if extends is not None:
        site = extends.site
    else:
        placement = _placement(staff, start)
        if placement is None:
            return LeavePreview(
                hint=_("You are not placed at any site on %(date)s.") % {"date": start}
            )
        site = placement.site
    days = leave_days_count(
        site_id=site.pk, start=start, end=end, starts_pm=starts_pm, ends_am=ends_am
    )
    problems = []
    if days == 0:
        problems.append(_("These dates hold no working day; no leave is needed."))
    if extends is None:
        policy = policy_for(company=staff.company, site=site)
        late = (
            emergency_refusal(end=end, today=today, site_id=site.pk, policy=policy)
            if emergency
            else notice_refusal(days=days, start=start, today=today, policy=policy)
        )
        if late:
            problems.append(late)
    cover_warnings: list[str] = []
    if extends is not None:
        cover = extends.cover
    if cover is not None and cover.pk != staff.pk:
        check = cover_check(cover_id=cover.pk, requester_id=staff.pk, start=start, end=end)
        if check:
            problems += check.refusals()
            cover_warnings = check.warnings()
    balance, document_required = None, False
    if kind in LeaveKind.values:
        settings = leave_settings(company_id=staff.company_id)[kind]
        document_required = settings.document_required
        if settings.balance_tracked:
            balance = leave_balance(staff=staff, kind=kind, year=start.year)
    return LeavePreview(
        site=site,
        days=days,
        balance=balance,
        document_required=document_required,
        problems=tuple(problems),
        cover_warnings=tuple(cover_warnings),
    )


def _placement(staff: Staff, day: datetime.date) -> Assignment | None:
    return Assignment.objects.placement_of(staff, day)


def _file(
    *,
    staff: Staff,
    site: Site,
    kind: str,
    start: datetime.date,
    end: datetime.date,
    starts_pm: bool,
    ends_am: bool,
    reason: str,
    cover: Staff | None,
    emergency: bool,
    document,
    by,
    today: datetime.date,
    extends: Leave | None = None,
) -> Leave:
    """The checks of a request (an extension skips the notice rule), then the row, and the
    site's supervisors told that it waits for them."""
    with transaction.atomic():
        # The staff row lock serialises two requests sent at once (a double click): the second
        # waits, then meets the first in the overlap and balance checks.
        Staff.objects.select_for_update().get(pk=staff.pk)
        days = _file_problems(
            staff=staff,
            site=site,
            kind=kind,
            start=start,
            end=end,
            starts_pm=starts_pm,
            ends_am=ends_am,
            reason=reason,
            cover=cover,
            emergency=emergency,
            document=document,
            today=today,
            extends=extends,
        )
        ensure_open(site=site, dates=[start, end])
        leave = Leave(
            staff=staff,
            site=site,
            kind=kind,
            start=start,
            end=end,
            starts_pm=starts_pm,
            ends_am=ends_am,
            reason=reason.strip(),
            days=days,
            cover=cover,
            emergency=emergency,
            extends=extends,
            created_by=by,
        )
        if document:
            leave.document = document
        leave._history_user = by
        leave.save()
        _ask_supervisors(leave, by=by)
    return leave


def _file_problems(
    *,
    staff: Staff,
    site: Site,
    kind: str,
    start: datetime.date,
    end: datetime.date,
    starts_pm: bool,
    ends_am: bool,
    reason: str,
    cover: Staff | None,
    emergency: bool,
    document,
    today: datetime.date,
    extends: Leave | None,
) -> Decimal:
    """The working days the request counts, or Refused with every problem at once."""
    problems: list[str] = []
    if not reason.strip():
        problems.append(_("Give a reason for the leave."))
    policy = policy_for(company=staff.company, site=site)
    days = leave_days_count(
        site_id=site.pk, start=start, end=end, starts_pm=starts_pm, ends_am=ends_am
    )
    if days == 0:
        problems.append(_("These dates hold no working day; no leave is needed."))
    if cover is None:
        problems.append(_("Name the colleague who covers your work while you are away."))
    else:
        problems += _cover_problems(cover=cover, staff=staff, site_id=site.pk, start=start, end=end)
    if extends is None:
        late = (
            emergency_refusal(end=end, today=today, site_id=site.pk, policy=policy)
            if emergency
            else notice_refusal(days=days, start=start, today=today, policy=policy)
        )
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
        if balance.unknown:
            problems.append(balance.unknown)
        elif days > balance.left:
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
    )
    if extends is not None:
        # The extended leave itself may share the extension's first day (it ends at noon).
        overlapping = overlapping.exclude(pk=extends.pk)
    if overlapping.exists():
        problems.append(_("You already have leave on some of these days."))
    if problems:
        raise Refused(*problems)
    return days


def _ask_supervisors(leave: Leave, *, by) -> None:
    """The site's supervisors decide the first stage; they hear of each request as it comes."""
    notification_create(
        recipients=[u for u in supervisors([leave.site_id]) if u.pk != by.pk],
        kind="leave.pending",
        params={
            "name": leave.staff.name,
            "start": leave.start,
            "end": leave.end,
            "extends": bool(leave.extends_id),
            "reason": leave.reason,
            "leave": leave.pk,
        },
    )


def _cover_problems(*, cover: Staff, staff: Staff, site_id: int, start, end) -> list[str]:
    """SPEC §7: someone else at the same site, not on leave then, carries the work."""
    if cover.pk == staff.pk:
        return [_("The cover person must be someone else.")]
    placed = Assignment.objects.filter(
        Q(end__isnull=True) | Q(end__gte=end), staff=cover, site_id=site_id, start__lte=start
    ).exists()
    if not placed:
        return [_("%(name)s is not placed at this site for these days.") % {"name": cover.name}]
    check = cover_check(cover_id=cover.pk, requester_id=staff.pk, start=start, end=end)
    # Covering someone else as well is allowed: the preview and the approver are warned.
    return check.refusals() if check else []
