"""Absences marked by hand (SPEC §6): HR or a supervisor says a person was absent on a working
day whatever the punches show (overstayed leave, someone else worked in their place, went out
without leave), with a reason. Removing a mark needs a reason too; the history keeps both."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.models import AbsenceMark, AbsenceReason
from attendance.selectors.calendar import WorkCalendar
from attendance.services.months import ensure_open
from attendance.services.punches import (
    may_act_for,
    not_placed_message,
    placements_on,
    recompute_day,
)
from onsite.access import refuse_own_record
from onsite.org.models import Staff
from onsite.transitions import Refused


def _already_marked(staff: Staff, date: datetime.date) -> str:
    return _("%(name)s already has an absence marked on %(date)s.") % {
        "name": staff.name,
        "date": date.isoformat(),
    }


def absence_mark(*, staff: Staff, date: datetime.date, reason: str, note: str, by) -> AbsenceMark:
    """Mark `staff` absent on `date` at the site they were placed at then (one the marker acts
    for), and judge the day again."""
    if reason not in AbsenceReason.values:
        raise Refused(_("Choose the reason for the absence."))
    note = note.strip()
    if not note:
        raise Refused(_("Describe what happened in the note."))
    if date > timezone.localdate():
        raise Refused(_("An absence can be marked only for today or an earlier day."))
    placements = placements_on(staff=staff, date=date)
    if not placements:
        raise Refused(not_placed_message(staff=staff, date=date))
    assignment = next(
        (a for a in placements if may_act_for(by, staff=staff, site_id=a.site_id)),
        None,
    )
    if assignment is None:
        refuse_own_record(by=by, staff=staff)
        raise Refused(_("You may not mark absences of %(name)s.") % {"name": staff.name})
    site = assignment.site
    if not WorkCalendar(start=date, end=date, site_ids=[site.pk]).is_working(date, site.pk):
        raise Refused(
            _("%(date)s is not a working day at %(site)s; there is no absence to mark.")
            % {"date": date.isoformat(), "site": site.name}
        )
    ensure_open(site=site, dates=[date])
    if AbsenceMark.objects.filter(staff=staff, date=date).exists():
        raise Refused(_already_marked(staff, date))
    with transaction.atomic():
        mark = AbsenceMark(
            staff=staff, site=site, date=date, reason=reason, note=note, created_by=by
        )
        mark._history_user = by
        try:
            with transaction.atomic():
                mark.save()
        except IntegrityError:
            raise Refused(_already_marked(staff, date)) from None
        recompute_day(staff=staff, date=date)
    return mark


def absence_unmark(*, mark: AbsenceMark, by, reason: str) -> None:
    """Remove the mark (the history keeps it, with who removed it and why) and let the punches
    judge the day again."""
    staff = mark.staff
    if not may_act_for(by, staff=staff, site_id=mark.site_id):
        refuse_own_record(by=by, staff=staff)
        raise Refused(_("You may not remove absences of %(name)s.") % {"name": staff.name})
    reason = reason.strip()
    if not reason:
        raise Refused(_("Say why the absence mark is removed."))
    ensure_open(site=mark.site, dates=[mark.date])
    with transaction.atomic():
        mark._history_user = by
        mark._change_reason = reason
        mark.delete()
        recompute_day(staff=staff, date=mark.date)
