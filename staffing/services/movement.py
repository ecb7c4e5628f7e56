"""Writes of entering and leaving a site (SPEC §4): onboarding, resignations, offboarding; change
notices are in staffing.services.notices. Every status change goes through
onsite.transitions.transition; every refusal is a translated Refused."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from onsite.access import refuse_own_record
from onsite.org.models import Assignment, Staff, StaffStatus
from onsite.recipients import hr_admins, supervisors
from onsite.services import notification_create
from onsite.signals import placements_changed_send
from onsite.transitions import Refused, transition
from staffing.models import (
    ChangeKind,
    ChangeNotice,
    ChangeNoticeStatus,
    LeavingReason,
    Offboarding,
    OffboardingItem,
    OffboardingItemKind,
    OffboardingStatus,
    OnboardingItem,
    Resignation,
    ResignationStatus,
)
from staffing.permissions import may_decide_resignation
from staffing.selectors.movement import offboarding_rows
from staffing.services.notices import early_rotation_refusal
from staffing.services.staff import staff_change_status

R = ResignationStatus
N = ChangeNoticeStatus
S = StaffStatus

RESIGNATION_TRANSITIONS: dict[str, frozenset[str]] = {
    R.PENDING: frozenset({R.APPROVED, R.REJECTED, R.WITHDRAWN}),
    R.APPROVED: frozenset(),
    R.REJECTED: frozenset(),
    R.WITHDRAWN: frozenset(),
}

# What the second of two deciders reads, as for leave and overtime.
RESIGNATION_MEANWHILE = gettext_lazy(
    "This resignation was decided meanwhile: it is now “%(status)s”."
)

OFFBOARDING_TRANSITIONS: dict[str, frozenset[str]] = {
    OffboardingStatus.OPEN: frozenset({OffboardingStatus.COMPLETED}),
    OffboardingStatus.COMPLETED: frozenset(),
}

# Reasons after which the person no longer works for the company.
GONE = (LeavingReason.RESIGNATION, LeavingReason.DISMISSAL)


# --- onboarding -------------------------------------------------------------------------------


def onboarding_item_record(
    *, assignment: Assignment, kind: str, by, note: str = ""
) -> OnboardingItem:
    """Tick one item of a placement's onboarding checklist: who, when, and an optional note."""
    refuse_own_record(by=by, staff=assignment.staff)
    with transaction.atomic():
        # The placement's row lock serialises two people ticking the same item at once.
        Assignment.objects.select_for_update().get(pk=assignment.pk)
        item, _created = OnboardingItem.objects.get_or_create(assignment=assignment, kind=kind)
        item.done_by = by
        item.done_at = timezone.now()
        item.note = note
        item._history_user = by
        item.save()
    return item


def onboarding_item_reopen(*, assignment: Assignment, kind: str, by) -> None:
    """Untick an item ticked by mistake; the history keeps who had ticked it."""
    refuse_own_record(by=by, staff=assignment.staff)
    with transaction.atomic():
        item = (
            OnboardingItem.objects.select_for_update()
            .filter(assignment=assignment, kind=kind)
            .first()
        )
        if item is None or item.done_at is None:
            return
        item.done_by = None
        item.done_at = None
        item._history_user = by
        item._change_reason = _("Reopened")
        item.save(update_fields=["done_by", "done_at"])


# --- resignation ------------------------------------------------------------------------------


def resignation_apply(
    *, staff: Staff, leaving_on: datetime.date, reason: str, by, today: datetime.date | None = None
) -> Resignation:
    """A person applies to leave; their current site's supervisors and HR decide."""
    today = today or timezone.localdate()
    if leaving_on < today:
        raise Refused(_("The last working day has passed."))
    # The main placement first: a backup placement elsewhere is not where the person works.
    placement = (
        Assignment.objects.active_on(today)
        .filter(staff=staff)
        .select_related("site")
        .order_by("backup", "-start")
        .first()
    )
    if placement is None:
        raise Refused(_("You have no current placement to resign from; please speak to HR."))
    if Offboarding.objects.filter(assignment=placement).exists():
        raise Refused(
            _("Your offboarding from %(site)s has already started.") % {"site": placement.site.name}
        )
    with transaction.atomic():
        # The staff row lock serialises two applications sent at once (a double click).
        Staff.objects.select_for_update().get(pk=staff.pk)
        if Resignation.objects.filter(staff=staff, status=R.PENDING).exists():
            raise Refused(_("You already have a resignation waiting for a decision."))
        resignation = Resignation(
            staff=staff, assignment=placement, leaving_on=leaving_on, reason=reason
        )
        resignation._history_user = by
        resignation.save()
        notification_create(
            recipients=[*hr_admins(staff.company_id), *supervisors([placement.site_id])],
            kind="movement.resignation_applied",
            params={
                "name": staff.name,
                "date": leaving_on,
                "reason": reason,
                "resignation": resignation.pk,
            },
        )
    return resignation


def _tell_applicant(resignation: Resignation, *, approved: bool, note: str = "") -> None:
    user = resignation.staff.user
    if user is not None:
        notification_create(
            recipients=[user],
            kind="movement.resignation_decided",
            params={
                "approved": approved,
                "date": resignation.leaving_on,
                "note": note,
                "resignation": resignation.pk,
            },
        )


def _ensure_may_decide(resignation: Resignation, by) -> None:
    """The rule itself, so a call from a view, a command or a task is refused alike."""
    if not may_decide_resignation(by, resignation):
        refuse_own_record(by=by, staff=resignation.staff)
        raise Refused(_("Only HR of the company or a supervisor of the site decides this."))


def _decide(resignation: Resignation, *, to: str, by, reason: str, also) -> Resignation:
    """The transition, with the message the second of two deciders reads: what happened."""
    return transition(
        resignation,
        to=to,
        allowed=RESIGNATION_TRANSITIONS,
        by=by,
        reason=reason,
        also=also,
        meanwhile=str(RESIGNATION_MEANWHILE),
    )


def resignation_approve(
    *, resignation: Resignation, by, note: str = "", today: datetime.date | None = None
) -> Resignation:
    """Approve, and start the offboarding of the placement the person leaves. Two approvers at
    once: the row lock in transition() lets one through; the other is refused."""
    _ensure_may_decide(resignation, by)
    with transaction.atomic():
        resignation = _decide(
            resignation,
            to=R.APPROVED,
            by=by,
            reason=note,
            also={"decided_by": by, "decided_at": timezone.now(), "decision_reason": note},
        )
        offboarding_start(
            assignment=resignation.assignment,
            reason=LeavingReason.RESIGNATION,
            leaving_on=resignation.leaving_on,
            by=by,
            resignation=resignation,
            today=today,
        )
        _tell_applicant(resignation, approved=True, note=note)
    return resignation


def resignation_reject(*, resignation: Resignation, by, reason: str) -> Resignation:
    _ensure_may_decide(resignation, by)
    reason = reason.strip()
    if not reason:
        raise Refused(_("Give a reason for the rejection."))
    with transaction.atomic():
        resignation = _decide(
            resignation,
            to=R.REJECTED,
            by=by,
            reason=reason,
            also={"decided_by": by, "decided_at": timezone.now(), "decision_reason": reason},
        )
        _tell_applicant(resignation, approved=False, note=reason)
    return resignation


def resignation_withdraw(*, resignation: Resignation, by) -> Resignation:
    return transition(
        resignation, to=R.WITHDRAWN, allowed=RESIGNATION_TRANSITIONS, by=by, reason=_("Withdrawn")
    )


# --- offboarding ------------------------------------------------------------------------------


def offboarding_start(
    *,
    assignment: Assignment,
    reason: str,
    leaving_on: datetime.date,
    by,
    successor: Staff | None = None,
    note: str = "",
    resignation: Resignation | None = None,
    today: datetime.date | None = None,
) -> Offboarding:
    """Open the offboarding checklist of a placement and move the person to “leaving”."""
    today = today or timezone.localdate()
    staff = assignment.staff
    refuse_own_record(by=by, staff=staff)
    site = assignment.site
    if leaving_on < assignment.start:
        raise Refused(
            _("The last working day is before the placement started, on %(date)s.")
            % {"date": assignment.start}
        )
    if assignment.end is not None and assignment.end < today:
        raise Refused(_("This placement already ended on %(date)s.") % {"date": assignment.end})
    if successor is not None:
        if successor.pk == staff.pk:
            raise Refused(_("A person cannot hand their work over to themselves."))
        if successor.company_id != staff.company_id:
            raise Refused(_("%(name)s works for another company.") % {"name": successor.name})
        if successor.status in (S.LEFT, S.BANNED):
            raise Refused(
                _("%(name)s is “%(status)s” and cannot take over the work.")
                % {"name": successor.name, "status": successor.get_status_display()}
            )
    if reason == LeavingReason.ROTATION:
        refusal = early_rotation_refusal(
            assignment=assignment, on=leaving_on, company=staff.company, site=site
        )
        overridden = (
            ChangeNotice.objects.filter(
                leaving=staff, site=site, kind=ChangeKind.ROTATION, early_rotation=True
            )
            .exclude(status=N.RETURNED)
            .exists()
        )
        if refusal and not overridden:
            raise Refused(
                refusal,
                _("A manager can allow it on a change notice for the rotation."),
            )
    with transaction.atomic():
        # The placement's row lock: two starts at once make one offboarding.
        Assignment.objects.select_for_update().get(pk=assignment.pk)
        if Offboarding.objects.filter(assignment=assignment).exists():
            raise Refused(
                _("The offboarding of %(name)s from %(site)s has already started.")
                % {"name": staff.name, "site": site.name}
            )
        offboarding = Offboarding(
            assignment=assignment,
            reason=reason,
            leaving_on=leaving_on,
            successor=successor,
            resignation=resignation,
            note=note,
            started_by=by,
        )
        offboarding._history_user = by
        offboarding.save()
        bulk_create_with_history(
            [OffboardingItem(offboarding=offboarding, kind=kind) for kind in OffboardingItemKind],
            OffboardingItem,
            default_user=by,
        )
        staff = Staff.objects.select_for_update().get(pk=staff.pk)
        if staff.status != S.LEAVING:
            staff_change_status(
                staff=staff,
                to=S.LEAVING,
                by=by,
                reason=_("Leaving %(site)s: %(reason)s")
                % {"site": site.name, "reason": offboarding.get_reason_display()},
            )
        notification_create(
            recipients=[*hr_admins(staff.company_id), *supervisors([site.pk])],
            kind="movement.offboarding_started",
            params={
                "name": staff.name,
                "site": site.name,
                "date": leaving_on,
                "leaving_reason": offboarding.reason,
                "assignment": assignment.pk,
            },
        )
    return offboarding


def _lock_open(offboarding: Offboarding) -> Offboarding:
    locked = Offboarding.objects.select_for_update().get(pk=offboarding.pk)
    if locked.status != OffboardingStatus.OPEN:
        raise Refused(_("This offboarding is completed; its checklist can no longer change."))
    return locked


def offboarding_item_record(*, item: OffboardingItem, by, note: str = "") -> OffboardingItem:
    refuse_own_record(by=by, staff=item.offboarding.assignment.staff)
    with transaction.atomic():
        _lock_open(item.offboarding)
        item.done_by = by
        item.done_at = timezone.now()
        item.note = note
        item._history_user = by
        item.save(update_fields=["done_by", "done_at", "note"])
    return item


def offboarding_item_reopen(*, item: OffboardingItem, by) -> OffboardingItem:
    refuse_own_record(by=by, staff=item.offboarding.assignment.staff)
    with transaction.atomic():
        _lock_open(item.offboarding)
        item.done_by = None
        item.done_at = None
        item._history_user = by
        item._change_reason = _("Reopened")
        item.save(update_fields=["done_by", "done_at"])
    return item


def _status_after_leaving(offboarding: Offboarding, today: datetime.date) -> str | None:
    """Where the person stands once this placement has ended (None: leave the status alone).

    Still placed elsewhere today (a backup placement at another site) → on site; another
    placement to come → qualified; none → left after a resignation or dismissal, else
    qualified (rotation, replacement, contract end and site ban keep the person employed)."""
    others = (
        Assignment.objects.filter(staff_id=offboarding.assignment.staff_id)
        .exclude(pk=offboarding.assignment_id)
        .exclude(offboarding__status=OffboardingStatus.COMPLETED)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
    )
    running = others.filter(start__lte=today)
    if running.filter(offboarding__status=OffboardingStatus.OPEN).exists():
        return None  # still leaving the other site too
    if running.exists():
        return S.ON_SITE
    if others.exists() or offboarding.reason not in GONE:
        return S.QUALIFIED
    return S.LEFT


def offboarding_complete(
    *, offboarding: Offboarding, by, today: datetime.date | None = None
) -> Offboarding:
    """Refused while an item is open or before the last working day; then the placement ends
    on the last working day and the person's status follows (see _status_after_leaving)."""
    today = today or timezone.localdate()
    refuse_own_record(by=by, staff=offboarding.assignment.staff)
    with transaction.atomic():
        locked = _lock_open(offboarding)
        open_items = [str(row.label) for row in offboarding_rows(locked) if not row.done]
        if open_items:
            raise Refused(
                _("Offboarding cannot be completed while items are open: %(items)s.")
                % {"items": "、".join(open_items)}
            )
        if today < locked.leaving_on:
            raise Refused(
                _("Offboarding can be completed from the last working day, %(date)s.")
                % {"date": locked.leaving_on}
            )
        locked = transition(
            locked,
            to=OffboardingStatus.COMPLETED,
            allowed=OFFBOARDING_TRANSITIONS,
            by=by,
            also={"completed_by": by, "completed_at": timezone.now()},
        )
        assignment = Assignment.objects.select_for_update().get(pk=locked.assignment_id)
        if assignment.end is None or assignment.end > locked.leaving_on:
            assignment.end = locked.leaving_on
            assignment._history_user = by
            assignment._change_reason = _("Offboarding completed: %(reason)s") % {
                "reason": locked.get_reason_display()
            }
            assignment.save(update_fields=["end"])
            # Days after the last working day are no longer judged at this site.
            placements_changed_send(
                sender=Assignment, staff_ids=[assignment.staff_id], start=assignment.end, end=today
            )
        staff = Staff.objects.select_for_update().get(pk=assignment.staff_id)
        to = _status_after_leaving(locked, today)
        if staff.status == S.LEAVING and to is not None:
            staff_change_status(
                staff=staff,
                to=to,
                by=by,
                reason=_("Left %(site)s: %(reason)s")
                % {"site": assignment.site.name, "reason": locked.get_reason_display()},
            )
        notification_create(
            recipients=[*hr_admins(staff.company_id), *supervisors([assignment.site_id])],
            kind="movement.offboarding_completed",
            params={"name": staff.name, "site": assignment.site.name, "assignment": assignment.pk},
        )
    offboarding.status = locked.status
    offboarding.completed_by = locked.completed_by
    offboarding.completed_at = locked.completed_at
    return locked
