"""The absence explanation (《缺勤情况说明》, SPEC §6): when a month's sheet requires one, the
staff member writes it; a supervisor of the site (or HR) accepts it or returns it to be
rewritten. Every version and decision stays in the history."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attendance.models import Explanation, ExplanationStatus
from attendance.permissions import may_review_explanation
from onsite.access import refuse_own_record
from onsite.org.models import Site, Staff
from onsite.recipients import hr_admins, supervisors
from onsite.services import notification_create
from onsite.transitions import Refused, transition

E = ExplanationStatus

EXPLANATION_TRANSITIONS: dict[str, frozenset[str]] = {
    E.SUBMITTED: frozenset({E.ACCEPTED, E.RETURNED}),
    E.RETURNED: frozenset({E.SUBMITTED}),
}
# What the second of two reviewers reads, as for leave and overtime.
MEANWHILE = gettext_lazy("This explanation was reviewed meanwhile: it is now “%(status)s”.")


def explanation_is_required(*, staff: Staff, site: Site, month: datetime.date) -> bool:
    # The sheet decides (absent days or late minutes above the policy's thresholds).
    from attendance.selectors.sheet import explanation_required

    return explanation_required(staff=staff, site=site, month=month.replace(day=1))


def explanation_submit(
    *, staff: Staff, site: Site, month: datetime.date, text: str, by
) -> Explanation:
    """Write the month's explanation, or rewrite one that was returned; the site's supervisors
    are told. Refused when the month's sheet requires none."""
    if staff.user_id is None or staff.user_id != by.pk:
        raise Refused(_("An absence explanation is written by the person it is about."))
    text = text.strip()
    if not text:
        raise Refused(_("Write the explanation."))
    month = month.replace(day=1)
    existing = Explanation.objects.filter(staff=staff, site=site, month=month).first()
    if existing is not None and existing.status == E.ACCEPTED:
        raise Refused(
            _("Your explanation for %(month)s is already accepted.") % _names(site, month)
        )
    if existing is not None and existing.status == E.SUBMITTED:
        raise Refused(
            _("Your explanation for %(month)s waits for review; it can be rewritten if returned.")
            % _names(site, month)
        )
    if existing is None and not explanation_is_required(staff=staff, site=site, month=month):
        raise Refused(
            _("No absence explanation is required of you for %(month)s at %(site)s.")
            % _names(site, month)
        )
    with transaction.atomic():
        if existing is None:
            explanation = Explanation(staff=staff, site=site, month=month, text=text)
            explanation._history_user = by
            try:
                with transaction.atomic():
                    explanation.save()
            except IntegrityError:
                raise Refused(
                    _(
                        "Your explanation for %(month)s waits for review; it can be rewritten if "
                        "returned."
                    )
                    % _names(site, month)
                ) from None
        else:
            explanation = transition(
                existing,
                to=E.SUBMITTED,
                allowed=EXPLANATION_TRANSITIONS,
                by=by,
                reason=_("Rewritten"),
                # The return note was about the old text; the history keeps both.
                also={
                    "text": text,
                    "reviewed_by": None,
                    "review_note": "",
                    "submitted_at": timezone.now(),
                },
            )
        recipients = list(supervisors([site.pk])) or list(hr_admins(staff.company_id))
        notification_create(
            recipients=recipients,
            kind="attendance.explanation_submitted",
            params={
                "name": staff.name,
                "month": f"{month:%Y-%m}",
                "text": text,
                "explanation": explanation.pk,
            },
        )
    return explanation


def _names(site: Site, month: datetime.date) -> dict[str, str]:
    return {"site": site.name, "month": f"{month:%Y-%m}"}


def _ensure_may_review(explanation: Explanation, by) -> None:
    if not may_review_explanation(by, explanation):
        refuse_own_record(by=by, staff=explanation.staff)
        raise Refused(_("Only a supervisor of the site or HR reviews this explanation."))


def _review(explanation: Explanation, *, to: str, by, note: str, reason: str):
    _ensure_may_review(explanation, by)
    with transaction.atomic():
        explanation = transition(
            explanation,
            to=to,
            allowed=EXPLANATION_TRANSITIONS,
            by=by,
            reason=reason,
            also={"reviewed_by": by, "review_note": note},
            meanwhile=MEANWHILE,
        )
        user = explanation.staff.user
        if user is not None:
            notification_create(
                recipients=[user],
                kind="attendance.explanation_reviewed",
                params={
                    "month": f"{explanation.month:%Y-%m}",
                    "status": explanation.status,
                    "note": note,
                    "explanation": explanation.pk,
                },
            )
    return explanation


def explanation_accept(*, explanation: Explanation, by, note: str = "") -> Explanation:
    note = note.strip()
    return _review(
        explanation,
        to=E.ACCEPTED,
        by=by,
        note=note,
        reason=note or _("Accepted"),
    )


def explanation_return(*, explanation: Explanation, by, note: str) -> Explanation:
    """Send it back to be rewritten; the note says what is missing."""
    note = note.strip()
    if not note:
        raise Refused(_("Say what the explanation is missing."))
    return _review(
        explanation,
        to=E.RETURNED,
        by=by,
        note=note,
        reason=note,
    )
