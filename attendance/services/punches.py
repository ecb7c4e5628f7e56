"""Punches entered by people (SPEC §6): by HR or a supervisor by hand with a reason, and by staff
checking in on the web at server time. Each is one punch per person and minute, belongs to the
site the person was placed at then, and judges that day again at once."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance import permissions
from attendance.models import Punch, PunchSource
from attendance.services.days import days_recompute
from attendance.services.months import ensure_open
from onsite.access import refuse_own_record
from onsite.org.models import Assignment, Staff
from onsite.transitions import Refused

ONE_DAY = datetime.timedelta(days=1)


# --- shared by the services of people's entries -------------------------------------------------

# Who acts for a person at a site is one rule, in attendance.permissions.
may_act_for = permissions.may_act_for


def to_minute(at: datetime.datetime) -> datetime.datetime:
    """Punches are kept to the minute (SPEC §6: a repeat within the minute is the same punch)."""
    return at.replace(second=0, microsecond=0)


def placements_at(
    *, staff: Staff, at: datetime.datetime
) -> list[tuple[Assignment, datetime.datetime]]:
    """The placements `staff` held at the instant `at`, each with `at` in its site's local time;
    the main placement before a backup one, the latest first."""
    guess = timezone.localtime(at).date()
    found = []
    for assignment in _placements_around(staff, guess):
        local = at.astimezone(zoneinfo.ZoneInfo(assignment.site.time_zone))
        if _covers(assignment, local.date()):
            found.append((assignment, local))
    return found


def placements_on(*, staff: Staff, date: datetime.date) -> list[Assignment]:
    """The placements `staff` held on the (site-local) date, main before backup."""
    return [a for a in _placements_around(staff, date) if _covers(a, date)]


def _placements_around(staff: Staff, date: datetime.date) -> list[Assignment]:
    # A day either side: a site in another time zone may be on another date at the same instant.
    return list(
        Assignment.objects.filter(staff=staff)
        .overlapping(date - ONE_DAY, date + ONE_DAY)
        .by_precedence()
        .select_related("site")
    )


def _covers(assignment: Assignment, date: datetime.date) -> bool:
    return assignment.start <= date and (assignment.end is None or date <= assignment.end)


def not_placed_message(*, staff: Staff, date: datetime.date) -> str:
    return _("%(name)s is not placed at any site on %(date)s.") % {
        "name": staff.name,
        "date": date.isoformat(),
    }


def recompute_day(*, staff: Staff, date: datetime.date) -> None:
    days_recompute(start=date, end=date, staff_ids=[staff.pk])


# --- punches ------------------------------------------------------------------------------------


def punch_add_manual(*, staff: Staff, at: datetime.datetime, reason: str, by) -> Punch:
    """A punch entered by HR or a site supervisor, with the reason (a broken device, a forgotten
    card). Refused at a minute that already has a punch, in a closed month, or in the future."""
    reason = reason.strip()
    if not reason:
        raise Refused(_("Give a reason for entering the punch by hand."))
    at = to_minute(at)
    if at > timezone.now():
        raise Refused(_("A punch cannot be entered for a time that has not come yet."))
    placements = placements_at(staff=staff, at=at)
    if not placements:
        raise Refused(not_placed_message(staff=staff, date=timezone.localtime(at).date()))
    # With a backup placement elsewhere, the punch belongs to a site the enterer acts for.
    chosen = next(
        (
            (assignment, local)
            for assignment, local in placements
            if may_act_for(by, staff=staff, site_id=assignment.site_id)
        ),
        None,
    )
    if chosen is None:
        refuse_own_record(by=by, staff=staff)
        raise Refused(_("You may not enter punches for %(name)s.") % {"name": staff.name})
    assignment, local = chosen
    ensure_open(site=assignment.site, dates=[local.date()])
    with transaction.atomic():
        punch = _create(
            staff=staff,
            site=assignment.site,
            at=at,
            local=local,
            source=PunchSource.MANUAL,
            reason=reason,
            by=by,
        )
        recompute_day(staff=staff, date=local.date())
    return punch


def punch_check_in(*, staff: Staff, by, now: datetime.datetime | None = None) -> Punch:
    """A staff member checks in or out on the web: a punch at the server's time where they are
    placed today. A second click in the same minute returns the first punch."""
    if staff.user_id is None or staff.user_id != by.pk:
        raise Refused(_("You can only check in for yourself."))
    at = to_minute(now or timezone.now())
    placements = placements_at(staff=staff, at=at)
    if not placements:
        raise Refused(_("You are not placed at any site today, so there is nowhere to check in."))
    assignment, local = placements[0]
    ensure_open(site=assignment.site, dates=[local.date()])
    with transaction.atomic():
        existing = Punch.objects.filter(staff=staff, at=at).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                punch = Punch.objects.create(
                    staff=staff,
                    site=assignment.site,
                    at=at,
                    source=PunchSource.WEB,
                    created_by=by,
                )
        except IntegrityError:
            # The other click of a double click got there first: that punch is this one.
            return Punch.objects.get(staff=staff, at=at)
        recompute_day(staff=staff, date=local.date())
    return punch


def punch_exists_message(local: datetime.datetime) -> str:
    return _("There is already a punch at %(time)s.") % {"time": f"{local:%Y-%m-%d %H:%M}"}


def _create(*, staff, site, at, local, source, reason, by) -> Punch:
    if Punch.objects.filter(staff=staff, at=at).exists():
        raise Refused(punch_exists_message(local))
    try:
        with transaction.atomic():
            return Punch.objects.create(
                staff=staff, site=site, at=at, source=source, reason=reason, created_by=by
            )
    except IntegrityError:
        raise Refused(punch_exists_message(local)) from None
