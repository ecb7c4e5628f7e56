"""Overtime (SPEC §8): a request before the day; the department head (a manager of the
person's department or company) approves, or for workday overtime also the site's supervisor;
HR files it (审批备案). The category and its pay
rate come from the calendar; the Labour Law art. 41 caps are refused unless a manager overrides
with a reason. After the day the hours worked are confirmed against the punches. A request
filed after the day needs the emergency mark and the supervisor's confirmation first."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from attendance import permissions
from attendance.models import (
    Compensation,
    DayKind,
    Overtime,
    OvertimeCategory,
    OvertimeStatus,
    Punch,
)
from attendance.selectors.calendar import WorkCalendar
from attendance.services.months import ensure_open
from onsite.access import access_for, refuse_own_record
from onsite.org.models import Assignment, Staff
from onsite.periods import month_bounds
from onsite.policy import policy_for
from onsite.recipients import hr_admins, managers, supervisors
from onsite.services import notification_create
from onsite.transitions import Refused, transition

S = OvertimeStatus
HALF = Decimal("0.5")


def number(value: Decimal) -> str:
    """2.5, 4, 10: hours as people write them in a sentence."""
    return format(Decimal(value).normalize(), "f")


# What counts toward the caps and blocks a second request at the same hours.
OPEN_STATUSES = (S.UNCONFIRMED, S.PENDING, S.APPROVED, S.FILED)
WAITING_STATUSES = (S.UNCONFIRMED, S.PENDING, S.APPROVED)
OVERTIME_TRANSITIONS = {
    S.UNCONFIRMED: {S.PENDING, S.REJECTED, S.CANCELLED},
    S.PENDING: {S.APPROVED, S.REJECTED, S.CANCELLED},
    S.APPROVED: {S.FILED, S.REJECTED, S.CANCELLED},
}

# Day kind → (category, policy key of its rate). A holiday block's rest day is a rest day with
# its own rate setting (SPEC §8: make-up rest days count as rest days by default).
CATEGORY_OF_DAY = {
    DayKind.WORKDAY: (OvertimeCategory.WORKDAY, "overtime_rate_workday"),
    DayKind.MAKEUP_WORKDAY: (OvertimeCategory.WORKDAY, "overtime_rate_workday"),
    DayKind.REST: (OvertimeCategory.REST_DAY, "overtime_rate_rest_day"),
    DayKind.HOLIDAY_REST: (OvertimeCategory.REST_DAY, "overtime_rate_holiday_rest"),
    DayKind.HOLIDAY: (OvertimeCategory.HOLIDAY, "overtime_rate_holiday"),
}


@dataclass(frozen=True)
class DayCategory:
    day_kind: str
    category: str
    rate: int
    label: str  # the day's name or kind, for the form and the list


def overtime_category(*, site_id: int, date: datetime.date, policy) -> DayCategory:
    entry = WorkCalendar(start=date, end=date, site_ids=[site_id]).entry(date, site_id)
    category, rate_key = CATEGORY_OF_DAY[entry.kind]
    return DayCategory(entry.kind, category, policy[rate_key], entry.label)


def hours_between(start: datetime.time, end: datetime.time) -> Decimal:
    """Whole half hours from `start` to `end` (18:00–20:40 is 2.5 hours)."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return (Decimal(minutes) / 30).to_integral_value(rounding=ROUND_FLOOR) * HALF


@dataclass(frozen=True)
class CapCheck:
    day_hours: Decimal  # this request plus the person's other open overtime that day
    month_hours: Decimal
    day_cap: int
    month_cap: int

    @property
    def over(self) -> bool:
        return self.day_hours > self.day_cap or self.month_hours > self.month_cap

    def message(self) -> str:
        parts = []
        if self.day_hours > self.day_cap:
            parts.append(
                _("%(hours)s hours that day, above the cap of %(cap)s hours a day")
                % {"hours": number(self.day_hours), "cap": self.day_cap}
            )
        if self.month_hours > self.month_cap:
            parts.append(
                _("%(hours)s hours that month, above the cap of %(cap)s hours a month")
                % {"hours": number(self.month_hours), "cap": self.month_cap}
            )
        return _(
            "Labour Law art. 41 caps overtime: %(parts)s. Only a manager can allow this, with a "
            "reason for the override."
        ) % {"parts": _("; ").join(parts)}


def cap_check(
    *, staff: Staff, date: datetime.date, hours: Decimal, policy, exclude: int | None = None
) -> CapCheck:
    first, last = month_bounds(date)
    others = Overtime.objects.filter(
        staff=staff, status__in=OPEN_STATUSES, date__range=(first, last)
    )
    if exclude is not None:
        others = others.exclude(pk=exclude)
    sums = others.aggregate(
        month=Sum("hours"),
        day=Sum("hours", filter=Q(date=date)),
    )
    return CapCheck(
        day_hours=(sums["day"] or Decimal(0)) + hours,
        month_hours=(sums["month"] or Decimal(0)) + hours,
        day_cap=policy.overtime_day_cap_hours,
        month_cap=policy.overtime_month_cap_hours,
    )


def overtime_request(
    *,
    staff: Staff,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    reason: str,
    compensation: str = Compensation.PAY,
    emergency: bool = False,
    by,
    today: datetime.date | None = None,
) -> Overtime:
    """File a request, or refuse it with every reason at once. A request beyond a cap is kept
    but marked: only a manager may approve it, with a reason (see `overtime_approve`)."""
    today = today or timezone.localdate()
    placement = Assignment.objects.placement_of(staff, date)
    if placement is None:
        raise Refused(_("You are not placed at any site on %(date)s.") % {"date": date})
    with transaction.atomic():
        # The staff row lock serialises two requests sent at once (a double click): the second
        # waits, then meets the first in the clash check and the caps.
        Staff.objects.select_for_update().get(pk=staff.pk)
        problems: list[str] = []
        if not reason.strip():
            problems.append(_("Give a reason for the overtime."))
        hours = hours_between(start_time, end_time) if start_time < end_time else Decimal(0)
        if hours <= 0:
            problems.append(_("The overtime must end at least half an hour after it starts."))
        after_the_day = date < today
        if after_the_day and not emergency:
            problems.append(
                _(
                    "Overtime is asked for before the day (%(date)s is past). If it was an "
                    "emergency, mark the request as an emergency: your supervisor then confirms it."
                )
                % {"date": date}
            )
        policy = policy_for(company=staff.company, site=placement.site)
        day = overtime_category(site_id=placement.site_id, date=date, policy=policy)
        if compensation == Compensation.TIME_OFF and day.category != OvertimeCategory.REST_DAY:
            problems.append(
                _(
                    "Only rest-day overtime can be taken as time off; %(date)s is %(day)s, whose "
                    "overtime is paid."
                )
                % {"date": date, "day": day.label}
            )
        clash = Overtime.objects.filter(
            staff=staff,
            date=date,
            status__in=OPEN_STATUSES,
            start_time__lt=end_time,
            end_time__gt=start_time,
        ).exists()
        if clash:
            problems.append(_("You already asked for overtime at these hours."))
        if problems:
            raise Refused(*problems)
        ensure_open(site=placement.site, dates=[date])
        caps = cap_check(staff=staff, date=date, hours=hours, policy=policy)
        overtime = Overtime(
            staff=staff,
            site=placement.site,
            date=date,
            start_time=start_time,
            end_time=end_time,
            hours=hours,
            day_kind=day.day_kind,
            category=day.category,
            rate=day.rate,
            compensation=compensation,
            reason=reason.strip(),
            emergency=after_the_day,
            status=S.UNCONFIRMED if after_the_day else S.PENDING,
            over_cap=caps.over,
            created_by=by,
        )
        overtime._history_user = by
        overtime.save()
        _ask(overtime)
    return overtime


# The rules live in attendance.permissions; these names are the ones views and tests know.
may_confirm_emergency = permissions.may_confirm_emergency
is_department_head = permissions.is_department_head
supervisor_may_approve = permissions.supervisor_may_approve
may_approve = permissions.may_approve_overtime
may_file = permissions.may_file_overtime
may_decide = permissions.may_decide_overtime
may_confirm_hours = permissions.may_confirm_hours


def head_only_refusal(user, overtime: Overtime) -> str | None:
    """The reason a supervisor of the site may not decide this request, if that is the reason."""
    if (
        overtime.status == S.PENDING
        and not supervisor_may_approve(overtime)
        and overtime.site_id in access_for(user).supervised_sites
        and not is_department_head(user, overtime)
    ):
        return _(
            "Overtime on a rest day or a holiday is approved by the department head (a manager "
            "of the person's department or company), not by the site supervisor."
        )
    return None


def overtime_confirm_emergency(*, overtime: Overtime, by, note: str = "") -> Overtime:
    """The supervisor confirms the person really worked the emergency overtime; it then waits
    for approval like any other request."""
    if not may_confirm_emergency(by, overtime):
        refuse_own_record(by=by, staff=overtime.staff)
        raise Refused(_("Only a supervisor of the site confirms emergency overtime."))
    ensure_open(site=overtime.site, dates=[overtime.date])
    with transaction.atomic():
        done = _move(overtime, to=S.PENDING, by=by, reason=note or _("Emergency confirmed"))
        _ask(done)
    return done


def overtime_approve(
    *, overtime: Overtime, by, note: str = "", override_reason: str = ""
) -> Overtime:
    """The first stage. Beyond a cap (counted again now: other requests may have been approved
    since) only a manager approves, and only with a reason for the override."""
    if overtime.status == S.UNCONFIRMED:
        raise Refused(_("A supervisor confirms this emergency overtime before it is approved."))
    if not may_approve(by, overtime):
        refuse_own_record(by=by, staff=overtime.staff)
        raise Refused(head_only_refusal(by, overtime) or _("You may not approve this overtime."))
    ensure_open(site=overtime.site, dates=[overtime.date])
    policy = policy_for(company=overtime.staff.company, site=overtime.site)
    caps = cap_check(
        staff=overtime.staff,
        date=overtime.date,
        hours=overtime.hours,
        policy=policy,
        exclude=overtime.pk,
    )
    override_reason = override_reason.strip()
    if caps.over and not (is_department_head(by, overtime) and override_reason):
        raise Refused(caps.message())
    with transaction.atomic():
        done = _move(
            overtime,
            to=S.APPROVED,
            by=by,
            reason=" ".join(filter(None, (note, override_reason))),
            also={
                "approved_by": by,
                "approved_at": timezone.now(),
                "decision_note": note,
                "over_cap": caps.over,
                "override_reason": override_reason if caps.over else "",
            },
        )
        _tell(done, by=by)
        notification_create(
            recipients=[u for u in hr_admins(done.staff.company_id) if u.pk != by.pk],
            kind="overtime.to_file",
            params=_params(done, reason=done.reason),
        )
    return done


def overtime_file(*, overtime: Overtime, by, note: str = "") -> Overtime:
    """HR files the approved request (审批备案): from then on it is the month's overtime."""
    if not may_file(by, overtime):
        refuse_own_record(by=by, staff=overtime.staff)
        raise Refused(_("Only HR of the company files overtime."))
    ensure_open(site=overtime.site, dates=[overtime.date])
    with transaction.atomic():
        done = _move(
            overtime,
            to=S.FILED,
            by=by,
            reason=note or pgettext("overtime", "Filed"),
            also={"filed_by": by, "filed_at": timezone.now()},
        )
        _tell(done, by=by)
    return done


def overtime_reject(*, overtime: Overtime, by, note: str) -> Overtime:
    if not may_decide(by, overtime):
        refuse_own_record(by=by, staff=overtime.staff)
        raise Refused(head_only_refusal(by, overtime) or _("You may not decide this overtime."))
    if not note.strip():
        raise Refused(_("Say why the overtime is rejected."))
    ensure_open(site=overtime.site, dates=[overtime.date])
    with transaction.atomic():
        done = _move(
            overtime,
            to=S.REJECTED,
            by=by,
            reason=note.strip(),
            also={"decision_note": note.strip()},
        )
        _tell(done, by=by)
    return done


def overtime_cancel(*, overtime: Overtime, by, reason: str) -> Overtime:
    """The requester withdraws a request that is not filed yet."""
    if access_for(by).staff_id != overtime.staff_id:
        raise Refused(_("Only the person who asked for the overtime withdraws it."))
    if not reason.strip():
        raise Refused(_("Say why the overtime is withdrawn."))
    with transaction.atomic():
        return _move(overtime, to=S.CANCELLED, by=by, reason=reason.strip())


# --- after the day ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """The punches of the overtime's day and the requested hours they cover."""

    punches: list[datetime.time]
    hours: Decimal

    @property
    def missing(self) -> bool:
        return not self.punches


def day_span(overtime: Overtime) -> tuple[datetime.datetime, datetime.datetime]:
    """The overtime's day, midnight to midnight at its site's clock."""
    zone = zoneinfo.ZoneInfo(overtime.site.time_zone)
    start = datetime.datetime.combine(overtime.date, datetime.time(), zone)
    return start, start + datetime.timedelta(days=1)


def overtime_evidence(*, overtime: Overtime) -> Evidence:
    zone = zoneinfo.ZoneInfo(overtime.site.time_zone)
    start, end = day_span(overtime)
    times = [
        at.astimezone(zone).time()
        for at in Punch.objects.filter(staff_id=overtime.staff_id, at__gte=start, at__lt=end)
        .order_by("at")
        .values_list("at", flat=True)
    ]
    if len(times) < 2:
        return Evidence(times, Decimal(0))
    # The worked span is first to last punch; what it shares with the requested hours counts.
    begin = max(times[0], overtime.start_time)
    finish = min(times[-1], overtime.end_time)
    return Evidence(times, hours_between(begin, finish) if begin < finish else Decimal(0))


def overtime_confirm_hours(
    *,
    overtime: Overtime,
    hours: Decimal,
    by,
    note: str = "",
    today: datetime.date | None = None,
) -> Overtime:
    """After the day, the hours worked (they decide the pay). More than the punches show needs
    a note; more than was approved is refused; a day of an unconfirmed calendar is refused,
    since its category and rate are not final yet."""
    today = today or timezone.localdate()
    if not may_confirm_hours(by, overtime):
        refuse_own_record(by=by, staff=overtime.staff)
        raise Refused(_("You may not confirm the hours of this overtime."))
    if overtime.status != S.FILED:
        raise Refused(_("Hours are confirmed once the overtime is filed."))
    if overtime.date >= today:
        raise Refused(_("Hours are confirmed after the day."))
    if hours < 0 or hours > overtime.hours or hours % HALF:
        raise Refused(
            _("Confirm between 0 and %(hours)s hours, in half hours.")
            % {"hours": number(overtime.hours)}
        )
    entry = WorkCalendar(start=overtime.date, end=overtime.date, site_ids=[overtime.site_id]).entry(
        overtime.date, overtime.site_id
    )
    if not entry.confirmed:
        raise Refused(
            _(
                "The calendar of %(date)s is not confirmed yet; overtime pay on it is final "
                "only once HR confirms the calendar."
            )
            % {"date": overtime.date}
        )
    ensure_open(site=overtime.site, dates=[overtime.date])
    evidence = overtime_evidence(overtime=overtime)
    if hours > evidence.hours and not note.strip():
        raise Refused(
            _("The punches show %(shown)s hours; say why %(hours)s hours are confirmed.")
            % {"shown": number(evidence.hours), "hours": number(hours)}
        )
    with transaction.atomic():
        locked = Overtime.objects.select_for_update().get(pk=overtime.pk)
        if locked.confirmed_at is not None:
            raise Refused(_("These hours are already confirmed."))
        locked.actual_hours = hours
        locked.punches_missing = evidence.missing
        locked.confirmed_by = by
        locked.confirmed_at = timezone.now()
        locked._history_user = by
        locked._change_reason = note.strip() or _("Hours confirmed")
        locked.save(
            update_fields=["actual_hours", "punches_missing", "confirmed_by", "confirmed_at"]
        )
    return locked


def overtime_flag_missing_punches(*, date: datetime.date) -> int:
    """Mark the filed overtime of `date` that has no punch at all (SPEC §8: flagged). Running
    it twice flags the same rows."""
    flagged = 0
    for overtime in Overtime.objects.filter(date=date, status=S.FILED, punches_missing=False):
        if overtime_evidence(overtime=overtime).missing:
            Overtime.objects.filter(pk=overtime.pk).update(punches_missing=True)
            flagged += 1
    return flagged


def compensatory_days(*, staff: Staff, year: int) -> Decimal:
    """Days of compensatory leave earned in `year`: confirmed rest-day overtime taken as time
    off, `overtime_hours_per_day_off` hours a day, in half days."""
    per_day = policy_for(company=staff.company).overtime_hours_per_day_off
    hours = Overtime.objects.filter(
        staff=staff,
        status=S.FILED,
        category=OvertimeCategory.REST_DAY,
        compensation=Compensation.TIME_OFF,
        confirmed_at__isnull=False,
        date__year=year,
    ).aggregate(h=Sum("actual_hours"))["h"] or Decimal(0)
    days = (hours / per_day / HALF).to_integral_value(rounding=ROUND_FLOOR) * HALF
    # 2, not 2.0: the number is read in sentences ("2 days left").
    return days.quantize(Decimal(1)) if days == days.to_integral_value() else days


# --- helpers ------------------------------------------------------------------------------------


def _move(overtime: Overtime, *, to: str, by, reason: str, also=None) -> Overtime:
    return transition(
        overtime,
        to=to,
        allowed=OVERTIME_TRANSITIONS,
        by=by,
        reason=reason,
        also=also,
        meanwhile=_("This overtime was decided meanwhile: it is now “%(status)s”."),
    )


def _ask(overtime: Overtime) -> None:
    """Tell whoever acts next."""
    if overtime.status == S.UNCONFIRMED:
        people = supervisors([overtime.site_id])
        kind = "overtime.unconfirmed"
    else:
        heads = list(managers(overtime.staff.company_id, overtime.staff.department_id))
        people = (
            heads + list(supervisors([overtime.site_id]))
            if supervisor_may_approve(overtime)
            else heads
        )
        kind = "overtime.pending"
    own = overtime.staff.user_id
    notification_create(
        recipients=list({u.pk: u for u in people if u.pk != own}.values()),
        kind=kind,
        params=_params(overtime, reason=overtime.reason),
    )


def _tell(overtime: Overtime, *, by) -> None:
    user = overtime.staff.user
    if user is None or user.pk == by.pk:
        return
    notification_create(
        recipients=[user],
        kind="overtime.decided",
        params=_params(overtime, status=overtime.status, note=overtime.decision_note),
    )


def _params(overtime: Overtime, **more) -> dict:
    """What every overtime notification is worded from (attendance/notifications.py)."""
    return {"name": overtime.staff.name, "date": overtime.date, "overtime": overtime.pk, **more}
