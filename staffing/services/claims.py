"""The review of a claim (SPEC §10): the site's supervisor signs it, a manager approves it first
when it is late, finance approves it and pays it; any review step may return it with a reason to
the claimant, who edits and submits it again. Each step is a transition (row lock, re-check,
history), so two reviewers at once, or a form sent twice, change it once: paying twice pays once.
Nobody reviews or pays their own claim."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onsite.recipients import finance, managers, supervisors
from onsite.services import notification_create
from onsite.transitions import Refused, TransitionError, transition
from staffing import permissions as rules
from staffing.models import Claim, ClaimStatus

S = ClaimStatus
CLAIM_SUBMITTED = "expenses.claim_submitted"
CLAIM_LATE = "expenses.claim_late"
CLAIM_TO_FINANCE = "expenses.claim_to_finance"
CLAIM_RETURNED = "expenses.claim_returned"
CLAIM_PAID = "expenses.claim_paid"
REFERENCE_LENGTH = Claim._meta.get_field("payment_reference").max_length
REASON_LENGTH = Claim._meta.get_field("return_reason").max_length

CLAIM_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.RETURNED: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.SIGNED, S.RETURNED}),
    S.SIGNED: frozenset({S.LATE_APPROVED, S.APPROVED, S.RETURNED}),
    S.LATE_APPROVED: frozenset({S.APPROVED, S.RETURNED}),
    S.APPROVED: frozenset({S.PAID}),
    S.PAID: frozenset(),
}
CLAIM_MEANWHILE = gettext_lazy("This claim was dealt with meanwhile: it is now “%(status)s”.")


def claim_move(claim: Claim, *, to: str, by, reason: str = "", also=None) -> Claim:
    return transition(
        claim,
        to=to,
        allowed=CLAIM_TRANSITIONS,
        by=by,
        reason=reason,
        also=also,
        meanwhile=str(CLAIM_MEANWHILE),
    )


def _params(claim: Claim) -> dict:
    return {
        "claim": claim.pk,
        "number": claim.number,
        "name": claim.staff.name,
        "total": str(claim.total),
        "site": claim.site.name if claim.site else "",
    }


def _own(claim: Claim) -> dict:
    """What the claimant is told about their own claim (their name and site go without saying)."""
    return {"claim": claim.pk, "number": claim.number, "total": str(claim.total)}


def submitted_tell(*, claim: Claim) -> None:
    recipients = [u for u in supervisors([claim.site_id]) if rules.may_sign_claim(u, claim)]
    notification_create(recipients=recipients, kind=CLAIM_SUBMITTED, params=_params(claim))


def _at_finance(claim: Claim) -> None:
    recipients = [u for u in finance(claim.staff.company_id) if rules.may_review_claim(u, claim)]
    notification_create(recipients=recipients, kind=CLAIM_TO_FINANCE, params=_params(claim))


def _refuse_unless(may: bool, claim: Claim) -> None:
    if not may:
        # Someone who could have acted at an earlier stage reads what it is now.
        raise Refused(
            _("You cannot take this step on this claim, which is “%(status)s”.")
            % {"status": claim.get_status_display()}
        )


def claim_sign(*, claim: Claim, by, note: str = "") -> Claim:
    """签字: the supervisor of the claim's site vouches for it. A late claim goes to the managers,
    any other to finance."""
    _refuse_unless(rules.may_sign_claim(by, claim), claim)
    claim = claim_move(
        claim, to=S.SIGNED, by=by, reason=note, also={"signed_at": timezone.now(), "signed_by": by}
    )
    if claim.late:
        recipients = [
            u
            for u in managers(claim.staff.company_id, claim.staff.department_id)
            if rules.may_approve_late(u, claim)
        ]
        notification_create(recipients=recipients, kind=CLAIM_LATE, params=_params(claim))
    else:
        _at_finance(claim)
    return claim


def claim_approve_late(*, claim: Claim, by, note: str = "") -> Claim:
    """A manager lets a late claim through to finance."""
    _refuse_unless(claim.status == S.SIGNED and rules.may_approve_late(by, claim), claim)
    claim = claim_move(claim, to=S.LATE_APPROVED, by=by, reason=note, also={"late_approved_by": by})
    _at_finance(claim)
    return claim


def claim_approve(*, claim: Claim, by, note: str = "") -> Claim:
    """Finance approves a signed claim (a late one once a manager approved it)."""
    _refuse_unless(rules.may_review_claim(by, claim), claim)
    if claim.status == S.SIGNED and claim.late:
        raise Refused(_("This claim is late: a manager approves it before finance."))
    return claim_move(
        claim,
        to=S.APPROVED,
        by=by,
        reason=note,
        also={"approved_at": timezone.now(), "approved_by": by},
    )


def claim_return(*, claim: Claim, by, reason: str) -> Claim:
    """Back to the claimant with a reason, from any review step."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Say why the claim goes back."))
    if len(reason) > REASON_LENGTH:
        raise Refused(
            _("Keep the reason within %(length)s characters.") % {"length": REASON_LENGTH}
        )
    _refuse_unless(rules.may_return_claim(by, claim), claim)
    returned_from = claim.status
    claim = claim_move(
        claim,
        to=S.RETURNED,
        by=by,
        reason=reason,
        also={"return_reason": reason, "returned_from": returned_from},
    )
    notification_create(
        recipients=[claim.staff.user] if claim.staff.user_id else [],
        kind=CLAIM_RETURNED,
        params={**_own(claim), "reason": reason},
    )
    return claim


def _payment(paid_on: datetime.date | None, reference: str) -> tuple[datetime.date, str]:
    reference = (reference or "").strip()
    if paid_on is None:
        raise Refused(_("Enter the payment date."))
    if paid_on > timezone.localdate():
        raise Refused(_("A payment is recorded once it is made, not ahead."))
    if len(reference) > REFERENCE_LENGTH:
        raise Refused(
            _("Keep the payment reference within %(length)s characters.")
            % {"length": REFERENCE_LENGTH}
        )
    return paid_on, reference


def claim_pay(*, claim: Claim, by, paid_on: datetime.date | None, reference: str = "") -> Claim:
    """Finance records the payment of an approved claim; a second payment is refused with what
    the claim is now (paying twice pays once)."""
    paid_on, reference = _payment(paid_on, reference)
    _refuse_unless(rules.may_review_claim(by, claim), claim)
    claim = claim_move(
        claim,
        to=S.PAID,
        by=by,
        reason=reference,
        also={"paid_on": paid_on, "payment_reference": reference, "paid_by": by},
    )
    notification_create(
        recipients=[claim.staff.user] if claim.staff.user_id else [],
        kind=CLAIM_PAID,
        params={**_own(claim), "date": paid_on.isoformat()},
    )
    return claim


def claims_pay(
    *, claims: Iterable[Claim], by, paid_on: datetime.date | None, reference: str = ""
) -> tuple[int, int]:
    """Pay each approved claim of the list, each in its own transaction; those paid meanwhile
    (another finance user, the same form sent twice) are skipped. Returns (paid, skipped)."""
    paid_on, reference = _payment(paid_on, reference)
    paid = skipped = 0
    for claim in claims:
        try:
            with transaction.atomic():
                claim_pay(claim=claim, by=by, paid_on=paid_on, reference=reference)
            paid += 1
        except (TransitionError, Refused):
            skipped += 1
    return paid, skipped
