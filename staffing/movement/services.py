"""Writes of entering and leaving a site (SPEC §4). Every status change goes through
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
from onsite.policy import policy_for
from onsite.recipients import hr_admins, supervisors
from onsite.services import notification_create
from onsite.signals import placements_changed_send
from onsite.transitions import Refused, transition
from staffing.models import Assignment, Contract, Site, Staff, StaffStatus
from staffing.movement.dates import months_between
from staffing.movement.models import (
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
from staffing.movement.selectors import is_manager_of, offboarding_rows
from staffing.permissions import may_confirm_notice, may_decide_resignation
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


# --- change notices ---------------------------------------------------------------------------


def _placement_at(staff: Staff, site: Site, today: datetime.date) -> Assignment | None:
    # The placement there now or the next one to begin, not the one that wins a day.
    return (
        Assignment.objects.filter(staff=staff, site=site)
        .overlapping(today, None)
        .order_by("start")
        .first()
    )


def _early_rotation(
    *, assignment: Assignment, on: datetime.date, company, site: Site
) -> str | None:
    """The refusal when `on` falls within the first rotation_min_months of the placement."""
    minimum = policy_for(company=company, site=site).rotation_min_months
    months = months_between(assignment.start, on)
    if months >= minimum:
        return None
    return _(
        "%(name)s will have been at %(site)s for %(months)s months on %(date)s; a rotation needs "
        "at least %(minimum)s."
    ) % {
        "name": assignment.staff.name,
        "site": site.name,
        "months": months,
        "date": on,
        "minimum": minimum,
    }


def change_notice_file(
    *,
    site: Site,
    kind: str,
    planned_on: datetime.date,
    reason: str,
    by,
    leaving: Staff | None = None,
    incoming: Staff | None = None,
    override_reason: str = "",
    today: datetime.date | None = None,
) -> ChangeNotice:
    """《运维人员变动通知》, filed at least `change_notice_days` ahead. A shorter notice, or a
    rotation within the first `rotation_min_months`, is refused unless a manager of the company
    overrides it with a reason; the override is recorded on the notice."""
    today = today or timezone.localdate()
    override_reason = override_reason.strip()
    # Filing one's own departure or arrival decides on oneself.
    for person in (leaving, incoming):
        if person is not None:
            refuse_own_record(by=by, staff=person)
    if leaving is None and incoming is None:
        raise Refused(_("Name who leaves, who comes, or both."))
    if kind == ChangeKind.ADDITION and leaving is not None:
        raise Refused(_("An addition brings someone in; nobody leaves."))
    if kind in (ChangeKind.REPLACEMENT, ChangeKind.ROTATION, ChangeKind.DEPARTURE) and not leaving:
        raise Refused(_("Name the person who leaves."))
    if kind == ChangeKind.ADDITION and incoming is None:
        raise Refused(_("Name the person who comes."))
    if leaving and incoming and leaving.pk == incoming.pk:
        raise Refused(_("The person who leaves and the person who comes must differ."))
    company = (leaving or incoming).company
    if leaving and incoming and incoming.company_id != leaving.company_id:
        raise Refused(_("Both people must work for the same company."))
    if not Contract.objects.filter(company=company, sites=site).exists():
        raise Refused(
            _("%(company)s has no contract covering %(site)s.")
            % {"company": company.name, "site": site.name}
        )
    if planned_on < today:
        raise Refused(_("The planned date has passed."))
    problems = []
    early = False
    if leaving is not None:
        placement = _placement_at(leaving, site, today)
        if placement is None:
            raise Refused(
                _("%(name)s is not placed at %(site)s.") % {"name": leaving.name, "site": site.name}
            )
        if kind == ChangeKind.ROTATION:
            refusal = _early_rotation(
                assignment=placement, on=planned_on, company=company, site=site
            )
            if refusal:
                problems.append(refusal)
                early = True
    if incoming is not None and incoming.status in (S.LEFT, S.BANNED):
        raise Refused(
            _("%(name)s is “%(status)s” and cannot be placed.")
            % {"name": incoming.name, "status": incoming.get_status_display()}
        )
    required = policy_for(company=company, site=site).change_notice_days
    days = (planned_on - today).days
    if days < required:
        problems.insert(
            0,
            _("A change of personnel needs %(required)s days' notice; this one gives %(days)s.")
            % {"required": required, "days": days},
        )
    overridden_by = None
    if problems:
        if not is_manager_of(by, company.pk):
            raise Refused(
                *problems,
                _("Only a manager of %(company)s can override this, with a reason.")
                % {"company": company.name},
            )
        if not override_reason:
            raise Refused(*problems, _("Give a reason for the override to file it anyway."))
        overridden_by = by
    with transaction.atomic():
        notice = ChangeNotice(
            company=company,
            site=site,
            kind=kind,
            leaving=leaving,
            incoming=incoming,
            planned_on=planned_on,
            reason=reason,
            filed_by=by,
            notice_days=days,
            required_days=required,
            early_rotation=early,
            override_reason=override_reason if overridden_by else "",
            overridden_by=overridden_by,
        )
        notice._history_user = by
        notice.save()
        names = " → ".join(p.name for p in (leaving, incoming) if p is not None)
        notification_create(
            recipients=[*hr_admins(company.pk), *supervisors([site.pk])],
            kind="movement.change_notice",
            params={
                "site": site.name,
                "date": planned_on,
                "names": names,
                "reason": reason,
                "notice": notice.pk,
            },
        )
    return notice


CHANGE_NOTICE_TRANSITIONS: dict[str, frozenset[str]] = {
    N.FILED: frozenset({N.CONFIRMED, N.RETURNED}),
    N.CONFIRMED: frozenset(),
    N.RETURNED: frozenset(),
}
CHANGE_NOTICE_MEANWHILE = gettext_lazy(
    "This change notice was answered meanwhile: it is now “%(status)s”."
)


def _answer_notice(notice: ChangeNotice, *, to: str, by, note: str) -> ChangeNotice:
    """Confirm or return: the rule, then the transition (row lock, re-check, history), then
    whoever filed it and HR are told."""
    if not may_confirm_notice(by, notice):
        for person in (notice.leaving, notice.incoming):
            if person is not None:
                refuse_own_record(by=by, staff=person)
        raise Refused(
            _("Only a supervisor of the site confirms a change notice filed by someone else.")
        )
    with transaction.atomic():
        notice = transition(
            notice,
            to=to,
            allowed=CHANGE_NOTICE_TRANSITIONS,
            by=by,
            reason=note or _("Confirmed"),
            also={"decided_by": by, "decided_at": timezone.now(), "decision_note": note},
            meanwhile=str(CHANGE_NOTICE_MEANWHILE),
        )
        recipients = {notice.filed_by, *hr_admins(notice.company_id)} - {by}
        notification_create(
            recipients=sorted(recipients, key=lambda u: u.pk),
            kind="movement.change_notice_answered",
            params={
                "site": notice.site.name,
                "date": notice.planned_on,
                "confirmed": to == N.CONFIRMED,
                "note": note,
                "notice": notice.pk,
            },
        )
    return notice


def change_notice_confirm(*, notice: ChangeNotice, by, note: str = "") -> ChangeNotice:
    """The site has the notice and agrees to the change as planned."""
    return _answer_notice(notice, to=N.CONFIRMED, by=by, note=note.strip())


def change_notice_return(*, notice: ChangeNotice, by, note: str) -> ChangeNotice:
    """The site does not take the notice as it is (a date, a person); the note says why. A
    returned rotation notice no longer allows an early rotation."""
    note = note.strip()
    if not note:
        raise Refused(_("Say why the change notice is returned."))
    return _answer_notice(notice, to=N.RETURNED, by=by, note=note)


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
        refusal = _early_rotation(
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
