"""Change notices (《运维人员变动通知》, SPEC §4): filed ahead by HR or a manager, with a manager's
override when short or an early rotation, then confirmed or returned by the site."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onsite.access import refuse_own_record
from onsite.org.models import Assignment, Contract, Site, Staff, StaffStatus
from onsite.periods import whole_months
from onsite.policy import policy_for
from onsite.recipients import hr_admins, supervisors
from onsite.services import notification_create
from onsite.transitions import Refused, transition
from staffing.models import ChangeKind, ChangeNotice, ChangeNoticeStatus
from staffing.permissions import may_confirm_notice
from staffing.selectors.movement import is_manager_of

N = ChangeNoticeStatus
S = StaffStatus


def _placement_at(staff: Staff, site: Site, today: datetime.date) -> Assignment | None:
    # The placement there now or the next one to begin, not the one that wins a day.
    return (
        Assignment.objects.filter(staff=staff, site=site)
        .overlapping(today, None)
        .order_by("start")
        .first()
    )


def early_rotation_refusal(
    *, assignment: Assignment, on: datetime.date, company, site: Site
) -> str | None:
    """The refusal when `on` falls within the first rotation_min_months of the placement."""
    minimum = policy_for(company=company, site=site).rotation_min_months
    months = whole_months(assignment.start, on)
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
            refusal = early_rotation_refusal(
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
