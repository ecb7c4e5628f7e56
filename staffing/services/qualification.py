"""Qualification checks (SPEC §3): recording a verdict, expiry, reminders and replacement."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite.access import refuse_own_record
from onsite.org.models import Assignment, Staff, StaffStatus
from onsite.policy import policy_for
from onsite.recipients import hr_admins, supervisors
from onsite.reminders import reminders_send
from onsite.services import notification_create
from onsite.transitions import TransitionError
from staffing.models import CheckStatus, Condition, QualificationCheck
from staffing.services.staff import staff_change_status

C = CheckStatus

CHECK_TRANSITIONS: dict[str, frozenset[str]] = {
    C.PENDING: frozenset({C.PASSED, C.FAILED}),
    C.PASSED: frozenset({C.FAILED, C.EXPIRED}),
    C.FAILED: frozenset({C.PASSED, C.PENDING}),
    C.EXPIRED: frozenset({C.PASSED, C.PENDING}),
}
# Conditions whose evidence runs out (健康证 has an expiry date).
EXPIRING = frozenset({Condition.HEALTH})


def checks_ensure(*, staff: Staff) -> None:
    """Every person has one check per condition, pending until someone verifies it."""
    QualificationCheck.objects.bulk_create(
        [QualificationCheck(staff=staff, condition=condition) for condition in Condition],
        ignore_conflicts=True,
    )


def checks_missing(*, staff: Staff, on: datetime.date) -> list[str]:
    """Labels of the conditions not met on `on`: not passed, or passed but expired by then."""
    checks = {check.condition: check for check in staff.checks.all()}
    missing = []
    for condition in Condition:
        check = checks.get(condition)
        if (
            check is None
            or check.status != C.PASSED
            or (check.expires_on is not None and check.expires_on < on)
        ):
            missing.append(str(condition.label))
    return missing


def check_record(
    *,
    check: QualificationCheck,
    status: str,
    by,
    expires_on: datetime.date | None = None,
    evidence=None,
    note: str = "",
    today: datetime.date | None = None,
) -> QualificationCheck:
    """Record a verifier's verdict on one check, then bring the person's status in line."""
    refuse_own_record(by=by, staff=check.staff)
    today = today or timezone.localdate()
    if status == C.PASSED and check.condition in EXPIRING and expires_on is None:
        raise TransitionError(_("A health certificate needs its expiry date."))
    if status == C.PASSED and expires_on is not None and expires_on <= today:
        raise TransitionError(_("The expiry date has already passed."))
    with transaction.atomic():
        locked = QualificationCheck.objects.select_for_update().get(pk=check.pk)
        if status != locked.status and status not in CHECK_TRANSITIONS[locked.status]:
            raise TransitionError(
                _("Cannot change from “%(current)s” to “%(to)s”.")
                % {"current": locked.get_status_display(), "to": CheckStatus(status).label}
            )
        locked.status = status
        locked.verified_by = by
        locked.verified_on = today
        locked.expires_on = expires_on
        locked.note = note
        if evidence is not None:
            locked.evidence = evidence
        locked._history_user = by
        locked._change_reason = note
        locked.save()
        _after_change(locked, by=by, today=today)
    return locked


def _after_change(check: QualificationCheck, *, by, today: datetime.date) -> None:
    staff = Staff.objects.select_for_update().get(pk=check.staff_id)
    if check.status == C.PASSED:
        if staff.status == StaffStatus.CANDIDATE and not checks_missing(staff=staff, on=today):
            staff_change_status(
                staff=staff, to=StaffStatus.QUALIFIED, by=by, reason=_("All checks passed")
            )
        return
    reason = _("Qualification no longer met: %(condition)s") % {
        "condition": check.get_condition_display()
    }
    if staff.status == StaffStatus.QUALIFIED:
        staff_change_status(staff=staff, to=StaffStatus.CANDIDATE, by=by, reason=reason)
    elif staff.status == StaffStatus.ON_SITE:
        _tell_replacement_needed(staff=staff, check=check, today=today)


def _tell_replacement_needed(*, staff: Staff, check: QualificationCheck, today) -> None:
    """第九条: when a person on site stops meeting a condition, the site's supervisors and HR
    are told that a replacement is needed."""
    site_ids = (
        Assignment.objects.active_on(today).filter(staff=staff).values_list("site_id", flat=True)
    )
    notification_create(
        recipients=[*hr_admins(staff.company_id), *supervisors(site_ids)],
        kind="qualification.replacement_needed",
        params={
            "name": staff.name,
            "condition": check.condition,
            "status": check.status,
            "staff": staff.pk,
        },
    )


def checks_expire(*, today: datetime.date | None = None) -> int:
    """Mark passed checks whose expiry date is behind us as expired; safe to run twice."""
    today = today or timezone.localdate()
    due = QualificationCheck.objects.filter(status=C.PASSED, expires_on__lt=today)
    expired = 0
    for check_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            check = QualificationCheck.objects.select_for_update().get(pk=check_id)
            if check.status != C.PASSED or not check.expires_on or check.expires_on >= today:
                continue
            check.status = C.EXPIRED
            check._change_reason = _("Expired on %(date)s") % {"date": check.expires_on}
            check.save(update_fields=["status"])
            _after_change(check, by=None, today=today)
            expired += 1
    return expired


EXPIRY_REMINDER = "qualification.expiring"


def checks_remind_expiring(*, today: datetime.date | None = None) -> int:
    """Tell HR once per check and expiry date that it expires within the company's reminder
    period; a renewed certificate has a new expiry date, so it is reminded of again."""
    today = today or timezone.localdate()
    candidates = (
        QualificationCheck.objects.filter(status=C.PASSED, expires_on__gte=today)
        .select_related("staff__company")
        .order_by("expires_on")
    )
    policies: dict[int, int] = {}

    def due(check: QualificationCheck) -> bool:
        company_id = check.staff.company_id
        if company_id not in policies:
            policies[company_id] = policy_for(
                company=check.staff.company
            ).qualification_reminder_days
        return check.expires_on <= today + datetime.timedelta(days=policies[company_id])

    def send(check: QualificationCheck) -> None:
        notification_create(
            recipients=hr_admins(check.staff.company_id),
            kind=EXPIRY_REMINDER,
            params={
                "name": check.staff.name,
                "condition": check.condition,
                "date": check.expires_on,
                "staff": check.staff_id,
            },
        )

    return reminders_send(
        kind=EXPIRY_REMINDER,
        items=(check for check in candidates if due(check)),
        key=lambda check: str(check.pk),
        period=lambda check: check.expires_on.isoformat(),
        send=send,
    )


def qualification_daily(*, today: datetime.date | None = None) -> dict[str, int]:
    return {
        "expired": checks_expire(today=today),
        "reminded": checks_remind_expiring(today=today),
    }
