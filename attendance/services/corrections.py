"""Corrections (补卡, SPEC §6): a staff member asks for a punch they missed, with a reason; a
supervisor of the site (or HR) approves or rejects it. Approved, it becomes a punch of its own
source; the original punches are never edited, and the request and its decision stay in the
history."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.models import Correction, CorrectionStatus, Punch, PunchSource
from attendance.permissions import may_decide_correction
from attendance.services.months import ensure_open
from attendance.services.punches import (
    not_placed_message,
    placements_at,
    punch_exists_message,
    recompute_day,
    to_minute,
)
from onsite.access import refuse_own_record
from onsite.org.models import Staff
from onsite.recipients import hr_admins, supervisors
from onsite.services import notification_create
from onsite.transitions import Refused, transition

C = CorrectionStatus

CORRECTION_TRANSITIONS: dict[str, frozenset[str]] = {
    C.PENDING: frozenset({C.APPROVED, C.REJECTED}),
}
# What the second of two deciders reads, as for leave and overtime.
MEANWHILE = gettext_lazy("This correction was decided meanwhile: it is now “%(status)s”.")


def local_date(correction: Correction) -> datetime.date:
    return correction.at.astimezone(zoneinfo.ZoneInfo(correction.site.time_zone)).date()


def correction_request(*, staff: Staff, at: datetime.datetime, reason: str, by) -> Correction:
    """The person asks for the punch at `at` (today or earlier, while placed somewhere); the
    supervisors of that site are told."""
    if staff.user_id is None or staff.user_id != by.pk:
        raise Refused(_("A correction is requested by the person who missed the punch."))
    reason = reason.strip()
    if not reason:
        raise Refused(_("Say why the punch is missing."))
    at = to_minute(at)
    if at > timezone.now():
        raise Refused(_("A correction cannot be for a time that has not come yet."))
    placements = placements_at(staff=staff, at=at)
    if not placements:
        raise Refused(not_placed_message(staff=staff, date=timezone.localtime(at).date()))
    assignment, local = placements[0]
    site = assignment.site
    day = local.date()
    ensure_open(site=site, dates=[day])
    if Punch.objects.filter(staff=staff, at=at).exists():
        raise Refused(punch_exists_message(local))
    with transaction.atomic():
        # The staff row lock serialises two requests sent at once (a double click).
        Staff.objects.select_for_update().get(pk=staff.pk)
        zone = zoneinfo.ZoneInfo(site.time_zone)
        day_start = datetime.datetime.combine(day, datetime.time(), zone)
        if Correction.objects.filter(
            staff=staff,
            status=C.PENDING,
            at__gte=day_start,
            at__lt=day_start + datetime.timedelta(days=1),
        ).exists():
            raise Refused(
                _(
                    "You already have a correction for %(date)s waiting for a decision; "
                    "wait for it before asking again."
                )
                % {"date": day.isoformat()}
            )
        correction = Correction(staff=staff, site=site, at=at, reason=reason)
        correction._history_user = by
        correction.save()
        recipients = list(supervisors([site.pk])) or list(hr_admins(staff.company_id))
        notification_create(
            recipients=recipients,
            kind="attendance.correction_requested",
            params={
                "name": staff.name,
                "time": f"{local:%Y-%m-%d %H:%M}",
                "reason": reason,
                "correction": correction.pk,
            },
        )
    return correction


def _ensure_may_decide(correction: Correction, by) -> None:
    staff = correction.staff
    if not may_decide_correction(by, correction):
        refuse_own_record(by=by, staff=staff)
        raise Refused(_("Only a supervisor of the site or HR decides this correction."))


def _move(correction: Correction, *, to: str, by, reason: str, also) -> Correction:
    """The transition, with the message the second of two deciders reads: what happened."""
    return transition(
        correction,
        to=to,
        allowed=CORRECTION_TRANSITIONS,
        by=by,
        reason=reason,
        also=also,
        meanwhile=MEANWHILE,
    )


def _tell_requester(correction: Correction, note: str) -> None:
    user = correction.staff.user
    if user is not None:
        notification_create(
            recipients=[user],
            kind="attendance.correction_decided",
            params={
                "time": _local_text(correction),
                "status": correction.status,
                "note": note,
                "correction": correction.pk,
            },
        )


def correction_approve(*, correction: Correction, by, note: str = "") -> Correction:
    """Approve: the requested punch is added (unless one is there already) and the day judged
    again. Two deciders at once: the row lock lets one through; the other is refused."""
    _ensure_may_decide(correction, by)
    note = note.strip()
    day = local_date(correction)
    ensure_open(site=correction.site, dates=[day])
    with transaction.atomic():
        correction = _move(
            correction,
            to=C.APPROVED,
            by=by,
            reason=note or _("Approved"),
            also={"decided_by": by, "decided_at": timezone.now(), "decision_note": note},
        )
        _add_punch(correction, by)
        recompute_day(staff=correction.staff, date=day)
        _tell_requester(correction, note)
    return correction


def _add_punch(correction: Correction, by) -> None:
    """The approved punch, unless the minute has one already (a device file came in since)."""
    if Punch.objects.filter(staff_id=correction.staff_id, at=correction.at).exists():
        return
    try:
        with transaction.atomic():
            Punch.objects.create(
                staff_id=correction.staff_id,
                site_id=correction.site_id,
                at=correction.at,
                source=PunchSource.CORRECTION,
                reason=correction.reason,
                created_by=by,
            )
    except IntegrityError:
        pass  # an import added that minute meanwhile: the punch is there either way


def correction_reject(*, correction: Correction, by, note: str) -> Correction:
    _ensure_may_decide(correction, by)
    note = note.strip()
    if not note:
        raise Refused(_("Give a reason for the rejection."))
    ensure_open(site=correction.site, dates=[local_date(correction)])
    with transaction.atomic():
        correction = _move(
            correction,
            to=C.REJECTED,
            by=by,
            reason=note,
            also={"decided_by": by, "decided_at": timezone.now(), "decision_note": note},
        )
        _tell_requester(correction, note)
    return correction


def _local_text(correction: Correction) -> str:
    local = correction.at.astimezone(zoneinfo.ZoneInfo(correction.site.time_zone))
    return f"{local:%Y-%m-%d %H:%M}"
