"""Deciding leave (SPEC §7): the site's supervisor approves or rejects; leave longer than the
policy's days then waits for a company manager; the requester cancels, before or after the
approval. Every decision goes through the one transition service (locked, checked, recorded
with its reason), and a decision touching a closed month waits until HR reopens it."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance import permissions
from attendance.models import Leave, LeaveStatus
from attendance.services.months import ensure_open
from attendance.tasks import queue_recompute
from onsite.access import refuse_own_record
from onsite.policy import policy_for
from onsite.recipients import managers
from onsite.services import notification_create
from onsite.transitions import Refused, transition

S = LeaveStatus
LEAVE_TRANSITIONS = {
    S.PENDING: {S.APPROVED, S.PENDING_MANAGER, S.REJECTED, S.CANCELLED},
    S.PENDING_MANAGER: {S.APPROVED, S.REJECTED, S.CANCELLED},
    S.APPROVED: {S.CANCELLED},
}


# The rules live in attendance.permissions; these names are the ones views and tests know.
may_decide = permissions.may_decide_leave
may_cancel = permissions.may_cancel_leave


def days_with_extended(leave: Leave) -> Decimal:
    """The days of `leave` and of the approved leave it extends, back to the first request
    (SPEC §7: 3 days approved, then 2 more asked, is 5 days for the second stage)."""
    total = leave.days or Decimal(0)
    seen = {leave.pk}
    extended = leave.extends
    while extended is not None and extended.pk not in seen:
        seen.add(extended.pk)
        if extended.status == S.APPROVED:
            total += extended.days or Decimal(0)
        extended = extended.extends
    return total


def _refuse_unless_deciding(leave: Leave, by) -> None:
    if may_decide(by, leave):
        return
    refuse_own_record(by=by, staff=leave.staff)
    # A decider who read the request while it waited for them, and finds it decided by someone
    # else first, is told what happened rather than that they may not decide it.
    waiting = (S.PENDING, S.PENDING_MANAGER)
    if leave.status not in waiting and any(
        permissions.leave_decides_at(by, leave, stage) for stage in waiting
    ):
        raise Refused(
            _("This leave was decided meanwhile: it is now “%(status)s”.")
            % {"status": leave.get_status_display()}
        )
    raise Refused(_("You may not decide this leave."))


def leave_approve(*, leave: Leave, by, note: str = "") -> Leave:
    _refuse_unless_deciding(leave, by)
    ensure_open(site=leave.site, dates=[leave.start, leave.end])
    second_stage = policy_for(company=leave.staff.company, site=leave.site).leave_second_stage_days
    to = S.APPROVED
    if leave.status == S.PENDING and days_with_extended(leave) > second_stage:
        to = S.PENDING_MANAGER
    with transaction.atomic():
        decided = _move(
            leave,
            to=to,
            by=by,
            reason=note,
            also={"decided_by": by, "decided_at": timezone.now(), "decision_note": note},
        )
        if to == S.APPROVED:
            queue_recompute(start=leave.start, end=leave.end, staff_ids=[leave.staff_id])
        else:
            _ask_managers(decided, by=by)
        _tell(decided, by=by)
    return decided


def leave_reject(*, leave: Leave, by, note: str) -> Leave:
    _refuse_unless_deciding(leave, by)
    if not note.strip():
        raise Refused(_("Say why the leave is rejected."))
    with transaction.atomic():
        decided = _move(
            leave,
            to=S.REJECTED,
            by=by,
            reason=note.strip(),
            also={"decided_by": by, "decided_at": timezone.now(), "decision_note": note.strip()},
        )
        _tell(decided, by=by)
    return decided


def leave_cancel(*, leave: Leave, by, reason: str) -> Leave:
    """The requester withdraws a request, or gives back approved leave; a supervisor of the
    site may cancel approved leave too (the person came back early)."""
    if not may_cancel(by, leave):
        raise Refused(_("You may not cancel this leave."))
    if not reason.strip():
        raise Refused(_("Say why the leave is cancelled."))
    was_approved = leave.status == S.APPROVED
    if was_approved:
        ensure_open(site=leave.site, dates=[leave.start, leave.end])
    with transaction.atomic():
        cancelled = _move(leave, to=S.CANCELLED, by=by, reason=reason.strip())
        if was_approved:
            queue_recompute(start=leave.start, end=leave.end, staff_ids=[leave.staff_id])
        _tell(cancelled, by=by)
    return cancelled


def _move(leave: Leave, *, to: str, by, reason: str, also=None) -> Leave:
    """The transition, with the message the second of two deciders reads: what happened."""
    return transition(
        leave,
        to=to,
        allowed=LEAVE_TRANSITIONS,
        by=by,
        reason=reason,
        also=also,
        meanwhile=_("This leave was decided meanwhile: it is now “%(status)s”."),
    )


def _tell(leave: Leave, *, by) -> None:
    """The requester ("your leave") and the cover person ("张三's leave") hear of every
    decision."""
    params = {
        "name": leave.staff.name,
        "start": leave.start,
        "end": leave.end,
        "status": leave.status,
        "note": leave.decision_note,
        "leave": leave.pk,
    }
    for person, kind in ((leave.staff, "leave.decided"), (leave.cover, "leave.cover_decided")):
        if person is not None and person.user_id and person.user_id != by.pk:
            notification_create(recipients=[person.user], kind=kind, params=params)


def _ask_managers(leave: Leave, *, by) -> None:
    """Long leave passed by the supervisor waits for a manager of the company: they are told."""
    staff = leave.staff
    notification_create(
        recipients=[
            u
            for u in managers(staff.company_id, staff.department_id)
            if u.pk not in (by.pk, staff.user_id)
        ],
        kind="leave.pending_manager",
        params={
            "name": staff.name,
            "start": leave.start,
            "end": leave.end,
            "reason": leave.reason,
            "leave": leave.pk,
        },
    )
