"""What happens to a result after its cycle closes (SPEC §12): the person acknowledges it
(签字确认) or appeals it within [5] days with a reason; the appeal reopens their scores for their
manager, who upholds it (after re-scoring) or rejects it, and the decision is in the result's
history; the manager records the outcome (bonus, promotion, transfer, training)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment import permissions as rules
from assessment.models import AppealDecision, Outcome, Result, ResultStatus
from onsite.policy import policy_for
from onsite.recipients import managers
from onsite.services import notification_create
from onsite.transitions import Refused, transition

R = ResultStatus
RESULT_TRANSITIONS: dict[str, frozenset[str]] = {
    R.PENDING: frozenset({R.ACKNOWLEDGED, R.APPEALED}),
    R.APPEALED: frozenset({R.REVIEWED}),
    R.REVIEWED: frozenset({R.ACKNOWLEDGED}),
}
RESULT_MEANWHILE = gettext_lazy("This result changed meanwhile: it is now “%(status)s”.")
REASON_LENGTH = Result._meta.get_field("appeal_reason").max_length
NOTE_LENGTH = Result._meta.get_field("outcome_note").max_length

APPEALED = "assessment.appealed"
APPEAL_DECIDED = "assessment.appeal_decided"
RESULTS_READY = "assessment.results_ready"


def appeal_deadline(result: Result) -> datetime.datetime | None:
    """The end of the last day of the appeal window: [5] days after the day the cycle closed,
    on the company's clock; None while the cycle is not closed."""
    closed_at = result.cycle.closed_at
    if not result.cycle.is_closed or closed_at is None:
        return None
    days = policy_for(company=result.cycle.company_id).assessment_appeal_days
    last_day = timezone.localdate(closed_at) + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(last_day, datetime.time.max))


def _closed(result: Result) -> None:
    if not result.cycle.is_closed:
        raise Refused(
            _("The cycle %(label)s is not closed yet: its results may still change.")
            % {"label": result.cycle.label}
        )


def _move(result: Result, *, to: str, by, reason: str = "", also=None) -> Result:
    return transition(
        result,
        to=to,
        allowed=RESULT_TRANSITIONS,
        by=by,
        reason=reason,
        also=also,
        meanwhile=str(RESULT_MEANWHILE),
    )


def result_acknowledge(*, result: Result, by) -> Result:
    if not rules.owns_result(by, result):
        raise Refused(_("Only the person assessed acknowledges their result."))
    _closed(result)
    return _move(result, to=R.ACKNOWLEDGED, by=by, also={"acknowledged_at": timezone.now()})


def result_appeal(*, result: Result, by, reason: str, now: datetime.datetime | None = None):
    if not rules.owns_result(by, result):
        raise Refused(_("Only the person assessed appeals their result."))
    _closed(result)
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Say why you appeal the result."))
    if len(reason) > REASON_LENGTH:
        raise Refused(
            _("Keep the reason within %(length)s characters.") % {"length": REASON_LENGTH}
        )
    deadline = appeal_deadline(result)
    if (now or timezone.now()) > deadline:
        raise Refused(
            _("The result could be appealed until %(date)s; that time has passed.")
            % {"date": f"{timezone.localtime(deadline):%Y-%m-%d}"}
        )
    result = _move(
        result,
        to=R.APPEALED,
        by=by,
        reason=reason,
        also={"appeal_reason": reason, "appealed_at": timezone.now()},
    )
    staff = result.staff
    recipients = [
        user
        for user in managers(staff.company_id, staff.department_id)
        if rules.may_decide_appeal(user, result)
    ]
    notification_create(recipients=recipients, kind=APPEALED, params=_params(result))
    return result


def appeal_decide(*, result: Result, by, decision: str, note: str = "") -> Result:
    """Uphold (the scores were changed while the appeal was open) or reject the appeal; either
    way the cycle's results and ranks are computed again from the scores as they now stand."""
    from assessment.services.cycles import results_compute

    if decision not in AppealDecision.values:
        raise Refused(_("Uphold or reject the appeal."))
    if not rules.may_decide_appeal(by, result):
        raise Refused(_("Only a manager of %(name)s decides the appeal.") % _names(result))
    note = (note or "").strip()
    if decision == AppealDecision.REJECTED and not note:
        raise Refused(_("Say why the appeal is rejected."))
    if len(note) > REASON_LENGTH:
        raise Refused(
            _("Keep the reason within %(length)s characters.") % {"length": REASON_LENGTH}
        )
    with transaction.atomic():
        result = _move(
            result,
            to=R.REVIEWED,
            by=by,
            reason=note or str(AppealDecision(decision).label),
            also={
                "appeal_decision": decision,
                "appeal_decided_at": timezone.now(),
                "appeal_decided_by": by,
            },
        )
        results_compute(cycle=result.cycle)
        result.refresh_from_db()
    notification_create(
        recipients=[result.staff.user] if result.staff.user_id else [],
        kind=APPEAL_DECIDED,
        params={
            "result": result.pk,
            "cycle": result.cycle.label,
            "upheld": decision == AppealDecision.UPHELD,
            "note": note,
        },
    )
    return result


def appeal_uphold(*, result: Result, by, note: str = "") -> Result:
    return appeal_decide(result=result, by=by, decision=AppealDecision.UPHELD, note=note)


def appeal_reject(*, result: Result, by, note: str = "") -> Result:
    return appeal_decide(result=result, by=by, decision=AppealDecision.REJECTED, note=note)


def outcome_set(*, result: Result, by, outcome: str, note: str = "") -> Result:
    if not rules.may_record_outcome(by, result):
        raise Refused(_("Only a manager of %(name)s records the outcome.") % _names(result))
    _closed(result)
    if outcome not in Outcome.values:
        raise Refused(_("Choose an outcome from the list."))
    note = (note or "").strip()
    if len(note) > NOTE_LENGTH:
        raise Refused(_("Keep the note within %(length)s characters.") % {"length": NOTE_LENGTH})
    with transaction.atomic():
        locked = Result.objects.select_for_update().get(pk=result.pk)
        locked.outcome = outcome
        locked.outcome_note = note
        locked.outcome_by = by
        locked.outcome_at = timezone.now()
        locked._history_user = by
        locked.save(update_fields=["outcome", "outcome_note", "outcome_by", "outcome_at"])
    return locked


def results_announce(*, cycle) -> None:
    """Tell the people assessed that their result is ready, with the last day to appeal."""
    results = list(
        Result.objects.filter(cycle=cycle, status=R.PENDING)
        .select_related("staff__user", "cycle")
        .exclude(staff__user=None)
    )
    if not results:
        return
    deadline = appeal_deadline(results[0])
    notification_create(
        recipients=[r.staff.user for r in results],
        kind=RESULTS_READY,
        params={
            "cycle": cycle.label,
            "date": f"{timezone.localtime(deadline):%Y-%m-%d}",
        },
    )


def _names(result: Result) -> dict:
    return {"name": result.staff.name}


def _params(result: Result) -> dict:
    return {
        "result": result.pk,
        "name": result.staff.name,
        "cycle": result.cycle.label,
        "reason": result.appeal_reason,
    }
